"""The scheduled jobs (``cases.jobs``), run on demand by an admin."""

from __future__ import annotations

import strawberry

from cluehub.cases import jobs

from ..context import Info
from ..permissions import IsAdmin
from .bridge import call


@strawberry.type(description="What one run of the scheduled jobs changed (record ids).")
class JobsRun:
    escalations: list[strawberry.ID]
    overdue_tasks: list[strawberry.ID]
    repeat_alerts: list[strawberry.ID]
    credit_entries: list[strawberry.ID] = strawberry.field(
        description="Pending repeat-infringer credit entries (重复侵权), for a supervisor's review."
    )

    @classmethod
    def of(cls, run: jobs.JobsRun) -> JobsRun:
        return cls(
            escalations=[strawberry.ID(k) for k in run.escalations],
            overdue_tasks=[strawberry.ID(k) for k in run.overdue_tasks],
            repeat_alerts=[strawberry.ID(k) for k in run.repeat_alerts],
            credit_entries=[strawberry.ID(k) for k in run.credit_entries],
        )


@strawberry.type
class JobsMutation:
    @strawberry.mutation(
        description=(
            "Run the scheduled jobs now (escalation of overdue notifications, overdue tasks, "
            "repeat alerts). Admins only; the server runs them on a timer too. Idempotent."
        ),
        permission_classes=[IsAdmin],
    )
    async def run_due_jobs(self, info: Info) -> JobsRun | None:
        return JobsRun.of(await call(info, jobs.run_due_jobs))
