"""Timed job: escalate unanswered notifications past their deadline (件件有回音).

Run it every few minutes. Each overdue notification is marked ``overdue`` and, once,
escalated to the recipient's superior: step 1 of the escalation ladder
(``cases.escalation``; its key is derived from the notification, so a second run or a
concurrent one changes nothing), shown in the superior's attention list until the
recipient answers. If it stays unanswered, the ladder's own job climbs it further up.
SAMR has no superior: its overdue notifications are only marked.
"""

from __future__ import annotations

from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, queries
from cluehub.cases.context import RANDOM_IDS, IdSource
from cluehub.cases.escalation import service as escalations
from cluehub.cases.escalation.models import Escalation, SubjectKind
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import LABEL, Notification

JOB = "escalate_overdue"


def escalate_overdue(
    store: GraphStore, *, now_ms: int, ids: IdSource = RANDOM_IDS, limit: int = 1000
) -> list[Escalation]:
    """Mark and escalate every unanswered notification whose deadline passed before now."""
    rows = store.run(queries.OVERDUE_NOTIFICATIONS, {"now": now_ms, "limit": limit})
    steps: list[Escalation] = []
    for row in rows:
        notification = documents.from_doc(Notification, row["props"])
        batch = Batch()
        step = escalations.first_step(
            batch,
            subject=notification.key,
            subject_kind=SubjectKind.NOTIFICATION,
            from_bureau=notification.from_bureau,
            owing=notification.to_bureau,
            created_at=notification.created_at,
            deadline=notification.deadline,
            now_ms=now_ms,
            clue_key=notification.clue_key,
            case_id=notification.case_id,
        )
        keys = [notification.key]
        if step is None:
            updated = replace(notification, overdue=True)
        else:
            updated = replace(
                notification, overdue=True, escalated_to=step.to_bureau, escalated_at=now_ms
            )
            keys.append(step.key)
            steps.append(step)
        documents.put(batch, LABEL, updated)
        superior = bureaus.label(step.to_bureau) if step else None
        audit.by_system(
            batch,
            ids,
            job=JOB,
            now_ms=now_ms,
            operation="notification.escalate",
            object_keys=keys,
            reason=f"no answer by the deadline {notification.deadline}"
            + (f": escalated to {superior}" if superior else ": SAMR has no superior"),
            bureau=notification.to_bureau,
        )
        store.write(batch)
    return steps
