"""File import: streaming, rejects with reasons, CSV, and resume after kill -9."""

from __future__ import annotations

import copy
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.ingest import feeds
from cluehub.ingest.importer import import_file

pytestmark = pytest.mark.slow  # runs and kills import processes

IMPORTER = Path(__file__).with_name("import_process.py")


def waybill(i: int) -> dict:
    value = copy.deepcopy(feeds.EXAMPLES["waybill"])
    value["record_id"] = f"w{i}"
    value["waybill_no"] = f"SF{1311000000000 + i}"
    value["receiver"]["phone"] = f"139{i:08d}"
    return value


def write_jsonl(path: Path, n: int, bad_every: int = 0) -> int:
    """n lines; every bad_every-th line broken in turn (JSON, UTF-8, phone). Returns bad count."""
    bad = 0
    with path.open("wb") as out:
        for i in range(n):
            if bad_every and i % bad_every == bad_every - 1:
                bad += 1
                flavour = (i // bad_every) % 3
                if flavour == 0:
                    out.write(b'{"record_id": "broken", \n')
                    continue
                if flavour == 1:
                    out.write(b'{"record_id": "\xff\xfe"}\n')
                    continue
                record = waybill(i)
                record["weight_kg"] = -1
                out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
                continue
            out.write(json.dumps(waybill(i), ensure_ascii=False).encode() + b"\n")
    return bad


def now() -> int:
    return int(time.time() * 1000)


def test_jsonl_import_with_rejects(falkordb_store: FalkorDBStore, tmp_path: Path) -> None:
    path = tmp_path / "waybills.jsonl"
    bad = write_jsonl(path, 250, bad_every=10)
    seen: list[int] = []
    summary = import_file(
        falkordb_store, path, kind="waybill", partner="sf", fmt="jsonl",
        state_dir=tmp_path / "state", now_ms=now, chunk_size=100,
        on_progress=lambda offset, s: seen.append(offset),
    )  # fmt: skip
    assert (summary.accepted, summary.rejected) == (250 - bad, bad)
    assert seen[-1] == path.stat().st_size  # the progress bar reaches the end
    rejects = [json.loads(line) for line in Path(summary.rejects_path).read_text().splitlines()]
    assert [r["line"] for r in rejects] == [i + 1 for i in range(250) if i % 10 == 9]
    reasons = [r["errors"][0]["reason"] for r in rejects]
    assert sum("invalid JSON" in r for r in reasons) == 9
    assert sum("not UTF-8" in r for r in reasons) == 8
    assert sum("greater than 0" in r for r in reasons) == 8
    assert rejects[0]["message"].startswith("line 10: (line): invalid JSON")
    again = import_file(
        falkordb_store, path, kind="waybill", partner="sf", fmt="jsonl",
        state_dir=tmp_path / "state", now_ms=now, chunk_size=100,
    )  # fmt: skip
    assert again.skipped == 250 and again.accepted == 0  # finished imports are not redone


def test_csv_with_dotted_columns(falkordb_store: FalkorDBStore, tmp_path: Path) -> None:
    path = tmp_path / "waybills.csv"
    path.write_text(
        "record_id,carrier,waybill_no,sender.phone,sender.address.text,receiver.name,"
        "receiver.phone,weight_kg,picked_up_at\n"
        "c1,SF,SF1311234567890,13905941234,福建省莆田市荔城区黄石镇工业路12号,王仓管,"
        "057188881234,12.5,2026-06-01 18:30:00\n"
        "c2,SF,SF1311234567891,bad,,,,x,2026-06-01 18:30:00\n",
        encoding="utf-8",
    )
    summary = import_file(
        falkordb_store, path, kind="waybill", partner="sf", fmt="csv",
        state_dir=tmp_path / "state", now_ms=now,
    )  # fmt: skip
    assert (summary.accepted, summary.rejected) == (1, 1)
    node = falkordb_store.get("waybill:SF:SF1311234567890")
    assert node.props["weight_kg"] == 12.5
    reject = json.loads(Path(summary.rejects_path).read_text())
    assert reject["line"] == 3
    assert {e["field"] for e in reject["errors"]} == {"sender.phone", "weight_kg", "receiver"}


def test_killed_importer_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = tmp_path / "big.jsonl"
    bad = write_jsonl(path, 3000, bad_every=50)
    state = tmp_path / "state"
    store = FalkorDBStore(data_dir, graph="imp")
    try:
        process = subprocess.Popen(
            [sys.executable, str(IMPORTER), str(data_dir), "imp", str(path), str(state)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        chunks = 0
        assert process.stdout is not None
        for line in process.stdout:
            chunks += line.startswith("chunk")
            if chunks >= 5:
                break
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        partial = len(store.find_docs("IntakeRecord", {"partner": "sf"}, limit=10_000))
        assert 0 < partial < 3000 - bad

        rerun = subprocess.run(
            [sys.executable, str(IMPORTER), str(data_dir), "imp", str(path), str(state)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert rerun.returncode == 0, rerun.stderr
        ledger = store.find_docs("IntakeRecord", {"partner": "sf"}, limit=10_000)
        assert len(ledger) == 3000 - bad
        assert len({d["record_id"] for d in ledger}) == 3000 - bad
        sightings = store._run(
            "MATCH (w:Waybill) RETURN count(w) AS n, max(w.sightings) AS most", {}, write=False
        )[0]
        assert sightings == {"n": 3000 - bad, "most": 1}  # nothing written twice
        rejects = (tmp_path / "big.jsonl.rejects.jsonl").read_text().splitlines()
        assert len(rejects) == bad
        assert len({json.loads(r)["line"] for r in rejects}) == bad
    finally:
        store.shutdown_server()
