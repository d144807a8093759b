"""Cross-region detection: a trace's or ring's footprint, and the joint case it calls for.

A trace or a ring leaves a *footprint*: the places where goods are produced (生产),
labels printed (商标标识印制), goods stored (仓储) and sold (销售), with its counts of
shops and parcels. :func:`footprint_of` reads it off the analysis results; the rules that
decide level, coordinators, lead, notifications and "major" live in ``jurisdiction``
(one function for ``cluehub analyze`` and the coordination room). A chain that stays in
one county needs no joint case (``None``).
"""

from __future__ import annotations

from collections import defaultdict

from .jurisdiction import ROLE_ORDER, ChainRole, Footprint, Place, decide, is_mainland
from .params import CaseParams
from .places import leaf_regions
from .results import Participant, ProposedCase, Ring, Trace

_SOURCE_ROLE: dict[str, ChainRole] = {
    "workshop": ChainRole.PRODUCTION,
    "label_printer": ChainRole.LABEL_PRINTING,
    "warehouse": ChainRole.STORAGE,
}


def footprint_of(subject: Trace | Ring, params: CaseParams = CaseParams()) -> Footprint:  # noqa: B008
    """The places of a trace (its sources above ``min_source_score`` and the shops met)
    or of a ring (its sources and shops), sources by role, best score first."""
    if isinstance(subject, Trace):
        sources = [
            c
            for c in subject.candidates
            if c.role in params.source_roles and c.score >= params.min_source_score
        ]
        waybills = sum(c.facts.waybills for c in sources)
    else:
        sources = [c for c in subject.sources if c.role in params.source_roles]
        waybills = subject.waybills
    places = []
    for role in ROLE_ORDER[:3]:
        for c in sorted(sources, key=lambda c: (-c.score, c.key)):
            if _SOURCE_ROLE[c.role] == role:
                places += [Place(code, role, c.key) for code in leaf_regions(c.regions)]
    for shop in subject.shops:
        places += [Place(code, ChainRole.SALE, shop.key) for code in leaf_regions(shop.regions)]
    return Footprint(tuple(places), shops=len(subject.shops), waybills=waybills)


def propose(footprint: Footprint, params: CaseParams = CaseParams()) -> ProposedCase | None:  # noqa: B008
    """The joint case a footprint calls for, or None when it stays in one county."""
    if not any(is_mainland(p.region) for p in footprint.places):
        return None  # no bureau to act (nothing placed, or only Hong Kong, Macau, Taiwan)
    jurisdiction = decide(footprint, params)
    if not jurisdiction.cross_region:
        return None
    by_region: dict[str, dict[ChainRole, set[str]]] = defaultdict(lambda: defaultdict(set))
    for place in footprint.places:
        by_region[place.region][place.role].update([place.key] if place.key else [])
    participants = tuple(
        Participant(
            region=code,
            roles=tuple(r for r in ROLE_ORDER if r in by_region[code]),
            keys=tuple(sorted(set().union(*by_region[code].values()))),
        )
        for code in sorted(by_region)
    )
    return ProposedCase(footprint=footprint, jurisdiction=jurisdiction, participants=participants)


def propose_joint_case(
    subject: Trace | Ring,
    params: CaseParams = CaseParams(),  # noqa: B008 (frozen, never mutated)
) -> ProposedCase | None:
    """A proposed joint case for a trace or ring that spans regions (module docstring)."""
    return propose(footprint_of(subject, params), params)
