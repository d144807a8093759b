"""Quarterly enforcement statistics (``cases.stats``, 003 §4.4).

The figures are the room's (``cases.stats.service.quarterly_stats``), the same ``cluehub
report`` writes: ``rows`` is that report's long table, the other fields the same numbers
typed for a screen.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from cluehub.cases.jointcase.models import Status as CaseStatus
from cluehub.cases.stats import report
from cluehub.cases.stats import service as stats

from ..context import Info
from ..types import Bureau, Count, Region
from .bridge import call
from .shapes import FromRecord, fill, read
from .takedown import RemovalTimes


@strawberry.type(description="Answers to notifications received (件件有回音).")
class ReplyFigures(FromRecord):
    received: int
    replied: int
    on_time: int
    unanswered_overdue: int
    reply_rate: float | None
    on_time_rate: float | None


def _counts(by_name: dict[str, int]) -> list[Count]:
    return Count.listed(by_name.items())


def _removal_times(by_platform: dict[str, Any]) -> list[RemovalTimes]:
    return [RemovalTimes.of(t) for t in by_platform.values()]


@strawberry.type(description="The figures of one region for one quarter.")
class Figures(FromRecord):
    clues_by_channel: list[Count] = read(convert=_counts)
    clues_total: int
    cases_opened: int
    cases_closed: int
    major_cases_opened: int
    actions_by_kind: list[Count] = read(convert=_counts)
    actions_total: int
    markets_inspected: int
    police_transfers: int
    notifications: ReplyFigures
    takedowns: list[RemovalTimes] = read(convert=_removal_times)


@strawberry.type
class RegionFigures(FromRecord):
    region: Region
    figures: Figures


@strawberry.type(description="Basic facts of a major case opened (重大案件基本情况).")
class MajorCase(FromRecord):
    id: strawberry.ID
    title: str
    lead: Bureau | None = read("lead_bureau")
    status: CaseStatus
    opened_at: datetime | None


@strawberry.type(description="One row of the report file (`cluehub report`), same figures.")
class ReportRow:
    region: str
    name: str
    section: str
    metric: str
    label: str
    value: JSON | None


@strawberry.type(description="Quarterly enforcement statistics of a region (003 §4.4).")
class QuarterlyStats:
    quarter: str = strawberry.field(description="e.g. 2026Q3")
    region: Region
    start: datetime | None = read("start_ms", description="From (inclusive).")
    end: datetime | None = read("end_ms", description="To (exclusive).")
    due_date: date = strawberry.field(description="When the figures are due at SAMR.")
    total: Figures = strawberry.field(
        description="The region's totals (everything below it included)."
    )
    by_region: list[RegionFigures] = read(
        "by_child", description="Each region directly below, with its figures."
    )
    major_cases: list[MajorCase]
    rows: list[ReportRow] = strawberry.field(
        description="The report's long table, as `cluehub report` writes it."
    )

    @classmethod
    def of(cls, s: stats.QuarterlyStats) -> QuarterlyStats:
        return fill(
            cls,
            s,
            rows=[
                ReportRow(region=r, name=n, section=sec, metric=m, label=label, value=v)
                for r, n, sec, m, label, v in report.rows(s)
            ],
        )


@strawberry.type
class StatsQuery:
    @strawberry.field(
        description=(
            "Quarterly statistics (e.g. quarter 2026Q3) of your bureau's region or a region "
            "below it; the same figures as `cluehub report`."
        )
    )
    async def quarterly_stats(
        self, info: Info, quarter: str, region: str | None = None
    ) -> QuarterlyStats | None:
        found = await call(info, stats.quarterly_stats_for, quarter=quarter, region=region)
        return QuarterlyStats.of(found)
