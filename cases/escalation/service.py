"""Escalation services: the first step when an item's deadline passes, the next step
when a step's own deadline passes, and closing the open step when the item is answered.

The functions add to the caller's :class:`Batch` (the item's own change and its audit
event ride in the same transaction); the ladder's reads are registered queries.
"""

from __future__ import annotations

from dataclasses import replace

from cluehub.cases import bureaus, documents, queries
from cluehub.graph import regions
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import LABEL, Escalation, Status, SubjectKind, step_key, window_ms


def first_step(
    batch: Batch,
    *,
    subject: str,
    subject_kind: SubjectKind,
    from_bureau: str,
    owing: str,
    created_at: int,
    deadline: int,
    now_ms: int,
    clue_key: str | None = None,
    case_id: str | None = None,
) -> Escalation | None:
    """Step 1 to the superior of ``owing`` (the bureau that owes the answer), into
    ``batch``; None when ``owing`` is SAMR (nobody above)."""
    superior = bureaus.superior(owing)
    if superior is None:
        return None
    step = Escalation(
        key=step_key(subject, 1),
        subject=subject,
        subject_kind=subject_kind,
        from_bureau=bureaus.bureau_id(from_bureau),
        subordinate=bureaus.bureau_id(owing),
        to_bureau=superior.id,
        level=1,
        deadline=deadline,
        next_deadline=now_ms + window_ms(created_at, deadline),
        escalated_at=now_ms,
        clue_key=clue_key,
        case_id=case_id,
        regions=regions.lineage(superior.code),
    )
    documents.put(batch, LABEL, step)
    return step


def climb(batch: Batch, step: Escalation, now_ms: int) -> Escalation | None:
    """The next step above ``step`` (which becomes ``climbed``), into ``batch``; None at
    SAMR, where the step stays open."""
    superior = bureaus.superior(step.to_bureau)
    if superior is None:
        return None
    window = step.next_deadline - step.escalated_at
    higher = replace(
        step,
        key=step_key(step.subject, step.level + 1),
        subordinate=step.to_bureau,
        to_bureau=superior.id,
        level=step.level + 1,
        next_deadline=now_ms + window,
        escalated_at=now_ms,
        regions=regions.lineage(superior.code),
    )
    documents.put(batch, LABEL, replace(step, status=Status.CLIMBED, climbed_at=now_ms))
    documents.put(batch, LABEL, higher)
    return higher


def open_step(store: GraphStore, subject: str) -> Escalation | None:
    """The open step of an item's ladder, if any."""
    docs = store.docs(queries.ESCALATIONS_OF_SUBJECT, {"subject": subject, "status": Status.OPEN})
    return documents.from_doc(Escalation, docs[0]) if docs else None


def close(batch: Batch, store: GraphStore, subject: str, now_ms: int) -> Escalation | None:
    """The item was answered: its open step (if any) becomes ``answered``, in ``batch``."""
    step = open_step(store, subject)
    if step is None:
        return None
    closed = replace(step, status=Status.ANSWERED, answered_at=now_ms)
    documents.put(batch, LABEL, closed)
    return closed


def ladder(store: GraphStore, subject: str) -> list[Escalation]:
    """Every step of an item's ladder, lowest first."""
    docs = store.docs(queries.ESCALATIONS_OF_SUBJECT_ALL, {"subject": subject}, limit=10)
    return sorted((documents.from_doc(Escalation, d) for d in docs), key=lambda e: e.level)
