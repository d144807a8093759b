"""The store contract: every backend behaves the same (FalkorDB always, Neo4j with NEO4J_URI)."""

from __future__ import annotations

from enum import StrEnum

import networkx as nx
import pytest

from cluehub.graph import identifiers as ids
from cluehub.graph.model import UnknownModelElement
from cluehub.graph.records import Batch, NodeAssertion
from cluehub.graph.store import GraphStore, MissingEndpoints, to_networkx

PHONE = ids.PHONE.key_of("13812345678")
PHONE2 = ids.PHONE.key_of("13900001111")
WAYBILL = ids.WAYBILL.key_of("SF1311234567890")
WAYBILL2 = ids.WAYBILL.key_of("SF1311234567891")
ADDR = ids.ADDRESS.key_of("福建省莆田市荔城区黄石镇工业路12号")
ADDR2 = ids.ADDRESS.key_of("浙江省金华市义乌市国际商贸城5区")


def shipment(waybill: str, sender: str, receiver_addr: str, seen: int, source: str) -> Batch:
    batch = Batch()
    batch.node(waybill, seen, source, region="350304", weight_kg=1.2)
    batch.node(sender, seen, source)
    batch.node(receiver_addr, seen, source, region="330782")
    batch.rel(waybill, "SENT_BY", sender, seen, source)
    batch.rel(waybill, "DELIVERED_TO", receiver_addr, seen, source)
    return batch


def test_write_and_get(store: GraphStore) -> None:
    assert store.write(shipment(WAYBILL, PHONE, ADDR2, 1_000, "sf/1")) == 5
    node = store.get(WAYBILL)
    assert node is not None
    assert node.kind == "Waybill"
    assert node.props["weight_kg"] == 1.2
    assert node.props["regions"] == ["350304", "350300", "350000"]
    assert store.get("tel:+8613000000000") is None
    assert store.counts() == (3, 2)


def test_same_batch_twice_changes_only_sightings(store: GraphStore) -> None:
    batch = shipment(WAYBILL, PHONE, ADDR2, 1_000, "sf/1")
    store.write(batch)
    first = store.subgraph([WAYBILL, PHONE, ADDR2])
    store.write(batch)
    second = store.subgraph([WAYBILL, PHONE, ADDR2])
    assert store.counts() == (3, 2)
    for key, node in first.nodes.items():
        after = second.nodes[key].props
        assert after["sightings"] == node.props["sightings"] + 1
        assert {k: v for k, v in after.items() if k != "sightings"} == {
            k: v for k, v in node.props.items() if k != "sightings"
        }
    for before, after in zip(
        sorted(first.edges, key=lambda e: e.type),
        sorted(second.edges, key=lambda e: e.type),
        strict=True,
    ):
        assert after.props["sightings"] == before.props["sightings"] + 1


def test_provenance_merges_sources_and_times(store: GraphStore) -> None:
    store.write(shipment(WAYBILL, PHONE, ADDR2, 5_000, "sf/1"))
    store.write(shipment(WAYBILL2, PHONE, ADDR2, 2_000, "sf/2"))
    store.write(shipment(WAYBILL2, PHONE, ADDR2, 9_000, "jt/7"))
    phone = store.get(PHONE)
    assert phone is not None
    assert phone.props["first_seen"] == 2_000
    assert phone.props["last_seen"] == 9_000
    assert phone.props["sightings"] == 3
    assert sorted(phone.sources) == ["jt/7", "sf/1", "sf/2"]
    edge = next(e for e in store.subgraph([WAYBILL2, PHONE]).edges if e.type == "SENT_BY")
    assert edge.props["first_seen"] == 2_000 and edge.props["last_seen"] == 9_000
    assert sorted(edge.props["sources"]) == ["jt/7", "sf/2"]


def test_newer_observation_wins_properties(store: GraphStore) -> None:
    store.upsert_nodes([NodeAssertion(WAYBILL, 5_000, "a/1", {"weight_kg": 2.0})])
    store.upsert_nodes([NodeAssertion(WAYBILL, 1_000, "a/0", {"weight_kg": 9.0})])
    assert store.get(WAYBILL).props["weight_kg"] == 2.0  # the older record does not overwrite
    store.upsert_nodes([NodeAssertion(WAYBILL, 8_000, "a/2", {"weight_kg": 3.0})])
    assert store.get(WAYBILL).props["weight_kg"] == 3.0


def test_relationship_to_missing_node_writes_nothing(store: GraphStore) -> None:
    batch = Batch()
    batch.node(WAYBILL, 1, "x/1")
    batch.rel(WAYBILL, "SENT_BY", PHONE, 1, "x/1")  # PHONE is neither in batch nor graph
    with pytest.raises(MissingEndpoints, match="tel:"):
        store.write(batch)
    assert store.counts() == (0, 0)


def test_model_violations_refused(store: GraphStore) -> None:
    batch = Batch()
    batch.node(PHONE, 1, "x/1")
    batch.node(WAYBILL, 1, "x/1")
    batch.rel(PHONE, "SENT_BY", WAYBILL, 1, "x/1")
    with pytest.raises(UnknownModelElement):
        store.write(batch)
    with pytest.raises(UnknownModelElement):
        store.write(Batch(nodes=[NodeAssertion("foo:1", 1, "x/1")]))
    assert store.counts() == (0, 0)


def test_odd_strings_survive_round_trip(store: GraphStore) -> None:
    text = "quote \" and ' and \\ backslash, 换行\n and {braces} $param"
    store.upsert_nodes([NodeAssertion(WAYBILL, 1, "x/1", {"contents": text})])
    assert store.get(WAYBILL).props["contents"] == text


def _chain(store: GraphStore) -> None:
    store.write(shipment(WAYBILL, PHONE, ADDR2, 1_000, "sf/1"))
    store.write(shipment(WAYBILL2, PHONE2, ADDR2, 1_000, "sf/2"))


def test_neighbourhood_hops_and_paths(store: GraphStore) -> None:
    _chain(store)
    one = store.neighbourhood(PHONE, 1)
    assert set(one.nodes) == {PHONE, WAYBILL}
    three = store.neighbourhood(PHONE, 3)
    assert set(three.nodes) == {PHONE, WAYBILL, ADDR2, WAYBILL2}
    assert three.hops[WAYBILL2] == 3
    assert {(e.src, e.type, e.dst) for e in three.edges} >= {
        (WAYBILL, "SENT_BY", PHONE),
        (WAYBILL, "DELIVERED_TO", ADDR2),
        (WAYBILL2, "DELIVERED_TO", ADDR2),
    }
    path = store.shortest_path(PHONE, PHONE2)
    assert path is not None
    assert path.nodes == [PHONE, WAYBILL, ADDR2, WAYBILL2, PHONE2]
    assert [e.type for e in path.edges] == ["SENT_BY", "DELIVERED_TO", "DELIVERED_TO", "SENT_BY"]
    assert all(e.props["sources"] for e in path.edges)
    assert store.shortest_path(PHONE, PHONE2, max_hops=3) is None


def test_neighbourhood_sends_counts_not_source_lists(store: GraphStore) -> None:
    _chain(store)
    store.write(shipment(WAYBILL, PHONE, ADDR2, 2_000, "sf/2"))  # a second sighting
    around = store.neighbourhood(PHONE, 3)
    assert next(iter(around.nodes)) == PHONE and len(around.nodes) == len(around.hops)
    full = store.get_many(around.nodes)
    for key, node in around.nodes.items():
        assert "sources" not in node.props  # the provenance list comes on demand
        assert node.props == {k: v for k, v in full[key].props.items() if k != "sources"}
    sent = next(e for e in around.edges if (e.src, e.type, e.dst) == (WAYBILL, "SENT_BY", PHONE))
    assert sent.props == {
        "first_seen": 1_000,
        "last_seen": 2_000,
        "sightings": 2,
        "source_count": 2,
    }
    assert store.summaries([WAYBILL, "tel:+8613000000000"])[WAYBILL].props["weight_kg"] == 1.2


def test_a_brief_neighbourhood_sends_what_a_picture_needs_and_says_what_it_held_back(
    store: GraphStore,
) -> None:
    _chain(store)
    named = Batch()  # a waybill with a personal property, a shop with a caption one
    named.node(WAYBILL2, 3_000, "sf/3", sender_name="张三", contents="运动鞋")
    store.write(named)
    full = store.neighbourhood(PHONE, 3)
    brief = store.neighbourhood(PHONE, 3, brief=True)
    assert brief.hops == full.hops and brief.edges == full.edges  # the same structure
    for key, node in brief.nodes.items():
        assert node.brief and not full.nodes[key].brief
        kept = {"regions", "first_seen", "last_seen", "sightings", "name", "title"}
        assert node.props == {k: v for k, v in full.nodes[key].props.items() if k in kept}
    assert "sender_name" not in brief.nodes[WAYBILL2].props  # held back, but known to be set
    assert brief.nodes[WAYBILL2].personal and not brief.nodes[WAYBILL].personal
    assert brief.nodes[WAYBILL].props["sightings"] == full.nodes[WAYBILL].props["sightings"]
    assert store.summaries([WAYBILL2], brief=True)[WAYBILL2].personal


def test_values_of_every_type_come_back_as_written(store: GraphStore) -> None:
    odd = 'a"b\\c\n耐克\u0001 {x: 1}, [2]'
    batch = Batch()
    complaint = ids.COMPLAINT.key_of("12315-350304-1")
    batch.node(WAYBILL, 1, "x/1", weight_kg=0.1 + 0.2, format_unverified=True, contents=odd)
    batch.node(WAYBILL2, 1, "x/1", format_unverified=False, picked_up_at=2**53 + 1)
    batch.node(WAYBILL2, 1, "x/1", contents=None)
    batch.node(complaint, 1, "x/1", review=[odd, ""])
    store.write(batch)
    props = store.get(WAYBILL).props
    assert props["weight_kg"] == pytest.approx(0.3) and type(props["weight_kg"]) is float
    assert props["format_unverified"] is True and props["contents"] == odd
    props = store.get(WAYBILL2).props
    assert props["format_unverified"] is False and props["picked_up_at"] == 2**53 + 1
    assert store.get(complaint).props["review"] == [odd, ""]
    assert "contents" not in props  # a null property is no property


def test_neighbourhood_filters_and_cap(store: GraphStore) -> None:
    hub = ADDR2
    batch = Batch()
    batch.node(hub, 1, "x/1")
    for i in range(30):
        waybill = ids.WAYBILL.key_of(f"SF13112345{i:05d}")
        batch.node(waybill, 1, "x/1", region="350304" if i % 2 else "440111")
        batch.rel(waybill, "DELIVERED_TO", hub, 1, "x/1")
    store.write(batch)
    capped = store.neighbourhood(hub, 1, limit=10)
    assert len(capped.nodes) == 10 and capped.truncated
    full = store.neighbourhood(hub, 1, limit=100)
    assert len(full.nodes) == 31 and not full.truncated
    none = store.neighbourhood(hub, 1, labels=["Phone"])
    assert set(none.nodes) == {hub}
    typed = store.neighbourhood(hub, 1, types=["SENT_BY"])
    assert set(typed.nodes) == {hub}
    with pytest.raises(UnknownModelElement):
        store.neighbourhood(hub, 1, labels=["NoSuchKind"])
    with pytest.raises(ValueError, match="hops"):
        store.neighbourhood(hub, 9)


def test_neighbourhood_scope_keeps_only_tagged_regions(store: GraphStore) -> None:
    batch = Batch()
    batch.node(ADDR, 1, "x/1", region="350304")
    batch.node(WAYBILL, 1, "x/1", region="350304")
    batch.node(WAYBILL2, 1, "x/1", region="440111")
    batch.rel(WAYBILL, "SENT_FROM", ADDR, 1, "x/1")
    batch.rel(WAYBILL2, "SENT_FROM", ADDR, 1, "x/1")
    store.write(batch)
    fujian = store.neighbourhood(ADDR, 2, scope="350000")
    assert set(fujian.nodes) == {ADDR, WAYBILL}
    assert store.neighbourhood(ADDR, 2, scope="440000").nodes == {}  # start not visible


def test_components_and_networkx_export(store: GraphStore) -> None:
    _chain(store)
    lonely = ids.PHONE.key_of("13700000000")
    store.upsert_nodes([NodeAssertion(lonely, 1, "x/1")])
    components = store.components()
    assert components[PHONE] == components[PHONE2] == components[ADDR2]
    assert components[lonely] != components[PHONE]
    # only the phones sent, joined as before through the waybill and address between them
    phones = store.components(of=["Phone"])
    assert set(phones) == {PHONE, PHONE2, lonely}
    assert phones[PHONE] == phones[PHONE2] != phones[lonely]
    graph = to_networkx(store.neighbourhood(PHONE, 4))
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes[PHONE]["kind"] == "Phone"
    assert graph.has_edge(WAYBILL, PHONE)
    assert nx.number_weakly_connected_components(graph) == 1


def test_round_trips_are_counted(store: GraphStore) -> None:
    _chain(store)
    before = store.round_trips
    store.get_many([PHONE, PHONE2, WAYBILL])
    assert store.round_trips == before + 1


def test_documents_ride_in_the_same_transaction(store: GraphStore) -> None:
    batch = shipment(WAYBILL, PHONE, ADDR2, 1_000, "sf/1")
    batch.doc("IntakeRecord", "sf/waybill/1", status="accepted", receipt="r1", partner="sf")
    batch.doc("Receipt", "r1", partner="sf", accepted=1)
    store.write(batch)
    assert store.get_doc("IntakeRecord", "sf/waybill/1")["status"] == "accepted"
    store.write(
        Batch(docs=[batch.docs[0].__class__("IntakeRecord", "sf/waybill/1", {"status": "x"})])
    )
    assert store.get_doc("IntakeRecord", "sf/waybill/1")["status"] == "x"  # mutable kind
    assert [d["key"] for d in store.find_docs("IntakeRecord", {"receipt": "r1"})] == [
        "sf/waybill/1"
    ]
    assert store.find_docs("IntakeRecord", {"receipt": "nope"}) == []
    # documents are not entities: algorithms and counts of the entity graph ignore them
    assert store.counts() == (3, 2)
    # a failing batch writes no document either
    bad = Batch()
    bad.doc("IntakeRecord", "sf/waybill/2", status="accepted")
    bad.rel(WAYBILL, "SENT_BY", ids.PHONE.key_of("13700000000"), 1, "x/1")
    with pytest.raises(MissingEndpoints):
        store.write(bad)
    assert store.get_doc("IntakeRecord", "sf/waybill/2") is None


class Status(StrEnum):
    ACCEPTED = "accepted"


def test_str_enum_members_are_stored_and_matched_as_their_value(store: GraphStore) -> None:
    batch = Batch()
    batch.doc("IntakeRecord", "sf/waybill/9", status=Status.ACCEPTED, receipt="r9")
    store.write(batch)
    stored = store.get_doc("IntakeRecord", "sf/waybill/9")
    assert stored["status"] == "accepted" and type(stored["status"]) is str
    found = store.find_docs("IntakeRecord", {"receipt": "r9", "status": Status.ACCEPTED})
    assert [d["key"] for d in found] == ["sf/waybill/9"]


def test_append_only_documents_keep_their_first_version(store: GraphStore) -> None:
    first = Batch()
    first.doc("AuditEvent", "e1", at=1, actor="alice", operation="read")
    store.write(first)
    second = Batch()
    second.doc("AuditEvent", "e1", at=2, actor="mallory", operation="erase")
    store.write(second)
    event = store.get_doc("AuditEvent", "e1")
    assert event["actor"] == "alice" and event["at"] == 1
    listed = store.find_docs("AuditEvent", {"actor": "alice"}, order_by="at", descending=True)
    assert [e["key"] for e in listed] == ["e1"]


def test_grants_widen_visibility_to_the_bureau_and_its_superiors(store: GraphStore) -> None:
    batch = Batch()
    batch.node(ADDR, 1, "x/1", region="350304")
    batch.node(WAYBILL, 1, "x/1", region="350304")
    batch.rel(WAYBILL, "SENT_FROM", ADDR, 1, "x/1")
    store.write(batch)
    assert store.neighbourhood(ADDR, 1, scope="330782").nodes == {}
    store.grant([ADDR], "330782")  # 义乌 was notified of the address, not of the waybill
    for scope in ("330782", "330700", "330000"):
        assert set(store.neighbourhood(ADDR, 1, scope=scope).nodes) == {ADDR}
    assert store.neighbourhood(ADDR, 1, scope="330100").nodes == {}  # a sibling city: no
    assert store.get(ADDR).props["grants"] == ["330782", "330700", "330000"]
    store.grant([ADDR], "330782")
    assert store.get(ADDR).props["grants"] == ["330782", "330700", "330000"]  # idempotent


def test_repeated_assertions_in_one_batch_fold_into_one_element(store: GraphStore) -> None:
    batch = Batch()
    for i, seen in enumerate((3_000, 1_000, 2_000)):
        batch.node(WAYBILL, seen, f"sf/{i}", weight_kg=float(i))
        batch.node(PHONE, seen, f"sf/{i}")
        batch.rel(WAYBILL, "SENT_BY", PHONE, seen, f"sf/{i}", leg=i)
    store.write(batch)  # FalkorDB 4.x crashes on a MERGE of one relationship twice per query
    node = store.get(WAYBILL).props
    assert (node["sightings"], node["first_seen"], node["last_seen"]) == (3, 1_000, 3_000)
    assert node["weight_kg"] == 0.0  # the newest observation (seen 3000) wins
    assert sorted(node["sources"]) == ["sf/0", "sf/1", "sf/2"]
    edge = store.subgraph([WAYBILL, PHONE]).edges
    assert len(edge) == 1 and edge[0].props["sightings"] == 3 and edge[0].props["leg"] == 0
