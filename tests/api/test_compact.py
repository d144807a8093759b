"""The compact graph views (``graphView``, ``traceView``) against the fields they condense.

The one-shop world of ``tests/support/shop_world.py``,
as ``test_graphql`` reads it: the compact arrays must hold the same nodes
and relationships as ``neighbourhood`` (ids, kinds, masked captions, region codes), page
without losing or repeating an edge, stay in scope, and never carry cleartext.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cluehub.api.opaque_ids import OpaqueIds
from cluehub.api.secrets import ID_SECRET_FILE, load_or_create
from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.settings import load
from tests.support.gql import Hub
from tests.support.shop_world import PHONE, SHOP, no_cleartext, seed


@pytest.fixture
def hub(store: GraphStore, tmp_path: Path) -> Hub:
    seed(store)
    return Hub(load(data_dir=tmp_path), store)


VIEW = """query($key: String!, $first: Int!, $after: String, $hops: Int! = 2) {
  graphView(key: $key, hops: $hops, first: $first, after: $after) {
    start truncated pageInfo { hasNextPage endCursor }
    nodes { id kind caption masked regions hops firstSeen lastSeen sightings }
    edges { source target type sightings sourceCount firstSeen } } }"""
HOOD = """query($key: String!) { neighbourhood(key: $key, hops: 2) {
  nodes { hops entity { id kind caption } }
  relationships { type source { id } target { id } } } }"""


def test_graph_view_holds_the_neighbourhood_masked(hub: Hub) -> None:
    body = hub.post(VIEW, {"key": SHOP, "first": 100})
    assert "errors" not in body, body
    view = body["data"]["graphView"]
    hood = hub.post(HOOD, {"key": SHOP})["data"]["neighbourhood"]
    assert {(n["id"], n["kind"], n["caption"], n["hops"]) for n in view["nodes"]} == {
        (n["entity"]["id"], n["entity"]["kind"], n["entity"]["caption"], n["hops"])
        for n in hood["nodes"]
    }
    assert {(e["source"], e["type"], e["target"]) for e in view["edges"]} == {
        (r["source"]["id"], r["type"], r["target"]["id"]) for r in hood["relationships"]
    }
    assert all(e["sourceCount"] >= 1 for e in view["edges"])  # counted by the engine
    phone = next(n for n in view["nodes"] if n["kind"] == "Phone")
    assert phone["masked"] is True and phone["caption"] == "138****5678"
    assert phone["regions"] == ["350304", "350300", "350000"]
    assert view["truncated"] is False and view["pageInfo"]["hasNextPage"] is False
    # each relationship's source count is the number of source records the store keeps
    opaque = OpaqueIds(
        load_or_create(hub.settings.data_dir, ID_SECRET_FILE, hub.settings.id_secret, "ID")
    )
    keys = {n.key for n in hub.store.neighbourhood(SHOP, 2).nodes.values()}
    stored = {
        (opaque.encode(e.src), e.type, opaque.encode(e.dst)): len(e.props["sources"])
        for e in hub.store.subgraph(keys, with_nodes=False).edges
    }
    counts = {(e["source"], e["type"], e["target"]): e["sourceCount"] for e in view["edges"]}
    assert counts == stored
    no_cleartext(body)


def test_graph_view_pages_rebuild_the_whole_picture(hub: Hub) -> None:
    batch = Batch()
    for i in range(12):
        parcel = batch.node(ids.WAYBILL.key_of(f"SF13000009{i:04d}"), 10 + i, f"t/{i}", "350304")
        batch.rel(parcel, "SENT_BY", PHONE, 10 + i, f"t/{i}")
    hub.store.write(batch)
    whole = hub.post(VIEW, {"key": SHOP, "first": 100})["data"]["graphView"]
    nodes, edges, after, pages = [], [], None, 0
    while True:
        page = hub.post(VIEW, {"key": SHOP, "first": 4, "after": after})["data"]["graphView"]
        nodes += [n["id"] for n in page["nodes"]]
        edges += [(e["source"], e["type"], e["target"]) for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 4 and len(nodes) == len(set(nodes)) == len(whole["nodes"]) == 15
    assert len(edges) == len(set(edges)) and set(edges) == {
        (e["source"], e["type"], e["target"]) for e in whole["edges"]
    }


def test_graph_view_is_scoped_and_capped(hub: Hub) -> None:
    outside = hub.post(VIEW, {"key": SHOP, "first": 10}, bureau="330000")
    assert outside["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    over = hub.post('{ graphView(key: "x", first: 501) { start } }')
    assert "first must be between 1 and 500" in over["errors"][0]["message"]
    bad = hub.post(VIEW, {"key": SHOP, "first": 10, "hops": 9})
    assert "hops must be between 1 and 4" in bad["errors"][0]["message"]


def test_trace_view_condenses_trace_sources(hub: Hub) -> None:
    batch = Batch()
    factory = batch.node(ids.PHONE.key_of("13800000001"), 1, "t/f", region="350304")
    workshop = batch.node(
        ids.ADDRESS.key_of("福建省莆田市荔城区工厂路9号"), 1, "t/f", region="350304"
    )
    returns = batch.node(
        ids.ADDRESS.key_of("福建省莆田市荔城区退货路1号"), 1, "t/f", region="350304"
    )
    batch.rel(SHOP, "SHIPS_FROM", returns, 1, "t/f")
    for i in range(30):
        parcel = batch.node(ids.WAYBILL.key_of(f"SF13000000{i:04d}"), 1000 + i, f"t/{i}", "350304")
        batch.rel(parcel, "SENT_BY", factory, 1000 + i, f"t/{i}")
        batch.rel(parcel, "SENT_FROM", workshop, 1000 + i, f"t/{i}")
        batch.rel(parcel, "DELIVERED_TO", returns, 1000 + i, f"t/{i}")
    hub.store.write(batch)
    query = """query($key: String!) { traceView(key: $key) { direction start
        nodes { id kind caption hops } edges { source target type sourceCount }
        candidates { id score role paths } } }"""
    body = hub.post(query, {"key": SHOP})
    assert "errors" not in body, body
    view = body["data"]["traceView"]
    full = hub.post(
        """query($key: String!) { traceSources(key: $key) {
            candidates { entity { id } score evidence { nodes { id } } } } }""",
        {"key": SHOP},
    )["data"]["traceSources"]
    assert [c["id"] for c in view["candidates"]] == [c["entity"]["id"] for c in full["candidates"]]
    ids_shown = {n["id"] for n in view["nodes"]}
    for cand, long in zip(view["candidates"], full["candidates"], strict=True):
        assert len(cand["paths"]) == len(long["evidence"])
        for path, evidence in zip(cand["paths"], long["evidence"], strict=True):
            ends = {view["edges"][i]["source"] for i in path} | {
                view["edges"][i]["target"] for i in path
            }
            assert ends == {n["id"] for n in evidence["nodes"]} and ends <= ids_shown
            first = view["edges"][path[0]]  # paths run from the start outwards
            assert view["start"] in (first["source"], first["target"])
    assert all(e["sourceCount"] >= 1 for e in view["edges"])
    assert view["start"] in ids_shown and "13800000001" not in str(body)
    no_cleartext(body)
    outside = hub.post(query, {"key": SHOP}, bureau="330000")
    assert outside["errors"][0]["extensions"]["code"] == "NOT_FOUND"
