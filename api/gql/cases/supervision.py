"""Supervision (``cases.supervision``, 挂牌督办): a superior lists a case; the lead reports."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.cases.periods import HOUR_MS
from cluehub.cases.supervision import service as supervision
from cluehub.cases.supervision.models import Status

from ..context import Info
from ..types import Bureau
from .bridge import call, term, terms
from .shapes import FromRecord, Note, expose, hours, read

expose(Status, "SupervisionStatus")


@strawberry.type(description="A case listed for supervision (挂牌督办) by a superior bureau.")
class Supervision(FromRecord):
    id: strawberry.ID
    case_id: strawberry.ID
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
    @strawberry.mutation(description="List a case for supervision (挂牌督办).")
    async def list_for_supervision(self, info: Info, input: SupervisionInput) -> Supervision | None:
        return Supervision.of(await call(info, supervision.supervise, **terms(info, input)))

    @strawberry.mutation(description="Report progress on a supervised case (lead or coordinator).")
    async def report_supervision_progress(
        self, info: Info, supervision_id: strawberry.ID, text: str
    ) -> ProgressReport | None:
        report = await call(
            info, supervision.report_progress, supervision_id=str(supervision_id), text=text
        )
        return ProgressReport.of(report)

    @strawberry.mutation(description="Lift a listing for supervision (the supervising bureau).")
    async def lift_supervision(
        self, info: Info, supervision_id: strawberry.ID, reason: str
    ) -> Supervision | None:
        lifted = await call(
            info, supervision.lift, supervision_id=str(supervision_id), reason=reason
        )
        return Supervision.of(lifted)
