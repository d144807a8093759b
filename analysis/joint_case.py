"""Cross-region detection: when a chain becomes a proposed joint case, and who coordinates.

A trace or a ring leaves a *footprint*: the regions where goods are produced (生产),
labels printed (商标标识印制), goods stored (仓储) and sold (销售). The rules
(DOMAIN.md "Cross-region rules", 003 §3.1, §3.4; 004 §4.2), as a pure function:

- all in one county: not cross-region, no joint case (``None``);
- counties of one city: that **city** bureau coordinates;
- cities of one province: the **province** bureau coordinates;
- several provinces: the **provincial bureaus** of those provinces coordinate jointly
  (``inter_provincial``), the production source's province leading;
- a *major* cross-province case (at least ``CaseParams.major_provinces`` provinces, or
  ``major_shops`` shops, or ``major_waybills`` parcels): reported to **SAMR** (100000),
  which may coordinate it and list it for supervision (挂牌督办);
- the lead bureau sits where the production source is (then label printing, storage,
  sales, in that order) at the coordinating level, and must notify (通报) every other
  region of the footprint.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cluehub.graph import regions

from .params import CaseParams
from .places import city_of, leaf_regions, province_of
from .results import CaseRole, Participant, ProposedCase, Ring, Trace

ROLE_ORDER: tuple[CaseRole, ...] = ("production", "label_printing", "storage", "sales")
_SOURCE_ROLE: dict[str, CaseRole] = {
    "workshop": "production",
    "label_printer": "label_printing",
    "warehouse": "storage",
}


@dataclass(frozen=True, slots=True)
class Place:
    region: str  # most specific region code
    role: CaseRole
    key: str


@dataclass(frozen=True, slots=True)
class Footprint:
    """Where a chain acts; ``places`` are in lead order (best production source first)."""

    places: tuple[Place, ...]
    shops: int
    waybills: int


def footprint_of(subject: Trace | Ring, params: CaseParams = CaseParams()) -> Footprint:  # noqa: B008
    """The places of a trace (its sources above ``min_source_score`` and the shops met)
    or of a ring (its sources and shops)."""
    if isinstance(subject, Trace):
        sources = [
            c
            for c in subject.candidates
            if c.role in params.source_roles and c.score >= params.min_source_score
        ]
        shops = subject.shops
        waybills = sum(c.facts.waybills for c in sources)
    else:
        sources = [c for c in subject.sources if c.role in params.source_roles]
        shops = subject.shops
        waybills = subject.waybills
    places = []
    for role in ROLE_ORDER[:3]:
        for c in sorted(sources, key=lambda c: (-c.score, c.key)):
            if _SOURCE_ROLE[c.role] == role:
                places += [Place(code, role, c.key) for code in leaf_regions(c.regions)]
    for shop in shops:
        places += [Place(code, "sales", shop.key) for code in leaf_regions(shop.regions)]
    return Footprint(tuple(places), len(shops), waybills)


def propose(footprint: Footprint, params: CaseParams = CaseParams()) -> ProposedCase | None:  # noqa: B008
    """The joint case a footprint calls for, or None when it stays in one county."""
    codes = leaf_regions(p.region for p in footprint.places)
    if len(codes) <= 1:
        return None
    provinces = sorted({province_of(c) for c in codes})
    cities = sorted({city_of(c) or c for c in codes})
    origin = next(
        (p.region for role in ROLE_ORDER for p in footprint.places if p.role == role), codes[0]
    )
    reasons = []
    major_by = []
    if len(provinces) >= params.major_provinces:
        major_by.append(f"{len(provinces)} provinces (at least {params.major_provinces})")
    if footprint.shops >= params.major_shops:
        major_by.append(f"{footprint.shops} shops (at least {params.major_shops})")
    if footprint.waybills >= params.major_waybills:
        major_by.append(f"{footprint.waybills} parcels (at least {params.major_waybills})")
    major = bool(major_by) and len(provinces) > 1
    if len(provinces) > 1:
        level = "national" if major else "inter_provincial"
        lead = province_of(origin)
        coordinators = (regions.NATIONAL,) if major else tuple(provinces)
        reasons.append(f"spans {len(provinces)} provinces: {', '.join(provinces)}")
        if major:
            reasons.append("major: " + "; ".join(major_by) + ": report to SAMR (100000)")
    elif len(cities) > 1:
        level, lead = "province", provinces[0]
        coordinators = (lead,)
        reasons.append(f"spans {len(cities)} cities of {provinces[0]}: {', '.join(cities)}")
    else:
        level, lead = "city", cities[0]
        coordinators = (lead,)
        reasons.append(f"spans {len(codes)} counties of {cities[0]}: {', '.join(codes)}")
    lead_role = next(p.role for p in footprint.places if p.region == origin)
    reasons.append(f"lead: {lead} ({_name(lead)}), where the {lead_role} site {origin} is")
    by_region: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for place in footprint.places:
        by_region[place.region][place.role].append(place.key)
    participants = tuple(
        Participant(
            region=code,
            roles=tuple(r for r in ROLE_ORDER if r in by_region[code]),
            keys=tuple(sorted({k for keys in by_region[code].values() for k in keys})),
        )
        for code in sorted(by_region)
    )
    notify = tuple(c for c in codes if not regions.is_within(c, lead))
    return ProposedCase(
        level=level,  # type: ignore[arg-type]
        coordinators=coordinators,
        lead_region=lead,
        origin_region=origin,
        participants=participants,
        provinces=tuple(provinces),
        major=major,
        supervise=major,
        notify=notify,
        reasons=tuple(reasons),
    )


def propose_joint_case(
    subject: Trace | Ring,
    params: CaseParams = CaseParams(),  # noqa: B008 (frozen, never mutated)
) -> ProposedCase | None:
    """A proposed joint case for a trace or ring that spans regions (module docstring)."""
    return propose(footprint_of(subject, params), params)


def _name(code: str) -> str:
    return regions.full_name(code) if regions.get(code) else code
