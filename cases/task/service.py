"""Task services: create (coordinator), complete or reassign (the task's own bureau), cancel.

A task's ``market`` — the physical market it inspects (统计: 实体市场) — is the key of a
registered ``Market`` node (``cases.market``), checked when it is set."""

from __future__ import annotations

from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, queries
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, InvalidTransition
from cluehub.cases.jointcase import service as cases
from cluehub.cases.jointcase.models import JointCase, require_open
from cluehub.cases.market.service import require_market
from cluehub.cases.permissions import Action, require
from cluehub.cases.validation import require_text
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import LABEL, Status, Task, check_kind, check_transition


def get(store: GraphStore, task_id: str) -> Task:
    return documents.load(store, Task, LABEL, task_id, "task")


def new_task(
    case: JointCase,
    *,
    bureau: str,
    kind: str,
    title: str,
    due_ms: int,
    actor: Actor,
    now_ms: int,
    ids: IdSource,
    assignee: str = "",
    market: str | None = None,
) -> Task:
    """A validated task record for ``case`` (pure; flows put several in one batch)."""
    where = f"task on case {case.key}"
    owner = bureaus.bureau_id(bureau)
    if owner not in case.participants:
        raise InvalidInput(
            f"{where}: {bureaus.label(owner)} does not participate in the case "
            "(add it as a participant first)"
        )
    if due_ms <= now_ms:
        raise InvalidInput(f"{where}: due date {due_ms} is not in the future (now {now_ms})")
    return Task(
        key=ids.new("task"),
        case_id=case.key,
        bureau=owner,
        kind=check_kind(kind, where),
        title=require_text(title, "title", where, 200),
        due=int(due_ms),
        created_at=now_ms,
        created_by=actor.user,
        updated_at=now_ms,
        assignee=assignee.strip(),
        market=market.strip() if market else None,
        regions=bureaus.lineages(owner),
    )


def create_task(
    store: GraphStore,
    *,
    case_id: str,
    bureau: str,
    kind: str,
    title: str,
    due_ms: int,
    actor: Actor,
    now_ms: int,
    assignee: str = "",
    market: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> Task:
    """Give a participating bureau a task (the lead or coordinator does this)."""
    case = cases.get(store, case_id)
    require(actor, Action.COORDINATE, case.parties)
    require_open(case, "add tasks")
    market = require_market(store, market.strip()) if market else None
    task = new_task(
        case,
        bureau=bureau,
        kind=kind,
        title=title,
        due_ms=due_ms,
        actor=actor,
        now_ms=now_ms,
        ids=ids,
        assignee=assignee,
        market=market,
    )
    batch = Batch()
    documents.put(batch, LABEL, task)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "task.create",
        [case_id, task.key],
        f"{task.kind} for {task.bureau}: {task.title}",
    )
    store.write(batch)
    return task


def complete_task(
    store: GraphStore,
    *,
    task_id: str,
    result: str,
    actor: Actor,
    now_ms: int,
    market: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> Task:
    """Mark the actor's own bureau's task done, with its result (and the market inspected)."""
    task = get(store, task_id)
    case = cases.get(store, task.case_id)
    require(actor, Action.UPDATE_TASK, case.parties, task_bureau=task.bureau)
    check_transition(task, Status.DONE)
    updated = replace(
        task,
        status=Status.DONE,
        result=require_text(result, "result", f"task {task_id}"),
        market=require_market(store, market.strip()) if market else task.market,
        done_at=now_ms,
        updated_at=now_ms,
    )
    batch = Batch()
    documents.put(batch, LABEL, updated)
    late = " (after the due date)" if now_ms > task.due else ""
    audit.by(batch, ids, actor, now_ms, "task.done", [task.case_id, task_id], updated.result + late)  # type: ignore[operator]
    store.write(batch)
    return updated


def assign_task(
    store: GraphStore,
    *,
    task_id: str,
    assignee: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> Task:
    """Hand the task to a person of its bureau (the bureau itself does this)."""
    task = get(store, task_id)
    case = cases.get(store, task.case_id)
    require(actor, Action.UPDATE_TASK, case.parties, task_bureau=task.bureau)
    if not task.active:
        raise InvalidTransition(
            f"task {task_id} is '{task.status}': it can no longer be reassigned"
        )
    updated = replace(
        task, assignee=require_text(assignee, "assignee", f"task {task_id}", 100), updated_at=now_ms
    )
    batch = Batch()
    documents.put(batch, LABEL, updated)
    audit.by(batch, ids, actor, now_ms, "task.assign", [task.case_id, task_id], updated.assignee)
    store.write(batch)
    return updated


def cancel_task(
    store: GraphStore,
    *,
    task_id: str,
    reason: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> Task:
    """Cancel a task (the lead or coordinator, with a reason)."""
    task = get(store, task_id)
    case = cases.get(store, task.case_id)
    require(actor, Action.COORDINATE, case.parties)
    check_transition(task, Status.CANCELLED)
    reason = require_text(reason, "reason", f"cancelling task {task_id}")
    updated = replace(task, status=Status.CANCELLED, cancel_reason=reason, updated_at=now_ms)
    batch = Batch()
    documents.put(batch, LABEL, updated)
    audit.by(batch, ids, actor, now_ms, "task.cancel", [task.case_id, task_id], reason)
    store.write(batch)
    return updated


def update_task(
    store: GraphStore,
    *,
    task_id: str,
    actor: Actor,
    now_ms: int,
    status: str | None = None,
    result: str | None = None,
    reason: str | None = None,
    assignee: str | None = None,
    market: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> Task:
    """Reassign (``assignee``), complete (``status`` done, with ``result``) or cancel
    (``status`` cancelled, with ``reason``) a task; a reassignment and a status change
    given together are two changes, the reassignment first."""
    if assignee is None and status is None:
        raise InvalidInput("give `assignee`, or `status` DONE (with `result`) or CANCELLED")
    if status not in (None, Status.DONE, Status.CANCELLED):
        raise InvalidInput(
            f"status {status.upper()} is set by the hub; a task is changed to DONE "
            "(with `result`) or CANCELLED (with `reason`)"
        )
    task = None
    if assignee is not None:
        task = assign_task(
            store, task_id=task_id, assignee=assignee, actor=actor, now_ms=now_ms, ids=ids
        )
    if status == Status.DONE:
        task = complete_task(
            store,
            task_id=task_id,
            result=result or "",
            actor=actor,
            now_ms=now_ms,
            market=market,
            ids=ids,
        )
    elif status == Status.CANCELLED:
        task = cancel_task(
            store, task_id=task_id, reason=reason or "", actor=actor, now_ms=now_ms, ids=ids
        )
    assert task is not None
    return task


def tasks_of_case(store: GraphStore, *, case_id: str, actor: Actor) -> list[Task]:
    """Every task of a case, by due date (members and superiors only)."""
    require(actor, Action.VIEW, cases.get(store, case_id).parties)
    docs = store.docs(queries.TASKS_OF_CASE, {"case_id": case_id}, limit=1000)
    return [documents.from_doc(Task, d) for d in docs]
