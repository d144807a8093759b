"""Sales networks on the hand-built world: from the workshop to 20 shops in 5 provinces."""

from __future__ import annotations

import pytest

from cluehub.analysis import AnalysisError, SalesParams, sales_network
from cluehub.graph.store import GraphStore
from tests.support.world import PROVINCES, World, build_world


@pytest.fixture
def world(store: GraphStore) -> World:
    return build_world(store)


def test_workshop_reaches_all_shops_through_both_warehouses(
    store: GraphStore, world: World
) -> None:
    network = sales_network(store, world.workshop.phone)
    assert set(network.members) == world.workshop.keys
    assert {s.key for s in network.shops} == {s.key for s in world.shops}
    assert {p for p, _ in network.regions.provinces} == {c[:2] + "0000" for c in PROVINCES}
    assert dict(network.regions.provinces) == {c[:2] + "0000": 4 for c in PROVINCES}
    houses = {w.key: w for w in network.warehouses}
    assert set(houses) == {world.warehouse_hz.phone, world.warehouse_gz.phone}
    assert houses[world.warehouse_hz.phone].waybills == 30
    assert set(houses[world.warehouse_hz.phone].members) == world.warehouse_hz.keys
    assert houses[world.warehouse_hz.phone].regions == ("330106",)
    assert network.receivers == ()  # nothing reached but warehouses and shops
    assert network.platforms == (("taobao", 20),)
    assert set(network.listings) == {s.listing for s in world.shops}
    assert set(network.sellers) == {s.seller for s in world.shops}
    assert network.waybills == 120  # 60 to the warehouses, 60 from them to the shops
    assert not network.truncated


def test_each_shop_has_volumes_details_and_an_evidence_path(
    store: GraphStore, world: World
) -> None:
    network = sales_network(store, world.workshop.address)
    first = next(s for s in network.shops if s.key == world.shops[0].key)
    assert set(first.via) == {world.shops[0].return_address, world.shops[0].phone}
    assert first.waybills == 3
    assert first.complaints == 3
    assert first.regions == (world.shops[0].region,)
    assert first.listings == (world.shops[0].listing,)
    path = first.path
    assert path is not None
    assert path.nodes[0] in world.workshop.keys and path.nodes[-1] == first.key
    assert all(h.sources for h in path.hops)
    assert path.hops[-1].rel in ("RETURNS_TO", "HAS_PHONE", "OPERATED_BY")


def test_a_warehouse_reaches_only_its_own_shops(store: GraphStore, world: World) -> None:
    network = sales_network(store, world.warehouse_gz.phone)
    assert {s.key for s in network.shops} == {s.key for s in world.shops[10:]}
    assert network.warehouses == ()


def test_caps_are_reported(store: GraphStore, world: World) -> None:
    network = sales_network(store, world.workshop.phone, params=SalesParams(fanout_cap=10))
    assert network.truncated
    assert len(network.shops) < 20


def test_scope_and_hubs(store: GraphStore, world: World) -> None:
    fujian = sales_network(store, world.workshop.phone, scope="350000")
    keys = {s.key for s in fujian.shops} | {w.key for w in fujian.warehouses}
    keys |= {m for w in fujian.warehouses for m in w.members} | set(fujian.members)
    nodes = store.get_many(keys)
    assert all("350000" in nodes[k].props["regions"] for k in keys)
    assert fujian.shops == ()  # every shop sits outside 福建
    with pytest.raises(AnalysisError, match="not visible in region 440000"):
        sales_network(store, world.workshop.phone, scope="440000")
    with pytest.raises(AnalysisError, match="shared logistics hub"):
        sales_network(store, world.hub)
