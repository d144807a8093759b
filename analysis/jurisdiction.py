"""Jurisdiction (管辖与协调): who leads a chain, who coordinates it, whom the lead notifies,
and whether it is major. One pure function, :func:`decide`, used by ``cluehub analyze``
(through ``joint_case``) and by the coordination room (``cases.routing``) alike.

A chain's :class:`Footprint` lists its places: a region and its role in the chain (one
:class:`ChainRole` vocabulary), with the counts and facts the "major" thresholds read
(:class:`~cluehub.analysis.params.CaseParams`). The rules, from the seeds (which win over
DOMAIN.md):

- **Coordination** (003 §3.1 "跨市、县的案件线索，由省、市市场监管部门协调查处；跨省
  （区、市）的案件线索，由相关省级市场监管部门协调办理"): places of one county stay with
  that county's bureau (属地); counties of one city are coordinated by the city bureau;
  cities of one province by the province bureau (in general: the lowest bureau above all
  places); several provinces by the provincial bureaus involved, the lead's province first.
- **Major** (重大) cross-province clues "可上报市场监管总局协调处理或提请挂牌督办" (003
  §3.1; 004 §4.2 "重大跨省域线索上报总局协调处置"): SAMR (100000) joins the coordinators,
  first, and the case may be listed for supervision (挂牌督办). A major clue inside one
  province stays with its coordinating superior, which organises the unified joint action
  (集群作战, 004 §4.2). The seeds give no number for "major": the thresholds are params.
- **Lead** (主办): the bureau of the production source, then label printing, storage, sale,
  registration (004 §4.2 "深挖生产源头"; §2.3 "源头打击"). It is the local bureau of that
  place: city and county bureaus handle cases (执法办案主力军, 004 §4.1), the bureaus above
  coordinate; ties go to the place listed first (analysis lists its best source first).
- **Notification** (通报): the investigating bureau (the lead unless another is named)
  notifies the bureau of every other place of the chain outside its own territory where the
  goods were produced, labels printed, stored or sold (003 §3.4 "及时将涉案商品的生产、
  销售及商标标识印制等情况通报相关地方市场监管部门"; 004 §4.2 "通报涉案地市场监管部门").

Bureaus are named by the region code of their seat: a region's own code, or the province
for placeholder cities (the districts of Beijing answer to 北京市); Hong Kong, Macau and
Taiwan have no mainland bureau and are reported, not routed. Every decision comes with a
human-readable reason (:attr:`Jurisdiction.reasons`) for the console.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from cluehub.graph import regions

from .params import CaseParams

OUTSIDE_MAINLAND = frozenset({"710000", "810000", "820000"})  # Taiwan, Hong Kong, Macau
PLACEHOLDER_CITY_NAMES = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划"})
DEFAULT_PARAMS = CaseParams()


class ChainRole(StrEnum):
    """A place's part in the counterfeiting chain; the lead is chosen in this order."""

    PRODUCTION = "production"
    LABEL_PRINTING = "label_printing"
    STORAGE = "storage"
    SALE = "sale"
    REGISTRATION = "registration"

    @property
    def term(self) -> str:
        """'production (生产)': how reasons name the role."""
        return f"{self.value.replace('_', ' ')} ({_TERMS[self]})"


_TERMS = {
    ChainRole.PRODUCTION: "生产",
    ChainRole.LABEL_PRINTING: "商标标识印制",
    ChainRole.STORAGE: "仓储",
    ChainRole.SALE: "销售",
    ChainRole.REGISTRATION: "注册登记",
}
ROLE_ORDER: tuple[ChainRole, ...] = tuple(ChainRole)


class Level(StrEnum):
    """Who coordinates: one county, a city, a province, the provinces involved, or SAMR."""

    COUNTY = "county"
    CITY = "city"
    PROVINCE = "province"
    INTER_PROVINCIAL = "inter_provincial"
    NATIONAL = "national"


class JurisdictionError(ValueError):
    """A footprint no bureau can be found for (empty, unknown regions, none on the mainland)."""


@dataclass(frozen=True, slots=True)
class Place:
    """One region's part in the chain: ``Place('350304', ChainRole.PRODUCTION)``, with the
    graph node that puts it there when analysis found it."""

    region: str
    role: ChainRole
    key: str | None = None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What is known beyond the places: the amount involved, a bureau's own judgement."""

    amount_yuan: float | None = None
    declared_major: bool = False


NO_FACTS = CaseFacts()


@dataclass(frozen=True, slots=True)
class Footprint:
    """Where a chain acts, in lead order among equals (best source first), and its size.

    ``shops`` and ``waybills`` are 0 when unknown (a chain given by hand as places).
    """

    places: tuple[Place, ...]
    shops: int = 0
    waybills: int = 0
    facts: CaseFacts = NO_FACTS

    @classmethod
    def of(
        cls, places: Iterable[tuple[str, str] | Place], facts: CaseFacts = NO_FACTS
    ) -> Footprint:
        """From (region, role) pairs: ``Footprint.of([('350304', 'production')])``."""
        return cls(
            tuple(p if isinstance(p, Place) else Place(p[0], ChainRole(p[1])) for p in places),
            facts=facts,
        )


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """The decision on a footprint. Bureaus are the region codes of their seats
    (``100000`` = SAMR)."""

    level: Level
    coordinators: tuple[str, ...]  # the first coordinates: SAMR, the lead province, or the one
    lead: str  # the lead bureau (主办)
    lead_role: ChainRole
    origin: str  # the place of the lead's role (most specific region)
    participants: tuple[str, ...]  # every bureau of a place, the lead first
    notify: tuple[str, ...]  # bureaus the investigating bureau notifies (通报)
    provinces: tuple[str, ...]  # the lead's province first
    major: bool
    report_to_samr: bool  # major cross-province: SAMR may coordinate or list it (挂牌督办)
    cross_region: bool
    outside_mainland: tuple[str, ...] = ()
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def coordinator(self) -> str:
        return self.coordinators[0]


# --- seats: the bureau that acts for a region ----------------------------------------------


def is_mainland(code: str) -> bool:
    region = regions.get(code)
    return region is not None and region.province not in OUTSIDE_MAINLAND


def is_placeholder(region: regions.Region) -> bool:
    """A placeholder city (市辖区, 县, …) with no bureau of its own."""
    return region.level == "city" and region.name in PLACEHOLDER_CITY_NAMES


def has_bureau(code: str) -> bool:
    """True when a mainland bureau sits at exactly this region."""
    region = regions.get(code)
    return region is not None and is_mainland(code) and not is_placeholder(region)


def seat(code: str) -> str:
    """The region code of the bureau acting for a mainland region: its own, or the nearest
    superior's (Beijing's 市辖区 110100 answers to 110000)."""
    if code == regions.NATIONAL:
        return code
    for candidate in regions.lineage(code):
        if has_bureau(candidate):
            return candidate
    raise JurisdictionError(f"region {code} has no mainland bureau")


def _common_seat(seats: Iterable[str]) -> str:
    """The lowest bureau at or above every seat, below national when they share a province."""
    seats = list(seats)
    for candidate in regions.lineage(seats[0]):
        if has_bureau(candidate) and all(regions.is_within(s, candidate) for s in seats):
            return candidate
    return regions.NATIONAL


def _name(code: str) -> str:
    return regions.full_name(code) or code


def _leaves(codes: Iterable[str]) -> set[str]:
    known = set(codes)
    return known - {a for c in known for a in regions.lineage(c)[1:]}


# --- the decision ----------------------------------------------------------------------------


def decide(
    footprint: Footprint,
    params: CaseParams = DEFAULT_PARAMS,
    *,
    investigating: str | None = None,
) -> Jurisdiction:
    """Decide level, coordinators, lead, whom to notify and whether it is major (module
    docstring), with a reason for each. ``investigating`` (a region code) is the bureau
    that sends the notifications; the lead when None."""
    if not footprint.places:
        raise JurisdictionError("the chain has no place: give at least one (region code, role)")
    for i, place in enumerate(footprint.places):
        if regions.get(place.region) is None or place.region == regions.NATIONAL:
            raise JurisdictionError(
                f"place {i}: region '{place.region}' is not a GB/T 2260 code of a place"
            )
    reasons: list[str] = []
    outside = tuple(dict.fromkeys(p.region for p in footprint.places if not is_mainland(p.region)))
    for code in outside:
        reasons.append(
            f"{_name(code)} has no mainland bureau: share through the Greater Bay Area / "
            "Pan-Pearl River Delta cooperation (区域协同), not by notification"
        )
    ranked = [
        place
        for _, place in sorted(
            enumerate(p for p in footprint.places if is_mainland(p.region)),
            key=lambda item: (ROLE_ORDER.index(item[1].role), item[0]),
        )
    ]
    if not ranked:
        raise JurisdictionError("no involved region is on the mainland: no bureau can be routed to")

    # Lead (主办): the first place in chain order.
    first = ranked[0]
    lead = seat(first.region)
    where = "there" if first.region == lead else f"in {_name(first.region)}"
    reasons.append(
        f"lead (主办): the bureau of {_name(lead)} ({lead}), for the {first.role.term} {where}: "
        "the chain is attacked at its source (源头; production, label printing, storage, sale, "
        "registration, in that order; 004 §4.2)"
    )
    participants = tuple(dict.fromkeys([lead, *(seat(p.region) for p in ranked)]))
    lead_province = regions.lineage(lead)[-1]
    provinces = tuple(
        dict.fromkeys([lead_province, *sorted({regions.lineage(s)[-1] for s in participants})])
    )
    places = _leaves(p.region for p in ranked)

    # Major (重大): any one threshold, or a bureau's declaration.
    facts = footprint.facts
    major_by = []
    if len(provinces) >= params.major_provinces:
        major_by.append(f"{len(provinces)} provinces (≥ {params.major_provinces})")
    if len(places) >= params.major_places:
        major_by.append(f"{len(places)} places (≥ {params.major_places})")
    if footprint.shops >= params.major_shops:
        major_by.append(f"{footprint.shops} shops (≥ {params.major_shops})")
    if footprint.waybills >= params.major_waybills:
        major_by.append(f"{footprint.waybills} parcels (≥ {params.major_waybills})")
    if facts.amount_yuan is not None and facts.amount_yuan >= params.major_amount_yuan:
        major_by.append(f"amount ¥{facts.amount_yuan:,.0f} (≥ ¥{params.major_amount_yuan:,.0f})")
    if facts.declared_major:
        major_by.append("declared major by a bureau")
    major = bool(major_by)
    why = "; ".join(major_by)

    # Coordination (003 §3.1).
    cross_province = len(provinces) > 1
    if cross_province:
        names = "、".join(_name(p) for p in provinces)
        if major:
            level, coordinators = Level.NATIONAL, (regions.NATIONAL, *provinces)
            reasons.append(
                f"major (重大) cross-province clue ({why}): may be reported to SAMR "
                f"(市场监管总局) to coordinate or list for supervision (挂牌督办), with {names} "
                "(003 §3.1)"
            )
        else:
            level, coordinators = Level.INTER_PROVINCIAL, provinces
            reasons.append(
                f"spans {len(provinces)} provinces: coordinated by the provincial bureaus "
                f"involved ({names}), {_name(lead_province)} first as the lead's province "
                "(003 §3.1)"
            )
    else:
        common = _common_seat(participants)
        level, coordinators = Level(regions.get(common).level), (common,)  # type: ignore[union-attr]
        if len(participants) == 1:
            reasons.append(f"one place: the bureau of {_name(common)} handles it (属地管辖)")
        else:
            cities = {regions.get(s).city for s in participants}  # type: ignore[union-attr]
            span = "counties of one city" if len(cities) == 1 and None not in cities else "cities"
            if level is Level.PROVINCE and span == "counties of one city":
                span += " with no city bureau of its own"
            reasons.append(
                f"spans {len(participants)} places, {span} of {_name(lead_province)}: "
                f"coordinated by the bureau of {_name(common)} ({common}) (003 §3.1)"
            )
        if major and len(participants) > 1:
            reasons.append(
                f"major (重大) ({why}): the bureau of {_name(common)} organises a unified joint "
                "action (集群作战) and may list it for supervision (挂牌督办) (004 §4.2)"
            )
        elif major:
            reasons.append(
                f"major (重大) ({why}) in one place: its bureau may ask its superior to "
                "organise the case or designate jurisdiction (指定管辖) (004 §4.2)"
            )

    # Notification (通报, 003 §3.4; 004 §4.2).
    sender = seat(investigating) if investigating else lead
    notify: list[str] = []
    for place in ranked:
        target = seat(place.region)
        if regions.is_within(target, sender) or target in notify:
            continue
        if place.role not in params.notify_roles:
            reasons.append(
                f"not notified for {place.role.term} in {_name(place.region)}: notification "
                f"covers {', '.join(params.notify_roles)}"
            )
        else:
            notify.append(target)
            reasons.append(
                f"notify (通报) the bureau of {_name(target)} ({target}): {place.role.term} "
                f"in {_name(place.region)} (003 §3.4, 004 §4.2)"
            )
    return Jurisdiction(
        level=level,
        coordinators=coordinators,
        lead=lead,
        lead_role=first.role,
        origin=first.region,
        participants=participants,
        notify=tuple(notify),
        provinces=provinces,
        major=major,
        report_to_samr=major and cross_province,
        cross_region=len(participants) > 1,
        outside_mainland=outside,
        reasons=tuple(reasons),
    )
