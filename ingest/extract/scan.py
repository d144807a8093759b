"""The state one text passes through while finders run: its gazetteer marks and claimed spans.

Finders run in a fixed order (URLs, platform ids, order numbers, codes, waybills, phones,
then names). Each claims the characters of what it found by masking them in
:attr:`Scan.masked`, so a later finder never reads a phone inside a URL or a waybill inside
an order number. Offsets never move: masking replaces characters one for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MASK = "\ue000"  # a private-use character: no digit, letter, space or punctuation
# Characters that end a clause: an anchor word never reaches across them.
CLAUSE_END = re.compile(r"[。;!?\n；！？]")


@dataclass(frozen=True, slots=True)
class Mark:
    """A gazetteer phrase match: [start, end) in the normalised text and the code it names."""

    start: int
    end: int
    id: str


@dataclass(slots=True)
class Scan:
    """A normalised text, its phrase marks by label, and the text with claimed spans masked."""

    text: str
    marks: dict[str, list[Mark]]
    masked: str = field(init=False)

    def __post_init__(self) -> None:
        self.masked = self.text

    def of(self, label: str) -> list[Mark]:
        return self.marks.get(label, [])

    def claim(self, start: int, end: int) -> None:
        """Mask [start, end) so later finders skip it."""
        if end > start:
            self.masked = self.masked[:start] + MASK * (end - start) + self.masked[end:]

    def is_free(self, start: int, end: int) -> bool:
        return MASK not in self.masked[start:end]

    def same_clause(self, a: int, b: int) -> bool:
        """True when no clause-ending punctuation lies between offsets a and b."""
        lo, hi = min(a, b), max(a, b)
        return CLAUSE_END.search(self.text, lo, hi) is None

    def nearest(self, label: str, start: int, end: int, window: int) -> Mark | None:
        """The mark of ``label`` closest to [start, end) within ``window`` chars, same clause."""
        best: tuple[int, Mark] | None = None
        for mark in self.of(label):
            if mark.end <= start:
                gap = start - mark.end
            elif mark.start >= end:
                gap = mark.start - end
            else:
                gap = 0  # inside or overlapping the span: "单号均为中通：7890…"
            if gap > window:
                continue
            if not self.same_clause(min(mark.end, end), max(mark.start, start)):
                continue
            if best is None or gap < best[0]:
                best = (gap, mark)
        return best[1] if best else None
