"""Notification services: send (线索通报), reply, read, reply statistics.

Sending one notification per recipient, its visibility grants and the audit events are one
transaction; so is each reply (which also closes an open escalation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, grants, queries
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, PermissionDenied
from cluehub.cases.escalation import service as escalations
from cluehub.cases.periods import Period, Quarter, as_period
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import (
    LABEL,
    Direction,
    Notification,
    ReplyKind,
    ReplyStats,
    check_text,
    next_status,
)


def notify(
    store: GraphStore,
    *,
    clue_key: str,
    from_bureau: str,
    to_bureaus: Sequence[str],
    evidence_keys: Sequence[str],
    deadline_ms: int,
    actor: Actor,
    now_ms: int,
    message: str = "",
    case_id: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> list[Notification]:
    """Notify each bureau of ``to_bureaus`` of a clue; each must answer by ``deadline_ms``.

    Recipients are granted visibility of the clue and the evidence. The sender must be the
    actor's own bureau and must see every node it passes on.
    """
    sender = bureaus.bureau_id(from_bureau)
    if sender != actor.bureau:
        raise PermissionDenied(
            f"{actor.user} acts for {bureaus.label(actor.bureau)} and cannot notify on behalf "
            f"of {bureaus.label(sender)}"
        )
    recipients = list(dict.fromkeys(bureaus.bureau_id(b) for b in to_bureaus))
    if not recipients:
        raise InvalidInput("to_bureaus is empty: name at least one bureau to notify")
    if sender in recipients:
        raise InvalidInput(f"to_bureaus contains the sender {bureaus.label(sender)} itself")
    if deadline_ms <= now_ms:
        raise InvalidInput(
            f"deadline {deadline_ms} is not in the future (now {now_ms}): give recipients time "
            "to answer"
        )
    evidence = tuple(dict.fromkeys(evidence_keys))
    grants.check_visible(store, actor, [clue_key], "clue_key")
    if evidence:
        grants.check_visible(store, actor, evidence, "evidence_keys")
    batch_id = ids.new("ntfb")
    batch = Batch()
    sent: list[Notification] = []
    for recipient in recipients:
        notification = Notification(
            key=ids.new("ntf"),
            clue_key=clue_key,
            from_bureau=sender,
            to_bureau=recipient,
            deadline=int(deadline_ms),
            created_at=now_ms,
            created_by=actor.user,
            batch=batch_id,
            evidence_keys=evidence,
            message=message.strip(),
            case_id=case_id,
            regions=bureaus.lineages(sender, recipient),
            to_regions=bureaus.lineages(recipient),
        )
        documents.put(batch, LABEL, notification)
        grants.add(
            batch,
            ids,
            bureau=recipient,
            node_keys=(clue_key, *evidence),
            source=f"notification:{notification.key}",
            actor=actor,
            now_ms=now_ms,
        )
        sent.append(notification)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "notification.send",
        [*(n.key for n in sent), clue_key, *evidence],
        f"线索通报 to {', '.join(recipients)}",
    )
    store.write(batch)
    return sent


def get(store: GraphStore, notification_id: str) -> Notification:
    """A notification by id (no permission check: for services)."""
    return documents.load(store, Notification, LABEL, notification_id, "notification")


def view(
    store: GraphStore,
    *,
    notification_id: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> Notification:
    """A notification as ``actor`` may read it: sender, recipient and their superiors.
    Reads and refusals are audited."""
    notification = get(store, notification_id)
    if actor.scope is not None and actor.code not in notification.regions:
        reason = (
            f"notification {notification_id} is not visible to {bureaus.label(actor.bureau)}: "
            "only its sender, its recipient and their superiors see it"
        )
        audit.read(store, ids, actor, now_ms, "notification.read.refused", [notification_id])
        raise PermissionDenied(reason)
    audit.read(store, ids, actor, now_ms, "notification.read", [notification_id])
    return notification


def reply(
    store: GraphStore,
    *,
    notification_id: str,
    kind: str,
    actor: Actor,
    now_ms: int,
    text: str = "",
    ids: IdSource = RANDOM_IDS,
) -> Notification:
    """Answer a notification: ``accept``, ``decline`` (with a reason) or ``result``."""
    notification = get(store, notification_id)
    if actor.bureau != notification.to_bureau:
        raise PermissionDenied(
            f"notification {notification_id} was sent to {bureaus.label(notification.to_bureau)}"
            f"; only that bureau answers it, not {bureaus.label(actor.bureau)}"
        )
    status = next_status(notification, kind)
    text = check_text(kind, text, notification_id)
    first = notification.first_replied_at is None
    updated = replace(
        notification,
        status=status,
        replied_at=now_ms,
        first_replied_at=now_ms if first else notification.first_replied_at,
        on_time=(now_ms <= notification.deadline) if first else notification.on_time,
        reply_text=text if kind != ReplyKind.RESULT else notification.reply_text,
        result=text if kind == ReplyKind.RESULT else notification.result,
    )
    batch = Batch()
    documents.put(batch, LABEL, updated)
    keys = [notification_id]
    closed = escalations.close(batch, store, notification_id, now_ms)
    if closed is not None:
        keys.append(closed.key)
    late = "" if updated.on_time or not first else " (late)"
    audit.by(batch, ids, actor, now_ms, f"notification.{kind}", keys, (text or kind) + late)
    store.write(batch)
    return updated


def list_received(
    store: GraphStore,
    *,
    actor: Actor,
    now_ms: int,
    status: str | None = None,
    limit: int = 100,
    ids: IdSource = RANDOM_IDS,
) -> list[Notification]:
    """Notifications sent to the actor's bureau, newest first (the read is audited)."""
    where = {"to_bureau": actor.bureau, "status": status or None}
    docs = store.docs(queries.NOTIFICATIONS_INBOX, where, limit=limit)
    found = [documents.from_doc(Notification, d) for d in docs]
    if found:
        audit.read(store, ids, actor, now_ms, "notification.list", [n.key for n in found])
    return found


def list_sent(
    store: GraphStore, *, actor: Actor, now_ms: int, limit: int = 100, ids: IdSource = RANDOM_IDS
) -> list[Notification]:
    """Notifications the actor's bureau sent, newest first (the read is audited)."""
    docs = store.docs(queries.NOTIFICATIONS_SENT, {"from_bureau": actor.bureau}, limit=limit)
    found = [documents.from_doc(Notification, d) for d in docs]
    if found:
        audit.read(store, ids, actor, now_ms, "notification.list", [n.key for n in found])
    return found


def list_notifications(
    store: GraphStore,
    *,
    actor: Actor,
    now_ms: int,
    direction: Direction = Direction.RECEIVED,
    status: str | None = None,
    limit: int = 50,
    ids: IdSource = RANDOM_IDS,
) -> list[Notification]:
    """Notifications the actor's bureau received, sent or both, newest first, optionally
    of one status (the reads are audited)."""
    found: list[Notification] = []
    if direction in (Direction.RECEIVED, Direction.ALL):
        found += list_received(
            store, actor=actor, now_ms=now_ms, status=status, limit=limit, ids=ids
        )
    if direction in (Direction.SENT, Direction.ALL):
        sent = list_sent(store, actor=actor, now_ms=now_ms, limit=limit, ids=ids)
        found += [n for n in sent if status is None or n.status == status]
    found.sort(key=lambda n: (n.created_at, n.key), reverse=True)
    return found[:limit]


def stats_of(notifications: Sequence[Notification], as_of_ms: int) -> ReplyStats:
    """Reply figures of a set of notifications (pure)."""
    return ReplyStats(
        received=len(notifications),
        replied=sum(1 for n in notifications if n.first_replied_at is not None),
        on_time=sum(1 for n in notifications if n.on_time),
        unanswered_overdue=sum(
            1 for n in notifications if n.first_replied_at is None and n.deadline < as_of_ms
        ),
    )


def received_in(
    store: GraphStore, *, period: Period, bureau: str | None = None, scope: str | None = None
) -> list[Notification]:
    """Notifications created in ``period``, to one bureau or to any bureau within ``scope``."""
    rows = store.run(
        queries.NOTIFICATIONS_RECEIVED,
        {"start": period.start_ms, "end": period.end_ms, "bureau": bureau, "scope": scope},
    )
    return [documents.from_doc(Notification, r["props"]) for r in rows]


def reply_stats(
    store: GraphStore,
    *,
    bureau: str,
    period: Period | Quarter | str,
    as_of_ms: int | None = None,
) -> ReplyStats:
    """Reply and on-time rates of ``bureau`` for notifications it received in ``period``
    (a Period, Quarter or '2026Q3'). Unanswered ones count as overdue once their deadline
    is before ``as_of_ms`` (default: the end of the period)."""
    span = as_period(period)
    received = received_in(store, period=span, bureau=bureaus.bureau_id(bureau))
    return stats_of(received, span.end_ms if as_of_ms is None else as_of_ms)
