"""Idempotency under concurrent resends (#10 item 6): 4 parallel pushes of the same 50
new records, 3 rounds, over real HTTP to a real server: each record is ``accepted``
exactly once, and each waybill is seen once (``sightings`` 1)."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

import httpx

from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.graph.store import DocumentsExist
from cluehub.ingest import feeds

from .live_hub import serve

PUSHES = 4
RECORDS = 50


def waybills(round_: int) -> list[dict]:
    out = []
    for i in range(RECORDS):
        record = copy.deepcopy(feeds.EXAMPLES["waybill"])
        record["record_id"] = f"race-{round_}-{i}"
        record["waybill_no"] = f"SF{1312000000000 + round_ * 1000 + i}"
        out.append(record)
    return out


def test_parallel_pushes_of_the_same_records_accept_each_once(
    falkordb_store: FalkorDBStore, tmp_path: Path
) -> None:
    with serve(falkordb_store, tmp_path) as hub:
        for round_ in range(3):
            records = waybills(round_)
            start = threading.Barrier(PUSHES)
            bodies: list[dict] = []

            def push(
                records: list[dict] = records,
                start: threading.Barrier = start,
                bodies: list[dict] = bodies,
            ) -> None:
                with httpx.Client(base_url=hub.url, timeout=60) as client:
                    start.wait()
                    response = client.post(
                        "/intake/v1/waybill",
                        json={"records": records},
                        headers={"Authorization": f"Bearer {hub.partner_key}"},
                    )
                assert response.status_code == 200, response.text
                bodies.append(response.json())

            threads = [threading.Thread(target=push) for _ in range(PUSHES)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert len(bodies) == PUSHES
            accepted: dict[str, int] = {}
            for body in bodies:
                for result in body["results"]:
                    assert result["status"] in {"accepted", "duplicate"}, result
                    if result["status"] == "accepted":
                        accepted[result["record_id"]] = accepted.get(result["record_id"], 0) + 1
            assert accepted == {r["record_id"]: 1 for r in records}
            for record in records:
                node = falkordb_store.get(f"waybill:SF:{record['waybill_no']}")
                assert node is not None and node.props["sightings"] == 1, record["waybill_no"]


def test_a_guarded_write_is_all_or_nothing(falkordb_store: FalkorDBStore) -> None:
    first = Batch()
    first.node("tel:+8613800000001", 1, "t/1")
    first.doc("IntakeRecord", "p/waybill/1", partner="p")
    falkordb_store.write(first, absent=("IntakeRecord", ["p/waybill/1"]))
    second = Batch()
    second.node("tel:+8613800000002", 1, "t/2")
    second.doc("IntakeRecord", "p/waybill/1", partner="p")
    second.doc("IntakeRecord", "p/waybill/2", partner="p")
    try:
        falkordb_store.write(second, absent=("IntakeRecord", ["p/waybill/1", "p/waybill/2"]))
    except DocumentsExist:
        pass
    else:
        raise AssertionError("a claimed key was claimed again")
    assert falkordb_store.get("tel:+8613800000002") is None  # nothing of it was written
    assert falkordb_store.get_doc("IntakeRecord", "p/waybill/2") is None
    assert "_claim" not in falkordb_store.get_doc("IntakeRecord", "p/waybill/1")
