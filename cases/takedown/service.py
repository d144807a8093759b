"""Takedown services: issue a notice, record a platform's answer, removal times, alerts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, grants, queries
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from cluehub.cases.jointcase import service as cases
from cluehub.cases.periods import Period, Quarter, as_period
from cluehub.cases.permissions import Action, require
from cluehub.cases.validation import require_text
from cluehub.graph import identifiers
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import (
    ACTIONS,
    DEFAULT_BASIS,
    ITEM,
    LEGAL_BASES,
    NOTICE,
    RemovalTimes,
    RepeatAlert,
    TakedownItem,
    TakedownNotice,
    item_key,
    summarise,
)
from .models import Action as Answer

MAX_LISTINGS = 500


def issue_takedown(
    store: GraphStore,
    *,
    listing_keys: Sequence[str],
    platform: str,
    actor: Actor,
    now_ms: int,
    reason: str,
    from_bureau: str | None = None,
    case_id: str | None = None,
    legal_basis: str = DEFAULT_BASIS,
    ids: IdSource = RANDOM_IDS,
) -> TakedownNotice:
    """Send a platform a takedown notice for its listings (one notice per platform),
    naming its legal basis (a key of ``LEGAL_BASES``: what the publicity page shows), in
    the name of the actor's bureau (``from_bureau``, when given, must be that bureau)."""
    sender = bureaus.bureau_id(from_bureau) if from_bureau else actor.bureau
    if sender != actor.bureau:
        raise PermissionDenied(
            f"{actor.user} of {bureaus.label(actor.bureau)} cannot issue a notice in the name "
            f"of {bureaus.label(sender)}"
        )
    try:
        platform_code = identifiers.PLATFORMS_TYPE.clean(platform)
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(f"takedown notice: {exc}") from None
    if legal_basis not in LEGAL_BASES:
        raise InvalidInput(
            f"takedown notice: legal basis '{legal_basis}' is unknown "
            f"(expected one of {', '.join(LEGAL_BASES)})"
        )
    listings = tuple(dict.fromkeys(listing_keys))
    if not listings or len(listings) > MAX_LISTINGS:
        raise InvalidInput(f"takedown notice: give 1..{MAX_LISTINGS} listing keys")
    for key in listings:
        if not key.startswith("listing:"):
            raise InvalidInput(f"takedown notice: '{key}' is not a listing key (listing:<p>:<id>)")
        on = identifiers.LISTING.platform_of(identifiers.LISTING.value_of(key))
        if on != platform_code:
            raise InvalidInput(
                f"takedown notice to {platform_code}: {key} is on {on}; "
                "send one notice per platform"
            )
    grants.check_visible(store, actor, listings, "listing_keys")
    if case_id is not None:
        require(actor, Action.REQUEST_TAKEDOWN, cases.get(store, case_id).parties)
    lineage = bureaus.lineages(sender)
    notice = TakedownNotice(
        key=ids.new("tdn"),
        platform=platform_code,
        from_bureau=sender,
        listing_keys=listings,
        reason=require_text(reason, "reason", "takedown notice"),
        issued_at=now_ms,
        issued_by=actor.user,
        case_id=case_id,
        legal_basis=legal_basis,
        regions=lineage,
    )
    batch = Batch()
    documents.put(batch, NOTICE, notice)
    for key in listings:
        documents.put(
            batch,
            ITEM,
            TakedownItem(
                item_key(notice.key, key),
                notice.key,
                key,
                platform_code,
                sender,
                now_ms,
                legal_basis=legal_basis,
                regions=lineage,
            ),
        )
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "takedown.issue",
        [notice.key, *listings],
        f"通知—删除 to {platform_code}: {notice.reason}",
    )
    store.write(batch)
    return notice


def get_notice(store: GraphStore, notice_id: str) -> TakedownNotice:
    return documents.load(store, TakedownNotice, NOTICE, notice_id, "takedown notice")


def items_of(store: GraphStore, notice_id: str) -> list[TakedownItem]:
    docs = store.docs(queries.TAKEDOWN_ITEMS_OF_NOTICE, {"notice": notice_id}, limit=MAX_LISTINGS)
    return [documents.from_doc(TakedownItem, d) for d in docs]


def notice_removal_times(store: GraphStore, notice_id: str) -> RemovalTimes | None:
    """Time to removal of a notice's answered listings (None while none is answered)."""
    return next(iter(summarise(items_of(store, notice_id)).values()), None)


def notices(
    store: GraphStore,
    *,
    actor: Actor,
    case_id: str | None = None,
    platform: str | None = None,
    limit: int = 50,
) -> list[TakedownNotice]:
    """Takedown notices, newest first: a case's (for a bureau that may see the case), or
    without ``case_id`` the ones the actor's bureau issued; ``platform`` narrows them."""
    where = {"platform": platform.strip().lower() if platform else None}
    if case_id is None:
        query, where["from_bureau"] = queries.TAKEDOWN_NOTICES_FROM, actor.bureau
    else:
        require(actor, Action.VIEW, cases.get(store, case_id).parties)
        query, where["case_id"] = queries.TAKEDOWN_NOTICES_OF_CASE, case_id
    return [documents.from_doc(TakedownNotice, d) for d in store.docs(query, where, limit=limit)]


def record_takedown_result(
    store: GraphStore,
    *,
    notice_id: str,
    listing_key: str,
    action: str,
    acted_at_ms: int,
    now_ms: int | None = None,
    partner: str | None = None,
    note: str = "",
    request_id: str = "",
    ids: IdSource = RANDOM_IDS,
) -> TakedownItem:
    """A platform's answer for one listing of a notice (called by the intake layer).

    ``partner`` (the authenticated feed's platform) must be the notice's platform.
    Re-sending the same answer changes nothing; ``removed`` is final, while a rejection
    or not-found may later turn into a removal. ``now_ms`` (when the hub recorded it)
    defaults to ``acted_at_ms``.
    """
    notice = get_notice(store, notice_id)
    if partner is not None and partner != notice.platform:
        raise PermissionDenied(
            f"notice {notice_id} went to {notice.platform}; partner {partner} cannot answer it"
        )
    if action not in ACTIONS:
        raise InvalidInput(
            f"notice {notice_id}, {listing_key}: action '{action}' is unknown "
            f"(expected one of {', '.join(ACTIONS)})"
        )
    doc = store.get_doc(ITEM, item_key(notice_id, listing_key))
    if doc is None:
        raise NotFound(
            f"notice {notice_id} does not list {listing_key} "
            f"(it lists {len(notice.listing_keys)} listings)"
        )
    item = documents.from_doc(TakedownItem, doc)
    if acted_at_ms < notice.issued_at:
        raise InvalidInput(
            f"notice {notice_id}, {listing_key}: acted_at {acted_at_ms} is before the notice "
            f"was issued ({notice.issued_at})"
        )
    if item.action == action and item.acted_at == acted_at_ms:
        return item
    if item.action == Answer.REMOVED:
        raise InvalidTransition(
            f"notice {notice_id}, {listing_key}: already removed at {item.acted_at}; "
            f"a later '{action}' is not accepted"
        )
    recorded = acted_at_ms if now_ms is None else now_ms
    updated = replace(
        item, action=action, acted_at=int(acted_at_ms), recorded_at=recorded, note=note.strip()
    )
    batch = Batch()
    documents.put(batch, ITEM, updated)
    audit.record(
        batch,
        ids,
        at=recorded,
        actor=f"platform:{notice.platform}",
        role="platform",
        bureau=notice.from_bureau,
        operation=f"takedown.{action}",
        object_keys=[notice_id, listing_key],
        reason=note.strip() or action,
        request_id=request_id,
    )
    store.write(batch)
    return updated


def record_publication(
    store: GraphStore,
    *,
    notice_id: str,
    listing_key: str,
    published_at_ms: int,
    now_ms: int,
    partner: str | None = None,
    request_id: str = "",
    ids: IdSource = RANDOM_IDS,
) -> TakedownItem:
    """The platform published the removal of a listing (公示): stamped on its item once.

    Only a removed listing is published; a resent confirmation changes nothing."""
    notice = get_notice(store, notice_id)
    if partner is not None and partner != notice.platform:
        raise PermissionDenied(
            f"notice {notice_id} went to {notice.platform}; partner {partner} cannot answer it"
        )
    doc = store.get_doc(ITEM, item_key(notice_id, listing_key))
    if doc is None:
        raise NotFound(f"notice {notice_id} does not list {listing_key}")
    item = documents.from_doc(TakedownItem, doc)
    if item.action != "removed":
        raise InvalidTransition(
            f"notice {notice_id}, {listing_key}: only a removed listing is published "
            f"(its answer is {item.action or 'not given yet'}); send 'removed' first"
        )
    if item.published_at is not None:
        return item
    if item.acted_at is not None and published_at_ms < item.acted_at:
        raise InvalidInput(
            f"notice {notice_id}, {listing_key}: published_at {published_at_ms} is before the "
            f"removal ({item.acted_at})"
        )
    updated = replace(item, published_at=int(published_at_ms))
    batch = Batch()
    documents.put(batch, ITEM, updated)
    audit.record(
        batch,
        ids,
        at=now_ms,
        actor=f"platform:{notice.platform}",
        role="platform",
        bureau=notice.from_bureau,
        operation="takedown.published",
        object_keys=[notice_id, listing_key],
        reason=f"公示 on {notice.platform} at {published_at_ms}",
        request_id=request_id,
    )
    store.write(batch)
    return updated


def removal_times(
    store: GraphStore,
    *,
    period: Period | Quarter | str,
    platform: str | None = None,
    scope: str | None = None,
) -> dict[str, RemovalTimes]:
    """Time to removal per platform for answers given in ``period``, for notices issued by
    bureaus within ``scope`` (a region code; None for all)."""
    span = as_period(period)
    rows = store.run(
        queries.TAKEDOWNS_ACTED,
        {"start": span.start_ms, "end": span.end_ms, "platform": platform, "scope": scope},
    )
    return summarise(documents.from_doc(TakedownItem, r["props"]) for r in rows)


def repeat_alerts(
    store: GraphStore,
    *,
    actor: Actor,
    now_ms: int,
    status: str = "open",
    limit: int = 200,
    ids: IdSource = RANDOM_IDS,
) -> list[RepeatAlert]:
    """Repeat alerts for the actor's bureau, newest first (the read is audited: alerts
    name seller phones)."""
    docs = store.docs(
        queries.REPEAT_ALERTS, {"bureau": actor.bureau, "status": status}, limit=limit
    )
    alerts = [documents.from_doc(RepeatAlert, d) for d in docs]
    if alerts:
        audit.read(store, ids, actor, now_ms, "takedown.repeat_alert.list", [a.key for a in alerts])
    return alerts
