"""Rings (团伙): communities of infringement entities linked by identifiers and parcels.

:func:`find_rings`:

1. **Engine components.** ``store.components`` (FalkorDB ``algo.WCC``; the Neo4j backend
   streams edges into a union-find) over ring labels and types only
   (``queries.RING_LABELS``/``RING_TYPES``), so regions, platforms, carriers and brands
   glue nothing. Components holding a complaint
   or clue are the ones worth reading; their clues are the seeds, and the engine sends
   only the clues' rows (``of``), not one for each of a million parcels and parties.
   The seeds are every clue, so they are listed directly (``analysis_clues``) and the
   components, which only give the rings their component ids, run beside step 2.
2. **Areas.** From the seeds, ``area.explore`` reads the closure through entities that
   are neither hubs nor leaves (buyers). A component glued by an express outlet is thus
   read only where rings can be, not whole.
3. **Ring graph** (pure, :func:`ring_graph`). Waybills collapse into weighted edges
   between the parties on them (``weight_shipment`` per parcel, sender-receiver and
   co-senders/co-receivers); identity links (shop -> phone/address/seller, seller ->
   phone, SAME_AS) weigh ``weight_identity``, mentions ``weight_mention``. Hubs and leaves
   are left out. A parcel link binds sender and receiver only when they exchanged at
   least ``min_pair_parcels`` parcels and the sender is no *bystander*: at least
   ``bystander_share`` of its parcels go to such repeat partners that are no leaves. A
   merchant shipping to consumers, who twice shipped to a ring shop, stays outside.
4. **Communities.** Connected components of the ring graph that hold a clue; those with
   more than ``split_above`` entities are split with Louvain (seeded, deterministic; low
   resolution, so only weak links between rings are cut). Each community with at least
   ``min_members`` entities, a clue, and at least one trade link (two parties exchanging
   ``min_pair_parcels`` parcels or more) becomes a ring: one shop or one merchant with a
   complaint is no ring.
5. **Summary.** Regions (province/city/county), platforms, brands, key nodes (PageRank
   and betweenness on the ring subgraph), activity span, and source candidates inside
   the ring (``scoring``, with the ring's shops as targets).

:class:`RingIndex` keeps ring membership and, for new entities, re-reads only their area
and replaces only the rings it touches.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import networkx as nx

from cluehub.graph import identifiers as ids
from cluehub.graph import model
from cluehub.graph.store import GraphStore

from . import fetch
from . import queries as q
from .algorithms import DEFAULT_ALGORITHMS, Algorithms, algorithms_for
from .area import Area, explore
from .gcpause import gc_paused
from .params import RingParams
from .places import leaf_regions, spread
from .results import KeyNode, Ring, RingUpdate, ShopRef, SourceCandidate
from .scoring import ChainInput, rank_sources
from .shipments import (
    COMPANY_LABELS,
    Shipment,
    ShipmentGraph,
    group_parties,
    kind_of,
)

CLUE_LABELS = model.labels(model.Group.CLUE)
CLUE_PREFIXES = tuple(f"{model.kind(label).prefix}:" for label in CLUE_LABELS)
_IDENTITY_TYPES = frozenset(
    {"HAS_PHONE", "OPERATED_BY", "RETURNS_TO", "SHIPS_FROM", "LISTED_IN", "HAS_ID", "SAME_AS"}
)
_DECLARES = frozenset({"RETURNS_TO", "SHIPS_FROM", "HAS_PHONE"})


def is_clue(key: str) -> bool:
    return key.startswith(CLUE_PREFIXES)


def ring_id(members: Iterable[str]) -> str:
    """Stable id of a ring: a hash of its sorted member keys."""
    digest = hashlib.sha1("\n".join(sorted(members)).encode("utf-8")).hexdigest()
    return f"ring:{digest[:16]}"


# --- the ring graph (pure) ---------------------------------------------------------


def ring_members(area: Area) -> set[str]:
    """Entities of the area that can belong to a ring: read, not hubs, not leaves."""
    return {k for k in area.nodes if k not in area.hubs and not area.is_leaf(k)}


def ring_graph(area: Area, params: RingParams) -> nx.Graph:
    """The weighted undirected graph of ring entities of an area (module docstring)."""
    members = ring_members(area)
    binds = {
        k
        for k in members
        if area.nodes[k].binds(params.min_pair_parcels, params.bystander_share, area.is_leaf)
    }
    weights: dict[tuple[str, str], float] = defaultdict(float)

    def add(a: str, b: str, weight: float) -> None:
        if a != b and a in members and b in members:
            weights[(a, b) if a < b else (b, a)] += weight

    waybills: set[str] = set()
    trade: Counter[tuple[str, str]] = Counter()
    links: set[tuple[str, str, str]] = set()
    for key in sorted(members):
        node = area.nodes[key]
        for parcel in node.parcels:
            if parcel.waybill in waybills:
                continue
            waybills.add(parcel.waybill)
            senders = [k for k in parcel.shipment.senders if k in members]
            receivers = [k for k in parcel.shipment.receivers if k in members]
            for side in (senders, receivers):
                for i, a in enumerate(side):
                    for b in side[i + 1 :]:
                        add(a, b, params.weight_shipment)
            trade.update((s, r) for s in senders if s in binds for r in receivers)
        for link in node.link_rows:
            weight = (
                params.weight_identity
                if link.type in _IDENTITY_TYPES
                else params.weight_possible
                if link.type == "POSSIBLY_SAME_AS"
                else params.weight_mention
            )
            others = [e.key for e in link.ends] if link.ends else [link.other]
            for other in others:
                pair = (min(key, other), max(key, other), link.type)
                if pair not in links:
                    links.add(pair)
                    add(key, other, weight)
    traded: set[tuple[str, str]] = set()
    for (s, r), n in trade.items():
        if n >= params.min_pair_parcels and s != r:
            add(s, r, n * params.weight_shipment)
            traded.add((s, r) if s < r else (r, s))
    graph = nx.Graph()
    graph.add_nodes_from(sorted(members))
    graph.add_edges_from(
        (a, b, {"weight": w, "trade": (a, b) in traded}) for (a, b), w in sorted(weights.items())
    )
    return graph


def communities(
    graph: nx.Graph, params: RingParams, algorithms: Algorithms = DEFAULT_ALGORITHMS
) -> list[set[str]]:
    """Groups of ring entities (clues included) that hold a clue, largest first."""
    found: list[set[str]] = []
    for component in algorithms.components(graph):
        if not any(is_clue(k) for k in component):
            continue
        entities = [k for k in component if not is_clue(k)]
        if len(entities) > params.split_above:
            sub = graph.subgraph(sorted(component))
            parts = algorithms.communities(sub, resolution=params.resolution, seed=params.seed)
        else:
            parts = [component]
        for part in parts:
            entities_in = {k for k in part if not is_clue(k)}
            clues = {c for k in entities_in for c in graph.neighbors(k) if is_clue(c)}
            trades = any(d["trade"] for _, _, d in graph.subgraph(entities_in).edges(data=True))
            if len(entities_in) >= params.min_members and clues and trades:
                found.append(entities_in | clues)
    return sorted(found, key=lambda g: (-len(g), min(g)))


# --- summaries ---------------------------------------------------------------------


def _platform(key: str) -> str | None:
    kind = kind_of(key)
    if kind == "Shop":
        return ids.SHOP.platform_of(ids.SHOP.value_of(key))
    if kind == "Listing":
        return ids.LISTING.platform_of(ids.LISTING.value_of(key))
    return None


def _counted(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def ring_sources(
    area: Area,
    entities: set[str],
    params: RingParams,
    regions_of: Mapping[str, tuple[str, ...]],
) -> tuple[SourceCandidate, ...]:
    """Source candidates inside a ring: its shops are the targets (see ``scoring``)."""
    graph = ShipmentGraph(regions=dict(regions_of))
    for key in sorted(entities):
        node = area.nodes[key]
        by_side: dict[str, list[Shipment]] = {"sent": [], "received": []}
        for parcel in node.parcels:
            by_side["sent" if parcel.sent else "received"].append(parcel.shipment)
        totals = area.totals.get(key)
        sent = totals.sent if totals else len(by_side["sent"])
        received = totals.degree - totals.sent if totals else len(by_side["received"])
        graph.record_probe(key, "sent", sent, by_side["sent"])
        graph.record_probe(key, "received", received, by_side["received"])
    shops = sorted(k for k in entities if kind_of(k) == "Shop")
    shops_of: dict[str, set[str]] = defaultdict(set)
    companies_of: dict[str, set[str]] = defaultdict(set)
    for shop in shops:
        for link in area.nodes[shop].link_rows:
            if link.type in _DECLARES:
                shops_of[link.other].add(shop)
            elif link.type == "OPERATED_BY" and link.other in area.nodes:
                for seller_link in area.nodes[link.other].link_rows:
                    if seller_link.type == "HAS_PHONE":
                        shops_of[seller_link.other].add(shop)
    for key in entities:
        if kind_of(key) in COMPANY_LABELS:
            for link in area.nodes[key].link_rows:
                if link.type == "HAS_PHONE":
                    companies_of[link.other].add(key)
    hubs = dict(area.hubs)
    sent_degree = {k: p.sent_degree for k, p in graph.parties.items()}
    parties = group_parties(graph.shipments.values(), hubs, sent_degree, joinable=entities)
    targets = frozenset(parties.group_of[k] for k in shops_of if k in parties.group_of)
    complaints = {
        shop: sum(1 for link in area.nodes[shop].link_rows if is_clue(link.other)) for shop in shops
    }
    data = ChainInput(
        graph=graph,
        parties=parties,
        hubs=hubs,
        targets=targets,
        shops_of={k: frozenset(v) for k, v in shops_of.items()},
        shop_complaints=complaints,
        companies_of={k: frozenset(v) for k, v in companies_of.items()},
        now_ms=params.now_ms,
        return_keywords=params.roles.return_keywords,
    )
    ranked = rank_sources(data, weights=params.weights, roles=params.roles, hub=params.hub)
    inside = [c for c in ranked if set(c.members) & entities]
    return tuple(inside[: params.max_sources])


def summarise(
    group: set[str],
    graph: nx.Graph,
    area: Area,
    facts: Mapping[str, Mapping[str, Any]],
    brands: Mapping[str, set[str]],
    params: RingParams,
    algorithms: Algorithms,
    component: int,
) -> Ring:
    entities = {k for k in group if not is_clue(k)}
    clues = sorted(k for k in group if is_clue(k))
    members = sorted(entities)
    sub = nx.Graph()  # a plain graph in sorted order: a view filters every step, and
    sub.add_nodes_from(members)  # iterates a set (betweenness would sample by hash order)
    sub.add_edges_from(graph.subgraph(members).edges(data=True))
    rank = algorithms.pagerank(sub)
    between = algorithms.betweenness(sub, samples=params.betweenness_samples, seed=params.seed)
    key_nodes = sorted(members, key=lambda k: (-rank.get(k, 0.0), -between.get(k, 0.0), k))
    regions_of = {k: tuple(facts.get(k, {}).get("regions") or ()) for k in members}
    shops = [k for k in members if kind_of(k) == "Shop"]
    clue_set = set(clues)
    shop_refs = tuple(
        ShopRef(
            s,
            leaf_regions(regions_of[s]),
            sum(1 for link in area.nodes[s].link_rows if link.other in clue_set),
        )
        for s in shops
    )
    waybills = {p.waybill for k in members for p in area.nodes[k].parcels}
    firsts = [t for k in members if (t := facts.get(k, {}).get("first_seen"))]
    lasts = [t for k in members if (t := facts.get(k, {}).get("last_seen"))]
    brand_counts: Counter[str] = Counter()
    for key in [*members, *clues]:
        brand_counts.update(brands.get(key, ()))
    return Ring(
        id=ring_id(members),
        members=tuple(members),
        size=len(members),
        kinds=_counted(Counter(kind_of(k) for k in members)),
        regions=spread(regions_of.values()),
        platforms=_counted(Counter(p for k in members if (p := _platform(k)))),
        brands=_counted(brand_counts),
        shops=shop_refs,
        key_nodes=tuple(
            KeyNode(k, kind_of(k), round(rank.get(k, 0.0), 6), round(between.get(k, 0.0), 6))
            for k in key_nodes[: params.key_nodes]
        ),
        complaints=tuple(clues),
        waybills=len(waybills),
        first_seen=min(firsts, default=None),
        last_seen=max(lasts, default=None),
        sources=ring_sources(area, entities, params, regions_of),
        component=component,
    )


def rings_in_area(
    store: GraphStore,
    area: Area,
    params: RingParams,
    algorithms: Algorithms = DEFAULT_ALGORITHMS,
    component_of: Mapping[str, int] | None = None,
) -> list[Ring]:
    """Detect and summarise the rings of an explored area."""
    graph = ring_graph(area, params)
    groups = communities(graph, params, algorithms)
    if not groups:
        return []
    entities = sorted({k for g in groups for k in g if not is_clue(k)})
    facts: dict[str, dict[str, Any]] = {}
    for row in fetch.batched(store, q.NODE_FACTS, entities, {}, size=params.batch):
        facts[row["key"]] = row
    brand_keys = [k for g in groups for k in g if kind_of(k) == "Listing" or is_clue(k)]
    brands = fetch.brands(store, brand_keys)
    rings = []
    for group in groups:
        component = -1
        if component_of is not None:
            component = min((component_of[k] for k in group if k in component_of), default=-1)
        rings.append(summarise(group, graph, area, facts, brands, params, algorithms, component))
    return sorted(rings, key=lambda r: (-r.size, r.id))


def find_rings(
    store: GraphStore,
    params: RingParams = RingParams(),  # noqa: B008 (frozen, never mutated)
    *,
    algorithms: Algorithms | None = None,
) -> list[Ring]:
    """Every ring in the graph (see the module docstring), largest first. ``algorithms``:
    GDS when the server has it, else networkx (``algorithms_for``)."""
    return _find_rings(store, params, algorithms or algorithms_for(store))[0]


def _find_rings(
    store: GraphStore, params: RingParams, algorithms: Algorithms
) -> tuple[list[Ring], Area]:
    """Every clue is a seed; the engine's components of them (only their ids go into the
    rings) are computed while the areas are read."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        components = pool.submit(
            store.components,
            labels=list(q.RING_LABELS),
            types=list(q.RING_TYPES),
            of=list(CLUE_LABELS),
        )
        seeds = sorted(row["key"] for row in store.run(q.CLUES))
        with gc_paused():
            area = explore(store, seeds, params)
            rings = rings_in_area(store, area, params, algorithms, components.result())
    return rings, area


class RingIndex:
    """Ring membership kept between updates; :meth:`update_for` recomputes locally. The
    hub verdicts of its explorations are kept too, so an update does not read a hub's
    totals and parcels again (an index loaded from records learns them as it goes)."""

    def __init__(
        self,
        store: GraphStore,
        params: RingParams = RingParams(),  # noqa: B008 (frozen, never mutated)
        algorithms: Algorithms | None = None,
    ) -> None:
        self.store = store
        self.params = params
        self.algorithms = algorithms or algorithms_for(store)
        self._rings: dict[str, Ring] = {}
        self._ring_of: dict[str, str] = {}
        self._hubs: dict[str, str] = {}

    @property
    def rings(self) -> list[Ring]:
        return sorted(self._rings.values(), key=lambda r: (-r.size, r.id))

    def ring_of(self, key: str) -> Ring | None:
        ring = self._ring_of.get(key)
        return self._rings[ring] if ring else None

    def build(self) -> list[Ring]:
        """Find every ring from scratch (engine components + areas of all clues)."""
        self._rings.clear()
        self._ring_of.clear()
        rings, area = _find_rings(self.store, self.params, self.algorithms)
        self._hubs = dict(area.hubs)
        for ring in rings:
            self.add(ring)
        return self.rings

    def add(self, ring: Ring) -> None:
        """Hold ``ring`` (a stored one, when the index is loaded from records)."""
        self._rings[ring.id] = ring
        for key in (*ring.members, *ring.complaints):
            self._ring_of[key] = ring.id

    def _remove(self, ring_key: str) -> None:
        ring = self._rings.pop(ring_key)
        for key in (*ring.members, *ring.complaints):
            if self._ring_of.get(key) == ring_key:
                del self._ring_of[key]

    def update_for(self, keys: Iterable[str]) -> RingUpdate:
        """Re-read the area of ``keys`` (new or changed entities) and replace only the
        rings it touches; other rings are not read and stay as they are."""
        started = time.perf_counter()
        with gc_paused():
            area = explore(self.store, keys, self.params, self._hubs)
            found = rings_in_area(self.store, area, self.params, self.algorithms)
        self._hubs.update(area.hubs)
        touched = ring_members(area)
        stale = {self._ring_of[k] for k in touched if k in self._ring_of}
        kept = {r.id for r in found} & stale
        added = [r for r in found if r.id not in self._rings]
        for ring_key in sorted(stale):
            self._remove(ring_key)
        for ring in found:
            self.add(ring)
        return RingUpdate(
            removed=tuple(sorted(stale - kept)),
            added=tuple(added),
            refreshed=tuple(sorted(kept)),
            entities_read=len(area.nodes),
            elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
        )
