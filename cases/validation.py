"""Shared input checks for free text (reasons, results, comments): present and bounded."""

from __future__ import annotations

from cluehub.cases.errors import InvalidInput

MAX_TEXT = 4000


def require_text(value: str, field: str, where: str, limit: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"{where}: {field} is empty")
    if len(text) > limit:
        raise InvalidInput(f"{where}: {field} is {len(text)} chars (at most {limit})")
    return text
