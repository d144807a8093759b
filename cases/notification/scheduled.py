"""Timed job: escalate unanswered notifications past their deadline (件件有回音).

Run it every few minutes. Each overdue notification is marked ``overdue`` and, once,
escalated to the recipient's superior: an ``Escalation`` record (key derived from the
notification, so a second run or a concurrent one changes nothing) shows in the
superior's attention list until the recipient answers. SAMR has no superior: its overdue
notifications are only marked.
"""

from __future__ import annotations

from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, queries
from cluehub.cases.context import RANDOM_IDS, IdSource
from cluehub.graph import regions
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import ESCALATION, LABEL, Escalation, Notification
from .service import escalation_key_of

JOB = "escalate_overdue"


def escalate_overdue(
    store: GraphStore, *, now_ms: int, ids: IdSource = RANDOM_IDS, limit: int = 1000
) -> list[Escalation]:
    """Mark and escalate every unanswered notification whose deadline passed before now."""
    rows = store.run(queries.OVERDUE_NOTIFICATIONS, {"now": now_ms, "limit": limit})
    escalations: list[Escalation] = []
    for row in rows:
        notification = documents.from_doc(Notification, row["props"])
        superior = bureaus.superior(notification.to_bureau)
        batch = Batch()
        keys = [notification.key]
        if superior is None:
            updated = replace(notification, overdue=True)
        else:
            updated = replace(
                notification, overdue=True, escalated_to=superior.id, escalated_at=now_ms
            )
            escalation = Escalation(
                key=escalation_key_of(notification.key),
                notification=notification.key,
                clue_key=notification.clue_key,
                from_bureau=notification.from_bureau,
                subordinate=notification.to_bureau,
                to_bureau=superior.id,
                deadline=notification.deadline,
                escalated_at=now_ms,
                regions=regions.lineage(superior.code),
            )
            documents.put(batch, ESCALATION, escalation)
            keys.append(escalation.key)
            escalations.append(escalation)
        documents.put(batch, LABEL, updated)
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
    return escalations
