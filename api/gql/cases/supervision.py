"""Supervision (``cases.supervision``, 挂牌督办): a superior lists a case; the lead reports."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.cases.periods import HOUR_MS
from cluehub.cases.supervision import service as supervision
from cluehub.cases.supervision.models import Status

from ..context import Info
from ..types import Bureau
from .bridge import call, command, term
from .shapes import Note, OfCase, expose, hours, read

expose(Status, "SupervisionStatus")


@strawberry.type(description="A case listed for supervision (挂牌督办) by a superior bureau.")
class Supervision(OfCase):
    supervisor: Bureau | None = strawberry.field(description="The supervising bureau.")
    deadline: datetime | None
    requirement: str
    status: Status
    listed_at: datetime | None
    listed_by: str
    report_interval_hours: float | None = read(
        "report_interval_ms",
        convert=hours,
        description="Progress is due this often (null: only by the deadline).",
    )
    next_report_due: datetime | None = read(
        "report_due", description="When the next progress report is due."
    )
    report_count: int = read("reports")
    last_report_at: datetime | None
    lifted_at: datetime | None
    lift_reason: str | None

    @strawberry.field
    async def reports(self, info: Info) -> list[ProgressReport]:
        found = await call(info, supervision.reports, supervision_id=str(self.id))
        return [ProgressReport.of(r) for r in found]


@strawberry.type(description="A progress report on a supervised case.")
class ProgressReport(Note):
    """The lead's (or a coordinator's) report, shaped like a comment (``Note``)."""


def _ms_of_hours(info: Info, hours: float | None) -> int | None:
    return None if hours is None else int(hours * HOUR_MS)


@strawberry.input(description="List a case for supervision (挂牌督办): a superior's supervisor.")
class SupervisionInput:
    case_id: strawberry.ID
    deadline: datetime
    requirement: str
    report_interval_hours: float | None = term("report_interval_ms", _ms_of_hours, default=None)


@strawberry.type
class SupervisionMutation:
    @command(supervision.supervise)
    def list_for_supervision(self, input: SupervisionInput) -> Supervision | None:
        """List a case for supervision (挂牌督办)."""

    @command(supervision.report_progress)
    def report_supervision_progress(
        self, supervision_id: strawberry.ID, text: str
    ) -> ProgressReport | None:
        """Report progress on a supervised case (lead or coordinator)."""

    @command(supervision.lift)
    def lift_supervision(self, supervision_id: strawberry.ID, reason: str) -> Supervision | None:
        """Lift a listing for supervision (the supervising bureau)."""
