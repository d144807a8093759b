"""All timed jobs of the room in one call, for a scheduler (cron, a CLI tick, a thread).

Each job is idempotent, so running this every few minutes — or twice by accident — is
safe: overdue notifications are escalated once, overdue tasks marked once, repeat alerts
raised once.
"""

from __future__ import annotations

from dataclasses import dataclass

from cluehub.graph.store import GraphStore

from .context import RANDOM_IDS, IdSource
from .notification.scheduled import escalate_overdue
from .takedown.scheduled import detect_repeats
from .task.scheduled import mark_overdue


@dataclass(frozen=True, slots=True)
class JobsRun:
    """What one run changed (record keys)."""

    escalations: tuple[str, ...]
    overdue_tasks: tuple[str, ...]
    repeat_alerts: tuple[str, ...]


def run_due_jobs(store: GraphStore, now_ms: int, *, ids: IdSource = RANDOM_IDS) -> JobsRun:
    """Escalate overdue notifications, mark overdue tasks, raise repeat alerts."""
    return JobsRun(
        escalations=tuple(e.key for e in escalate_overdue(store, now_ms, ids=ids)),
        overdue_tasks=tuple(t.key for t in mark_overdue(store, now_ms, ids=ids)),
        repeat_alerts=tuple(a.key for a in detect_repeats(store, now_ms, ids=ids)),
    )
