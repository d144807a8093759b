"""What goes wrong in coordination, as exception types the API layer maps to answers.

Every message names the record, what was wrong and what would be accepted.
"""

from __future__ import annotations


class CasesError(Exception):
    """Base of the room's errors."""


class InvalidInput(CasesError, ValueError):
    """An argument is malformed or inconsistent; the message says what is accepted."""


class NotFound(CasesError, LookupError):
    """A record named by key does not exist."""


class PermissionDenied(CasesError, PermissionError):
    """The acting bureau or role may not do this; the message says who may."""


class InvalidTransition(CasesError, ValueError):
    """A status change the flow does not allow; the message lists the allowed ones."""
