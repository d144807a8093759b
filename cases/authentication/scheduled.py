"""Timed job: authentication requests past their deadline without an answer are marked
overdue and escalated (step 1: the requesting bureau's superior, which presses the rights
holder; the ladder's own job climbs further up if the answer still does not come).
Idempotent: a request is marked once and the step's key is derived from it."""

from __future__ import annotations

from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, queries
from cluehub.cases.context import RANDOM_IDS, IdSource
from cluehub.cases.escalation import service as escalations
from cluehub.cases.escalation.models import Escalation, SubjectKind
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import REQUEST, AuthenticationRequest

JOB = "escalate_overdue_authentication"


def escalate_overdue(
    store: GraphStore, now_ms: int, *, ids: IdSource = RANDOM_IDS, limit: int = 1000
) -> list[Escalation]:
    """Mark and escalate every unanswered request whose deadline passed; the new steps."""
    steps: list[Escalation] = []
    for row in store.run(queries.OVERDUE_AUTHENTICATIONS, {"now": now_ms, "limit": limit}):
        request = documents.from_doc(AuthenticationRequest, row["props"])
        batch = Batch()
        documents.put(batch, REQUEST, replace(request, overdue=True))
        step = escalations.first_step(
            batch,
            subject=request.key,
            subject_kind=SubjectKind.AUTHENTICATION,
            from_bureau=request.requested_by,
            owing=request.requested_by,
            created_at=request.created_at,
            deadline=request.deadline,
            now_ms=now_ms,
            case_id=request.case_id,
        )
        keys = [request.case_id, request.key]
        if step is not None:
            keys.append(step.key)
            steps.append(step)
        audit.by_system(
            batch,
            ids,
            job=JOB,
            now_ms=now_ms,
            operation="authentication.escalate",
            object_keys=keys,
            reason=f"{request.holder} did not answer by {request.deadline}"
            + (f": escalated to {bureaus.label(step.to_bureau)}" if step else ""),
            bureau=request.requested_by,
        )
        store.write(batch)
    return steps
