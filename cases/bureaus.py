"""Bureaus (市场监管部门) at every level, their superiors, and the regional blocs.

There is one bureau per region code of the GB/T 2260 table (``cluehub.graph.regions``),
identified ``bureau:<code>``; the national root 100000 is SAMR (国家市场监督管理总局).
Two kinds of region have none:

- placeholder cities (``市辖区``, ``县``, ``直辖县``): the districts of Beijing, Tianjin,
  Shanghai and Chongqing and the province-administered counties answer to the province;
- Hong Kong, Macau and Taiwan (810000, 820000, 710000): outside the mainland bureaus.

Which regions have a bureau (placeholders, outside the mainland) is the jurisdiction
rules' knowledge (``cluehub.analysis.jurisdiction``); this module names the bureaus. Everything
here is pure and derived from the packaged tables, so routing and permission rules can be
tested without a store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cluehub.analysis.jurisdiction import OUTSIDE_MAINLAND, has_bureau
from cluehub.analysis.jurisdiction import is_mainland as is_mainland  # re-exported
from cluehub.analysis.jurisdiction import is_placeholder as _is_placeholder
from cluehub.graph import regions

from .errors import InvalidInput

PREFIX = "bureau:"
NATIONAL_ID = PREFIX + regions.NATIONAL
SUFFIX = "市场监督管理局"


@dataclass(frozen=True, slots=True)
class Bureau:
    """A market-regulation bureau: its home region, level and names."""

    code: str
    name: str  # 荔城区市场监督管理局
    long_name: str  # 莆田市荔城区市场监督管理局 (county names repeat across cities)
    level: regions.Level

    @property
    def id(self) -> str:
        return PREFIX + self.code

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"


@dataclass(frozen=True, slots=True)
class Bloc:
    """A regional cooperation bloc for joint enforcement (区域协同执法, 003 §3.3)."""

    id: str
    name: str
    name_en: str
    members: tuple[str, ...]

    def covers(self, code: str) -> bool:
        """True when the region lies in one of the bloc's member regions."""
        return any(regions.is_within(code, member) for member in self.members)


def code_of(ref: str) -> str:
    """The region code of a bureau reference (``bureau:350304`` or ``350304``)."""
    if not isinstance(ref, str):
        raise InvalidInput(f"bureau reference {ref!r} must be a string like bureau:350304")
    code = ref[len(PREFIX) :] if ref.startswith(PREFIX) else ref
    if len(code) != 6 or not code.isdigit():
        raise InvalidInput(
            f"'{ref}' is not a bureau: expected bureau:<6-digit region code>, e.g. bureau:350304"
        )
    return code


@cache
def _bureau(code: str) -> Bureau:
    region = regions.get(code)
    assert region is not None
    if region.level == "national":
        return Bureau(code, "国家市场监督管理总局", "国家市场监督管理总局", "national")
    name = region.name + SUFFIX
    parent = _parent_bureau_code(code)
    prefix = "" if parent is None or parent == regions.NATIONAL else regions.get(parent).name  # type: ignore[union-attr]
    return Bureau(code, name, prefix + name, region.level)


def _parent_bureau_code(code: str) -> str | None:
    region = regions.get(code)
    while region is not None and region.parent:
        region = regions.get(region.parent)
        if region is not None and (region.level == "national" or has_bureau(region.code)):
            return region.code
    return None


def get(ref: str) -> Bureau:
    """The bureau for ``bureau:<code>`` (or a bare code); clear errors for the rest."""
    code = code_of(ref)
    region = regions.get(code)
    if region is None:
        raise InvalidInput(f"'{ref}': region code {code} is not in the GB/T 2260 table")
    if region.province in OUTSIDE_MAINLAND:
        raise InvalidInput(
            f"'{ref}': {region.name} has no mainland market-regulation bureau; "
            "cooperate through the Greater Bay Area / Pan-Pearl River Delta mechanism"
        )
    if _is_placeholder(region):
        raise InvalidInput(
            f"'{ref}': {regions.full_name(code) or region.name} ({region.name}) is a placeholder "
            f"division with no bureau of its own; use the province, "
            f"{PREFIX}{region.province}"
        )
    return _bureau(code)


def bureau_id(ref: str) -> str:
    """The canonical id of a bureau reference, after checking the bureau exists."""
    return get(ref).id


def of_region(code: str) -> Bureau:
    """The bureau responsible for a region: its own, or the nearest superior's for a
    placeholder city (Beijing's 市辖区 answers to 北京市市场监督管理局)."""
    region = regions.get(code)
    if region is None:
        raise InvalidInput(f"region code '{code}' is not in the GB/T 2260 table")
    if has_bureau(code) or region.level == "national":
        return _bureau(code)
    if region.province in OUTSIDE_MAINLAND:
        raise InvalidInput(f"region {code} ({region.name}) has no mainland bureau")
    parent = _parent_bureau_code(code)
    assert parent is not None
    return _bureau(parent)


def superior(ref: str) -> Bureau | None:
    """The next bureau up (county → city → province → SAMR); None for SAMR."""
    parent = _parent_bureau_code(get(ref).code)
    return _bureau(parent) if parent is not None else None


def superiors(ref: str) -> tuple[Bureau, ...]:
    """Every bureau above, nearest first, ending with SAMR."""
    return _superiors(get(ref).code)


@cache
def _superiors(code: str) -> tuple[Bureau, ...]:
    chain: list[Bureau] = []
    parent = _parent_bureau_code(code)
    while parent is not None:
        chain.append(_bureau(parent))
        parent = _parent_bureau_code(parent)
    return tuple(chain)


def is_superior(upper: str, lower: str) -> bool:
    """True when ``upper`` is strictly above ``lower`` (SAMR is above every other bureau)."""
    upper_id = bureau_id(upper)
    return any(b.id == upper_id for b in superiors(lower))


def is_within(lower: str, upper: str) -> bool:
    """True when ``lower`` is ``upper`` or below it."""
    return bureau_id(lower) == bureau_id(upper) or is_superior(upper, lower)


def common_superior(*refs: str) -> Bureau:
    """The lowest bureau strictly above every given bureau (共同上一级).

    Two counties of one city → the city; a county and its own city → the province; a
    single bureau → its superior. Designated jurisdiction (指定管辖) is decided here.
    """
    if not refs:
        raise InvalidInput("common_superior needs at least one bureau")
    chains = [superiors(ref) for ref in refs]
    for candidate in chains[0]:
        if all(candidate in chain for chain in chains[1:]):
            return candidate
    raise InvalidInput(
        f"{', '.join(refs)} have no common superior (SAMR itself has none): "
        "a request involving SAMR is decided by SAMR"
    )


def lowest_common(*refs: str) -> Bureau:
    """The lowest bureau that is one of, or above, all given bureaus."""
    ids = {bureau_id(ref) for ref in refs}
    if len(ids) == 1:
        return get(next(iter(ids)))
    for candidate in (get(refs[0]), *superiors(refs[0])):
        if all(is_within(ref, candidate.id) for ref in ids):
            return candidate
    return _bureau(regions.NATIONAL)  # pragma: no cover - SAMR is above all


def lineages(*refs: str) -> tuple[str, ...]:
    """The region codes of the bureaus and all their superiors below national, without
    repeats: what a record shared by these bureaus is tagged with for visibility."""
    codes: list[str] = []
    for ref in refs:
        codes.extend(c for c in regions.lineage(code_of(ref)) if c not in codes)
    return tuple(codes)


def label(ref: str) -> str:
    """How messages name a bureau: '荔城区市场监督管理局 (bureau:350304)'."""
    try:
        return str(get(ref))
    except InvalidInput:
        return ref


def all_bureaus() -> list[Bureau]:
    """Every bureau of the table, SAMR first, in code order."""
    return [_bureau(r.code) for r in regions.all_regions() if r.level == "national"] + sorted(
        (_bureau(r.code) for r in regions.all_regions() if has_bureau(r.code)),
        key=lambda b: b.code,
    )


# --- regional blocs -------------------------------------------------------------------------


@cache
def blocs() -> tuple[Bloc, ...]:
    """The regional cooperation blocs from ``data/blocs.json``."""
    text = (Path(__file__).parent / "data" / "blocs.json").read_text("utf-8")
    return tuple(
        Bloc(b["id"], b["name"], b["name_en"], tuple(b["members"]))
        for b in json.loads(text)["blocs"]
    )


def bloc(bloc_id: str) -> Bloc:
    for candidate in blocs():
        if candidate.id == bloc_id:
            return candidate
    known = ", ".join(b.id for b in blocs())
    raise InvalidInput(f"unknown bloc '{bloc_id}' (known: {known})")


def blocs_of(code: str) -> tuple[Bloc, ...]:
    """The blocs a region belongs to (Shenzhen 440300: Pan-PRD and the Greater Bay Area)."""
    return tuple(b for b in blocs() if b.covers(code))


def shared_blocs(codes: list[str] | tuple[str, ...]) -> tuple[Bloc, ...]:
    """The blocs that cover every one of the regions."""
    return tuple(b for b in blocs() if codes and all(b.covers(c) for c in codes))
