"""The credit export as a file: CSV (UTF-8 with BOM, for Excel) or XLSX, in the column
layout of ``models.COLUMNS`` (docs/credit-export.md): a header row of column names,
then one row per approved entry; the XLSX adds the Chinese headings as its second
sheet ``columns`` and an ``info`` sheet (quarter, region, review). Cells are
spreadsheet-safe (``stats.report.safe_cell``); the file is written to a temporary file
and renamed into place, never through a symlink.

:func:`export_command` is ``cluehub credit export``: the same service call as
``GET /exports/credit`` (refused, and audited, until a supervisor's review), then the file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput
from cluehub.cases.stats.report import safe_cell
from cluehub.graph.files import write_replacing
from cluehub.graph.store import GraphStore

from .models import COLUMNS
from .service import Export, export

FORMATS = ("csv", "xlsx")


def csv_text(found: Export) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(name for name, _ in COLUMNS)
    writer.writerows([safe_cell(v) for v in row] for row in found.rows)
    return "\ufeff" + out.getvalue()


def xlsx_bytes(found: Export) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "credit"
    sheet.append([name for name, _ in COLUMNS])
    for row in found.rows:
        sheet.append([safe_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    columns = book.create_sheet("columns")
    for name, heading in COLUMNS:
        columns.append((name, heading))
    info = book.create_sheet("info")
    review = found.review
    for label, value in (
        ("quarter 季度", found.quarter),
        ("region 地区", found.region),
        ("reviewed by 审核人", f"{review.approved_by} ({review.approver_bureau})"),
        ("reviewed at 审核时间 (epoch ms)", str(review.approved_at)),
    ):
        info.append((label, safe_cell(value)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_export(found: Export, path: str | Path, fmt: str = "xlsx") -> Path:
    """Write the export to ``path``; returns the path."""
    if fmt not in FORMATS:
        raise InvalidInput(f"credit export format '{fmt}' is unknown (expected csv or xlsx)")
    data = csv_text(found).encode("utf-8") if fmt == "csv" else xlsx_bytes(found)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_replacing(target, lambda handle: handle.write(data))


def file_name(found: Export, fmt: str) -> str:
    """The export's file name, as ``GET /exports/credit`` answers it too."""
    return f"cluehub-credit-{found.region}-{found.quarter}.{fmt}"


def export_command(
    store: GraphStore,
    *,
    quarter: str,
    region: str,
    fmt: str,
    out_path: str | Path,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> tuple[Export, Path]:
    """``cluehub credit export --quarter 2026Q3 --region 350000 --format csv|xlsx --out
    PATH``: the reviewed entries (:func:`service.export`: :class:`service.NotReviewed`
    until a supervisor approved them) written to ``out_path``, or into it as
    :func:`file_name` when it is a directory."""
    if fmt not in FORMATS:
        raise InvalidInput(f"--format '{fmt}' is unknown (expected csv or xlsx)")
    found = export(store, quarter=quarter, region=region, actor=actor, now_ms=now_ms, ids=ids)
    target = Path(out_path)
    if target.is_dir():
        target = target / file_name(found, fmt)
    return found, write_export(found, target, fmt)
