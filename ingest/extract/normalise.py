"""NFKC normalisation that remembers where every character came from.

Extraction runs on NFKC text (full-width digits and letters become ASCII: ``１３８`` → ``138``,
``：`` → ``:``), but entities must point into the text the user gave so a UI can highlight
them. :func:`normalise` folds character by character and keeps, for each output character,
the index of the input character it came from.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Normalised:
    """NFKC text and, unless it equals the original, a map back to original offsets."""

    text: str
    origin: tuple[int, ...] | None  # origin[i]: original index of text[i]; None = identity

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the normalised [start, end)."""
        if self.origin is None:
            return start, end
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


# Character -> its NFKC form, filled as characters are met (a few thousand in practice);
# the characters met so far, and those among them whose form is not one character.
_FOLDED: dict[int, str] = {}
_KNOWN: set[str] = set()
_MULTI: set[str] = set()


def normalise(raw: str) -> Normalised:
    """NFKC of ``raw`` with an offset map; cheap when ``raw`` is already NFKC or when every
    character folds to exactly one (full-width digits and punctuation: the usual case)."""
    if unicodedata.is_normalized("NFKC", raw):
        return Normalised(raw, None)
    chars = set(raw)
    for char in chars - _KNOWN:
        folded = _FOLDED[ord(char)] = unicodedata.normalize("NFKC", char)
        if len(folded) != 1:
            _MULTI.add(char)
        _KNOWN.add(char)
    if chars.isdisjoint(_MULTI):
        return Normalised(raw.translate(_FOLDED), None)
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(raw):
        folded = unicodedata.normalize("NFKC", char)
        parts.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(raw))  # so an empty span at the very end maps too
    return Normalised("".join(parts), tuple(origin))
