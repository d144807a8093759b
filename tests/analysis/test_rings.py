"""Ring detection on the hand-built world: planted rings come back, hubs and bystanders stay out."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from math import comb

import networkx as nx
import pytest

from cluehub.analysis import RingIndex, RingParams, find_rings
from cluehub.analysis.algorithms import NetworkxAlgorithms
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from tests.support.world import DAY, T0, World, Writer, build_world, phone


def adjusted_rand_index(truth: dict[str, str], found: dict[str, str]) -> float:
    """ARI of two labelings of the same items (pair counting, Hubert & Arabie 1985)."""
    items = sorted(truth)
    pairs = Counter((truth[i], found[i]) for i in items)
    a = Counter(truth[i] for i in items)
    b = Counter(found[i] for i in items)
    index = sum(comb(n, 2) for n in pairs.values())
    sum_a = sum(comb(n, 2) for n in a.values())
    sum_b = sum(comb(n, 2) for n in b.values())
    expected = sum_a * sum_b / comb(len(items), 2)
    top = (sum_a + sum_b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def test_ari_helper_agrees_with_hand_counts() -> None:
    same = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert adjusted_rand_index(same, {"a": "x", "b": "x", "c": "y", "d": "y"}) == 1.0
    mixed = adjusted_rand_index(same, {"a": "x", "b": "y", "c": "x", "d": "y"})
    assert mixed < 0  # worse than chance


def _labels(world: World, rings: list) -> tuple[dict[str, str], dict[str, str]]:
    truth = {k: "A" for k in world.ring_a_entities}
    truth |= {k: "B" for k in world.ring_b["entities"]}  # type: ignore[union-attr]
    found = {k: f"none:{k}" for k in truth}
    for ring in rings:
        for key in ring.members:
            if key in found:
                found[key] = ring.id
    return truth, found


@pytest.mark.parametrize("linked", [False, True], ids=["apart", "one-stray-parcel"])
def test_rings_recover_the_planted_groups(store: GraphStore, linked: bool) -> None:
    world = build_world(store, ring_b=True, link_rings=linked)
    rings = find_rings(store)  # linked, they are one 143-entity component until Louvain
    assert RingParams().split_above < 143
    truth, found = _labels(world, rings)
    assert adjusted_rand_index(truth, found) >= 0.9
    members = {k for r in rings for k in r.members}
    assert world.hub not in members
    assert not (world.merchant.keys & members)  # a bystander, not a ring member
    assert all(not k.startswith(("waybill:", "complaint:")) for k in members)


def test_ring_summary(store: GraphStore) -> None:
    world = build_world(store, ring_b=True)
    rings = find_rings(store)
    ring_a = next(r for r in rings if world.workshop.phone in r.members)
    assert ring_a.size == len(world.ring_a_entities) == len(ring_a.members)
    provinces = dict(ring_a.regions.provinces)
    assert {"350000", "330000", "440000", "310000", "110000"} <= set(provinces)
    assert ("350304", 3) in ring_a.regions.counties  # workshop phone, address, company
    assert ring_a.platforms == (("taobao", 40),)  # 20 shops and 20 listings
    assert ring_a.brands[0][0] == "brand:nike"
    assert sorted(ring_a.complaints) == sorted(c for cs in world.complaints.values() for c in cs)
    assert {s.key for s in ring_a.shops} == {s.key for s in world.shops}
    assert next(s for s in ring_a.shops if s.key == world.shops[0].key).complaints == 3
    key_nodes = {k.key for k in ring_a.key_nodes}
    assert key_nodes & (world.workshop.keys | world.warehouse_hz.keys | world.warehouse_gz.keys)
    assert ring_a.first_seen is not None and ring_a.last_seen >= T0 + 80 * DAY
    roles = {c.key: c.role for c in ring_a.sources}
    assert roles[world.workshop.phone] == "workshop"
    assert ring_a.sources[0].key == world.workshop.phone
    assert roles.get(world.label_printer.phone) == "label_printer"
    assert {roles.get(world.warehouse_hz.phone), roles.get(world.warehouse_gz.phone)} == {
        "warehouse"
    }
    assert ring_a.id == find_rings(store)[rings.index(ring_a)].id  # stable
    assert ring_a.to_dict()["regions"]["provinces"]


def _add_shop_to_ring_a(store: GraphStore, world: World) -> str:
    writer = Writer(store)
    writer.waybills = 10_000
    shop = writer.shop(99, "330106", "浙江省杭州市西湖区", "N")
    house = world.warehouse_hz
    for _ in range(3):
        to = (shop.phone, shop.return_address, shop.region)
        writer.parcel((house.phone, house.address, house.region), to, T0 + 90 * DAY, "运动鞋")
    writer.complaint("12315:N99", shop, T0 + 95 * DAY)
    writer.flush()
    return shop.key


def test_incremental_update_touches_only_the_affected_ring(store: GraphStore) -> None:
    world = build_world(store, ring_b=True)
    index = RingIndex(store)
    before = {r.id: r for r in index.build()}
    ring_a = index.ring_of(world.workshop.phone)
    ring_b = index.ring_of(world.ring_b["workshop"].phone)  # type: ignore[union-attr]
    assert ring_a and ring_b and len(before) == 2
    new_shop = _add_shop_to_ring_a(store, world)
    update = index.update_for([new_shop])
    assert update.removed == (ring_a.id,)
    assert len(update.added) == 1
    grown = update.added[0]
    assert new_shop in grown.members and set(ring_a.members) < set(grown.members)
    assert index.ring_of(new_shop) == grown
    assert index.ring_of(world.ring_b["workshop"].phone) is ring_b  # type: ignore[union-attr]
    nodes, _ = store.counts()
    assert update.entities_read < len(grown.members) + 20 < nodes / 10
    assert {r.id for r in find_rings(store)} == {r.id for r in index.rings}  # same as rebuild


def test_update_for_unrelated_or_bystander_entities(store: GraphStore) -> None:
    world = build_world(store, ring_b=True)
    index = RingIndex(store)
    ring_a = next(r for r in index.build() if world.workshop.phone in r.members)
    stranger = phone(15000000007)  # ships from the hub only
    update = index.update_for([stranger])
    assert update.removed == () and update.added == () and update.refreshed == ()
    assert update.entities_read == 2  # itself and the hub: read, never crossed
    update = index.update_for([world.merchant.phone])  # two parcels reach shop A0, but
    assert update.removed == update.refreshed == ()  # a bystander binds no one
    assert update.entities_read <= 5  # its address and company; never its 250 consumers
    assert index.ring_of(world.merchant.phone) is None
    assert index.ring_of(world.shops[0].key) == ring_a


def test_algorithms_are_deterministic() -> None:
    algorithms = NetworkxAlgorithms()
    graph = nx.Graph()
    for a, b in combinations(range(6), 2):
        graph.add_edge(f"a{a}", f"a{b}", weight=1.0)
        graph.add_edge(f"b{a}", f"b{b}", weight=1.0)
    graph.add_edge("a0", "b0", weight=0.1)
    first = algorithms.communities(graph, resolution=1.0, seed=7)
    assert first == algorithms.communities(graph, resolution=1.0, seed=7)
    assert sorted(map(sorted, first)) == [[f"a{i}" for i in range(6)], [f"b{i}" for i in range(6)]]
    assert algorithms.components(graph) == [set(graph.nodes)]
    rank = algorithms.pagerank(graph)
    assert rank["a0"] > rank["a1"]
    between = algorithms.betweenness(graph, samples=64, seed=7)
    assert max(between, key=between.get) in ("a0", "b0")


def test_batches_of_new_parcels_are_accepted(store: GraphStore) -> None:
    world = build_world(store, ring_b=True)
    index = RingIndex(store)
    index.build()
    batch = Batch()
    waybill = "waybill:SF:SF1399999999999"
    house, shop = world.warehouse_gz, world.shops[15]
    batch.node(waybill, T0 + 99 * DAY, "sf/SF1399999999999", region=house.region)
    for type_, key in (("SENT_BY", house.phone), ("DELIVERED_TO", shop.return_address)):
        batch.rel(waybill, type_, key, T0 + 99 * DAY, "sf/SF1399999999999")
    before = index.ring_of(shop.key)
    assert before is not None
    store.write(batch)
    update = index.update_for([waybill])  # a new parcel inside ring A: same members
    assert update.removed == () and update.added == ()
    assert update.refreshed == (before.id,)
    after = index.ring_of(shop.key)
    assert after is not None and after.id == before.id
    assert after.waybills == before.waybills + 1
