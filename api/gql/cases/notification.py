"""Clue notifications (``cases.notification``, 线索通报): sent to bureaus, each answered
(件件有回音), escalated when it is not."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.cases.notification import flows, models
from cluehub.cases.notification import service as notifications
from cluehub.cases.notification.models import Direction, ReplyKind, Status
from cluehub.cases.routing import CaseFacts

from ..context import Info
from ..types import Bureau
from .bridge import KEY, KEYS, call, call_hidden, command, page_size, term, terms
from .routing import PLACES, RegionRoleInput, RoutingPreview
from .shapes import FromRecord, entities_field, entity_field, expose, fill, read

expose(Status, "NotificationStatus")
expose(ReplyKind, "ReplyKind")
expose(Direction, "NotificationDirection")


@strawberry.type(description="The recipient's answer (件件有回音).")
class NotificationReply:
    text: str | None = read("reply_text", description="Acceptance note or reason of a decline.")
    result: str | None
    replied_at: datetime | None
    first_replied_at: datetime | None
    on_time: bool | None = strawberry.field(description="First answer by the deadline.")

    @classmethod
    def of(cls, n: models.Notification) -> NotificationReply | None:
        """The answer of ``n``; None while it has none."""
        return None if n.first_replied_at is None else fill(cls, n)


@strawberry.type(description="A clue notification (线索通报) to one bureau.")
class Notification(FromRecord):
    id: strawberry.ID
    clue_key: strawberry.Private[str]
    evidence_keys: strawberry.Private[tuple[str, ...]]
    from_: Bureau | None = read("from_bureau", name="from", description="The sending bureau.")
    to: Bureau | None = read("to_bureau", description="The bureau that must answer.")
    deadline: datetime | None
    status: Status
    message: str
    case_id: strawberry.ID | None
    created_at: datetime | None
    created_by: str
    reply: NotificationReply | None = strawberry.field(
        description="Null until the recipient answers."
    )
    overdue: bool = strawberry.field(
        description="Unanswered past its deadline (set by the scheduled job)."
    )
    escalated_to: Bureau | None = strawberry.field(
        description="The recipient's superior it was escalated to, if any."
    )
    escalated_at: datetime | None

    @classmethod
    def of(cls, n: models.Notification) -> Notification:
        return fill(cls, n, reply=NotificationReply.of(n))

    clue = entity_field("clue_key", "The clue notified (null if outside your scope).")
    evidence = entities_field("evidence_keys", "Evidence passed on with it that you may see.")


@strawberry.input(description="Narrow the notifications listed.")
class NotificationFilter:
    direction: Direction = Direction.RECEIVED
    status: Status | None = None


@strawberry.input(
    description=(
        "Notify bureaus of a clue (线索通报). Give `to` (bureau codes) or `involvement` "
        "(regions and their roles: routing picks whom to notify and says why)."
    )
)
class NotifyClueInput:
    clue_id: strawberry.ID = term("clue_key", KEY, description="The clue (or any entity), by id.")
    deadline: datetime = strawberry.field(description="Every recipient answers by then.")
    to: list[str] | None = None
    involvement: list[RegionRoleInput] | None = term("involvement", PLACES, default=None)
    evidence_ids: list[strawberry.ID] = term("evidence_keys", KEYS, default_factory=list)
    message: str = ""
    case_id: strawberry.ID | None = strawberry.field(
        default=None, description="The case it belongs to (with `to` only)."
    )
    amount_yuan: float | None = term(
        None, default=None, description="Amount involved (涉案金额), for routing's major-case rule."
    )
    declared_major: bool = term(None, default=False)  # both are the routing's facts


@strawberry.type(description="The notifications sent, and the routing when it chose them.")
class NotifyResult:
    notifications: list[Notification]
    routing: RoutingPreview | None


@strawberry.type
class NotificationQuery:
    @strawberry.field(description="One notification: its sender, recipient and their superiors.")
    async def notification(self, info: Info, id: strawberry.ID) -> Notification | None:
        found = await call_hidden(
            info, f"notification '{id}'", notifications.view, notification_id=str(id)
        )
        return Notification.of(found)

    @strawberry.field(description="Notifications your bureau received or sent, newest first.")
    async def notifications(
        self, info: Info, filter: NotificationFilter | None = None, first: int = 50
    ) -> list[Notification] | None:
        found = await call(
            info,
            notifications.list_notifications,
            **terms(info, filter or NotificationFilter()),
            limit=page_size(info, first),
        )
        return [Notification.of(n) for n in found]


@strawberry.type
class NotificationMutation:
    @strawberry.mutation(description="Notify bureaus of a clue (线索通报); they are granted it.")
    async def notify_clue(self, info: Info, input: NotifyClueInput) -> NotifyResult | None:
        facts = CaseFacts(amount_yuan=input.amount_yuan, declared_major=input.declared_major)
        routing, sent = await call(info, flows.notify_clue, **terms(info, input, facts=facts))
        return NotifyResult(
            notifications=[Notification.of(n) for n in sent],
            routing=RoutingPreview.of(routing) if routing else None,
        )

    @command(notifications.reply, id="notification_id")
    def reply_notification(
        self, id: strawberry.ID, kind: ReplyKind, text: str = ""
    ) -> Notification | None:
        """Answer a notification sent to your bureau: accept, decline or result."""
