"""Case tasks: what one bureau must do on a joint case, by when, and what came of it.

Status flow: ``open`` → ``done`` (with a result) | ``cancelled`` (with a reason) |
``overdue`` (set by the scheduler when the due date passes); an overdue task can still be
done or cancelled. Done and cancelled are final.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cluehub.cases.errors import InvalidInput, InvalidTransition
from cluehub.graph import model

LABEL = "CaseTask"
model.register_document(
    model.DocumentKind(
        LABEL, "A task of one bureau on a joint case.", ("case_id", "bureau", "status", "due")
    )
)

Kind = Literal[
    "investigate", "raid", "test_buy", "seize", "evidence_collection", "takedown_request"
]
KINDS: dict[str, str] = {
    "investigate": "调查核实",
    "raid": "现场检查",
    "test_buy": "试买/取样",
    "seize": "查封扣押",
    "evidence_collection": "调查取证",
    "takedown_request": "通知平台删除",
}
Status = Literal["open", "done", "overdue", "cancelled"]
TRANSITIONS: dict[str, tuple[Status, ...]] = {
    "open": ("done", "cancelled", "overdue"),
    "overdue": ("done", "cancelled"),
    "done": (),
    "cancelled": (),
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
    status: Status = "open"
    assignee: str = ""  # a user of that bureau
    result: str | None = None
    market: str | None = None  # the Market node inspected, if any (统计: 实体市场)
    done_at: int | None = None
    cancel_reason: str | None = None
    regions: tuple[str, ...] = ()  # the bureau's lineage: statistics scope

    @property
    def active(self) -> bool:
        return self.status in ("open", "overdue")


def check_kind(kind: str, where: str) -> Kind:
    if kind not in KINDS:
        raise InvalidInput(f"{where}: task kind '{kind}' is unknown (expected {', '.join(KINDS)})")
    return kind  # type: ignore[return-value]


def check_transition(task: Task, target: Status) -> Status:
    allowed = TRANSITIONS[task.status]
    if target not in allowed:
        options = " or ".join(f"'{s}'" for s in allowed) if allowed else "nothing (it is final)"
        raise InvalidTransition(
            f"task {task.key} is '{task.status}': it can move to {options}, not '{target}'"
        )
    return target
