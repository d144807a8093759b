"""Field-level quarantine (#9 item 5): an invalid optional identifier is left out of the
graph with a warning, its raw value kept on the ledger; a waybill number of an unknown
shape for its carrier is kept as ``format_unverified``; nothing accepted before is
rejected now. Over the pipeline, real HTTP and the real ``cluehub import`` command."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluehub.demo import generate
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.store import GraphStore
from cluehub.ingest import feeds
from cluehub.ingest.intake import process_batch
from tests import CLUEHUB
from tests.hostile.live_hub import serve

NOW = 1_780_000_000_000
SELLER = "tel:+8613905941234"


def example(kind: str, record_id: str) -> dict:
    record = copy.deepcopy(feeds.EXAMPLES[kind])
    record["record_id"] = record_id
    return record


def flawed_listing(record_id: str = "l-bad") -> dict:
    """A good listing with every optional identifier broken."""
    record = example("listing", record_id)
    record["seller_phone"] = "1381234"
    record["seller_uscc"] = "91350300MA2YB8XK01"  # wrong check digit
    record["url"] = "detail.tmall.com/item"  # no scheme
    record["return_address"] = {"text": "杭州", "region": "330110"}  # too short to use
    record["ship_from"]["region"] = "359999"  # no such division
    return record


def flawed_waybill(record_id: str = "w-bad") -> dict:
    record = example("waybill", record_id)
    record["waybill_no"] = "SF12345678"  # SF numbers have 12-13 digits after SF
    record["sender"]["phone"] = "0000"
    record["receiver"]["phone"] = "+1 555"
    return record


def test_invalid_optional_identifiers_are_warnings_and_the_rest_is_kept(
    store: GraphStore,
) -> None:
    receipt = process_batch(store, "p", "listing", [flawed_listing()], receipt_id="r1", now_ms=NOW)
    result = receipt.results[0]
    assert result.status == "accepted", result.to_dict()
    warned = {w.field: w for w in result.warnings}
    assert set(warned) == {
        "seller_phone",
        "seller_uscc",
        "url",
        "return_address",
        "ship_from.region",
    }
    assert warned["seller_phone"].value == "138**34"  # personal data masked
    assert "1381234" not in warned["seller_phone"].reason
    assert "not a valid phone number" in warned["seller_phone"].reason
    assert "check digit" in warned["seller_uscc"].reason
    # The good part of the record is in the graph; the bad fields are not.
    shop = store.get("shop:tmall:58812345")
    assert shop is not None and shop.props["name"] == "潮鞋汇运动专营店"
    assert store.get("listing:tmall:692345678901") is not None
    assert store.get(SELLER) is None
    ship_from = [k for k in store.neighbourhood(shop.key, 1).nodes if k.startswith("addr:")]
    assert len(ship_from) == 1  # ship-from kept (placed from its text), return address dropped
    # The raw values stay on the record's ledger entry, nothing is lost.
    ledger = store.get_doc("IntakeRecord", "p/listing/l-bad")
    assert json.loads(ledger["quarantined"])["seller_phone"] == "1381234"
    assert json.loads(ledger["quarantined"])["return_address"]["text"] == "杭州"
    assert [w["field"] for w in json.loads(ledger["warnings"])] == list(warned)
    assert receipt.to_dict()["warned"] == 1


def test_a_waybill_number_of_unknown_shape_is_kept_unverified(store: GraphStore) -> None:
    receipt = process_batch(store, "p", "waybill", [flawed_waybill()], receipt_id="r1", now_ms=NOW)
    result = receipt.results[0]
    assert result.status == "accepted", result.to_dict()
    fields = [w.field for w in result.warnings]
    assert fields == ["sender.phone", "receiver.phone", "waybill_no"]
    assert result.warnings[2].reason.startswith("format_unverified:")
    waybill = store.get("waybill:SF:SF12345678")  # keyed as given, key format unchanged
    assert waybill is not None and waybill.props["format_unverified"] is True
    linked = store.neighbourhood(waybill.key, 1).nodes
    assert any(k.startswith("addr:") for k in linked)  # the addresses are still evidence
    # A well-formed number carries no flag.
    process_batch(store, "p", "waybill", [example("waybill", "ok")], receipt_id="r2", now_ms=NOW)
    assert "format_unverified" not in store.get("waybill:SF:SF1311234567890").props


def test_records_that_cannot_be_keyed_or_are_malformed_are_still_rejected(
    store: GraphStore,
) -> None:
    unkeyable = example("waybill", "w1")
    unkeyable["waybill_no"] = "SF-12/34 #5"
    wrong_type = flawed_listing("l2")
    wrong_type["sales_count"] = "many"
    receipt = process_batch(store, "p", "waybill", [unkeyable], receipt_id="r1", now_ms=NOW)
    assert receipt.results[0].status == "rejected"
    assert receipt.results[0].errors[0].field == "waybill_no"
    listing = process_batch(store, "p", "listing", [wrong_type], receipt_id="r2", now_ms=NOW)
    assert listing.results[0].status == "rejected"
    assert "sales_count" in [e.field for e in listing.results[0].errors]


def test_everything_accepted_before_is_accepted_now_without_warnings() -> None:
    """Replays the documented examples and a whole demo world: the strict contract and
    the quarantining reader agree on every valid record, with no warning."""
    world = generate("small", seed=3)
    replayed = 0
    for kind in feeds.KINDS:
        for raw in [feeds.EXAMPLES[kind], *world.records.get(kind, [])]:
            strict = feeds.parse(kind, raw)
            read = feeds.read(kind, raw)
            assert read.record == strict
            assert read.warnings == () and read.quarantined is None, (kind, read.warnings)
            replayed += 1
    assert replayed > 1000


_PHONE_LIKE = st.text(alphabet="0123456789+- ()", max_size=20)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seller=_PHONE_LIKE, sender=_PHONE_LIKE, uscc=st.text(max_size=20))
def test_no_optional_identifier_value_rejects_a_record(seller, sender, uscc) -> None:
    listing = example("listing", "l")
    listing["seller_phone"], listing["seller_uscc"] = seller, uscc
    waybill = example("waybill", "w")
    waybill["sender"]["phone"] = sender
    for kind, raw in (("listing", listing), ("waybill", waybill)):
        read = feeds.read(kind, raw)  # raises if the record were rejected
        assert read.record.record_id == raw["record_id"]


def test_push_over_http_answers_warnings_per_record(
    falkordb_store: FalkorDBStore, tmp_path: Path
) -> None:
    with serve(falkordb_store, tmp_path) as hub:
        response = httpx.post(
            hub.url + "/intake/v1/listing",
            json={"records": [example("listing", "good"), flawed_listing()]},
            headers={"Authorization": f"Bearer {hub.partner_key}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["accepted"], body["rejected"], body["warned"]) == (2, 0, 1)
        assert body["results"][0]["warnings"] == []
        fields = [w["field"] for w in body["results"][1]["warnings"]]
        assert "seller_phone" in fields and "url" in fields
        receipt = httpx.get(
            f"{hub.url}/intake/v1/receipts/{body['receipt_id']}",
            headers={"Authorization": f"Bearer {hub.partner_key}"},
            timeout=30,
        ).json()
        assert receipt["results"][1]["warnings"] == body["results"][1]["warnings"]


@pytest.fixture
def hub_dir(tmp_path: Path):
    yield tmp_path / "hub"
    EmbeddedServer((tmp_path / "hub").resolve()).shutdown()


@pytest.mark.slow  # starts processes
def test_cluehub_import_keeps_good_records_and_lists_warnings(
    hub_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "waybills.jsonl"
    good = [example("waybill", f"ok{i}") for i in range(3)]
    for i, record in enumerate(good):
        record["waybill_no"] = f"SF{1313000000000 + i}"
    flawed = [flawed_waybill(f"bad{i}") for i in range(2)]
    flawed[1]["waybill_no"] = "SF87654321"
    broken = example("waybill", "broken")
    broken["weight_kg"] = -1
    lines = [json.dumps(r, ensure_ascii=False) for r in (*good, *flawed, broken)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = subprocess.run(
        [CLUEHUB, "import", str(path), "--kind", "waybill", "--partner", "sf",
         "--data-dir", str(hub_dir)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "5 accepted, 0 duplicate, 1 rejected" in out.stderr
    rows = [json.loads(line) for line in (tmp_path / "waybills.jsonl.rejects.jsonl").open()]
    assert [(r["line"], r["status"]) for r in rows] == [
        (4, "accepted"),
        (5, "accepted"),
        (6, "rejected"),
    ]
    assert [w["field"] for w in rows[0]["warnings"]] == [
        "sender.phone",
        "receiver.phone",
        "waybill_no",
    ]
    store = FalkorDBStore(hub_dir)
    try:
        assert store.get("waybill:SF:SF87654321").props["format_unverified"] is True
        for record in good:
            assert store.get(f"waybill:SF:{record['waybill_no']}") is not None
        assert len(store.find_docs("IntakeRecord", {"partner": "sf"})) == 5
    finally:
        store.close()
