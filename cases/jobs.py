"""All timed jobs of the room in one call, for a scheduler (cron, a CLI tick, a thread).

Each job is idempotent, so running this every few minutes — or twice by accident — is
safe: overdue notifications and authentication requests are escalated once, each
escalation step climbs once, overdue tasks are marked once, repeat alerts raised once,
and a repeat infringer goes on its case's credit record once per quarter.
Under ``cluehub serve --workers N`` every worker ticks, but :func:`run_scheduled` runs
the jobs only in the one holding the store's ``jobs`` lease (``GraphStore.claim_lease``),
and leaves a ``JobRun`` document per run.
"""

from __future__ import annotations

from dataclasses import dataclass

from cluehub.graph import model
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .authentication import scheduled as authentication
from .context import RANDOM_IDS, IdSource
from .credit.flows import credit_repeat_infringers
from .escalation.scheduled import climb_due
from .notification.scheduled import escalate_overdue
from .takedown.scheduled import detect_repeats
from .task.scheduled import mark_overdue

JOB_RUN = "JobRun"
LEASE = "jobs"
MIN_LEASE_MS = 60_000
model.register_document(
    model.DocumentKind(
        JOB_RUN, "One run of the scheduled jobs: which process, when, what.", ("at",)
    )
)


@dataclass(frozen=True, slots=True)
class JobsRun:
    """What one run changed (record keys); ``escalations`` are the new steps of the
    ladder: first steps of overdue items, then steps that climbed a level."""

    escalations: tuple[str, ...]
    overdue_tasks: tuple[str, ...]
    repeat_alerts: tuple[str, ...]
    credit_entries: tuple[str, ...]  # pending repeat-infringer entries (重复侵权)


def run_due_jobs(store: GraphStore, *, now_ms: int, ids: IdSource = RANDOM_IDS) -> JobsRun:
    """Escalate overdue items and climb overdue steps, mark overdue tasks, raise repeat
    alerts and put their infringers on the cases' credit records (pending review)."""
    climbed = climb_due(store, now_ms, ids=ids)
    first = [
        *escalate_overdue(store, now_ms=now_ms, ids=ids),
        *authentication.escalate_overdue(store, now_ms, ids=ids),
    ]
    overdue = mark_overdue(store, now_ms=now_ms, ids=ids)
    alerts = detect_repeats(store, now_ms=now_ms, ids=ids)
    credited = credit_repeat_infringers(store, alerts, now_ms=now_ms, ids=ids)
    return JobsRun(
        escalations=tuple(e.key for e in (*first, *climbed)),
        overdue_tasks=tuple(t.key for t in overdue),
        repeat_alerts=tuple(a.key for a in alerts),
        credit_entries=tuple(e.key for e in credited),
    )


def run_scheduled(
    store: GraphStore, now_ms: int, *, holder: str, interval_ms: int, ids: IdSource = RANDOM_IDS
) -> JobsRun | None:
    """One tick of a scheduler among several processes: the jobs run (and a ``JobRun``
    is recorded) only in the holder of the ``jobs`` lease; None elsewhere. The lease
    lasts two intervals (at least :data:`MIN_LEASE_MS`: a holder slowed down by load
    keeps it), so another process takes over when its holder stops ticking."""
    if not store.claim_lease(LEASE, holder, now_ms, max(2 * interval_ms, MIN_LEASE_MS)):
        return None
    run = run_due_jobs(store, now_ms=now_ms, ids=ids)
    batch = Batch()
    batch.doc(
        JOB_RUN,
        f"{now_ms:013d}-{holder}",
        at=now_ms,
        holder=holder,
        escalations=len(run.escalations),
        overdue_tasks=len(run.overdue_tasks),
        repeat_alerts=len(run.repeat_alerts),
        credit_entries=len(run.credit_entries),
    )
    store.write(batch)
    return run
