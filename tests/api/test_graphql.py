"""The GraphQL API end to end: real tokens, real HTTP through the ASGI app, real store.

Masking, unmask and its audit trail, search by identifier, neighbours and
neighbourhoods, liaisons, the N+1 guard (round trips per request), the committed
schema file, and the analysis seam saying plainly what is not built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cluehub.analysis import ring_docs
from cluehub.api.gql.schema import export_sdl
from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.settings import load
from tests import ROOT
from tests.support.gql import Hub
from tests.support.shop_world import PHONE, SHOP, WAYBILL, no_cleartext, seed


@pytest.fixture
def hub(store: GraphStore, tmp_path: Path) -> Hub:
    seed(store)
    return Hub(load(data_dir=tmp_path), store)


def test_entities_are_masked_everywhere_and_ids_are_opaque(hub: Hub) -> None:
    body = hub.post(
        """{ search(text: "运动鞋") { edges { node { id kind key caption masked
              neighbours { totalCount edges { relationship direction node {
                id kind key caption masked properties { name value }
                neighbours { edges { node { id key caption properties { name value } } } } } } }
            } } } }"""
    )
    assert "errors" not in body
    (shop,) = body["data"]["search"]["edges"]
    assert shop["node"]["kind"] == "Shop" and shop["node"]["caption"] == "莆田运动鞋店"
    phone = shop["node"]["neighbours"]["edges"][0]
    assert phone["relationship"] == "HAS_PHONE" and phone["direction"] == "OUT"
    assert phone["node"]["key"] == "tel:138****5678" and phone["node"]["masked"] is True
    nested = {e["node"]["key"] for e in phone["node"]["neighbours"]["edges"]}
    assert nested == {SHOP, WAYBILL}
    waybill = next(
        e["node"] for e in phone["node"]["neighbours"]["edges"] if e["node"]["key"] == WAYBILL
    )
    assert {"name": "sender_name", "value": "张*"} in waybill["properties"]
    no_cleartext(body)
    for node_id in (shop["node"]["id"], phone["node"]["id"]):
        assert node_id.startswith("e1_") and "tel" not in node_id and "138" not in node_id
    again = hub.post("{{ entity(id: {}) {{ key }} }}".format(_quote(phone["node"]["id"])))
    assert again["data"]["entity"]["key"] == "tel:138****5678"


def _quote(text: str) -> str:
    return '"' + text + '"'


def test_unmask_needs_a_reason_returns_cleartext_and_is_audited(hub: Hub) -> None:
    found = hub.post('{ search(identifier: "138 1234 5678") { edges { node { id key } } } }')
    (edge,) = found["data"]["search"]["edges"]
    assert edge["node"]["key"] == "tel:138****5678"
    unmask = "mutation($id: ID!, $why: String!) { unmask(id: $id, reason: $why) { key caption auditEvent entity { key } } }"  # noqa: E501
    short = hub.post(unmask, {"id": edge["node"]["id"], "why": "check"})
    assert short["data"]["unmask"] is None
    assert short["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "at least 10" in short["errors"][0]["message"]

    done = hub.post(
        unmask,
        {"id": edge["node"]["id"], "why": "案件协查 2024-017: confirm sender"},
        headers={"x-request-id": "req-unmask-1"},
    )
    assert done["data"]["unmask"]["key"] == PHONE
    assert done["data"]["unmask"]["caption"] == "+8613812345678"
    assert done["data"]["unmask"]["entity"]["key"] == "tel:138****5678"
    event = hub.store.get_doc("AuditEvent", done["data"]["unmask"]["auditEvent"])
    assert event is not None
    assert event["operation"] == "entity.unmask" and event["object_keys"] == [PHONE]
    assert event["actor"] == "investigator@350300" and event["bureau"] == "350300"
    assert event["reason"] == "案件协查 2024-017: confirm sender"
    assert event["request_id"] == "req-unmask-1"
    searched = hub.store.find_docs("AuditEvent", {"operation": "search.identifier"})
    assert [e["object_keys"] for e in searched] == [[PHONE]]


def test_supervisor_reads_audit_masked_and_nobody_can_change_it(hub: Hub) -> None:
    found = hub.post('{ search(identifier: "13812345678") { edges { node { id } } } }')
    phone_id = found["data"]["search"]["edges"][0]["node"]["id"]
    hub.post(
        'mutation($id: ID!) { unmask(id: $id, reason: "joint case 2024-9 evidence") { key } }',
        {"id": phone_id},
        bureau="350304",
    )
    trail = hub.post(
        """{ auditEvents(filter: {operation: "entity.unmask"}) { edges { node {
              key operation actor bureau { code } reason objects { key id } } } } }""",
        bureau="350000",
        role="supervisor",
    )
    (event,) = trail["data"]["auditEvents"]["edges"]
    assert event["node"]["actor"] == "investigator@350304"
    assert event["node"]["objects"] == [{"key": "tel:138****5678", "id": phone_id}]
    no_cleartext(trail)
    stored = hub.store.get_doc("AuditEvent", event["node"]["key"])
    assert stored is not None and stored["object_keys"] == [PHONE]  # real key kept

    other = hub.post(
        "{ auditEvents { edges { node { key } } } }", bureau="330000", role="supervisor"
    )
    assert all(
        e["node"]["key"] != event["node"]["key"] for e in other["data"]["auditEvents"]["edges"]
    )

    # No mutation touches the audit trail, and the store keeps the first version.
    mutations = hub.post('{ __type(name: "Mutation") { fields { name } } }')
    names = {f["name"] for f in mutations["data"]["__type"]["fields"]}
    assert {"unmask", "setLiaison"} <= names
    assert not [n for n in names if "audit" in n.lower()]
    response = hub.client.post(
        "/graphql",
        json={"query": 'mutation {{ deleteAuditEvent(key: "{}") }}'.format(event["node"]["key"])},
        headers={"authorization": f"Bearer {hub.token('100000', 'admin')}"},
    )
    assert (
        response.status_code == 200
        and "deleteAuditEvent" in response.json()["errors"][0]["message"]
    )
    forged = Batch()
    forged.doc("AuditEvent", event["node"]["key"], actor="someone-else", reason="rewritten")
    hub.store.write(forged)
    assert hub.store.get_doc("AuditEvent", event["node"]["key"]) == stored


def test_lookup_by_personal_key_is_audited_even_when_not_found(hub: Hub) -> None:
    body = hub.post('{ entity(key: "tel:13900000000") { id } }', headers={"x-request-id": "r-42"})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    (event,) = hub.store.find_docs("AuditEvent", {"operation": "entity.lookup"})
    assert event["object_keys"] == ["tel:+8613900000000"] and event["detail"] == "not found"
    assert event["request_id"] == "r-42"


def test_neighbourhood_returns_masked_nodes_and_relationships(hub: Hub) -> None:
    body = hub.post(
        """query($key: String!) { neighbourhood(key: $key, hops: 2) {
              start { key } truncated nodes { hops entity { key kind } }
              relationships { type source { key } target { key } } } }""",
        {"key": SHOP},
    )
    result = body["data"]["neighbourhood"]
    assert result["start"]["key"] == SHOP and result["truncated"] is False
    hops = {n["entity"]["key"]: n["hops"] for n in result["nodes"]}
    assert hops == {SHOP: 0, "tel:138****5678": 1, WAYBILL: 2}
    relationships = {
        (r["source"]["key"], r["type"], r["target"]["key"]) for r in result["relationships"]
    }
    assert relationships == {
        (SHOP, "HAS_PHONE", "tel:138****5678"),
        (WAYBILL, "SENT_BY", "tel:138****5678"),
    }
    no_cleartext(body)


def test_neighbourhood_entities_read_their_sources_when_asked(hub: Hub) -> None:
    """The store's neighbourhood reads nodes without their source lists; an entity asked
    for ``sources`` gets them, all in one more statement, in the viewer's scope."""
    query = """query($key: String!) { neighbourhood(key: $key, hops: 2) {
        nodes { entity { key sources } } } }"""
    hub.post(query, {"key": SHOP})  # the first request also registers the user
    before = hub.store.round_trips
    body = hub.post(query, {"key": SHOP})
    asked = hub.store.round_trips - before
    sources = {
        n["entity"]["key"]: n["entity"]["sources"] for n in body["data"]["neighbourhood"]["nodes"]
    }
    stored = hub.store.get_many([SHOP, WAYBILL])
    assert sources[SHOP] == stored[SHOP].sources and sources[WAYBILL] == stored[WAYBILL].sources
    assert all(sources.values())
    before = hub.store.round_trips
    hub.post(query.replace("sources", ""), {"key": SHOP})
    assert asked == hub.store.round_trips - before + 1


def test_neighbourhood_reads_full_properties_only_when_they_are_asked_for(hub: Hub) -> None:
    """Asked for facts only (caption, masked, regions…), the store sends brief nodes;
    asked for properties or a kind's own fields, it sends them all. The answers agree."""
    brief_query = """query($key: String!) { neighbourhood(key: $key, hops: 2) {
        start { key caption masked } nodes { entity { key caption masked regions { code } } } } }"""
    full_query = """query($key: String!) { neighbourhood(key: $key, hops: 2) {
        nodes { entity { key caption masked regions { code } properties { name value }
                         ... on Waybill { senderName } } } } }"""
    asked: list[bool] = []
    real = hub.store.neighbourhood

    def spy(*args: object, **kw: object) -> object:
        asked.append(bool(kw.get("brief")))
        return real(*args, **kw)  # type: ignore[arg-type]

    hub.store.neighbourhood = spy  # type: ignore[method-assign]
    brief = hub.post(brief_query, {"key": SHOP})["data"]["neighbourhood"]
    full = hub.post(full_query, {"key": SHOP})["data"]["neighbourhood"]
    assert asked == [True, False]
    facts = {n["entity"]["key"]: n["entity"] for n in brief["nodes"]}
    for node in full["nodes"]:
        entity = node["entity"]
        assert {k: entity[k] for k in ("key", "caption", "masked", "regions")} == facts[
            entity["key"]
        ]
    waybill = next(n["entity"] for n in full["nodes"] if n["entity"]["key"] == WAYBILL)
    assert waybill["senderName"] == "张*" and facts[WAYBILL]["masked"] is True
    assert {"name": "sender_name", "value": "张*"} in waybill["properties"]
    assert facts[SHOP]["caption"] == "莆田运动鞋店"


def test_nested_entities_cost_a_constant_number_of_round_trips(hub: Hub) -> None:
    batch = Batch()
    for i in range(25):
        shop = batch.node(
            ids.SHOP.key_of(f"jd:{7000 + i}"), 1, f"jd/{i}", region="350304", name=f"批量鞋店{i}"
        )
        phone = batch.node(ids.PHONE.key_of(f"1390000{i:04d}"), 1, f"jd/{i}", region="350304")
        listing = batch.node(ids.LISTING.key_of(f"jd:{9000 + i}"), 1, f"jd/{i}", region="350304")
        batch.rel(shop, "HAS_PHONE", phone, 1, f"jd/{i}")
        batch.rel(listing, "LISTED_IN", shop, 1, f"jd/{i}")
    hub.store.write(batch)
    query = """{ search(text: "批量鞋店", first: 20) { edges { node {
        id kind key caption regions { code name bureau { name } }
        neighbours(first: 5) { totalCount edges { relationship node {
            id key caption neighbours(first: 3) { totalCount edges { node { key } } }
        } } } } } } }"""
    hub.post("{ me { name } }")  # first request of this person registers them
    before = hub.store.round_trips
    body = hub.post(query)
    used = hub.store.round_trips - before
    edges = body["data"]["search"]["edges"]
    assert len(edges) == 20
    assert all(e["node"]["neighbours"]["totalCount"] == 2 for e in edges)
    # search, one neighbours page for all 20 shops, one for all their 40 neighbours.
    assert used == 3, f"{used} store round trips for one request"


def test_me_bureaus_and_liaisons(hub: Hub) -> None:
    me = hub.post(
        "{ me { sub name role bureau { code name level parent { name } } scope { fullName } } }"
    )
    assert me["data"]["me"] == {
        "sub": "investigator@350300",
        "name": "investigator@350300",
        "role": "investigator",
        "bureau": {
            "code": "350300",
            "name": "莆田市市场监督管理局",
            "level": "CITY",
            "parent": {"name": "福建省市场监督管理局"},
        },
        "scope": {"fullName": "福建省莆田市"},
    }
    user = hub.store.get_doc("User", "investigator@350300")
    assert user is not None and user["bureau"] == "350300" and user["role"] == "investigator"

    set_liaison = """mutation { setLiaison(bureau: "350304", name: "林晓", phone: "0594-2345678",
        email: "lin@ptscjg.example.cn") { code liaison { name phone updatedBy } } }"""
    refused = hub.post(set_liaison, bureau="350300", role="supervisor")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    outside = hub.post(set_liaison, bureau="330000", role="admin")
    assert outside["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    done = hub.post(set_liaison, bureau="350000", role="admin")
    assert done["data"]["setLiaison"]["liaison"] == {
        "name": "林晓",
        "phone": "+865942345678",
        "updatedBy": "admin@350000",
    }
    (event,) = hub.store.find_docs("AuditEvent", {"operation": "liaison.set"})
    assert event["actor"] == "admin@350000" and event["object_keys"] == ["bureau:350304"]
    seen = hub.post('{ bureau(code: "350304") { name liaison { name } } }', bureau="330782")
    assert seen["data"]["bureau"] == {
        "name": "莆田市荔城区市场监督管理局",
        "liaison": {"name": "林晓"},
    }


def test_analysis_fields_are_scoped_or_say_plainly_they_are_not_built(hub: Hub) -> None:

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
    ring_docs.rebuild(hub.store, now_ms=2000)
    trace = """query($k: String!) { traceSources(key: $k) { direction start { key }
        candidates { entity { key } score role evidence { length nodes { key } } } } }"""
    rings = "{ rings { edges { node { id size members { edges { node { key } } } } } } }"
    for query, variables in (
        (trace, {"k": SHOP}),
        (rings, None),
        ("query($k: String!) { salesNetwork(key: $k) { direction } }", {"k": SHOP}),
    ):
        body = hub.post(query, variables)
        assert "errors" not in body, body["errors"]
        no_cleartext(body)
        assert "13800000001" not in str(body)
    body = hub.post(trace, {"k": SHOP})["data"]["traceSources"]
    keys = {c["entity"]["key"] for c in body["candidates"]}
    assert "tel:138****0001" in keys  # the sender behind the parcels, masked
    outside = hub.post(trace, {"k": SHOP}, bureau="330000")
    assert outside["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    far = hub.post(rings, bureau="330000")["data"]["rings"]["edges"]
    assert far == []  # every member is in Fujian


def test_committed_schema_file_is_current() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == export_sdl(), "schema.graphql is stale: run `cluehub schema`"


def test_request_ids_and_metrics(hub: Hub) -> None:
    token = hub.token("350300", "investigator")
    response = hub.client.post(
        "/graphql",
        json={"query": "query WhoAmI { me { sub } }"},
        headers={"authorization": f"Bearer {token}", "x-request-id": "trace-77"},
    )
    assert response.headers["x-request-id"] == "trace-77"
    hub.post('{ search(text: "运动鞋") { edges { cursor } } }')
    generated = hub.client.get("/healthz").headers["x-request-id"]
    assert len(generated) == 32
    metrics = hub.client.get("/metrics").text
    assert 'cluehub_graphql_operations_total{operation="WhoAmI",outcome="ok",type="query"} 1.0' in (
        metrics
    )
    assert 'cluehub_http_requests_total{method="POST",route="/graphql",status="200"}' in metrics
    assert 'cluehub_store_statement_seconds_count{statement="api_search_text"} 1.0' in metrics


def test_a_brand_is_found_by_its_chinese_or_english_name(hub: Hub) -> None:
    """ "耐克" must find Nike (the node's key says brand:nike, its listings say either)."""
    batch = Batch()
    batch.node("brand:nike", 1_700_000_000_000, "tmall/1")
    hub.store.write(batch)
    query = "query($t: String!) { search(text: $t) { edges { node { key kind } } } }"
    for text, bureau in (("耐克", "350300"), ("Nike", "100000"), ("NIKE", "440100")):
        edges = hub.post(query, {"t": text}, bureau=bureau)["data"]["search"]["edges"]
        assert edges and edges[0]["node"] == {"key": "brand:nike", "kind": "Brand"}, text
    assert hub.post(query, {"t": "不是品牌"}, bureau="100000")["data"]["search"]["edges"] == []
