"""Sales network (销售网络): from a source downstream to warehouses, shops and regions.

:func:`sales_network` starts from one source identifier (a workshop's phone, address or
company):

1. **The source.** Its parcels sent are read; the other phones and addresses on the
   sender side of those parcels (never a hub) act with it (one yard, two phones).
2. **Downstream, hop by hop** (``SalesParams.max_depth``). The receivers of the parcels
   read are probed and their owners looked up. A receiver that is a shop's return or
   ship-from address or the phone of a shop or its seller *reaches that shop*. A
   receiver that is no shop, got at least ``min_pair`` parcels from upstream and sends on
   at least ``warehouse_min_sent`` is a *warehouse* (仓储): its own parcels sent are
   followed at the next hop (a consumer who once posts a parcel is not). Hubs are never
   followed; everything else is a plain receiver (buyers, other businesses).
3. **Shops.** Their sellers, listings, platforms and regions are read in one query.

Volumes are parcels read (each node reads at most ``fanout_cap`` parcels per side;
``truncated`` says when a cap was hit). Every shop comes with an evidence path from the
source along the parcels, hop by hop with record refs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from cluehub.graph import identifiers as ids
from cluehub.graph.store import GraphStore

from . import fetch
from .evidence import FlowGraph
from .params import SalesParams
from .places import leaf_regions, spread
from .results import AnalysisError, EvidencePath, Reached, SalesNetwork, ShopReached
from .shipments import Shipment, ShipmentGraph, group_parties, is_pivot, kind_of


def _span(shipments: Iterable[Shipment]) -> tuple[int | None, int | None]:
    shipments = list(shipments)
    firsts = [s.first_seen for s in shipments if s.first_seen is not None]
    lasts = [s.last_seen for s in shipments if s.last_seen is not None]
    return min(firsts, default=None), max(lasts, default=None)


def sales_network(
    store: GraphStore,
    source_key: str,
    *,
    scope: str | None = None,
    params: SalesParams = SalesParams(),  # noqa: B008 (frozen, never mutated)
) -> SalesNetwork:
    """Everything downstream of ``source_key`` (see the module docstring)."""
    node = store.get(source_key)
    if node is None or (scope is not None and scope not in node.props.get("regions", [])):
        where = f" or not visible in region {scope}" if scope else ""
        raise AnalysisError(
            f"cannot follow '{source_key}': no such node in the graph{where} "
            "(start from a source's phone, address or company found by tracing)"
        )
    graph = ShipmentGraph()
    cap = params.fanout_cap
    fetch.probe(store, graph, [source_key], scope=scope, received_cap=cap, sent_cap=cap)
    hubs: dict[str, str] = {}
    reason = graph.hub_reason(source_key, params.hub)
    if reason:
        raise AnalysisError(
            f"'{source_key}' is a shared logistics hub ({reason}), not a source: "
            "follow the phones or addresses of the senders that use it instead"
        )
    co_senders = sorted(
        {k for s in graph.sent_of(source_key) for k in s.senders if k != source_key and is_pivot(k)}
    )
    fetch.probe(store, graph, co_senders, scope=scope, received_cap=cap, sent_cap=cap)
    members = {source_key}
    for key in co_senders:
        reason = graph.hub_reason(key, params.hub)
        if reason:
            hubs[key] = reason
        else:
            members.add(key)
    truncated = any(len(graph.parties[m].sent) < graph.parties[m].sent_degree for m in members)

    depth_of: dict[str, int] = {}
    warehouses: set[str] = set()
    shops_of: dict[str, set[str]] = {}
    owner_rels: list[fetch.Rel] = []
    senders = set(members)
    for depth in range(1, params.max_depth + 1):
        parcels = {s.key: s for k in sorted(senders) for s in graph.sent_of(k)}
        receivers = sorted(
            {r for s in parcels.values() for r in s.receivers}
            - members
            - warehouses
            - depth_of.keys()
        )
        if not receivers:
            break
        truncated |= len(receivers) > params.max_frontier
        receivers = receivers[: params.max_frontier]
        for key in receivers:
            depth_of[key] = depth
        fetch.probe(
            store, graph, receivers, scope=scope, received_cap=params.hub_sample, sent_cap=cap
        )
        owners = fetch.owners(store, receivers, scope=scope, cap=params.identity_cap)
        owner_rels += owners.rels + owners.via
        for key, shops in owners.shops_of.items():
            shops_of.setdefault(key, set()).update(shops)
        got = Counter(r for s in parcels.values() for r in set(s.receivers))
        following: set[str] = set()
        for key in receivers:
            sides = graph.parties.get(key)
            reason = graph.hub_reason(key, params.hub) if sides else None
            if reason:
                hubs[key] = reason
                continue
            if key in shops_of or sides is None:
                continue
            if sides.sent_degree >= params.warehouse_min_sent and got[key] >= params.min_pair:
                warehouses.add(key)
                following.add(key)
                truncated |= len(sides.sent) < sides.sent_degree
        senders = following
        if not senders:
            break

    shipments = list(graph.shipments.values())
    flow = FlowGraph(hubs)
    flow.add_shipments(
        s for s in shipments if any(k in members or k in warehouses for k in s.senders)
    )
    for rel in owner_rels:
        (flow.along if rel.type == "LISTED_IN" else flow.against)(rel)
    upstream = members | warehouses
    downstream = [s for s in shipments if set(s.senders) & upstream]
    sent_degree = {k: p.sent_degree for k, p in graph.parties.items()}
    parties = group_parties(
        downstream,
        hubs,
        sent_degree,
        joinable=set(depth_of) | members,
        extra_keys=depth_of,
    )

    # parties reached: warehouses and plain receivers, grouped
    by_group: dict[str, list[Shipment]] = defaultdict(list)
    for s in downstream:
        for group in {parties.group_of[r] for r in s.receivers if r in parties.group_of}:
            by_group[group].append(s)
    shop_keys = sorted({shop for shops in shops_of.values() for shop in shops})
    details = fetch.shop_details(store, shop_keys, scope=scope, listing_cap=params.listing_cap)
    reached_warehouses: list[Reached] = []
    reached_receivers: list[Reached] = []
    for group, sent_to in sorted(by_group.items()):
        group_members = parties.members.get(group, (group,))
        if set(group_members) & members or any(m in shops_of for m in group_members):
            continue
        if any(m in hubs for m in group_members):
            continue
        first, last = _span(sent_to)
        reached = Reached(
            key=group,
            kind=kind_of(group),
            role="warehouse" if set(group_members) & warehouses else "receiver",
            members=group_members,
            depth=min(depth_of.get(m, 0) for m in group_members),
            waybills=len({s.key for s in sent_to}),
            first_seen=first,
            last_seen=last,
            regions=leaf_regions(c for m in group_members for c in graph.regions.get(m, ())),
        )
        (reached_warehouses if reached.role == "warehouse" else reached_receivers).append(reached)

    shops_paths = _shop_paths(store, flow, sorted(members), shop_keys)
    shops: list[ShopReached] = []
    for shop in shop_keys:
        via = tuple(sorted(k for k, found in shops_of.items() if shop in found))
        sent_to = {s.key: s for s in downstream if set(s.receivers) & set(via)}
        first, last = _span(sent_to.values())
        info = details.get(shop)
        shops.append(
            ShopReached(
                key=shop,
                platform=ids.SHOP.platform_of(ids.SHOP.value_of(shop)),
                via=via,
                waybills=len(sent_to),
                first_seen=first,
                last_seen=last,
                regions=leaf_regions(info.regions) if info else (),
                sellers=info.sellers if info else (),
                listings=info.listings if info else (),
                complaints=info.complaints if info else 0,
                path=shops_paths.get(shop),
            )
        )
    platforms = Counter(s.platform for s in shops)
    first, last = _span(downstream)
    return SalesNetwork(
        source=source_key,
        members=tuple(sorted(members)),
        scope=scope,
        warehouses=tuple(sorted(reached_warehouses, key=lambda r: (-r.waybills, r.key))),
        receivers=tuple(sorted(reached_receivers, key=lambda r: (-r.waybills, r.key))),
        shops=tuple(shops),
        listings=tuple(sorted({x for s in shops for x in s.listings})),
        sellers=tuple(sorted({x for s in shops for x in s.sellers})),
        platforms=tuple(sorted(platforms.items(), key=lambda item: (-item[1], item[0]))),
        regions=spread(details[s].regions for s in shop_keys if s in details),
        waybills=len({s.key for s in downstream}),
        first_seen=first,
        last_seen=last,
        truncated=truncated,
    )


def _shop_paths(
    store: GraphStore, flow: FlowGraph, sources: list[str], shops: list[str]
) -> dict[str, EvidencePath]:
    """One evidence path from the nearest source member to each shop."""
    present = [s for s in sources if s in flow]
    if not present:
        return {}
    found = nx.multi_source_dijkstra_path(flow.whole(), set(present))
    paths = {shop: found[shop] for shop in shops if shop in found}
    wanted = [(r.src, r.type, r.dst) for p in paths.values() for r in flow.rels(p) if not r.sources]
    provenance = fetch.rel_props(store, wanted) if wanted else {}
    return {shop: flow.evidence(path, provenance) for shop, path in paths.items()}
