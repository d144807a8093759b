"""Case tasks: what one bureau must do on a joint case, by when, and what came of it.

Status flow: ``open`` → ``done`` (with a result) | ``cancelled`` (with a reason) |
``overdue`` (set by the scheduler when the due date passes); an overdue task can still be
done or cancelled. Done and cancelled are final.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cluehub.cases.errors import InvalidInput, InvalidTransition
from cluehub.graph import model

LABEL = "CaseTask"
model.register_document(
    model.DocumentKind(
        LABEL, "A task of one bureau on a joint case.", ("case_id", "bureau", "status", "due")
    )
)


class Kind(StrEnum):
    """What a bureau must do on a case."""

    INVESTIGATE = "investigate"
    RAID = "raid"
    TEST_BUY = "test_buy"
    SEIZE = "seize"
    EVIDENCE_COLLECTION = "evidence_collection"
    TAKEDOWN_REQUEST = "takedown_request"


KINDS: dict[Kind, str] = {
    Kind.INVESTIGATE: "调查核实",
    Kind.RAID: "现场检查",
    Kind.TEST_BUY: "试买/取样",
    Kind.SEIZE: "查封扣押",
    Kind.EVIDENCE_COLLECTION: "调查取证",
    Kind.TAKEDOWN_REQUEST: "通知平台删除",
}


class Status(StrEnum):
    """open → done | cancelled; overdue once its due passes."""

    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    CANCELLED = "cancelled"


TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.OPEN: (Status.DONE, Status.CANCELLED, Status.OVERDUE),
    Status.OVERDUE: (Status.DONE, Status.CANCELLED),
    Status.DONE: (),
    Status.CANCELLED: (),
}


@dataclass(frozen=True, slots=True)
class Task:
    key: str
    case_id: str
    bureau: str  # the bureau that must do it
    kind: Kind
    title: str
    due: int
    created_at: int
    created_by: str
    updated_at: int
    status: Status = Status.OPEN
    assignee: str = ""  # a user of that bureau
    result: str | None = None
    market: str | None = None  # the Market node inspected, if any (统计: 实体市场)
    done_at: int | None = None
    cancel_reason: str | None = None
    regions: tuple[str, ...] = ()  # the bureau's lineage: statistics scope

    @property
    def active(self) -> bool:
        return self.status in (Status.OPEN, Status.OVERDUE)


def check_kind(kind: str, where: str) -> Kind:
    if kind not in KINDS:
        raise InvalidInput(f"{where}: task kind '{kind}' is unknown (expected {', '.join(KINDS)})")
    return Kind(kind)


def check_transition(task: Task, target: Status) -> Status:
    allowed = TRANSITIONS[task.status]
    if target not in allowed:
        options = " or ".join(f"'{s}'" for s in allowed) if allowed else "nothing (it is final)"
        raise InvalidTransition(
            f"task {task.key} is '{task.status}': it can move to {options}, not '{target}'"
        )
    return target
