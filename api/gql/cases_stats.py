"""GraphQL types of the quarterly enforcement statistics (003 §4.4).

The figures are the coordination room's (``cases.stats.service.quarterly_stats``), the
same ``cluehub report`` writes: ``rows`` is that report's long table, the other fields
the same numbers typed for a screen.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from cluehub.cases.stats import report as stats_report
from cluehub.cases.stats import service as stats_service

from .cases_bridge import bureau_of
from .cases_types import JointCaseStatus, RemovalTimes
from .types import Bureau, Region, to_time


@strawberry.type
class Count:
    name: str
    count: int


@strawberry.type(description="Answers to notifications received (件件有回音).")
class ReplyFigures:
    received: int
    replied: int
    on_time: int
    unanswered_overdue: int
    reply_rate: float | None
    on_time_rate: float | None


@strawberry.type(description="The figures of one region for one quarter.")
class Figures:
    clues_by_channel: list[Count]
    clues_total: int
    cases_opened: int
    cases_closed: int
    major_cases_opened: int
    actions_by_kind: list[Count]
    actions_total: int
    markets_inspected: int
    police_transfers: int
    notifications: ReplyFigures
    takedowns: list[RemovalTimes]

    @classmethod
    def of(cls, f: stats_service.Figures) -> Figures:
        n = f.notifications
        return cls(
            clues_by_channel=[Count(name=k, count=v) for k, v in f.clues_by_channel.items()],
            clues_total=f.clues_total,
            cases_opened=f.cases_opened,
            cases_closed=f.cases_closed,
            major_cases_opened=f.major_cases_opened,
            actions_by_kind=[Count(name=k, count=v) for k, v in f.actions_by_kind.items()],
            actions_total=f.actions_total,
            markets_inspected=f.markets_inspected,
            police_transfers=f.police_transfers,
            notifications=ReplyFigures(
                received=n.received,
                replied=n.replied,
                on_time=n.on_time,
                unanswered_overdue=n.unanswered_overdue,
                reply_rate=n.reply_rate,
                on_time_rate=n.on_time_rate,
            ),
            takedowns=[RemovalTimes.of(t) for t in f.takedowns.values()],
        )


@strawberry.type
class RegionFigures:
    region: Region
    figures: Figures


@strawberry.type(description="Basic facts of a major case opened (重大案件基本情况).")
class MajorCase:
    id: strawberry.ID
    title: str
    lead: Bureau | None
    status: JointCaseStatus  # type: ignore[valid-type]
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
    stats: strawberry.Private[stats_service.QuarterlyStats]

    @strawberry.field(description="e.g. 2026Q3")
    def quarter(self) -> str:
        return self.stats.quarter

    @strawberry.field
    def region(self) -> Region:
        return Region(code=self.stats.region)

    @strawberry.field(description="From (inclusive).")
    def start(self) -> datetime | None:
        return to_time(self.stats.start_ms)

    @strawberry.field(description="To (exclusive).")
    def end(self) -> datetime | None:
        return to_time(self.stats.end_ms)

    @strawberry.field(description="When the figures are due at SAMR.")
    def due_date(self) -> date:
        return self.stats.due_date

    @strawberry.field(description="The region's totals (everything below it included).")
    def total(self) -> Figures:
        return Figures.of(self.stats.total)

    @strawberry.field(description="Each region directly below, with its figures.")
    def by_region(self) -> list[RegionFigures]:
        return [
            RegionFigures(region=Region(code=c.region), figures=Figures.of(c.figures))
            for c in self.stats.by_child
        ]

    @strawberry.field
    def major_cases(self) -> list[MajorCase]:
        return [
            MajorCase(
                id=strawberry.ID(c.key),
                title=c.title,
                lead=bureau_of(c.lead_bureau),
                status=JointCaseStatus(c.status),
                opened_at=to_time(c.opened_at),
            )
            for c in self.stats.major_cases
        ]

    @strawberry.field(description="The report's long table, as `cluehub report` writes it.")
    def rows(self) -> list[ReportRow]:
        return [
            ReportRow(region=r, name=n, section=s, metric=m, label=label, value=v)
            for r, n, s, m, label, v in stats_report.rows(self.stats)
        ]
