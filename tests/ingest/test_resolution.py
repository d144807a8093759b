"""Entity resolution: names never merge silently; candidates carry scores and reasons."""

from __future__ import annotations

import pytest

from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.ingest import resolution


def person(batch: Batch, scope: str, name: str, phone: str | None, region: str) -> str:
    key = ids.PERSON.key(ids.PERSON.clean(name, scope=scope))
    batch.node(key, 1, scope, region=region, name=name)
    if phone:
        phone_key = batch.node(ids.PHONE.key_of(phone), 1, scope, region=region)
        batch.rel(key, "HAS_PHONE", phone_key, 1, scope)
    return key


def test_same_name_is_a_candidate_shared_phone_scores_higher(store: GraphStore) -> None:
    batch = Batch()
    a = person(batch, "sf/1", "林志强", "13905941234", "350304")
    b = person(batch, "jd/7", "林志强", "13905941234", "350304")
    c = person(batch, "yt/3", "林志强", None, "440111")
    d = person(batch, "yt/4", "王芳", None, "440111")
    store.write(batch)
    found = resolution.candidates(store)
    pairs = {(x.a, x.b): x for x in found}
    strong = pairs[tuple(sorted((a, b)))]
    assert strong.score == pytest.approx(0.95)
    assert strong.reasons == (
        "same name '林志强'",
        "shared phone tel:+8613905941234",
        "same county 350304",
    )
    weak = pairs[tuple(sorted((a, c)))]
    assert weak.score == 0.5 and weak.reasons == ("same name '林志强'",)
    assert not any(d in (x.a, x.b) for x in found)
    assert store.get(a) is not None and store.get(b) is not None  # nothing merged


def test_propose_confirm_withdraw_keeps_history(store: GraphStore) -> None:
    batch = Batch()
    a = person(batch, "sf/1", "陈师傅", "13800000001", "350304")
    b = person(batch, "sf/2", "陈师傅", "13800000001", "350304")
    store.write(batch)
    proposed = resolution.propose(store, [a], now_ms=10)
    assert len(proposed) == 1
    edges = {e.type: e for e in store.subgraph([a, b]).edges}
    assert edges["POSSIBLY_SAME_AS"].props["score"] == pytest.approx(0.95)
    with pytest.raises(ValueError, match="reason"):
        resolution.confirm(store, a, b, actor="alice", reason="", now_ms=20)
    resolution.confirm(store, a, b, actor="alice", reason="same phone and workshop", now_ms=20)
    same = {e.type: e for e in store.subgraph([a, b]).edges}["SAME_AS"]
    assert same.props["state"] == "confirmed" and same.props["by"] == "alice"
    resolution.withdraw(store, a, b, actor="bob", reason="different ID cards on site", now_ms=30)
    same = {e.type: e for e in store.subgraph([a, b]).edges}["SAME_AS"]
    assert same.props["state"] == "withdrawn" and same.props["sightings"] == 2
    assert len(same.props["sources"]) == 2  # both decisions stay in provenance
    audit = store.find_docs("AuditEvent", {"actor": "bob"})
    assert audit[0]["operation"] == "resolution.withdrawn" and sorted(
        audit[0]["object_keys"]
    ) == sorted([a, b])


def test_cannot_merge_different_kinds(store: GraphStore) -> None:
    batch = Batch()
    a = person(batch, "sf/1", "某某", "13800000002", "350304")
    store.write(batch)
    with pytest.raises(ValueError, match="cannot merge a Person with a Phone"):
        resolution.confirm(
            store, a, ids.PHONE.key_of("13800000002"), actor="x", reason="typo check", now_ms=1
        )
