"""The quarterly report as a file: xlsx (openpyxl) or csv, and the CLI's entry point.

Both formats hold the same long table — region, name, section, metric, label (Chinese),
value — one row per figure, the region's totals first, then each region below it; the
xlsx adds an information sheet (quarter, period, due date).

Cells are spreadsheet-safe: a text cell starting with ``= + - @``, a tab or a carriage
return (case titles and names come from users and partners) gets a leading apostrophe,
so Excel and LibreOffice show it as text instead of running it as a formula. The file
is written to a temporary file and renamed into place, never through a symlink.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from cluehub.cases.errors import InvalidInput
from cluehub.cases.periods import CST, parse_quarter
from cluehub.cases.task.models import KINDS
from cluehub.graph.files import write_replacing
from cluehub.graph.store import GraphStore

from .service import Figures, QuarterlyStats, quarterly_stats

FORMATS = ("xlsx", "csv")
HEADER = ("region", "name", "section", "metric", "label", "value")
Value = int | float | str | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Value) -> Value:
    """A value a spreadsheet shows as it is: text that could start a formula (``= + - @``,
    tab, carriage return) gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def figure_rows(figures: Figures) -> Iterator[tuple[str, str, str, Value]]:
    """(section, metric, label, value) for every figure."""
    for channel, count in figures.clues_by_channel.items():
        yield "clues", channel, f"线索（{channel}）", count
    yield "clues", "total", "线索合计", figures.clues_total
    yield "cases", "opened", "联合案件立案", figures.cases_opened
    yield "cases", "major_opened", "其中重大案件", figures.major_cases_opened
    yield "cases", "closed", "联合案件办结", figures.cases_closed
    for kind, label in KINDS.items():
        yield "actions", kind, f"执法行动：{label}", figures.actions_by_kind.get(kind, 0)
    yield "actions", "total", "执法行动合计", figures.actions_total
    yield "markets", "inspected", "检查实体市场数", figures.markets_inspected
    yield "police", "transfers", "移送公安", figures.police_transfers
    n = figures.notifications
    yield "notifications", "received", "收到线索通报", n.received
    yield "notifications", "replied", "已回复", n.replied
    yield "notifications", "on_time", "按期回复", n.on_time
    yield "notifications", "reply_rate", "回复率", _rate(n.reply_rate)
    yield "notifications", "on_time_rate", "按期回复率", _rate(n.on_time_rate)
    for platform, times in figures.takedowns.items():
        yield "takedowns", f"{platform}.answered", f"{platform} 平台已答复", times.answered
        yield "takedowns", f"{platform}.removed", f"{platform} 平台已删除", times.removed
        yield (
            "takedowns",
            f"{platform}.median_hours",
            f"{platform} 删除用时中位数（小时）",
            _rate(times.median_hours),
        )


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def rows(stats: QuarterlyStats) -> Iterator[tuple[str, str, str, str, str, Value]]:
    """The report's long table: totals of the region, its major cases (metric: case id,
    label: title and lead, value: status), then each region below it."""
    for section, metric, label, value in figure_rows(stats.total):
        yield stats.region, stats.region_name, section, metric, label, value
    for case in stats.major_cases:
        label = f"{case.title}（主办：{case.lead_name}）"
        yield stats.region, stats.region_name, "major_cases", case.key, label, case.status
    for child in stats.by_child:
        for section, metric, label, value in figure_rows(child.figures):
            yield child.region, child.name, section, metric, label, value


def _info(stats: QuarterlyStats) -> list[tuple[str, str]]:
    def day(ms: int) -> str:
        return datetime.fromtimestamp(ms / 1000, CST).date().isoformat()

    return [
        ("quarter 季度", stats.quarter),
        ("region 地区", f"{stats.region} {stats.region_name}"),
        ("level 层级", stats.level),
        ("from 起", day(stats.start_ms)),
        ("to 止 (exclusive)", day(stats.end_ms)),
        ("due at SAMR 报送截止", stats.due_date.isoformat()),
    ]


def write_report(stats: QuarterlyStats, path: str | Path, format: str = "xlsx") -> Path:
    """Write the report to ``path`` as ``xlsx`` or ``csv``; returns the path."""
    if format not in FORMATS:
        raise InvalidInput(f"report format '{format}' is unknown (expected xlsx or csv)")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if format == "csv":

        def write_csv(handle: io.BufferedIOBase) -> None:
            text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")  # BOM: Excel
            writer = csv.writer(text)
            writer.writerow(HEADER)
            writer.writerows(
                ("" if v is None else safe_cell(v) for v in row) for row in rows(stats)
            )
            text.flush()
            text.detach()

        return write_replacing(target, write_csv)
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "figures"
    sheet.append(HEADER)
    for row in rows(stats):
        sheet.append([safe_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    info = book.create_sheet("info")
    for label, value in _info(stats):
        info.append((label, safe_cell(value)))
    return write_replacing(target, book.save)


def report_command(
    store: GraphStore, quarter: str, region: str, fmt: str, out_path: str | Path
) -> Path:
    """``cluehub report --quarter 2026Q3 --region 350000 --format xlsx|csv --out PATH``.

    ``out_path`` may be a directory: the file is then named
    ``cluehub-stats-<region>-<quarter>.<fmt>`` inside it.
    """
    if fmt not in FORMATS:
        raise InvalidInput(f"--format '{fmt}' is unknown (expected xlsx or csv)")
    q = parse_quarter(quarter)
    target = Path(out_path)
    if target.is_dir():
        target = target / f"cluehub-stats-{region}-{q.label}.{fmt}"
    return write_report(quarterly_stats(store, quarter=q, region=region), target, fmt)
