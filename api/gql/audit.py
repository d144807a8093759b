"""The audit domain: supervisors read the trail of their region (reading is audited too).

There is no mutation that edits or deletes an audit event; the store keeps
``AuditEvent`` append-only (see ``api.audit``).
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import strawberry

from cluehub.api import masking
from cluehub.api.audit import AuditFilter, read_events
from cluehub.api.errors import BadInput
from cluehub.graph import identifiers as ids

from .arguments import Page, spread
from .connection import Connection, Edge
from .context import Info
from .permissions import CanReadAudit
from .types import Bureau, to_time


@strawberry.type(description="Something an audit event is about, masked like any entity.")
class AuditObject:
    key: str = strawberry.field(description="Masked key (unmask `id` to see it, audited).")
    id: strawberry.ID | None = strawberry.field(description="Entity id, for graph objects.")


@strawberry.type(description="One entry of the audit trail (全程留痕). Append-only.")
class AuditEvent:
    key: str
    at: datetime
    actor: str
    actor_name: str | None
    role: str | None
    bureau: Bureau | None
    operation: str
    objects: list[AuditObject]
    reason: str | None
    request_id: str | None
    detail: str | None


@strawberry.input(description="Narrow the audit trail; all given fields must match.")
class AuditEventFilter:
    actor: str | None = None
    operation: str | None = None
    object_id: strawberry.ID | None = None
    since: datetime | None = None
    until: datetime | None = None


def _cursor(at: int, key: str) -> str:
    return base64.urlsafe_b64encode(f"a:{at}:{key}".encode()).decode().rstrip("=")


def _parse_cursor(after: str) -> tuple[int, str]:
    try:
        text = base64.urlsafe_b64decode(after + "=" * (-len(after) % 4)).decode()
        tag, at, key = text.split(":", 2)
        if tag != "a":
            raise ValueError(text)
        return int(at), key
    except (ValueError, UnicodeDecodeError):
        raise BadInput(f"after '{after[:40]}' is not a cursor of auditEvents") from None


def _object(info: Info, key: str) -> AuditObject:
    try:
        ids.type_of_key(key)
    except ids.InvalidIdentifier:
        return AuditObject(key=key, id=None)  # user:…, bureau:… are not graph nodes
    return AuditObject(key=masking.masked_key(key), id=strawberry.ID(info.context.ids.encode(key)))


def _ms(value: datetime | None) -> int | None:
    return int(value.timestamp() * 1000) if value else None


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="Audit events of your region (actors or objects in it), newest first.",
        permission_classes=[CanReadAudit],
    )
    @spread(page=Page(first=50))
    async def audit_events(
        self, info: Info, filter: AuditEventFilter | None = None, *, page: Page
    ) -> Connection[AuditEvent] | None:
        ctx = info.context
        first, after = page.size(ctx.settings.graphql_page_cap), page.after
        where = filter or AuditEventFilter()
        object_key = ctx.ids.decode(str(where.object_id)) if where.object_id else None
        criteria = AuditFilter(
            actor=where.actor,
            operation=where.operation,
            object_key=object_key,
            since_ms=_ms(where.since),
            until_ms=_ms(where.until),
        )
        rows = await ctx.call_store(
            "audit_events",
            read_events,
            ctx.store,
            ctx.scope,
            criteria,
            limit=first + 1,
            after=_parse_cursor(after) if after else None,
        )
        await ctx.audit("audit.read", detail=f"{len(rows[:first])} events")
        edges = [
            Edge(
                cursor=_cursor(int(row["at"]), str(row["key"])),
                node=AuditEvent(
                    key=str(row["key"]),
                    at=to_time(int(row["at"])) or datetime.now(UTC),
                    actor=str(row.get("actor", "")),
                    actor_name=row.get("actor_name"),
                    role=row.get("role"),
                    bureau=Bureau.of(str(row.get("bureau", ""))),
                    operation=str(row.get("operation", "")),
                    objects=[_object(info, k) for k in row.get("object_keys", [])],
                    reason=row.get("reason"),
                    request_id=row.get("request_id"),
                    detail=row.get("detail"),
                ),
            )
            for row in rows[:first]
        ]
        return Connection.of(edges, has_next=len(rows) > first, has_previous=after is not None)
