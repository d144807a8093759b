"""Notifications (线索通报), their replies and escalations: records and rules.

One notification goes to one bureau. Every notification gets an answer (件件有回音,
003 §4.2): accept, decline with a reason, or report a result, by the deadline. A late
first answer still counts as a reply but not as on time. An unanswered notification past
its deadline climbs the escalation ladder (``cases.escalation``): the recipient's
superior first, then each level above in turn, up to SAMR.

Status flow: ``sent`` → ``accepted`` | ``declined`` | ``reported``; ``accepted`` →
``reported``. Declined and reported are final.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cluehub.cases.errors import InvalidInput, InvalidTransition
from cluehub.graph import model

LABEL = "Notification"
model.register_document(
    model.DocumentKind(
        LABEL,
        "A clue notification (线索通报) to one bureau and its reply.",
        ("to_bureau", "from_bureau", "status", "batch"),
    )
)


class ReplyKind(StrEnum):
    """accept it, decline it (with a reason), or report the result."""

    ACCEPT = "accept"
    DECLINE = "decline"
    RESULT = "result"


class Status(StrEnum):
    """sent → accepted | declined | reported; accepted → reported (件件有回音)."""

    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REPORTED = "reported"


class Direction(StrEnum):
    """Notifications your bureau received, sent, or both."""

    RECEIVED = "received"
    SENT = "sent"
    ALL = "all"


REPLY_STATUS: dict[ReplyKind, Status] = {
    ReplyKind.ACCEPT: Status.ACCEPTED,
    ReplyKind.DECLINE: Status.DECLINED,
    ReplyKind.RESULT: Status.REPORTED,
}
TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.SENT: (Status.ACCEPTED, Status.DECLINED, Status.REPORTED),
    Status.ACCEPTED: (Status.REPORTED,),
    Status.DECLINED: (),
    Status.REPORTED: (),
}
MAX_TEXT = 4000


@dataclass(frozen=True, slots=True)
class Notification:
    key: str
    clue_key: str
    from_bureau: str
    to_bureau: str
    deadline: int
    created_at: int
    created_by: str
    batch: str  # the notify() call it was sent in
    evidence_keys: tuple[str, ...] = ()
    message: str = ""
    case_id: str | None = None
    status: Status = Status.SENT
    regions: tuple[str, ...] = ()  # sender's and recipient's lineages: who may read it
    to_regions: tuple[str, ...] = ()  # recipient's lineage: statistics scope
    first_replied_at: int | None = None
    on_time: bool | None = None
    replied_at: int | None = None
    reply_text: str | None = None  # acceptance note or the reason of a decline
    result: str | None = None
    overdue: bool = False
    escalated_to: str | None = None
    escalated_at: int | None = None

    @property
    def answered(self) -> bool:
        return self.status != Status.SENT


@dataclass(frozen=True, slots=True)
class ReplyStats:
    """Answers of one bureau (or region) to the notifications it received in a period.

    Rates are over notifications received, so an unanswered one counts against both;
    they are None when nothing was received.
    """

    received: int
    replied: int
    on_time: int
    unanswered_overdue: int

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.received if self.received else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.received if self.received else None


def next_status(notification: Notification, kind: str) -> Status:
    """The status a reply of ``kind`` leads to, or a clear error."""
    if kind not in REPLY_STATUS:
        raise InvalidInput(
            f"notification {notification.key}: reply '{kind}' is unknown "
            f"(expected one of {', '.join(REPLY_STATUS)})"
        )
    target = REPLY_STATUS[kind]
    allowed = TRANSITIONS[notification.status]
    if target not in allowed:
        kinds = [k for k, s in REPLY_STATUS.items() if s in allowed]
        raise InvalidTransition(
            f"notification {notification.key} is '{notification.status}': "
            + (
                f"it can take a reply of {' or '.join(kinds)}"
                if kinds
                else "it is answered for good"
            )
            + f", not '{kind}'"
        )
    return target


def check_text(kind: str, text: str, key: str) -> str:
    text = (text or "").strip()
    if kind == ReplyKind.DECLINE and not text:
        raise InvalidInput(
            f"notification {key}: a decline needs a reason (e.g. 'not in our jurisdiction: "
            "the address is in 350302')"
        )
    if kind == ReplyKind.RESULT and not text:
        raise InvalidInput(f"notification {key}: a result report needs the result text")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"notification {key}: text is {len(text)} chars (at most {MAX_TEXT})")
    return text
