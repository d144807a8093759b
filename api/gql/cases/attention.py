"""The attention list (``cases.attention``): what your bureau must do, by when (polled)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.cases.attention import service as attention
from cluehub.cases.attention.service import ItemKind

from ..context import Info
from .bridge import actor_of, call, page_size
from .shapes import FromRecord, expose, read

expose(ItemKind, "AttentionKind")


@strawberry.type(description="Something your bureau must do, by when (the polling list).")
class AttentionItem(FromRecord):
    kind: ItemKind
    ref: strawberry.ID = strawberry.field(
        description="The record to open: task, notification, supervision, alert or request."
    )
    title: str
    due: datetime | None = read("due_ms")
    overdue: bool
    case_id: strawberry.ID | None


@strawberry.type
class AttentionQuery:
    @strawberry.field(
        description=(
            "What your bureau must do, by due date: open tasks, replies due, progress reports, "
            "repeat alerts; for coordinators and up also escalations and 指定管辖 decisions."
        )
    )
    async def attention(self, info: Info, first: int = 100) -> list[AttentionItem] | None:
        actor = actor_of(info.context)
        items = await call(
            info,
            attention.attention,
            user_bureau=actor.bureau,
            role=actor.role,
            limit=page_size(info, first),
        )
        return [AttentionItem.of(item) for item in items]
