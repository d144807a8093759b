"""The audit trail (全程留痕): append-only ``AuditEvent`` documents, and reading them back.

One event per write and per read of personal data: who (``actor`` = token ``sub``),
their ``bureau``, when (``at``, epoch ms), what (``operation``), on which objects
(``object_keys``), why (``reason``), in which request (``request_id``). The property
names are the ones the cases room writes (``cases.audit``), so one query reads both.

Objects are stored as their **real keys**, so a supervisor can tell exactly what was
read. The log must not become a leak itself, so the ``auditEvents`` query shows them
masked and as opaque ids, like any other node; seeing one in clear is an ``unmask`` of
that id, which is audited in turn. ``object_regions`` (the objects' regions) lets the
supervisors of the region whose data was read see the event too.

``AuditEvent`` is registered ``append_only``: the store creates it once and never
changes it, and the API has no mutation that edits or deletes one.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cluehub.graph import regions
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .identity import Viewer
from .queries import AUDIT_EVENTS

LABEL = "AuditEvent"


def now_ms() -> int:
    return int(time.time() * 1000)


def new_key(at_ms: int) -> str:
    """Sortable and unique: the time first, then randomness."""
    return f"{at_ms:013d}-{uuid.uuid4().hex[:16]}"


def add_event(
    batch: Batch,
    viewer: Viewer,
    operation: str,
    objects: Sequence[str] = (),
    *,
    request_id: str,
    reason: str | None = None,
    object_regions: Iterable[str] = (),
    detail: str | None = None,
    at_ms: int | None = None,
) -> str:
    """Add one event to ``batch`` (so it commits with the write it records); its key."""
    at = at_ms if at_ms is not None else now_ms()
    return batch.doc(
        LABEL,
        new_key(at),
        at=at,
        actor=viewer.sub,
        actor_name=viewer.name,
        role=viewer.role,
        bureau=viewer.bureau,
        operation=operation,
        object_keys=list(objects),
        object_regions=sorted(set(object_regions)),
        reason=reason,
        request_id=request_id,
        detail=detail,
    )


@dataclass(frozen=True, slots=True)
class AuditFilter:
    actor: str | None = None
    operation: str | None = None
    object_key: str | None = None
    since_ms: int | None = None
    until_ms: int | None = None


def bureau_prefix(code: str) -> str:
    """The code prefix shared by a region and everything below it: 35, 3503, 350304."""
    region = regions.get(code)
    level = region.level if region else "county"
    return {"national": "", "province": code[:2], "city": code[:4]}.get(level, code)


def read_events(
    store: GraphStore,
    scope: str | None,
    where: AuditFilter,
    *,
    limit: int,
    after: tuple[int, str] | None = None,
) -> list[dict[str, Any]]:
    """Events visible to a supervisor with ``scope``, newest first, after a keyset cursor."""
    rows = store.run(
        AUDIT_EVENTS,
        {
            "scope": scope,
            "prefix": bureau_prefix(scope) if scope else "",
            "actor": where.actor,
            "operation": where.operation,
            "object": where.object_key,
            "since": where.since_ms,
            "until": where.until_ms,
            "after_at": after[0] if after else None,
            "after_key": after[1] if after else None,
            "limit": int(limit),
        },
    )
    return [row["props"] for row in rows]
