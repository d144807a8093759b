"""The hand-built world (``tests/support/world.py``) holds what the analysis tests rely on."""

from __future__ import annotations

from cluehub.graph.store import GraphStore
from tests.support.world import build_world


def test_world_has_the_planted_chain(store: GraphStore) -> None:
    world = build_world(store)
    nodes, rels = store.counts()
    assert nodes > 2_000 and rels > 4 * world.waybills
    first = world.shops[0]
    shop = store.neighbourhood(first.key, 1, types=["RETURNS_TO", "HAS_PHONE"])
    assert set(shop.nodes) == {first.key, first.return_address, first.phone}
    path = store.shortest_path(world.workshop.phone, first.return_address, max_hops=6)
    assert path is not None and len(path) == 4  # workshop -> parcel -> warehouse -> parcel -> shop
    outlet = store.neighbourhood(world.hub, 1, types=["SENT_FROM"], limit=1_000)
    assert len(outlet.nodes) > 250  # the hub sends for hundreds of people


def test_world_complaints_mention_shops(store: GraphStore) -> None:
    world = build_world(store)
    complaint = world.complaints[world.shops[0].key][0]
    around = store.neighbourhood(complaint, 1)
    assert world.shops[0].key in around.nodes
    assert "brand:nike" in around.nodes
