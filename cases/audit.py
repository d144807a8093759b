"""The audit trail (全程留痕, 002 §28): one ``AuditEvent`` per state change, in its batch.

Every service adds its event to the same :class:`Batch` as the change, so the change and
its trace are written in one transaction or not at all. Sensitive reads (and refusals)
are recorded too.

The properties are the api room's (``api.audit``), so one query reads both: ``bureau`` is
the acting bureau's bare region code (supervisors find events by code prefix), ``role``
the actor's role. Events of scheduled jobs carry actor ``system:<job>`` and the code of
the bureau the event concerns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from . import bureaus, queries
from .context import Actor, IdSource

LABEL = "AuditEvent"


def record(
    batch: Batch,
    ids: IdSource,
    *,
    at: int,
    actor: str,
    bureau: str,
    operation: str,
    object_keys: Iterable[str],
    reason: str = "",
    request_id: str = "",
    role: str = "",
) -> str:
    """Add one audit event to ``batch``; returns its key. ``bureau`` is a region code."""
    return batch.doc(
        LABEL,
        ids.new("audit"),
        at=int(at),
        actor=actor,
        role=role,
        bureau=bureaus.code_of(bureau),
        operation=operation,
        object_keys=[str(k) for k in object_keys],
        reason=reason,
        request_id=request_id,
    )


def by(
    batch: Batch,
    ids: IdSource,
    who: Actor,
    now_ms: int,
    operation: str,
    object_keys: Iterable[str],
    reason: str = "",
) -> str:
    """An audit event for an action of ``who``."""
    return record(
        batch,
        ids,
        at=now_ms,
        actor=who.user,
        bureau=who.code,
        operation=operation,
        object_keys=object_keys,
        reason=reason,
        request_id=who.request_id,
        role=who.role,
    )


def by_system(
    batch: Batch,
    ids: IdSource,
    *,
    job: str,
    now_ms: int,
    operation: str,
    object_keys: Iterable[str],
    reason: str,
    bureau: str,
) -> str:
    """An audit event for a scheduled job (actor ``system:<job>``) about ``bureau``."""
    return record(
        batch,
        ids,
        at=now_ms,
        actor=f"system:{job}",
        bureau=bureau,
        operation=operation,
        object_keys=object_keys,
        reason=reason,
        role="system",
    )


def trail(store: GraphStore, *, object_key: str, limit: int = 500) -> list[dict[str, Any]]:
    """Audit events that name ``object_key``, oldest first."""
    return [
        row["props"]
        for row in store.run(queries.AUDIT_FOR_OBJECT, {"key": object_key, "limit": limit})
    ]


def read(
    store: GraphStore,
    ids: IdSource,
    who: Actor,
    now_ms: int,
    operation: str,
    object_keys: Iterable[str],
    reason: str = "",
) -> None:
    """Record a sensitive read (one that shows graph keys of people or firms) on its own."""
    batch = Batch()
    by(batch, ids, who, now_ms, operation, object_keys, reason)
    store.write(batch)
