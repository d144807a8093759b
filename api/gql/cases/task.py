"""Tasks (``cases.task``): what one bureau must do on a joint case, by when."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.cases.task import service as tasks
from cluehub.cases.task.models import Kind, Status

from ..connection import Connection
from ..types import Bureau
from .bridge import command, term
from .shapes import OfCase, expose

expose(Kind, "TaskKind")
expose(Status, "TaskStatus")


@strawberry.type(description="What one bureau must do on a joint case, by when.")
class Task(OfCase):
    bureau: Bureau | None = strawberry.field(description="The bureau that must do it.")
    kind: Kind
    title: str
    due: datetime | None
    status: Status
    assignee: str = strawberry.field(description="The person of that bureau it is assigned to.")
    result: str | None
    market: str | None = strawberry.field(
        description="The physical market inspected (quarterly statistics)."
    )
    done_at: datetime | None
    cancel_reason: str | None
    created_at: datetime | None
    created_by: str
    updated_at: datetime | None


@strawberry.type(name="TaskConnection", description="A page of a case's tasks, by due date.")
class TaskConnection(Connection[Task]):
    total_count: int


@strawberry.input(description="A task for a bureau on the case (the lead or coordinator).")
class AddTaskInput:
    case_id: strawberry.ID
    bureau: str
    kind: Kind
    title: str
    due: datetime
    assignee: str = ""
    market: str | None = None


@strawberry.input(
    description=(
        "Change a task: `assignee` (its own bureau), `status` DONE with `result` (its own "
        "bureau) or CANCELLED with `reason` (the lead or coordinator)."
    )
)
class UpdateTaskInput:
    id: strawberry.ID = term("task_id")
    status: Status | None = None
    result: str | None = None
    reason: str | None = None
    assignee: str | None = None
    market: str | None = strawberry.field(
        default=None,
        description="The Market inspected (its key, market:<region>/<name>): statistics.",
    )


@strawberry.type
class TaskMutation:
    @command(tasks.create_task)
    def add_task(self, input: AddTaskInput) -> Task | None:
        """Give a bureau on the case a task."""

    @command(tasks.update_task)
    def update_task(self, input: UpdateTaskInput) -> Task | None:
        """Reassign, complete or cancel a task."""
