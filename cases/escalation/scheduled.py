"""Timed job: climb every open step whose own deadline passed (the item still unanswered).

Idempotent: a climbed step is no longer open, and the next step's key is derived, so a
second run (or a concurrent one) changes nothing. Each climb is audited as
``escalation.climb`` with the step's bureau as the bureau it concerns.
"""

from __future__ import annotations

from cluehub.cases import audit, bureaus, documents, queries
from cluehub.cases.context import RANDOM_IDS, IdSource
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from . import service
from .models import Escalation

JOB = "climb_escalations"


def climb_due(
    store: GraphStore, now_ms: int, *, ids: IdSource = RANDOM_IDS, limit: int = 1000
) -> list[Escalation]:
    """Move every open step past its deadline one level up; the new steps."""
    climbed: list[Escalation] = []
    for row in store.run(queries.ESCALATIONS_DUE, {"now": now_ms, "limit": limit}):
        step = documents.from_doc(Escalation, row["props"])
        batch = Batch()
        higher = service.climb(batch, step, now_ms)
        if higher is None:
            continue  # SAMR's step: nobody above, it stays open
        audit.by_system(
            batch,
            ids,
            job=JOB,
            now_ms=now_ms,
            operation="escalation.climb",
            object_keys=[step.subject, step.key, higher.key],
            reason=f"{step.what} still unanswered after {bureaus.label(step.to_bureau)}'s deadline "
            f"{step.next_deadline}: escalated to {bureaus.label(higher.to_bureau)} "
            f"(level {higher.level})",
            bureau=step.to_bureau,
        )
        store.write(batch)
        climbed.append(higher)
    return climbed
