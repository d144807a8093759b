"""Shop names learnt from the listing feeds, found again in complaint texts.

The extractor finds shop names by their shape (a suffix like 旗舰店, a quote after 店铺);
a name without that shape ("潮鞋汇" after 淘宝, "品牌李宁折扣店10" without a shop word) it
may miss or cut. The listing feeds say exactly which names exist, so every complaint text
is also scanned for them: one Aho-Corasick automaton over the normalised names
(``Shop.name_key``), leftmost-longest, on name boundaries (a known "…店1" is not found
inside "…店10"). Nothing is listed by hand per world: the lexicon is what the graph holds.

One :class:`ShopNames` per process (:data:`SHOP_NAMES`). Listing batches add their names
at once; a complaint batch first reloads the whole list from the store when the number of
shops there changed, at most every :data:`RELOAD_SECONDS` (names written by other
processes arrive that way).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable

import ahocorasick

from cluehub.graph.identifiers import normalize_name
from cluehub.graph.store import GraphStore

from . import queries as q

MIN_LENGTH = 4  # shorter names (鞋店, 潮牌) are words, not names
MAX_NAMES = 2_000_000
RELOAD_SECONDS = 60.0
_WORD = re.compile(r"[0-9A-Za-z]")


class ShopNames:
    """Known shop names and the automaton that finds them (module docstring)."""

    def __init__(self) -> None:
        self._names: set[str] = set()
        self._automaton: ahocorasick.Automaton | None = None
        self._count = -1
        self._loaded_at = float("-inf")
        self._lock = threading.Lock()

    def add(self, names: Iterable[str | None]) -> None:
        new = {n for n in names if n and len(n) >= MIN_LENGTH} - self._names
        if new:
            with self._lock:
                self._names |= new
                self._automaton = None

    def refresh(self, store: GraphStore, *, now: float | None = None) -> None:
        """Reload every name from the store if the shop count changed (rate-limited)."""
        now = time.monotonic() if now is None else now
        if now - self._loaded_at < RELOAD_SECONDS:
            return
        self._loaded_at = now
        count = int(store.run(q.SHOP_COUNT)[0]["n"])
        if count == self._count:
            return
        self._count = count
        self.add(row["name"] for row in store.run(q.SHOP_NAMES, {"cap": MAX_NAMES}))

    def _built(self) -> ahocorasick.Automaton | None:
        with self._lock:
            if self._automaton is None and self._names:
                automaton = ahocorasick.Automaton()
                for name in self._names:
                    automaton.add_word(name, name)
                automaton.make_automaton()
                self._automaton = automaton
            return self._automaton

    def find(self, text: str) -> list[str]:
        """Known names in ``text``, leftmost-longest, each once, in text order."""
        automaton = self._built()
        if automaton is None:
            return []
        norm = normalize_name(text)
        found = sorted(
            ((end - len(name) + 1, end + 1, name) for end, name in automaton.iter(norm)),
            key=lambda m: (m[0], -m[1]),
        )
        names: list[str] = []
        last_end = 0
        for start, end, name in found:
            if start < last_end or not _bounded(norm, start, end):
                continue
            names.append(name)
            last_end = end
        return list(dict.fromkeys(names))


_RUN = re.compile(r"[0-9A-Za-z]+")


def _bounded(text: str, start: int, end: int) -> bool:
    """No letter or digit run goes on across either end of a match: a known "…店" is not
    found in "…店10" (another shop), but is before a phone number ("…店13905941234")."""
    before = start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start])
    run = _RUN.match(text, end)
    after = run is not None and len(run.group()) < 7
    return not before and not after


SHOP_NAMES = ShopNames()
