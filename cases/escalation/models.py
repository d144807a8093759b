"""Escalations: one step of the ladder an unanswered item climbs (件件有回音, 003 §4.2).

What climbs: a clue notification (线索通报) its recipient did not answer, or an
authentication request (商品鉴别) a rights holder did not answer. When the item's deadline
passes, step 1 goes to the superior of the bureau that owes the answer (the notified
bureau; for an authentication request, the requesting bureau, which must get the rights
holder to answer). Each step has a deadline of its own: the time the item first had to
be answered (its window), counted from the step. When that passes too and the item is
still unanswered, the next step goes one level further up (county → city → province →
SAMR); SAMR has no superior, so its step stays open until the answer comes.

Status of a step: ``open`` (in its bureau's attention list) → ``answered`` (the item was
answered) | ``climbed`` (handed to the next level; the step above is open now).
Every step is written with its audit event; answering closes the open step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cluehub.graph import model

LABEL = "Escalation"
model.register_document(
    model.DocumentKind(
        LABEL,
        "One step of the escalation ladder of an unanswered notification or request.",
        ("to_bureau", "subject", "status"),
    )
)


class SubjectKind(StrEnum):
    """What climbs the ladder: a clue notification or an authentication request."""

    NOTIFICATION = "notification"
    AUTHENTICATION = "authentication"


SUBJECT_KINDS: dict[SubjectKind, str] = {
    SubjectKind.NOTIFICATION: "线索通报",
    SubjectKind.AUTHENTICATION: "商品鉴别",
}


class Status(StrEnum):
    """A step: open → answered | climbed."""

    OPEN = "open"
    ANSWERED = "answered"
    CLIMBED = "climbed"


@dataclass(frozen=True, slots=True)
class Escalation:
    key: str
    subject: str  # the notification or request id
    subject_kind: SubjectKind
    from_bureau: str  # who waits for the answer: the notification's sender, the requester
    subordinate: str  # the bureau one level below this step's bureau
    to_bureau: str  # the bureau this step went to
    level: int  # 1: the first superior, 2: the next one up, …
    deadline: int  # the item's own deadline, which passed
    next_deadline: int  # when this step climbs if the item is still unanswered
    escalated_at: int
    status: Status = Status.OPEN
    answered_at: int | None = None
    climbed_at: int | None = None
    clue_key: str | None = None  # the notified clue (notifications)
    case_id: str | None = None
    regions: tuple[str, ...] = ()  # this step's bureau lineage

    @property
    def what(self) -> str:
        return f"{SUBJECT_KINDS[self.subject_kind]} {self.subject}"


def step_key(subject: str, level: int) -> str:
    """Steps' keys are derived (``esc-<subject>``, then ``esc-<subject>-2``, …), so
    escalating twice, or from two processes at once, writes each step once."""
    return f"esc-{subject}" if level == 1 else f"esc-{subject}-{level}"


def window_ms(created_at: int, deadline: int) -> int:
    """The time an item had to be answered: each step gets as long again."""
    return max(1, deadline - created_at)
