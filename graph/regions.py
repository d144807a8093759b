"""The administrative-division tree (行政区划, GB/T 2260) from the packaged table.

A region code is six digits ``PPCCDD``: a province ends in ``0000``, a city in ``00``.
The table (``data/regions.tsv``, built by ``scripts/build_regions.py``) also holds the
national root ``100000`` so every region has a chain of superiors up to SAMR.

Visibility and routing both stand on :func:`lineage`: a node tagged with a county's
lineage (county, city, province) is found by an index lookup on any of those codes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Level = Literal["national", "province", "city", "county"]
NATIONAL = "100000"
LEVELS: tuple[Level, ...] = ("national", "province", "city", "county")


@dataclass(frozen=True, slots=True)
class Region:
    """One division: its code, names, superior and level."""

    code: str
    name: str
    short: str
    parent: str | None
    level: Level

    @property
    def province(self) -> str:
        return NATIONAL if self.level == "national" else self.code[:2] + "0000"

    @property
    def city(self) -> str | None:
        return self.code[:4] + "00" if self.level in ("city", "county") else None


@cache
def _table() -> dict[str, Region]:
    text = resources.files(__package__).joinpath("data", "regions.tsv").read_text("utf-8")
    table: dict[str, Region] = {}
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("code\t") or not line.strip():
            continue
        code, name, short, parent, level = line.split("\t")
        table[code] = Region(code, name, short, parent or None, level)  # type: ignore[arg-type]
    return table


def get(code: str) -> Region | None:
    """The region with this code, or None when the code is not in the table."""
    return _table().get(code)


def all_regions() -> Iterator[Region]:
    return iter(_table().values())


@cache
def lineage(code: str) -> tuple[str, ...]:
    """The code and all its superiors below national, most specific first.

    ``lineage('350304') == ('350304', '350300', '350000')``. Unknown codes that are
    well-formed still get their structural ancestors so no data is lost.
    """
    region = get(code)
    if region is None:
        candidates = [code, code[:4] + "00", code[:2] + "0000"]
        return tuple(dict.fromkeys(c for c in candidates if c != NATIONAL))
    chain: list[str] = []
    current: Region | None = region
    while current is not None and current.code != NATIONAL:
        chain.append(current.code)
        current = get(current.parent) if current.parent else None
    return tuple(chain)


def is_within(code: str, ancestor: str) -> bool:
    """True when ``code`` is ``ancestor`` or lies below it (national holds everything)."""
    return ancestor == NATIONAL or ancestor in lineage(code)


def full_name(code: str) -> str:
    """'福建省莆田市荔城区' for 350304; municipal '市辖区' placeholders are skipped."""
    parts = [get(c) for c in reversed(lineage(code))]
    return "".join(r.name for r in parts if r is not None and r.name not in ("市辖区", "县"))
