"""Timed job: tasks past their due date become ``overdue`` (and show as such in attention)."""

from __future__ import annotations

from dataclasses import replace

from cluehub.cases import audit, documents, queries
from cluehub.cases.context import RANDOM_IDS, IdSource
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import LABEL, Status, Task

JOB = "mark_overdue_tasks"


def mark_overdue(
    store: GraphStore, *, now_ms: int, ids: IdSource = RANDOM_IDS, limit: int = 1000
) -> list[Task]:
    """Mark every open task due before ``now_ms`` overdue; idempotent."""
    marked = []
    for row in store.run(queries.OVERDUE_TASKS, {"now": now_ms, "limit": limit}):
        task = replace(
            documents.from_doc(Task, row["props"]), status=Status.OVERDUE, updated_at=now_ms
        )
        batch = Batch()
        documents.put(batch, LABEL, task)
        audit.by_system(
            batch,
            ids,
            job=JOB,
            now_ms=now_ms,
            operation="task.overdue",
            object_keys=[task.case_id, task.key],
            reason=f"due {task.due} passed",
            bureau=task.bureau,
        )
        store.write(batch)
        marked.append(task)
    return marked
