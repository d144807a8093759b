"""Ranking upstream sources of a counterfeit chain: roles and an explainable score.

Pure: input is a :class:`ChainInput` (parcels read, parties grouped, hubs, who owns which
phone or address), output is :class:`~.results.SourceCandidate` objects. ``trace`` and
``rings`` build the input from the store; tests build it by hand.

The chain
---------
Parties are groups of identifiers acting as one sender or receiver (see ``shipments``).
A group edge ``g -> h`` exists when a parcel read has a sender in ``g`` and a receiver
in ``h``; returns (contents naming ``RoleParams.return_keywords``: 退货…) make no edge,
as goods going back from a buyer say nothing about where they came from. The *targets*
are the groups at the downstream end (the retail point traced from, or a ring's shops).
The *chain* is every group from which a target can be reached along group edges. Hubs
are never in a group, so nothing is ever chained through a hub. A *candidate* is a chain
group with an edge to another chain group, or a target that receives from the chain (a
tip-off that names the workshop's own phone: the workshop is the target and the source).

Roles
-----
- ``label_printer``: at least ``RoleParams.label_share`` of its parcels read carry
  label/packaging contents (标签, 商标, 吊牌, 包装, 鞋盒…; 商标标识印制).
- ``warehouse``: it receives goods (parcels whose contents are neither labels nor raw
  materials) from another chain group, and ships on into the chain (仓储).
- ``workshop``: neither of the above, and it sends at least
  ``RoleParams.workshop_min_volume`` parcels into the chain, or feeds a warehouse, or
  receives from a label printer: the production source (生产源头).
- ``sender``: any other party whose parcels reach the chain.

A target that ships nothing on into the chain is a candidate only as a workshop or a
label printer (the workshop's own phone named in a tip-off); a retail point receiving
stock is where the trace starts, not a source.
- ``company``: a company behind a source (the source's parcels name it, or it declares
  one of the source's phones); it scores ``RoleParams.company`` of that source.

Score
-----
``score = role_weight × (1 − hub_penalty) × Σ weight_i × component_i`` with every
component in [0, 1] (weights in :class:`~.params.ScoreWeights`, summing to 1):

- ``volume``: parcels into the supply network, ``log(1+n) / log(1+volume_ref)``, capped
  at 1. The count is the larger of the parcels seen going into the chain and the trade
  share (below) of its parcels read times its total parcels sent.
- ``reach``: distinct shops its parcels reach, directly or through the groups it ships
  to (a shop is reached when a receiver is the shop's return/ship-from address or phone,
  or the phone of its seller), on the same log scale with ``reach_ref``.
- ``concentration``: the *trade share*: of its parcels read, the share that went into the
  supply network (to a chain party, to a shop's phone or address, or to a repeat partner
  getting at least ``RoleParams.min_pair_parcels``) rather than to consumers. A legitimate
  merchant shipping to the whole country has a tiny share; a workshop ships everything to
  its warehouses.
- ``shared``: 1 when one of its phones, addresses or companies (USCC) is also an
  identifier of the start (the seller's phone on the workshop's parcels), else 0.
- ``recency``: ``0.5 ** (age / half_life)`` of its last parcel into the chain, age taken
  against ``now_ms`` (default: the newest parcel read).
- ``flagged``: shops reached that complaints or clues mention, log scale with
  ``flagged_ref``.
- ``hub_penalty``: ``(partners / HubParams.min_partners) ** 2`` of its most shared member,
  where partners are distinct co-senders/co-receivers: near-hubs sink, true hubs (penalty
  1) are left out altogether.
- ``role_weight``: workshop 1.0, warehouse 0.8, label printer 0.6 (it supplies the
  workshop; the question is who made the goods), sender 0.5
  (:class:`~.params.RoleParams`): the hunt is for the production source.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .params import DAY_MS, RETURN_KEYWORDS, HubParams, RoleParams, ScoreWeights
from .places import leaf_regions
from .results import Role, ScoreParts, SourceCandidate, SourceFacts
from .shipments import COMPANY_LABELS, Parties, Shipment, ShipmentGraph, kind_of


@dataclass(frozen=True, slots=True)
class ChainInput:
    """Everything scoring needs, read from the store beforehand."""

    graph: ShipmentGraph
    parties: Parties
    hubs: Mapping[str, str]
    targets: frozenset[str]
    shops_of: Mapping[str, frozenset[str]] = field(default_factory=dict)
    shop_complaints: Mapping[str, int] = field(default_factory=dict)
    companies_of: Mapping[str, frozenset[str]] = field(default_factory=dict)
    start_identities: frozenset[str] = frozenset()
    depth_of: Mapping[str, int] = field(default_factory=dict)
    extra_edges: tuple[tuple[str, str, str], ...] = ()  # (sender group, target, waybill)
    now_ms: int | None = None
    return_keywords: tuple[str, ...] = RETURN_KEYWORDS  # returns (退货) are no chain links


@dataclass(frozen=True, slots=True)
class ChainView:
    """Group edges and the chain derived from a :class:`ChainInput`."""

    edges: dict[tuple[str, str], set[str]]
    out: dict[str, set[str]]
    chain: set[str]
    candidates: list[str]


def group_edges(
    shipments: Iterable[Shipment],
    parties: Parties,
    hubs: Mapping[str, str],
    returns: tuple[str, ...] = (),
) -> dict[tuple[str, str], set[str]]:
    """``(sender group, receiver group) -> waybill keys`` over the parcels read, leaving
    out parcels whose contents name a return (``returns`` keywords)."""
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for shipment in shipments:
        if returns and shipment.mentions_any(returns):
            continue
        senders = {parties.group_of[k] for k in shipment.senders if k in parties.group_of}
        receivers = {parties.group_of[k] for k in shipment.receivers if k in parties.group_of}
        for g in senders:
            for h in receivers:
                if g != h and g not in hubs and h not in hubs:
                    edges[(g, h)].add(shipment.key)
    return edges


def chain_view(data: ChainInput) -> ChainView:
    edges = group_edges(
        data.graph.shipments.values(), data.parties, data.hubs, data.return_keywords
    )
    for g, target, waybill in data.extra_edges:
        if g != target:
            edges[(g, target)].add(waybill)
    out: dict[str, set[str]] = defaultdict(set)
    into: dict[str, set[str]] = defaultdict(set)
    for g, h in edges:
        out[g].add(h)
        into[h].add(g)
    chain = set(data.targets)
    stack = list(data.targets)
    while stack:
        for g in into.get(stack.pop(), ()):
            if g not in chain:
                chain.add(g)
                stack.append(g)
    candidates = sorted(
        g
        for g in chain
        if any(h in chain for h in out.get(g, ()))
        or (g in data.targets and g in data.parties.members and into.get(g))
    )
    return ChainView(dict(edges), dict(out), chain, candidates)


def _log_share(value: float, ref: int) -> float:
    return min(1.0, math.log1p(max(0.0, value)) / math.log1p(max(1, ref)))


@dataclass(slots=True)
class _Group:
    key: str
    members: tuple[str, ...]
    sent: list[Shipment]
    chain_waybills: set[str]
    sent_total: int
    share: float
    volume: int
    label_share: float
    last_seen: int | None
    first_seen: int | None


def _describe(data: ChainInput, view: ChainView, g: str, roles: RoleParams) -> _Group:
    graph = data.graph
    members = data.parties.members[g]
    sent: dict[str, Shipment] = {}
    for m in members:
        for s in graph.sent_of(m):
            sent[s.key] = s
    chain_waybills: set[str] = set()
    for h in view.out.get(g, ()):
        if h in view.chain:
            chain_waybills |= view.edges[(g, h)]
    probed = [graph.parties[m] for m in members if m in graph.parties]
    sent_total = max([p.sent_degree for p in probed if p.probed_sent] or [len(sent)])
    if sent:
        pairs = Counter(k for s in sent.values() for k in set(s.receivers))
        trade = sum(1 for s in sent.values() if _is_trade(s, g, pairs, data, view, roles))
        share = trade / len(sent)
    else:
        share = 1.0
    volume = max(len(chain_waybills), round(share * sent_total))
    return _Group(
        key=g,
        members=members,
        sent=list(sent.values()),
        chain_waybills=chain_waybills,
        sent_total=max(sent_total, len(chain_waybills)),
        share=min(1.0, share),
        volume=volume,
        label_share=0.0,
        last_seen=max(
            (t for k in chain_waybills if (t := graph.shipments[k].last_seen) is not None),
            default=None,
        ),
        first_seen=min(
            (t for k in chain_waybills if (t := graph.shipments[k].first_seen) is not None),
            default=None,
        ),
    )


def _is_trade(
    shipment: Shipment,
    g: str,
    pairs: Counter[str],
    data: ChainInput,
    view: ChainView,
    roles: RoleParams,
) -> bool:
    """A parcel to the supply network: to a chain party, to a shop's identifier, or to a
    repeat partner (a consumer rarely receives twice from the same sender)."""
    for key in shipment.receivers:
        group = data.parties.group_of.get(key)
        if key in data.hubs or group == g:
            continue
        if group in view.chain or key in data.shops_of:
            return True
        if pairs[key] >= roles.min_pair_parcels:
            return True
    return False


def _label_share(group: _Group, data: ChainInput, roles: RoleParams) -> float:
    basis = group.sent or [data.graph.shipments[k] for k in group.chain_waybills]
    if not basis:
        return 0.0
    return sum(1 for s in basis if s.mentions_any(roles.label_keywords)) / len(basis)


def _is_goods(shipment: Shipment, roles: RoleParams) -> bool:
    return not shipment.mentions_any((*roles.label_keywords, *roles.material_keywords))


def _reach(g: str, data: ChainInput, view: ChainView) -> set[str]:
    """Shops reached by ``g``'s parcels, directly or through the groups it ships to."""
    shops: set[str] = set()
    seen = {g}
    stack = [g]
    while stack:
        current = stack.pop()
        for h in view.out.get(current, ()):
            for member in data.parties.members.get(h, ()):
                shops |= data.shops_of.get(member, frozenset())
            if h not in seen:
                seen.add(h)
                stack.append(h)
    return shops


def rank_sources(
    data: ChainInput,
    *,
    weights: ScoreWeights,
    roles: RoleParams,
    hub: HubParams,
    view: ChainView | None = None,
) -> list[SourceCandidate]:
    """Every candidate source of the chain with role, score and facts, best first
    (``view``: the chain already worked out from the same graph, parties and hubs)."""
    view = view or chain_view(data)
    if not view.candidates:
        return []
    graph = data.graph
    now = data.now_ms
    if now is None:
        now = max((s.last_seen or 0 for s in graph.shipments.values()), default=0)
    groups = {g: _describe(data, view, g, roles) for g in view.candidates}
    for group in groups.values():
        group.label_share = _label_share(group, data, roles)
    label = {g for g, d in groups.items() if d.label_share >= roles.label_share}

    def goods_suppliers(g: str) -> set[str]:
        found = set()
        for h in view.chain:
            waybills = view.edges.get((h, g), set())
            goods = any(_is_goods(graph.shipments[k], roles) for k in waybills)
            if h != g and h not in label and goods:
                found.add(h)
        return found

    ships_on = {g for g in groups if any(h in view.chain for h in view.out.get(g, ()))}
    warehouse = {g for g in ships_on if g not in label and goods_suppliers(g)}
    role_of: dict[str, Role] = {}
    for g, d in groups.items():
        if g in label:
            role_of[g] = "label_printer"
        elif g in warehouse:
            role_of[g] = "warehouse"
        elif (
            d.volume >= roles.workshop_min_volume
            or any(h in warehouse for h in view.out.get(g, ()))
            or any((h, g) in view.edges for h in label)
        ):
            role_of[g] = "workshop"
        else:
            role_of[g] = "sender"
    for g in groups.keys() - ships_on:  # a target that only receives: a source only if
        if role_of[g] not in ("workshop", "label_printer"):  # it makes or labels goods
            del groups[g], role_of[g]
    role_weight = {
        "workshop": roles.workshop,
        "label_printer": roles.label_printer,
        "warehouse": roles.warehouse,
        "sender": roles.sender,
    }
    candidates: list[SourceCandidate] = []
    for g, d in groups.items():
        companies = sorted(
            {m for m in d.members if kind_of(m) in COMPANY_LABELS}
            | {c for m in d.members for c in data.companies_of.get(m, frozenset())}
        )
        reached = _reach(g, data, view)
        flagged = sum(1 for s in reached if data.shop_complaints.get(s, 0) > 0)
        shared = tuple(sorted((set(d.members) | set(companies)) & data.start_identities))
        partners = max((graph.partners(m) for m in d.members), default=0)
        age_days = max(0.0, (now - d.last_seen) / DAY_MS) if d.last_seen is not None else None
        recency = (
            0.5 ** (age_days / weights.recency_half_life_days) if age_days is not None else 0.0
        )
        parts = ScoreParts(
            volume=round(_log_share(d.volume, weights.volume_ref), 4),
            reach=round(_log_share(len(reached), weights.reach_ref), 4),
            concentration=round(d.share, 4),
            shared=1.0 if shared else 0.0,
            recency=round(recency, 4),
            flagged=round(_log_share(flagged, weights.flagged_ref), 4),
            hub_penalty=round(min(1.0, (partners / max(1, hub.min_partners)) ** 2), 4),
            role_weight=role_weight[role_of[g]],
        )
        base = (
            weights.volume * parts.volume
            + weights.reach * parts.reach
            + weights.concentration * parts.concentration
            + weights.shared * parts.shared
            + weights.recency * parts.recency
            + weights.flagged * parts.flagged
        )
        score = parts.role_weight * (1.0 - parts.hub_penalty) * base
        depth = min((data.depth_of.get(m, 0) for m in d.members), default=0)
        facts = SourceFacts(
            waybills=d.volume,
            sent_total=d.sent_total,
            trade_share=round(d.share, 4),
            shops_reached=len(reached),
            flagged_shops=flagged,
            shared_identifiers=shared,
            label_share=round(d.label_share, 4),
            partners=partners,
            depth=depth,
            first_seen=d.first_seen,
            last_seen=d.last_seen,
        )
        candidates.append(
            SourceCandidate(
                key=g,
                kind=kind_of(g),
                role=role_of[g],
                score=round(score, 4),
                components=parts,
                facts=facts,
                members=d.members,
                companies=tuple(companies),
                regions=_located(d.members, graph),
            )
        )
    candidates += _companies(candidates, graph, roles)
    candidates.sort(key=lambda c: (-c.score, c.key))
    return candidates


def _located(members: Iterable[str], graph: ShipmentGraph) -> tuple[str, ...]:
    """Where a source is: the regions of its addresses when it has any. A phone's own
    ``regions`` also hold the regions of every bureau whose complaint mentioned it, which
    says who reported it, not where it sits."""
    members = list(members)
    placed = [c for m in members if kind_of(m) == "Address" for c in graph.regions.get(m, ())]
    return leaf_regions(placed or [c for m in members for c in graph.regions.get(m, ())])


def _companies(
    sources: list[SourceCandidate], graph: ShipmentGraph, roles: RoleParams
) -> list[SourceCandidate]:
    """One candidate per registered company (USCC) behind a source, scoring a share of its
    best source. Companies known only by a name on one record (``NamedCompany``) stay in
    their source's ``companies``: every waybill naming its sender would otherwise add a
    copy of the same source to the ranking."""
    behind: dict[str, list[SourceCandidate]] = defaultdict(list)
    for source in sources:
        for company in source.companies:
            if company != source.key and kind_of(company) == "Company":
                behind[company].append(source)
    out = []
    for company, backed in sorted(behind.items()):
        best = max(backed, key=lambda c: (c.score, c.key))
        out.append(
            SourceCandidate(
                key=company,
                kind=kind_of(company),
                role="company",
                score=round(best.score * roles.company, 4),
                components=best.components,
                facts=best.facts,
                members=(company,),
                companies=(company,),
                regions=leaf_regions(graph.regions.get(company, ())),
                behind=tuple(sorted(c.key for c in backed)),
            )
        )
    return out
