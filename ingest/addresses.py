"""One canonical form per postal address (地址规范化), so feeds and free text meet at one node.

A waybill feed writes "陕西省西安市长安区工业路21号", a listing "西安市长安区工业路21号", a
complaint "发货地西安长安区工业路21号": three spellings of one place. :func:`canonical`
turns each into the full names of its county-level region followed by the rest of the
address as written (``陕西省西安市长安区工业路21号``), with the region code beside it.

Rules:

- The leading run of place names (province, city, county; full or short names, with the
  glue ``places`` allows between them) is the *prefix*; what follows is the *street part*
  (towns, roads, numbers, parks, markets, stalls). Market towns stay in the street part.
- The region is the most specific code the prefix names, or, when the prefix names none,
  the region the feed gave. A feed's region that is more specific than the prefix and
  lies within it wins (``西安市工业路21号`` with region 610116).
- Without any region the text is kept as cleaned (NFKC, no whitespace): nothing is
  invented.

Every ``addr:`` key is built from this form: ``ingest.mapping`` for feed addresses and the
extractor's ADDRESS entities both call :func:`address_key`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cluehub.graph import identifiers as ids
from cluehub.graph import regions

from . import places

# Characters that may end a written address but belong to no part of it.
_TRAILING = re.compile(r"[\s,，.。;；:：、!！?？]+$")
_LEADING = re.compile(r"^[\s的,，:：]+")


@dataclass(frozen=True, slots=True)
class Placed:
    """An address in canonical form with the region code it lies in (None if unknown)."""

    text: str
    region: str | None


def _clean(raw: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    return _TRAILING.sub("", text)


def _prefix(text: str) -> tuple[str | None, tuple[tuple[int, frozenset[str]], ...]]:
    """The leading run of place names: the most specific code it resolves to (a market
    town counts for its county), and each county-or-higher name in it with its end and
    candidate codes (some resolve only with the feed's region)."""
    run = places.leading_names(text)
    if not run:
        return None, ()
    resolved = [p for p in places.find_places(text[: run[-1].end])]
    names = []
    for match in run:
        if min(c.depth for c in match.candidates) > 3:
            break  # a market town stays in the street part
        names.append((match.end, frozenset(c.code for c in match.candidates)))
    return places.most_specific(resolved), tuple(names)


def _narrower(given: str | None, named: str | None) -> str | None:
    """The feed's region when it is as or more specific than the prefix's and within it."""
    if given is None or regions.get(given) is None:
        return named
    if named is None or regions.is_within(given, named):
        return given
    return named


@lru_cache(maxsize=100_000)
def canonical(raw: str, region: str | None = None) -> Placed:
    """The canonical text of an address and its region (module docstring); memoised (a
    pure function of fixed tables: validation, mapping and resolution ask it again)."""
    text = _clean(raw)
    named, names = _prefix(text)
    code = _narrower(region, named)
    if code is None:
        return Placed(text, None)
    lineage = set(regions.lineage(code))
    end = 0
    for name_end, codes in names:
        if not codes & lineage:
            break  # a name of another region is part of the street (东莞市长安镇: 长安)
        end = name_end
    return Placed(regions.full_name(code) + _LEADING.sub("", text[end:]), code)


def address_key(raw: str, region: str | None = None) -> str:
    """The ``addr:`` node key of an address as written (see :func:`canonical`)."""
    return ids.ADDRESS.key_of(canonical(raw, region).text)
