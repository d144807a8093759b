"""The outside evaluation world (``bench/worlds/outside``): its generator, not the hub's scores.

The world is deterministic for a seed, carries the real-world conventions it promises, and
every file goes through the real importer into the real embedded store. The only rejects are
the fields planted as broken (a mistyped seller phone, a carrier's new longer waybill
number); the truth's identifiers resolve to nodes the feeds created. Trace recall is the
bench's to report (``bench/trace_quality.py``), never asserted here.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from bench.worlds.outside import FEEDS, build, generate
from cluehub.graph import identifiers as ids
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.ingest.addresses import address_key
from cluehub.ingest.importer import ImportSummary, import_file
from cluehub.ingest.pipeline import default_enrichment


def test_same_seed_writes_the_same_files_and_another_seed_another_world(tmp_path: Path) -> None:
    generate(tmp_path / "a", 3, "tiny")
    generate(tmp_path / "b", 3, "tiny")
    generate(tmp_path / "c", 4, "tiny")
    for name in [*FEEDS, "truth.json"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "waybills.jsonl").read_bytes() != (
        tmp_path / "c" / "waybills.jsonl"
    ).read_bytes()


@pytest.fixture(scope="module")
def small() -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    return build(1, "small")


def test_complaints_are_free_text_with_the_conventions_of_outside_partners(small) -> None:
    files, truth = small
    complaints = {c["ticket_id"]: c for c in files["complaints.jsonl"]}
    assert all("target" not in c for c in complaints.values())
    ring_cases = [c for c in truth["complaints"] if c["ring"]]
    texts = [complaints[c["ticket_id"]]["text"] for c in ring_cases]
    numbers = {c["waybill"]["waybill_no"] for c in ring_cases if "waybill" in c}
    digit_only = [t for t in texts if any(n.isdigit() and n in t for n in numbers)]
    assert digit_only, "no digit-only waybill number in any complaint"
    assert any(re.search(r"(中通|韵达|申通|EMS|邮政)\D{0,6}\d{12,15}", t) for t in digit_only)
    assert any(
        not re.search(r"(中通|韵达|申通|EMS|邮政|顺丰|圆通|极兔|京东)", t) for t in digit_only
    )
    assert any(re.search(r"(省|市)?.{1,6}(区|县|市).*\d+号", t) for t in texts)  # addresses
    stalls = [c for c in ring_cases if c.get("stall")]  # goods bought at a ring's stall
    assert stalls and all("号档口" in complaints[c["ticket_id"]]["text"] for c in stalls)
    named = [c for c in ring_cases if c["complainant_phone"]]
    assert any(c["complainant_phone"] == c["buyer_phone"] for c in named)  # 投诉人…，电话…
    assert all(c["complainant_phone"] in complaints[c["ticket_id"]]["text"] for c in named)
    shops = {s["name"] for r in truth["rings"] for s in r["shops"]}
    assert any(re.search(r"\d", s) and s in t for s in shops for t in texts)  # names with digits
    unrelated = [c for c in truth["complaints"] if c["ring"] is None]
    assert unrelated and len(unrelated) < len(ring_cases)


def test_traffic_has_shared_parks_reused_phones_and_buyers_of_several_rings(small) -> None:
    files, truth = small
    waybills = files["waybills.jsonl"]
    for park in truth["parks"]:
        senders = {
            w["sender"].get("phone")
            for w in waybills
            if w["sender"].get("address", {}).get("text") in park["addresses"]
        }
        assert len(senders) >= 10, park["name"]  # many unrelated senders hand parcels in
    warehouse_phones = {p for r in truth["rings"] for h in r["warehouses"] for p in h["phones"]}
    assert any(s["phone"] in warehouse_phones for r in truth["rings"] for s in r["shops"])
    ring_of_sender: dict[str, str] = {}
    for ring in truth["rings"]:
        for part in [ring["workshop"], *ring["warehouses"]]:
            ring_of_sender |= dict.fromkeys(part["phones"], ring["id"])
        for shop in ring["shops"]:
            if shop["phone"]:
                ring_of_sender[shop["phone"]] = ring["id"]
    rings_of_receiver: dict[str, set[str]] = defaultdict(set)
    for w in waybills:
        ring = ring_of_sender.get(w["sender"].get("phone", ""))
        if ring:
            rings_of_receiver[w["receiver"].get("phone", "")].add(ring)
    complainants = {c["buyer_phone"] for c in truth["complaints"] if c.get("buyer_phone")}
    assert any(len(rings_of_receiver[p]) >= 2 for p in complainants)
    merchants = truth["legit_merchants"]
    ring_brands = {b for r in truth["rings"] for b in r["brands"]}
    listed = {(s["platform"], s["shop_id"]) for m in merchants for s in m["shops"]}
    genuine = [x for x in files["listings.jsonl"] if (x["platform"], x["shop_id"]) in listed]
    assert genuine and min(x["sales_count"] for x in genuine) >= 5000  # more volume than rings
    assert ring_brands & {x.get("brand") for x in genuine}  # the same brands, sold genuinely


def _import(store: FalkorDBStore, out: Path, truth: dict[str, Any]) -> dict[str, ImportSummary]:
    summaries = {}
    for name, feed in truth["feeds"].items():
        summaries[feed["kind"]] = import_file(
            store,
            out / name,
            kind=feed["kind"],
            partner=feed["partner"],
            fmt="jsonl",
            state_dir=out / "state",
            now_ms=lambda: int(time.time() * 1000),
            enrichment=default_enrichment(),
        )
    return summaries


def _rejects(summary: ImportSummary) -> list[dict[str, Any]]:
    if not summary.rejects_path:
        return []
    lines = Path(summary.rejects_path).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    return [r for r in rows if r["status"] == "rejected"]  # not the accepted-with-warnings


def test_every_file_imports_and_only_the_planted_fields_are_refused(
    falkordb_store: FalkorDBStore, tmp_path: Path
) -> None:
    truth = generate(tmp_path, 2, "tiny")
    summaries = _import(falkordb_store, tmp_path, truth)
    planted = truth["planted"]
    assert planted["listing"] and planted["waybill"]
    for kind, summary in summaries.items():
        assert summary.accepted + summary.rejected == summary.lines and not summary.duplicate
        expected = planted.get(kind, {})
        rows = _rejects(summary)
        # Today intake rejects such a record whole; once an invalid optional field becomes a
        # per-field warning they are accepted. Either way, a reject is always a planted record
        # and its reason is on the planted field, and nothing else is refused.
        for row in rows:
            assert row["record_id"] in expected, row["message"]
            assert expected[row["record_id"]] in {e["field"] for e in row["errors"]}, row
        refused = {row["record_id"] for row in rows}
        records = [json.loads(x) for x in (tmp_path / _file(kind)).read_text().splitlines()]
        for record in records:
            if record["record_id"] in expected and record["record_id"] not in refused:
                assert falkordb_store.get(_record_key(kind, record)) is not None, record
    assert summaries["complaint"].rejected == 0


def _file(kind: str) -> str:
    return next(name for name, feed in FEEDS.items() if feed["kind"] == kind)


def _record_key(kind: str, record: dict[str, Any]) -> str:
    if kind == "listing":
        return ids.LISTING.key(ids.LISTING.clean(record["listing_id"], platform=record["platform"]))
    return f"waybill:{record['carrier']}:{record['waybill_no']}"


def test_truth_keys_resolve_to_nodes_of_the_imported_graph(
    falkordb_store: FalkorDBStore, tmp_path: Path
) -> None:
    truth = generate(tmp_path, 2, "tiny")
    summaries = _import(falkordb_store, tmp_path, truth)
    refused_text = " ".join(
        json.dumps(row["record"], ensure_ascii=False)
        for s in summaries.values()
        for row in _rejects(s)
    )
    kept_text = "\n".join((tmp_path / name).read_text(encoding="utf-8") for name in FEEDS)

    def only_in_rejects(raw: str) -> bool:
        return raw in refused_text and kept_text.count(raw) == refused_text.count(raw)

    wanted: set[str] = set()
    parts = [
        p
        for r in truth["rings"]
        for p in [r["workshop"], *r["warehouses"], *r["label_printers"], *r["stalls"]]
    ]
    for part in parts + truth["parks"]:
        wanted |= {ids.PHONE.key_of(p) for p in part["phones"] if not only_in_rejects(p)}
        wanted |= {
            address_key(a, part["region"]) for a in part["addresses"] if not only_in_rejects(a)
        }
        assert part["addresses"], part["name"]
    for ring in truth["rings"]:
        assert ring["workshop"]["phones"] and ring["shops"]
        company = ring["workshop"]["company"]
        if company and company["in_feeds"]:
            wanted.add(ids.USCC.key_of(company["uscc"]))
        wanted |= {
            ids.SHOP.key(ids.SHOP.clean(s["shop_id"], platform=s["platform"]))
            for s in ring["shops"]
        }
    wanted |= {ids.COMPLAINT.key_of(c["ticket_id"]) for c in truth["complaints"]}
    found = falkordb_store.get_many(wanted)
    assert set(found) == wanted, sorted(wanted - set(found))[:10]
