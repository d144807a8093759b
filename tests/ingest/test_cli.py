"""The command line as people use it: real processes, real files, a real store."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest

from cluehub.graph.embedded import EmbeddedServer
from cluehub.ingest import feeds
from tests import CLUEHUB

pytestmark = pytest.mark.slow  # runs the cluehub command in processes


def run(
    *args: str, stdin: str | None = None, data_dir: Path | None = None
) -> subprocess.CompletedProcess:
    assert Path(CLUEHUB).exists(), f"the cluehub console script is not installed: {CLUEHUB}"
    extra = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run(
        [CLUEHUB, *args, *extra], input=stdin, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def data_dir(tmp_path: Path):
    yield tmp_path / "hub"
    EmbeddedServer((tmp_path / "hub").resolve()).shutdown()


def test_extract_reads_stdin_and_prints_json_lines() -> None:
    out = run("extract", stdin="卖家电话13812345678\n没有实体的一行\n")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines[0]["entities"][0] == {
        "type": "PHONE",
        "value": "+8613812345678",
        "text": "13812345678",
        "start": 4,
        "end": 15,
        "role": "accused",  # 卖家: the seller's phone, a lead
    }
    assert lines[1] == {"entities": []}


def test_import_then_partner_lifecycle(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "complaints.jsonl"
    records = []
    for i in range(30):
        record = copy.deepcopy(feeds.EXAMPLES["complaint"])
        record["record_id"] = f"c{i}"
        record["ticket_id"] = f"T-{i}"
        records.append(json.dumps(record, ensure_ascii=False))
    records.append('{"record_id": "bad"}')
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    out = run("import", str(path), "--kind", "complaint", "--partner", "hotline", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert "30 accepted, 0 duplicate, 1 rejected" in out.stderr
    rejects = (tmp_path / "complaints.jsonl.rejects.jsonl").read_text().splitlines()
    assert json.loads(rejects[0])["line"] == 31
    again = run(
        "import", str(path), "--kind", "complaint", "--partner", "hotline", data_dir=data_dir
    )
    assert "31 already imported" in again.stderr

    added = run("partner", "add", "sf-express", "--kinds", "waybill", data_dir=data_dir)
    assert added.returncode == 0 and added.stdout.startswith("chk_sf-express_")
    dup = run("partner", "add", "sf-express", "--kinds", "waybill", data_dir=data_dir)
    assert dup.returncode == 2 and "exists already" in dup.stderr
    bad = run("partner", "add", "x", "--kinds", "nonsense", data_dir=data_dir)
    assert bad.returncode == 2
    listed = run("partner", "list", data_dir=data_dir)
    assert "sf-express\twaybill\t600/minute\tactive" in listed.stdout
    revoked = run("partner", "revoke", "sf-express", "--reason", "test over", data_dir=data_dir)
    assert revoked.returncode == 0
    assert "revoked" in run("partner", "list", data_dir=data_dir).stdout


def test_import_refuses_unknown_kind(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text("{}\n")
    out = run("import", str(path), "--kind", "parcel", data_dir=tmp_path / "hub")
    assert out.returncode == 2 and "kind must be one of" in out.stderr


def test_report_and_jobs_commands(data_dir: Path, tmp_path: Path) -> None:
    out = run(
        "report",
        "--quarter",
        "2026Q3",
        "--region",
        "350000",
        "--format",
        "csv",
        "--out",
        str(tmp_path),
        data_dir=data_dir,
    )
    assert out.returncode == 0, out.stderr
    written = tmp_path / "cluehub-stats-350000-2026Q3.csv"
    assert written.exists() and "350000" in written.read_text(encoding="utf-8")
    bad = run("report", "--quarter", "2026Q5", "--region", "350000", data_dir=data_dir)
    assert bad.returncode == 2 and "2026Q5" in bad.stderr
    jobs = run("jobs", "run", data_dir=data_dir)
    assert jobs.returncode == 0 and "0 escalations" in jobs.stderr


def test_demo_then_trace_and_analyze(data_dir: Path) -> None:
    loaded = run("demo", "--size", "small", "--seed", "7", data_dir=data_dir)
    assert loaded.returncode == 0, loaded.stderr
    assert "loaded 3996 records" in loaded.stderr and "0 rejected" in loaded.stderr
    truth = json.loads((data_dir / "demo-small-7" / "truth.json").read_text(encoding="utf-8"))
    complaint = truth["complaints"][0]["complaint"]
    traced = run("trace", complaint, "--top", "3", data_dir=data_dir)
    assert traced.returncode == 0, traced.stderr
    assert traced.stdout.splitlines()[0].startswith(f"sources upstream of {complaint}")
    assert "1. " in traced.stdout and "evidence: " in traced.stdout
    first = traced.stdout.splitlines()[1]  # "1. <key>  <role>  score …"
    assert first.split()[1] in truth["complaints"][0]["workshop"]  # the planted workshop
    as_json = json.loads(run("trace", complaint, "--json", data_dir=data_dir).stdout)
    assert as_json["start"] == complaint and as_json["candidates"]
    missing = run("trace", "complaint:nope", data_dir=data_dir)
    assert missing.returncode == 2 and "cannot trace" in missing.stderr
    analyzed = run("analyze", data_dir=data_dir)
    assert analyzed.returncode == 0, analyzed.stderr
    assert "cross-region" in analyzed.stdout and "joint case:" in analyzed.stdout
    assert "lead 福建省" in analyzed.stdout  # ring-01 is led from its workshop province
    again = run("demo", "--size", "small", "--seed", "7", data_dir=data_dir)
    assert "loaded 0 records (3996 already there, 0 rejected)" in again.stderr
