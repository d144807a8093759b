"""Repeat infringers on the credit record (重复侵权 → 信用信息): the scheduled jobs turn a
repeat alert on a case's takedown into one pending credit entry per infringer, case and
quarter, which a supervisor reviews before the export lists it — over the real store; and
``cluehub credit export``, the command-line twin of ``GET /exports/credit``."""

from __future__ import annotations

import csv
import getpass
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cluehub.cases import audit, jobs
from cluehub.cases.context import SequentialIds
from cluehub.cases.credit import flows
from cluehub.cases.credit import service as credit
from cluehub.cases.periods import cst_ms, quarter_of
from cluehub.cases.takedown import service as takedowns
from cluehub.cases.takedown.models import RepeatAlert, Via
from cluehub.cli import app
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from tests.support.rights_case import COMPANY, DAY, FUJIAN, HOUR, LISTING, PUTIAN, SHOP, T0, seed

LONE_LISTING, LONE_SHOP = "listing:tmall:800001", "shop:tmall:800"


def remove(store: GraphStore, listing: str, case_id: str | None) -> str:
    notice = takedowns.issue_takedown(
        store,
        listing_keys=[listing],
        platform="tmall",
        from_bureau=PUTIAN.bureau,
        actor=PUTIAN,
        now_ms=T0,
        reason="假冒耐克",
        case_id=case_id,
    )
    takedowns.record_takedown_result(
        store, notice_id=notice.key, listing_key=listing, action="removed", acted_at_ms=T0 + HOUR
    )
    return notice.key


def list_again(store: GraphStore, at: int, listing: str, shop: str, company: str | None) -> None:
    """A new listing seen at ``at`` in ``shop`` (run by ``company``)."""
    b = Batch()
    b.node(listing, at, f"crawl/{at}", region="350304")
    b.node(shop, at, f"crawl/{at}", region="350304")
    b.rel(listing, "LISTED_IN", shop, at, f"crawl/{at}")
    if company is not None:
        b.rel(shop, "OPERATED_BY", company, at, f"crawl/{at}")
    store.write(b)


def test_a_repeat_alert_puts_the_infringer_on_the_cases_credit_record_once(
    store: GraphStore,
) -> None:
    case_id = seed(store)
    ids = SequentialIds()
    notice = remove(store, LISTING, case_id)
    b = Batch()  # a shop outside any case, removed too
    b.node(LONE_LISTING, T0 - DAY, "tmall/1", region="350304")
    b.node(LONE_SHOP, T0 - DAY, "tmall/1", region="350304")
    b.rel(LONE_LISTING, "LISTED_IN", LONE_SHOP, T0 - DAY, "tmall/1")
    store.write(b)
    remove(store, LONE_LISTING, None)

    # The case's shop lists again, and the company opens a pdd shop: two alerts, one
    # infringer (the company running both shops), one entry. The lone shop lists again:
    # an alert, but its notice has no case, so no credit entry.
    later = T0 + 2 * DAY
    list_again(store, later, "listing:tmall:692345678902", SHOP, None)
    list_again(store, later, "listing:pdd:5001", "shop:pdd:77", COMPANY)
    list_again(store, later, "listing:tmall:800002", LONE_SHOP, None)
    run = jobs.run_due_jobs(store, now_ms=later + HOUR, ids=ids)
    assert len(run.repeat_alerts) == 3
    [key] = run.credit_entries
    [entry] = credit.entries_of(store, quarter=quarter_of(later).label, region="350000")
    assert entry.key == key
    assert (entry.category, entry.legal_basis, entry.case_id, entry.subject_key) == (
        "repeat_infringement",
        "trademark_law_60_2",
        case_id,
        COMPANY,
    )
    assert (entry.bureau, entry.recorded_by, entry.decided_at) == (
        PUTIAN.bureau,
        "system:credit_repeats",
        later,
    )
    assert entry.alert_id in run.repeat_alerts and notice in entry.facts
    assert entry.uscc == "91350300MA2YB8XK0X" and "+86" not in entry.facts
    [event] = [e for e in audit.trail(store, object_key=key) if e["operation"] == "credit.record"]
    assert (event["actor"], event["bureau"]) == ("system:credit_repeats", "350304")
    again = jobs.run_due_jobs(store, now_ms=later + 2 * HOUR, ids=ids)
    assert (again.repeat_alerts, again.credit_entries) == ((), ())

    # Pending: nothing is exported until a supervisor reviews, then the entry is listed.
    quarter = quarter_of(later).label
    with pytest.raises(credit.NotReviewed, match="have not been reviewed"):
        credit.export(store, quarter=quarter, region="350000", actor=FUJIAN, now_ms=later + DAY)
    credit.review(store, quarter=quarter, region="350000", actor=FUJIAN, now_ms=later + DAY)
    found = credit.export(store, quarter=quarter, region="350000", actor=FUJIAN, now_ms=later + DAY)
    [row] = [dict(zip(credit.header(), r, strict=True)) for r in found.rows]
    assert (row["category"], row["case_ref"], row["entry_id"]) == (
        "repeat_infringement",
        case_id,
        key,
    )
    assert "第六十条第二款" in row["legal_basis_label"]

    # Next quarter: a bureau recorded the repeat itself, so the job adds none; the quarter
    # after, the company is back again and gets an entry for that quarter.
    q4 = cst_ms(2026, 11, 2, 9)
    credit.record_entry(
        store, case_id=case_id, subject_key=COMPANY, category="repeat_infringement",
        facts="第三次上架", decided_at_ms=q4, actor=PUTIAN, now_ms=q4,
    )  # fmt: skip
    list_again(store, q4, "listing:pdd:5002", "shop:pdd:77", COMPANY)
    assert jobs.run_due_jobs(store, now_ms=q4 + HOUR, ids=ids).credit_entries == ()
    q1 = cst_ms(2027, 1, 12, 9)
    list_again(store, q1, "listing:pdd:5003", "shop:pdd:77", COMPANY)
    [next_key] = jobs.run_due_jobs(store, now_ms=q1 + HOUR, ids=ids).credit_entries
    [next_entry] = credit.entries_of(store, quarter="2027Q1", region="350304")
    assert next_entry.key == next_key and next_entry.subject_key == COMPANY


@pytest.mark.parametrize(
    ("via", "pivot", "operators", "expected"),
    [
        (Via.USCC, COMPANY, {}, COMPANY),
        (Via.SHOP, SHOP, {"listing:new": (SHOP, COMPANY)}, COMPANY),
        (Via.PHONE, "tel:+8613905941234", {"listing:new": ("shop:pdd:9", None)}, "shop:pdd:9"),
        (Via.SAME_LISTING, "listing:new", {}, None),
    ],
)
def test_the_infringer_behind_an_alert(
    via: Via, pivot: str, operators: dict[str, tuple[str, str | None]], expected: str | None
) -> None:
    alert = RepeatAlert(
        key="rep-1",
        removed_listing=LISTING,
        notice="tdn-1",
        bureau=PUTIAN.bureau,
        new_listing="listing:new",
        new_platform="tmall",
        via=via,
        pivot=pivot,
        seen_at=T0,
        removed_at=T0,
        raised_at=T0,
    )
    assert flows.infringer_of(alert, operators) == expected


@pytest.mark.slow  # starts an embedded server of its own, for the command's data directory
@pytest.mark.engine
def test_credit_export_command_refuses_until_reviewed_then_writes_the_file(
    tmp_path: Path,
) -> None:
    data_dir = (tmp_path / "hub").resolve()
    store = FalkorDBStore(data_dir)  # the store the command opens (default graph)
    try:
        case_id = seed(store)
        entry = credit.record_entry(
            store, case_id=case_id, subject_key=COMPANY, category="repeat_infringement",
            facts="五年内第二次销售假冒耐克运动鞋", decided_at_ms=T0, actor=PUTIAN, now_ms=T0,
        )  # fmt: skip
        quarter = quarter_of(T0).label
        runner = CliRunner()

        def export(*extra: str) -> tuple[int, str]:
            args = ["credit", "export", "--quarter", quarter, "--region", "350000", *extra]
            done = runner.invoke(
                app, [*args, "--data-dir", str(data_dir)], env={"NEO4J_URI": None, "COLUMNS": "200"}
            )
            return done.exit_code, done.output

        code, said = export("--format", "csv", "--out", str(tmp_path))
        assert code == 2 and "have not been reviewed" in said
        assert list(tmp_path.glob("*.csv")) == []
        [refused] = store.find_docs("AuditEvent", {"operation": "credit.export.refused"})
        assert (refused["actor"], refused["bureau"]) == (f"cli:{getpass.getuser()}", "350000")
        assert export("--format", "ods", "--out", str(tmp_path))[0] == 2

        credit.review(store, quarter=quarter, region="350000", actor=FUJIAN, now_ms=T0 + DAY)
        code, said = export("--format", "csv", "--out", str(tmp_path))
        assert code == 0, said
        written = tmp_path / f"cluehub-credit-350000-{quarter}.csv"
        rows = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
        assert [(r["entry_id"], r["category"], r["case_ref"]) for r in rows] == [
            (entry.key, "repeat_infringement", case_id)
        ]
        assert "第六十条第二款" in rows[0]["legal_basis_label"]
        code, said = export("--format", "xlsx", "--out", str(tmp_path / "q.xlsx"))
        assert code == 0, said
        sheet = load_workbook(tmp_path / "q.xlsx")["credit"]
        header, *values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert header == list(credit.header())
        assert [dict(zip(header, v, strict=True))["entry_id"] for v in values] == [entry.key]
        exports = store.find_docs("AuditEvent", {"operation": "credit.export"})
        assert [e["actor"] for e in exports] == [f"cli:{getpass.getuser()}"] * 2
    finally:
        store.drop_all()
        store.close()
        EmbeddedServer(data_dir).shutdown()
