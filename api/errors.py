"""Errors the API shows to people as they are; everything else is masked (MaskErrors).

Each carries a GraphQL ``extensions.code`` so clients can react without parsing text,
and a message that says what was wrong and what would be accepted.
"""

from __future__ import annotations

from typing import ClassVar


class ApiError(Exception):
    """An error whose message is safe and useful to show the caller."""

    code: ClassVar[str] = "BAD_REQUEST"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = {"code": self.code}


class BadInput(ApiError):
    """An argument out of range or malformed (page size, id, identifier, reason)."""

    code = "BAD_USER_INPUT"


class Forbidden(ApiError):
    """The caller's role may not do this."""

    code = "FORBIDDEN"


class NotFound(ApiError):
    """No such object in the caller's scope. Deliberately the same for "does not exist"
    and "exists outside your region", so refusals never confirm that data exists."""

    code = "NOT_FOUND"


class AuthError(Exception):
    """Missing or invalid credentials: answered with HTTP 401 before any GraphQL runs."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
