"""The intake pipeline on the real store: accepted, duplicate, rejected — nothing lost."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluehub.graph import identifiers as ids
from cluehub.graph.store import GraphStore
from cluehub.ingest import feeds
from cluehub.ingest.intake import BatchTooLarge, process_batch, read_receipt

NOW = 1_780_000_000_000


def example(kind: str, record_id: str, **changes) -> dict:
    record = copy.deepcopy(feeds.EXAMPLES[kind])
    record["record_id"] = record_id
    record.update(changes)
    return record


def push(store: GraphStore, kind: str, records: list, partner: str = "p1", receipt: str = "r1"):
    return process_batch(store, partner, kind, records, receipt_id=receipt, now_ms=NOW)


def test_each_kind_is_accepted_and_mapped(store: GraphStore) -> None:
    for kind in feeds.KINDS:
        receipt = push(store, kind, [example(kind, "a1")], receipt=f"r-{kind}")
        assert [r.status for r in receipt.results] == ["accepted"], receipt.to_dict()
    shop = store.get("shop:tmall:58812345")
    assert shop is not None and shop.props["name"] == "潮鞋汇运动专营店"
    listing = store.get("listing:tmall:692345678901")
    assert listing.props["takedown_action"] == "removed"
    waybill = store.get("waybill:SF:SF1311234567890")
    assert waybill.props["contents"] == "运动鞋 40双"
    assert waybill.props["sources"] == ["p1.waybill/a1"]


def test_the_graph_links_a_waybill_phone_to_the_complaint_naming_it(store: GraphStore) -> None:
    push(store, "waybill", [example("waybill", "w1")], receipt="rw")
    complaint = example("complaint", "c1", target={"phone": "139 0594 1234"})
    push(store, "complaint", [complaint], receipt="rc")
    path = store.shortest_path("complaint:12315-350000-20260605-88", "waybill:SF:SF1311234567890")
    assert path is not None
    assert path.nodes == [
        "complaint:12315-350000-20260605-88",
        "tel:+8613905941234",
        "waybill:SF:SF1311234567890",
    ]
    assert [e.type for e in path.edges] == ["MENTIONS", "SENT_BY"]
    assert path.edges[0].props["sources"] == ["p1.complaint/c1"]
    assert path.edges[1].props["sources"] == ["p1.waybill/w1"]


def test_duplicates_are_safe_to_resend(store: GraphStore) -> None:
    push(store, "waybill", [example("waybill", "w1")], receipt="r1")
    before = store.get("tel:+8613905941234").props
    again = push(store, "waybill", [example("waybill", "w1")], receipt="r2")
    assert [r.status for r in again.results] == ["duplicate"]
    assert store.get("tel:+8613905941234").props == before  # not even a sighting more
    other = push(store, "waybill", [example("waybill", "w1")], partner="p2", receipt="r3")
    assert [r.status for r in other.results] == ["accepted"]  # keys are per partner


def test_rejections_name_record_field_and_reason_and_are_kept(store: GraphStore) -> None:
    future = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    records = [
        example("waybill", "ok"),
        example("waybill", "bad-phone", sender={"phone": "1381234"}),  # quarantined field
        example("waybill", "bad-field", colour="red"),
        example("waybill", "future", picked_up_at=future),
        example("waybill", "ok"),  # the same id twice in one batch
        example("waybill", "bad-no", waybill_no="XX12"),
        "not an object",
        example("listing", "wrong-kind"),
        example("waybill", "bad-type", weight_kg="heavy", sender={"phone": "1381234"}),
    ]
    receipt = push(store, "waybill", records)
    statuses = [(r.record_id, r.status, [e.field for e in r.errors]) for r in receipt.results]
    assert statuses == [
        ("ok", "accepted", []),
        ("bad-phone", "accepted", []),
        ("bad-field", "rejected", ["colour"]),
        ("future", "rejected", ["picked_up_at"]),
        ("ok", "rejected", ["record_id"]),
        ("bad-no", "rejected", ["waybill_no"]),
        (None, "rejected", ["(record)"]),
        ("wrong-kind", "rejected", [e.field for e in receipt.results[7].errors]),
        ("bad-type", "rejected", ["sender.phone", "weight_kg"]),
    ]
    assert [w.field for w in receipt.results[1].warnings] == ["sender.phone"]
    wrong_kind = {e.field: e.reason for e in receipt.results[7].errors}
    assert wrong_kind["platform"] == "unknown field (not in the feed contract)"
    assert wrong_kind["carrier"] == "required field is missing"
    phone_error = receipt.results[8].errors[0]
    assert "'1381234' is not a valid phone number" in phone_error.reason
    assert "in the future" in receipt.results[3].errors[0].reason
    assert "unknown field" in receipt.results[2].errors[0].reason
    assert "repeats record 0" in receipt.results[4].errors[0].reason
    kept = store.find_docs("Rejection", {"receipt": "r1"}, order_by="index")
    assert [k["index"] for k in kept] == [2, 3, 4, 5, 6, 7, 8]
    assert json.loads(kept[6]["payload"])["sender"]["phone"] == "1381234"
    assert kept[6]["reason"].startswith("record 8 (waybill bad-type): sender.phone:")
    assert kept[4]["payload"] == "not an object"


def test_receipts_are_durable_and_private(store: GraphStore) -> None:
    push(store, "waybill", [example("waybill", "w1"), {"record_id": "x"}], receipt="r9")
    mine = read_receipt(store, "p1", "r9")
    assert mine is not None
    assert (mine["accepted"], mine["rejected"]) == (1, 1)
    assert mine["results"][1]["errors"][0]["field"] in {"carrier", "waybill_no", "sender"}
    assert read_receipt(store, "someone-else", "r9") is None
    audit = store.find_docs("AuditEvent", {"operation": "intake.waybill"})
    assert audit and audit[0]["object_keys"] == ["r9"]


def test_oversize_batch_is_refused_whole(store: GraphStore) -> None:
    with pytest.raises(BatchTooLarge, match="at most 1000"):
        push(store, "waybill", [example("waybill", f"w{i}") for i in range(1001)])
    assert store.counts() == (0, 0)


def test_invalid_check_digits_are_quarantined_or_unverified(store: GraphStore) -> None:
    # A USCC with a wrong check digit is an optional field: left out with a warning.
    listing = example("listing", "l1", seller_uscc="91350300MA2YB8XK01")
    result = push(store, "listing", [listing], receipt="a").results[0]
    assert result.status == "accepted"
    assert [(w.field, "check digit" in w.reason) for w in result.warnings] == [
        ("seller_uscc", True)
    ]
    assert store.get("uscc:91350300MA2YB8XK01") is None
    # An EMS number with a wrong check digit is the record's key: kept, flagged.
    ems = example("waybill", "w1", carrier="EMS", waybill_no="EA123456784CN")
    result = push(store, "waybill", [ems], receipt="b").results[0]
    assert result.status == "accepted"
    assert "format_unverified" in result.warnings[0].reason
    assert "check digit" in result.warnings[0].reason
    assert store.get("waybill:EMS:EA123456784CN").props["format_unverified"] is True


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(junk=st.lists(_json, max_size=5), kind=st.sampled_from(feeds.KINDS))
def test_arbitrary_json_is_answered_record_by_record(falkordb_store, junk, kind) -> None:
    receipt = process_batch(falkordb_store, "fuzz", kind, junk, receipt_id="f", now_ms=NOW)
    assert len(receipt.results) == len(junk)
    assert all(r.status == "rejected" and r.errors for r in receipt.results)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(
        ["carrier", "waybill_no", "weight_kg", "picked_up_at", "sender", "contents"]
    ),
    value=_json,
)
def test_mutated_waybills_never_crash(falkordb_store, field, value) -> None:
    record = example("waybill", "m1")
    record[field] = value
    receipt = process_batch(falkordb_store, "fuzz", "waybill", [record], receipt_id="m", now_ms=NOW)
    result = receipt.results[0]
    assert result.status in {"accepted", "rejected", "duplicate"}
    if result.status == "rejected":
        assert result.errors and all(e.field for e in result.errors)


def test_identifier_types_agree_with_feed_validation() -> None:
    # The feed refuses exactly what the identifier type refuses, with its message.
    with pytest.raises(Exception, match="not a valid phone number"):
        feeds.parse("waybill", example("waybill", "x", sender={"phone": "12345"}))
    assert ids.PHONE.is_valid(feeds.EXAMPLES["waybill"]["sender"]["phone"])


def test_a_fresh_push_is_one_round_trip_and_a_resent_one_reads_the_ledger(
    store: GraphStore,
) -> None:
    records = [example("listing", f"rt{i}", listing_id=str(700_000 + i)) for i in range(3)]
    push(store, "listing", [example("listing", "warm")], receipt="r-warm")  # indexes made
    before = store.round_trips
    fresh = push(store, "listing", records, receipt="r-fresh")
    assert store.round_trips - before == 1  # the write alone: no ledger read first
    assert [r.status for r in fresh.results] == ["accepted"] * 3
    before = store.round_trips
    again = push(store, "listing", [*records, example("listing", "rt-new")], receipt="r-again")
    assert store.round_trips - before == 3  # the refused claim, the ledger read, the write
    assert [r.status for r in again.results] == ["duplicate"] * 3 + ["accepted"]
    assert store.get_doc("Receipt", "r-again")["duplicate"] == 3
