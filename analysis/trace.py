"""Source tracing (溯源): from one retail point, clue or parcel up to the production source.

:func:`trace_sources` works in three bounded steps, then scores in Python:

1. **The start.** One query reads the structure around the start node: a complaint's
   mentioned shops, listings, phones and waybills; a shop's return and ship-from
   addresses, phones and seller; a waybill's ends. A complaint that names a shop only by
   its name (intake keeps such names for review) gets the shops of exactly that name
   (at most ``TraceParams.named_shops``, one query more per shop), reached by a
   ``NAMES_SHOP`` hop whose provenance is the complaint's own record. The phones and
   addresses where goods arrive become *anchors*; the start's own identifiers (and its
   seller's companies) are remembered to spot shared identifiers later.
2. **Upstream, hop by hop.** One probe per hop reads, for every node of the frontier,
   a sample of the parcels it received and sent (``TraceParams.sample_per_node`` per
   side, with the true totals from degree counts) and every end of those parcels. Hubs
   are recognised from that sample (``shipments``), and so are identifiers written beside
   a hub on most of their parcels (the outlet's own phone); neither is expanded. Nor are
   *sinks*: parties that only receive — the buyer of the start's own parcel, or anyone
   who received from ``sink_min_senders`` different senders — since their senders are
   every seller they ever bought from, not a chain. (A complainant's own phone never
   gets here: intake keeps it masked on the complaint, never as a mention.) The
   senders of the parcels received by the other frontier nodes, busiest first and at
   most ``max_frontier``, form the next frontier. ``max_depth`` hops (default 3: shop <-
   warehouse <- workshop <- label printer), one probe more to size the last senders.
3. **Owners.** One query finds the shops and companies that declare the phones and
   addresses met, so parcels can be counted as reaching shops.

The work is bounded by ``(max_depth + 1) × max_frontier × 2 × sample_per_node`` parcels
whatever the graph size; a trace is about ``max_depth + 3`` round trips (plus one per
shop named only by name). Scoring and
roles are documented in ``scoring``; evidence paths in ``evidence``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from cluehub.graph import model
from cluehub.graph.store import GraphStore

from . import fetch
from .evidence import FlowGraph
from .gcpause import gc_paused
from .params import TraceParams
from .places import leaf_regions
from .results import AnalysisError, HubNote, ShopRef, SourceCandidate, Trace
from .scoring import ChainInput, ChainView, chain_view, rank_sources
from .shipments import (
    COMPANY_LABELS,
    PARTY_LABELS,
    RECEIVER_TYPES,
    SENDER_TYPES,
    SHIPMENT_TYPES,
    End,
    Shipment,
    ShipmentGraph,
    group_parties,
    kind_of,
)


class _Start:
    """What the start context means for tracing."""

    def __init__(self, context: fetch.StartContext) -> None:
        self.key = context.key
        self.kind = context.kind
        self.anchors: set[str] = set()
        self.shops: set[str] = set()
        self.identities: set[str] = set()
        self.seeded: list[Shipment] = []
        self.consignees: set[str] = set()  # receivers of the start's own parcels
        out: dict[str, list[fetch.Rel]] = {}
        for rel in context.rels:
            out.setdefault(rel.src, []).append(rel)
        if self.kind in PARTY_LABELS:
            self.anchors.add(self.key)
        if self.kind in PARTY_LABELS or self.kind == "Shop":
            self.identities.add(self.key)
        seen = {self.key}
        stack = [self.key]
        while stack:
            node = stack.pop()
            node_kind = kind_of(node)
            if node_kind == "Shop":
                self.shops.add(node)
            if node_kind == "Waybill":
                self._seed(node, out.get(node, []), context)
                continue  # a waybill's ends are read from the seeded shipment
            for rel in out.get(node, []):
                target_kind = kind_of(rel.dst)
                if rel.type == "OPERATED_BY" or target_kind in COMPANY_LABELS:
                    self.identities.add(rel.dst)
                if target_kind in PARTY_LABELS:
                    self.anchors.add(rel.dst)
                    self.identities.add(rel.dst)
                if rel.dst not in seen:
                    seen.add(rel.dst)
                    stack.append(rel.dst)

    def _seed(self, waybill: str, rels: list[fetch.Rel], context: fetch.StartContext) -> None:
        ends = tuple(
            sorted(
                (
                    End(r.type, r.dst, r.sources, r.first_seen, r.last_seen)
                    for r in rels
                    if r.type in SHIPMENT_TYPES
                ),
                key=lambda e: (e.type, e.key),
            )
        )
        info = context.nodes.get(waybill, {})
        self.seeded.append(
            Shipment(
                waybill,
                ends,
                info.get("contents", ""),
                info.get("first_seen"),
                info.get("last_seen"),
            )
        )
        receivers = {e.key for e in ends if e.type in RECEIVER_TYPES}
        self.anchors.update(receivers)
        self.consignees.update(receivers)


def trace_sources(
    store: GraphStore,
    key: str,
    *,
    scope: str | None = None,
    params: TraceParams = TraceParams(),  # noqa: B008 (frozen, never mutated)
) -> Trace:
    """Rank candidate upstream sources of ``key`` (see the module docstring)."""
    with gc_paused():
        return _trace(store, key, scope, params)


def _trace(store: GraphStore, key: str, scope: str | None, params: TraceParams) -> Trace:
    before = store.round_trips
    context = fetch.start_context(store, key, scope, params.anchor_limit)
    if context is None:
        where = f" or not visible in region {scope}" if scope else ""
        raise AnalysisError(
            f"cannot trace '{key}': no such node in the graph{where} "
            "(start from a complaint, clue, listing, shop, phone, address, company or waybill)"
        )
    if model.is_a(context.kind, model.Group.CLUE):
        fetch.add_named_shops(store, context, scope, params.named_shops, params.anchor_limit)
    start = _Start(context)
    walk = _walk_upstream(store, start, context, scope, params)
    graph, hubs = walk.graph, walk.hubs
    sent_degree = {k: p.sent_degree for k, p in graph.parties.items()}
    parties = group_parties(
        graph.shipments.values(),
        hubs,
        sent_degree,
        joinable=walk.probed - hubs.keys(),
        extra_keys=start.anchors,
    )
    targets = frozenset({parties.group_of[a] for a in start.anchors if a in parties.group_of})
    data = ChainInput(
        graph=graph,
        parties=parties,
        hubs=hubs,
        targets=targets | {start.key},
        start_identities=frozenset(start.identities),
        depth_of=walk.depth_of,
        extra_edges=tuple(
            (parties.group_of[k], start.key, s.key)
            for s in start.seeded
            for k in s.senders
            if k in parties.group_of
        ),
        now_ms=params.now_ms,
        return_keywords=params.roles.return_keywords,
    )
    view = chain_view(data)  # owners change shop facts, not the chain
    owners = fetch.owners(
        store, _owner_keys(data, view, start, params), scope=scope, cap=params.identity_cap
    )
    shop_info = dict(owners.shops)
    for shop in start.shops:
        info = context.nodes.get(shop, {})
        shop_info[shop] = fetch.ShopInfo(shop, info.get("regions", ()), info.get("mentions", 0))
    for owner, codes in owners.regions.items():
        graph.regions.setdefault(owner, codes)
    data = replace(
        data,
        shops_of={k: frozenset(v) for k, v in owners.shops_of.items()},
        shop_complaints={s: info.complaints for s, info in shop_info.items()},
        companies_of={k: frozenset(v) for k, v in owners.companies_of.items()},
    )
    ranked = rank_sources(
        data, weights=params.weights, roles=params.roles, hub=params.hub, view=view
    )
    top = _with_paths(store, ranked[: params.top_k], graph, hubs, context, owners, params)
    return Trace(
        start=start.key,
        start_kind=start.kind,
        scope=scope,
        candidates=tuple(top),
        hubs=tuple(
            HubNote(
                h,
                kind_of(h),
                reason,
                graph.partners(h),
                graph.parties[h].sent_degree + graph.parties[h].received_degree,
            )
            for h, reason in sorted(hubs.items())
        ),
        shops=tuple(
            ShopRef(s, leaf_regions(info.regions), info.complaints, s in start.shops)
            for s, info in sorted(shop_info.items())
        ),
        waybills_read=len(graph.shipments),
        truncated=walk.truncated,
        round_trips=store.round_trips - before,
    )


@dataclass(slots=True)
class _Walk:
    graph: ShipmentGraph = field(default_factory=ShipmentGraph)
    hubs: dict[str, str] = field(default_factory=dict)
    depth_of: dict[str, int] = field(default_factory=dict)
    probed: set[str] = field(default_factory=set)
    sinks: set[str] = field(default_factory=set)  # receivers whose senders are not followed
    truncated: bool = False  # a sample or the frontier was cut by a cap


def _walk_upstream(
    store: GraphStore,
    start: _Start,
    context: fetch.StartContext,
    scope: str | None,
    params: TraceParams,
) -> _Walk:
    """Probe hop by hop from the anchors to the senders of what they received."""
    walk = _Walk()
    graph = walk.graph
    for shipment in start.seeded:
        graph.add(shipment)
    for node, info in context.nodes.items():
        if info["regions"]:
            graph.regions.setdefault(node, info["regions"])
    walk.depth_of.update(dict.fromkeys(start.anchors, 0))
    frontier = sorted(start.anchors)
    cap = params.sample_per_node
    for depth in range(params.max_depth + 1):
        if not frontier:
            break
        last = depth == params.max_depth
        received_cap = 0 if last else cap
        fetch.probe(store, graph, frontier, scope=scope, received_cap=received_cap, sent_cap=cap)
        walk.probed.update(frontier)
        _judge_hubs(graph, frontier, walk, params)
        # The same sender under its other identifiers: a seller's phone ships from the
        # warehouse address, and that address is where the workshop's parcels arrive.
        same = sorted(_co_senders(graph, frontier, walk, params) - walk.probed)
        if same:
            fetch.probe(store, graph, same, scope=scope, received_cap=received_cap, sent_cap=cap)
            walk.probed.update(same)
            _judge_hubs(graph, same, walk, params)
            for node in same:
                walk.depth_of.setdefault(node, depth)
            frontier = frontier + same
        for node in sorted(walk.probed - walk.hubs.keys()):
            reason = graph.hub_member_reason(node, walk.hubs, params.hub)
            if reason:
                walk.hubs[node] = reason
        if last:
            break
        counts: Counter[str] = Counter()
        for node in frontier:
            if node in walk.hubs or _is_sink(graph, node, start, params):
                walk.sinks.add(node)
                continue
            for shipment in graph.received_of(node):
                counts.update(k for k in shipment.senders if k not in walk.probed)
        if depth == 0:
            for shipment in start.seeded:
                counts.update(k for k in shipment.senders if k not in walk.probed)
        ranked = sorted(counts, key=lambda k: (-counts[k], k))
        walk.truncated |= len(ranked) > params.max_frontier
        frontier = ranked[: params.max_frontier]
        for node in frontier:
            walk.depth_of.setdefault(node, depth + 1)
    return walk


def _judge_hubs(graph: ShipmentGraph, nodes: list[str], walk: _Walk, params: TraceParams) -> None:
    for node in nodes:
        sides = graph.parties[node]
        walk.truncated |= len(sides.sent) < sides.sent_degree
        reason = graph.hub_reason(node, params.hub)
        if reason:
            walk.hubs[node] = reason


def _co_senders(
    graph: ShipmentGraph, nodes: list[str], walk: _Walk, params: TraceParams
) -> set[str]:
    """Identifiers written beside a (non-hub) node on the sender side of at least
    ``co_sender_share`` of the parcels it sent: the same sender."""
    found: set[str] = set()
    for node in nodes:
        if node in walk.hubs:
            continue
        sent = graph.sent_of(node)
        if not sent:
            continue
        beside: Counter[str] = Counter()
        for shipment in sent:
            beside.update({k for k in shipment.senders if k != node})
        found.update(k for k, n in beside.items() if n >= params.co_sender_share * len(sent))
    return found - walk.hubs.keys()


def _is_sink(graph: ShipmentGraph, node: str, start: _Start, params: TraceParams) -> bool:
    """A party that only receives is a consumer, not a link: when it received the start's
    own parcel (the buyer of the waybill a complaint names), or parcels from at least
    ``sink_min_senders`` different senders. Its senders are not followed upstream: they
    are every seller it ever bought from."""
    sides = graph.parties.get(node)
    if sides is None or sides.sent_degree > 0 or node in start.identities - start.consignees:
        return False
    if node in start.consignees:
        return True
    senders = {k for s in graph.received_of(node) for k in s.senders}
    return len(senders) >= params.sink_min_senders


def _with_paths(
    store: GraphStore,
    candidates: list[SourceCandidate],
    graph: ShipmentGraph,
    hubs: dict[str, str],
    context: fetch.StartContext,
    owners: fetch.Owners,
    params: TraceParams,
) -> list[SourceCandidate]:
    """Each candidate with up to ``max_paths`` evidence paths to the start."""
    flow = FlowGraph(hubs)
    flow.add_shipments(graph.shipments.values())
    for rel in context.rels:
        if rel.type in SHIPMENT_TYPES:
            (flow.against if rel.type in SENDER_TYPES else flow.along)(rel)
        else:
            flow.against(rel)
    for rel in owners.rels:
        if kind_of(rel.src) in COMPANY_LABELS:
            flow.along(rel)
    found = {c.key: flow.paths(c.members, context.key, params.max_paths) for c in candidates}
    wanted = [
        (r.src, r.type, r.dst)
        for paths in found.values()
        for path in paths
        for r in flow.rels(path)
        if not r.sources
    ]
    provenance = fetch.rel_props(store, wanted) if wanted else {}
    return [
        replace(c, paths=tuple(flow.evidence(p, provenance) for p in found[c.key]))
        for c in candidates
    ]


def _owner_keys(data: ChainInput, view: ChainView, start: _Start, params: TraceParams) -> list[str]:
    """Phones and addresses whose owners matter: anchors, chain members, their receivers."""
    keys = list(sorted(start.anchors))
    members = sorted(m for g in view.chain for m in data.parties.members.get(g, ()))
    keys += members
    receivers: set[str] = set()
    for g in view.candidates:
        for member in data.parties.members.get(g, ()):
            for shipment in data.graph.sent_of(member):
                receivers.update(k for k in shipment.receivers if k not in data.hubs)
    keys += sorted(receivers)
    return list(dict.fromkeys(keys))[: params.max_identity_keys]
