"""Quarterly statistics on a hand-built scenario, checked exactly, and the report files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cluehub.cases.context import Actor, SequentialIds
from cluehub.cases.errors import InvalidInput
from cluehub.cases.jointcase import service as cases
from cluehub.cases.notification import service as notifications
from cluehub.cases.periods import cst_ms
from cluehub.cases.stats import report
from cluehub.cases.stats.service import quarterly_stats
from cluehub.cases.takedown import service as takedowns
from cluehub.cases.task import service as tasks
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

T = cst_ms(2026, 7, 10, 9)  # 2026Q3
Q2 = cst_ms(2026, 6, 20, 9)
HOUR = 3_600_000
DAY = 24 * HOUR
LICHENG = Actor("zhang.wei", "bureau:350304")  # 莆田市荔城区
SIMING = Actor("li.na", "bureau:350203")  # 厦门市思明区
NANSHAN = Actor("wang.fang", "bureau:440305")  # 深圳市南山区
PHONE = "tel:+8613812345678"
MARKETS = {  # the physical markets inspected: Market nodes
    "莆田鞋城": ("market:350304/莆田鞋城", "350304"),
    "厦门八市": ("market:350203/厦门八市", "350203"),
    "华强北": ("market:440305/华强北", "440305"),
}


def build(store: GraphStore) -> None:
    ids = SequentialIds()
    b = Batch()
    complaints = [
        ("complaint:12315:a1", "350304", "12315", T),
        ("complaint:12315:a2", "350304", "12315", T + DAY),
        ("complaint:12330:a3", "350304", "12330", T + 2 * DAY),
        ("complaint:12315:b1", "350203", "12315", T + 3 * DAY),
        ("complaint:12315:old", "350304", "12315", Q2),  # previous quarter
        ("complaint:12315:gd", "440305", "12315", T),  # another province
    ]
    for key, region, channel, at in complaints:
        b.node(key, at, f"hotline/{key}", region=region, channel=channel, received_at=at)
    b.node(PHONE, T, "hub/1", region=("350304", "350203", "440305"))
    b.node("listing:tmall:1", T, "tmall/1", region=("350304", "440305"))
    b.node("listing:tmall:2", T, "tmall/2", region="440305")
    for name, (key, region) in MARKETS.items():
        b.node(key, T, "market/1", region=region, name=name)
    store.write(b)

    # Case A (lead 荔城区): opened and closed in the quarter, two actions at one market.
    a = cases.create_case(
        store,
        title="A",
        lead_bureau="350304",
        participants=[],
        actor=LICHENG,
        now_ms=T,
        member_keys=[PHONE],
        ids=ids,
    )
    cases.change_status(
        store, case_id=a.key, status="open", reason="立案", actor=LICHENG, now_ms=T + HOUR, ids=ids
    )
    raid = tasks.create_task(
        store,
        case_id=a.key,
        bureau="350304",
        kind="raid",
        title="检查",
        due_ms=T + 9 * DAY,
        actor=LICHENG,
        now_ms=T + HOUR,
    )
    buy = tasks.create_task(
        store,
        case_id=a.key,
        bureau="350304",
        kind="test_buy",
        title="试买",
        due_ms=T + 9 * DAY,
        actor=LICHENG,
        now_ms=T,
    )
    tasks.create_task(
        store,
        case_id=a.key,
        bureau="350304",
        kind="seize",
        title="未完成",
        due_ms=T + 9 * DAY,
        actor=LICHENG,
        now_ms=T,
    )
    tasks.complete_task(
        store,
        task_id=raid.key,
        result="查获",
        actor=LICHENG,
        now_ms=T + 2 * DAY,
        market=MARKETS["莆田鞋城"][0],
    )
    tasks.complete_task(
        store,
        task_id=buy.key,
        result="取样",
        actor=LICHENG,
        now_ms=T + 3 * DAY,
        market=MARKETS["莆田鞋城"][0],
    )
    cases.transfer_to_police(
        store,
        case_id=a.key,
        reference="莆市监移〔2026〕1号",
        police_unit="莆田市公安局",
        transferred_at_ms=T + 4 * DAY,
        offence="counterfeit_trademark",
        actor=LICHENG,
        now_ms=T + 4 * DAY,
    )
    cases.change_status(
        store,
        case_id=a.key,
        status="closed",
        reason="移送公安",
        actor=LICHENG,
        now_ms=T + 5 * DAY,
        ids=ids,
    )

    # Case B (lead 思明区, major): opened, one seizure at another market.
    b_case = cases.create_case(
        store,
        title="B",
        lead_bureau="350203",
        participants=[],
        actor=SIMING,
        now_ms=T,
        major=True,
        ids=ids,
    )
    cases.change_status(
        store, case_id=b_case.key, status="open", reason="立案", actor=SIMING, now_ms=T + HOUR
    )
    seize = tasks.create_task(
        store,
        case_id=b_case.key,
        bureau="350203",
        kind="seize",
        title="扣押",
        due_ms=T + 9 * DAY,
        actor=SIMING,
        now_ms=T,
    )
    tasks.complete_task(
        store,
        task_id=seize.key,
        result="扣押",
        actor=SIMING,
        now_ms=T + 6 * DAY,
        market=MARKETS["厦门八市"][0],
    )

    # Case C (lead 南山区): outside 福建.
    c = cases.create_case(
        store, title="C", lead_bureau="440305", participants=[], actor=NANSHAN, now_ms=T
    )
    cases.change_status(
        store, case_id=c.key, status="open", reason="立案", actor=NANSHAN, now_ms=T + HOUR
    )
    gd = tasks.create_task(
        store,
        case_id=c.key,
        bureau="440305",
        kind="raid",
        title="检查",
        due_ms=T + 9 * DAY,
        actor=NANSHAN,
        now_ms=T,
    )
    tasks.complete_task(
        store,
        task_id=gd.key,
        result="查获",
        actor=NANSHAN,
        now_ms=T + 2 * DAY,
        market=MARKETS["华强北"][0],
    )

    # Notifications: 荔城区 answers one on time and ignores one; 思明区 answers late.
    n1, _unanswered = (
        notifications.notify(
            store,
            clue_key=PHONE,
            from_bureau="440305",
            to_bureaus=["350304"],
            evidence_keys=[],
            deadline_ms=T + 3 * DAY,
            actor=NANSHAN,
            now_ms=T,
        )[0]
        for _ in range(2)
    )
    notifications.reply(store, notification_id=n1.key, kind="accept", actor=LICHENG, now_ms=T + DAY)
    [n3] = notifications.notify(
        store,
        clue_key=PHONE,
        from_bureau="440305",
        to_bureaus=["350203"],
        evidence_keys=[],
        deadline_ms=T + DAY,
        actor=NANSHAN,
        now_ms=T,
    )
    notifications.reply(
        store,
        notification_id=n3.key,
        kind="result",
        actor=SIMING,
        now_ms=T + 2 * DAY,
        text="已查处",
    )

    # Takedowns: 荔城区's notice removed in 10 h; 南山区's (outside 福建) in 2 h.
    fj = takedowns.issue_takedown(
        store,
        listing_keys=["listing:tmall:1"],
        platform="tmall",
        from_bureau="350304",
        actor=LICHENG,
        now_ms=T,
        reason="假冒",
    )
    takedowns.record_takedown_result(
        store,
        notice_id=fj.key,
        listing_key="listing:tmall:1",
        action="removed",
        acted_at_ms=T + 10 * HOUR,
    )
    gd_notice = takedowns.issue_takedown(
        store,
        listing_keys=["listing:tmall:2"],
        platform="tmall",
        from_bureau="440305",
        actor=NANSHAN,
        now_ms=T,
        reason="假冒",
    )
    takedowns.record_takedown_result(
        store,
        notice_id=gd_notice.key,
        listing_key="listing:tmall:2",
        action="removed",
        acted_at_ms=T + 2 * HOUR,
    )


def test_quarterly_stats_exact_numbers(store: GraphStore) -> None:
    build(store)
    stats = quarterly_stats(store, quarter="2026Q3", region="350000")
    assert (stats.region_name, stats.level, stats.due_date.isoformat()) == (
        "福建省",
        "province",
        "2026-10-10",
    )
    total = stats.total
    assert total.clues_by_channel == {"12315": 3, "12330": 1} and total.clues_total == 4
    assert (total.cases_opened, total.cases_closed, total.major_cases_opened) == (2, 1, 1)
    assert total.actions_by_kind == {
        "investigate": 0,
        "raid": 1,
        "test_buy": 1,
        "seize": 1,
        "evidence_collection": 0,
        "takedown_request": 0,
    }
    assert (total.actions_total, total.markets_inspected, total.police_transfers) == (3, 2, 1)
    n = total.notifications
    assert (n.received, n.replied, n.on_time, n.unanswered_overdue) == (3, 2, 1, 1)
    assert (n.reply_rate, n.on_time_rate) == (2 / 3, 1 / 3)
    assert list(total.takedowns) == ["tmall"]
    assert (total.takedowns["tmall"].removed, total.takedowns["tmall"].median_hours) == (1, 10.0)

    [major] = stats.major_cases
    assert (major.title, major.lead_name, major.status) == ("B", "思明区市场监督管理局", "open")

    children = {c.region: c for c in stats.by_child}
    assert len(children) == 9 and "350300" in children and "350200" in children
    putian, xiamen, fuzhou = children["350300"], children["350200"], children["350100"]
    assert putian.name == "福建省莆田市"
    assert putian.figures.clues_total == 3 and xiamen.figures.clues_total == 1
    assert (putian.figures.cases_opened, putian.figures.cases_closed) == (1, 1)
    assert (xiamen.figures.cases_opened, xiamen.figures.major_cases_opened) == (1, 1)
    assert putian.figures.actions_total == 2 and putian.figures.markets_inspected == 1
    assert xiamen.figures.actions_by_kind["seize"] == 1
    assert (putian.figures.notifications.received, putian.figures.notifications.on_time) == (2, 1)
    assert xiamen.figures.notifications.on_time_rate == 0.0
    assert fuzhou.figures.clues_total == 0 and fuzhou.figures.notifications.reply_rate is None

    national = quarterly_stats(store, quarter="2026Q3")
    assert national.total.clues_total == 5 and national.total.cases_opened == 3
    assert national.total.takedowns["tmall"].median_hours == 6.0  # (2 h + 10 h) / 2
    assert {c.region for c in national.by_child} >= {"350000", "440000", "110000"}
    assert "810000" not in {c.region for c in national.by_child}
    county = quarterly_stats(store, quarter="2026Q3", region="350304")
    assert county.by_child == () and county.total.police_transfers == 1
    assert quarterly_stats(store, quarter="2026Q2", region="350000").total.clues_by_channel == {
        "12315": 1
    }


def test_report_files_xlsx_and_csv_read_back(store: GraphStore, tmp_path: Path) -> None:
    build(store)
    stats = quarterly_stats(store, quarter="2026Q3", region="350000")
    expected = list(report.rows(stats))
    assert ("350000", "福建省", "clues", "total", "线索合计", 4) in expected
    assert ("350300", "福建省莆田市", "markets", "inspected", "检查实体市场数", 1) in expected
    major = stats.major_cases[0]
    assert (
        "350000",
        "福建省",
        "major_cases",
        major.key,
        "B（主办：思明区市场监督管理局）",
        "open",
    ) in expected

    xlsx = report.report_command(store, "2026Q3", "350000", "xlsx", tmp_path)
    assert xlsx.name == "cluehub-stats-350000-2026Q3.xlsx"
    book = load_workbook(xlsx)
    sheet = book["figures"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == report.HEADER and rows[1:] == expected
    info = dict(book["info"].iter_rows(values_only=True))
    assert info["due at SAMR 报送截止"] == "2026-10-10" and info["quarter 季度"] == "2026Q3"

    out = report.report_command(store, "2026Q3", "350000", "csv", tmp_path / "q3.csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        read = list(csv.reader(handle))
    assert tuple(read[0]) == report.HEADER
    assert [tuple(r) for r in read[1:]] == [
        tuple("" if v is None else str(v) for v in row) for row in expected
    ]


@pytest.mark.parametrize(
    ("quarter", "region", "fmt", "message"),
    [
        ("2026Q5", "350000", "csv", "expected YYYYQn"),
        ("2026Q3", "350000", "pdf", "expected xlsx or csv"),
        ("2026Q3", "359999", "csv", "not a mainland GB/T 2260 code"),
        ("2026Q3", "810000", "csv", "not a mainland GB/T 2260 code"),
    ],
)
def test_report_command_errors(
    store: GraphStore, tmp_path: Path, quarter: str, region: str, fmt: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        report.report_command(store, quarter, region, fmt, tmp_path)
    assert list(tmp_path.iterdir()) == []
