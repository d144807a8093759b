"""Authentication services: ask (a bureau on the case), answer and trace (the rights
holder, through the intake layer), read (the case's bureaus), the holder's work list.

Every change is one transaction with its audit event. The holder's answer closes the
request's open escalation step in the same transaction. A request another holder was
asked, and one that does not exist, get the same answer (:class:`NotFound`), so request
ids are no oracle for partners.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cluehub.cases import audit, bureaus, documents, grants, queries
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from cluehub.cases.escalation import service as escalations
from cluehub.cases.escalation.models import Escalation
from cluehub.cases.jointcase import service as cases
from cluehub.cases.jointcase.models import require_open
from cluehub.cases.permissions import Action, require
from cluehub.cases.rightsholder import service as directory
from cluehub.cases.rightsholder.models import RightsHolder
from cluehub.cases.task import service as tasks
from cluehub.cases.validation import require_text
from cluehub.graph import identifiers
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import (
    MAX_ITEMS,
    REPORT,
    REQUEST,
    TRACING,
    AuthenticationReport,
    AuthenticationRequest,
    FileRef,
    Status,
    TracingReport,
    check_file,
    check_verdict,
    report_key,
)


@dataclass(frozen=True, slots=True)
class RequestView:
    """A request as the case's bureaus see it: the verdict, tracing and escalation steps."""

    request: AuthenticationRequest
    report: AuthenticationReport | None
    tracing: tuple[TracingReport, ...]
    ladder: tuple[Escalation, ...]


def _keys(keys: Sequence[str], prefix: str, field: str) -> tuple[str, ...]:
    found = tuple(dict.fromkeys(keys))
    if len(found) > MAX_ITEMS:
        raise InvalidInput(f"{field}: at most {MAX_ITEMS} items")
    for key in found:
        if not key.startswith(prefix + ":"):
            raise InvalidInput(f"{field}: '{identifiers.mask_key(key)}' is not a {prefix} key")
    return found


def request_authentication(
    store: GraphStore,
    *,
    holder: str,
    brand: str,
    what: str,
    deadline_ms: int,
    actor: Actor,
    now_ms: int,
    case_id: str | None = None,
    task_id: str | None = None,
    listing_keys: Sequence[str] = (),
    waybill_keys: Sequence[str] = (),
    seized_items: Sequence[str] = (),
    photos: Sequence[tuple[str, str, str]] = (),
    ids: IdSource = RANDOM_IDS,
) -> AuthenticationRequest:
    """Ask ``holder`` (in the directory, holding ``brand``) to examine goods of a case.

    Give the case, or a task of it (the case is then the task's). The actor's bureau
    must be on the case; the listings and waybills must be nodes it sees; ``photos`` are
    (name, reference, SHA-256)."""
    task = tasks.get(store, task_id) if task_id else None
    if task is not None and case_id is not None and task.case_id != case_id:
        raise InvalidInput(f"task {task_id} belongs to case {task.case_id}, not {case_id}")
    case_key = task.case_id if task is not None else case_id
    if not case_key:
        raise InvalidInput("give the case (case_id) or a task of it (task_id) the goods belong to")
    case = cases.get(store, case_key)
    require(actor, Action.REQUEST_AUTHENTICATION, case.parties)
    require_open(case, "ask for authentication")
    entry = directory.get(store, holder)
    try:
        brand_key = identifiers.BRAND.key_of(brand.removeprefix("brand:"))
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(f"authentication request: {exc}") from None
    where = f"authentication request to {entry.key}"
    if entry.status != "active":
        raise InvalidInput(f"{where}: the holder is withdrawn from the directory")
    if identifiers.BRAND.value_of(brand_key) not in entry.brands:
        raise InvalidInput(
            f"{where}: {entry.name} holds no trademark of {brand_key} in the directory "
            f"(its brands: {', '.join(entry.brands) or 'none'})"
        )
    if not entry.partner_id:
        raise InvalidInput(
            f"{where}: {entry.name} has no partner key, so it cannot answer through the hub; "
            "register one with the directory first"
        )
    if deadline_ms <= now_ms:
        raise InvalidInput(f"{where}: deadline {deadline_ms} is not in the future (now {now_ms})")
    listings = _keys(listing_keys, "listing", "listing_keys")
    waybills = _keys(waybill_keys, "waybill", "waybill_keys")
    if listings or waybills:
        grants.check_visible(store, actor, [*listings, *waybills], "listing_keys/waybill_keys")
    items = tuple(require_text(i, "seized item", where, 500) for i in seized_items)
    files = [check_file(*p, f"{where}, photo {i}") for i, p in enumerate(photos)]
    if not (listings or waybills or items or files):
        raise InvalidInput(f"{where}: name the goods: listings, waybills, seized items or photos")
    request = AuthenticationRequest(
        key=ids.new("auth"),
        case_id=case.key,
        holder=entry.key,
        brand=brand_key,
        requested_by=actor.bureau,
        what=require_text(what, "what", where, 1000),
        deadline=int(deadline_ms),
        created_at=now_ms,
        created_by=actor.user,
        task_id=task.key if task is not None else None,
        listing_keys=listings,
        waybill_keys=waybills,
        seized_items=items,
        photo_names=tuple(f.name for f in files),
        photo_refs=tuple(f.ref for f in files),
        photo_sha256=tuple(f.sha256 for f in files),
        regions=bureaus.lineages(actor.bureau),
    )
    batch = Batch()
    documents.put(batch, REQUEST, request)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "authentication.request",
        [case.key, request.key, entry.key, *listings, *waybills],
        f"商品鉴别 of {brand_key} asked of {entry.name} by {deadline_ms}",
    )
    store.write(batch)
    return request


def get(store: GraphStore, request_id: str) -> AuthenticationRequest:
    return documents.load(store, AuthenticationRequest, REQUEST, request_id, "request")


def _holder_of(store: GraphStore, partner_id: str) -> RightsHolder:
    entry = directory.holder_of_partner(store, partner_id)
    if entry is None:
        raise PermissionDenied(
            f"partner '{partner_id}' is not a rights holder of the directory: "
            "only a directory entry's key answers authentication requests"
        )
    return entry


def _addressed(store: GraphStore, request_id: str, entry: RightsHolder) -> AuthenticationRequest:
    doc = store.get_doc(REQUEST, request_id)
    if doc is None or doc.get("holder") != entry.key:
        raise NotFound(f"no authentication request '{request_id}' was sent to {entry.key}")
    return documents.from_doc(AuthenticationRequest, doc)


def answer_request(
    store: GraphStore,
    *,
    partner_id: str,
    request_id: str,
    verdict: str,
    report_no: str,
    examiner: str,
    examined_at_ms: int,
    record_id: str,
    now_ms: int,
    files: Sequence[tuple[str, str, str]] = (),
    note: str = "",
    request_id_http: str = "",
    ids: IdSource = RANDOM_IDS,
) -> AuthenticationReport:
    """The holder's verdict (called by the intake layer for an ``authentication`` push).

    The same answer resent (same record, verdict and report number) returns the stored
    report; a different answer to an answered request is refused."""
    entry = _holder_of(store, partner_id)
    request = _addressed(store, request_id, entry)
    where = f"answer to {request_id}"
    checked = check_verdict(verdict, where)
    stored = store.get_doc(REPORT, report_key(request_id))
    if stored is not None:
        report = documents.from_doc(AuthenticationReport, stored)
        if (report.record_id, report.verdict, report.report_no) == (
            record_id,
            checked,
            report_no.strip(),
        ):
            return report
        raise InvalidTransition(
            f"{where}: answered already ({report.verdict}, report {report.report_no}, record "
            f"{report.record_id}); a second, different answer is not accepted"
        )
    if examined_at_ms < request.created_at - 366 * 86_400_000:
        raise InvalidInput(f"{where}: examined_at is more than a year before the request")
    checked_files: list[FileRef] = [
        check_file(*f, f"{where}, file {i}") for i, f in enumerate(files)
    ]
    report = AuthenticationReport(
        key=report_key(request_id),
        request=request_id,
        case_id=request.case_id,
        holder=entry.key,
        verdict=checked,
        report_no=require_text(report_no, "report_no", where, 64),
        examiner=require_text(examiner, "examiner", where, 100),
        examined_at=int(examined_at_ms),
        received_at=now_ms,
        on_time=now_ms <= request.deadline,
        partner=partner_id,
        record_id=record_id,
        file_names=tuple(f.name for f in checked_files),
        file_refs=tuple(f.ref for f in checked_files),
        file_sha256=tuple(f.sha256 for f in checked_files),
        note=(note or "").strip(),
    )
    answered = replace(
        request, status=Status.ANSWERED, answered_at=now_ms, verdict=checked, report=report.key
    )
    batch = Batch()
    documents.put(batch, REPORT, report)
    documents.put(batch, REQUEST, answered)
    keys = [request.case_id, request_id, report.key]
    closed = escalations.close(batch, store, request_id, now_ms)
    if closed is not None:
        keys.append(closed.key)
    audit.record(
        batch,
        ids,
        at=now_ms,
        actor=f"partner:{partner_id}",
        role="rights_holder",
        bureau=request.requested_by,
        operation="authentication.answer",
        object_keys=keys,
        reason=f"{checked} (report {report.report_no})" + ("" if report.on_time else " (late)"),
        request_id=request_id_http,
    )
    store.write(batch)
    return report


def attach_tracing(
    store: GraphStore,
    *,
    partner_id: str,
    request_id: str,
    record_id: str,
    node_keys: Sequence[str],
    now_ms: int,
    request_id_http: str = "",
    ids: IdSource = RANDOM_IDS,
) -> TracingReport:
    """Tracing results a holder sent for a request (their nodes already in the graph,
    through the normal intake): the case's bureaus are granted them. Idempotent."""
    entry = _holder_of(store, partner_id)
    request = _addressed(store, request_id, entry)
    key = f"tracing-{partner_id}/{record_id}"
    existing = store.get_doc(TRACING, key)
    if existing is not None:
        return documents.from_doc(TracingReport, existing)
    case = cases.get(store, request.case_id)
    found = store.get_many(list(node_keys))
    keys = tuple(k for k in dict.fromkeys(node_keys) if k in found)
    report = TracingReport(key, request_id, case.key, entry.key, record_id, keys, now_ms)
    on_behalf = Actor(f"partner:{partner_id}", request.requested_by)
    batch = Batch()
    documents.put(batch, TRACING, report)
    for bureau in case.parties.members:
        grants.add(
            batch,
            ids,
            bureau=bureau,
            node_keys=keys,
            source=f"authentication:{request_id}",
            actor=on_behalf,
            now_ms=now_ms,
        )
    audit.record(
        batch,
        ids,
        at=now_ms,
        actor=f"partner:{partner_id}",
        role="rights_holder",
        bureau=request.requested_by,
        operation="authentication.tracing",
        object_keys=[case.key, request_id, key, *keys],
        reason=f"信息溯源: {len(keys)} nodes shared with the case's bureaus",
        request_id=request_id_http,
    )
    store.write(batch)
    return report


def view(
    store: GraphStore, *, request_id: str, actor: Actor, now_ms: int, ids: IdSource = RANDOM_IDS
) -> RequestView:
    """A request with its answer, for the case's bureaus and their superiors (audited;
    refusals too)."""
    request = get(store, request_id)
    return _views(store, [request], request.case_id, actor, now_ms, ids)[0]


def of_case(
    store: GraphStore, *, case_id: str, actor: Actor, now_ms: int, ids: IdSource = RANDOM_IDS
) -> list[RequestView]:
    """Every request of a case, oldest first, with answers (the read is audited)."""
    docs = store.docs(queries.AUTHENTICATIONS_OF_CASE, {"case_id": case_id}, limit=500)
    requests = [documents.from_doc(AuthenticationRequest, d) for d in docs]
    return _views(store, requests, case_id, actor, now_ms, ids)


def _views(
    store: GraphStore,
    requests: list[AuthenticationRequest],
    case_id: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource,
) -> list[RequestView]:
    case = cases.get(store, case_id)
    try:
        require(actor, Action.VIEW, case.parties)
    except PermissionDenied:
        audit.read(
            store, ids, actor, now_ms, "authentication.read.refused", [case_id], "not on the case"
        )
        raise
    reports = store.get_docs(REPORT, [r.report for r in requests if r.report])
    views = []
    for request in requests:
        tracing = store.docs(queries.TRACING_OF_REQUEST, {"request": request.key}, limit=100)
        report = reports.get(request.report) if request.report else None
        views.append(
            RequestView(
                request,
                documents.from_doc(AuthenticationReport, report) if report else None,
                tuple(documents.from_doc(TracingReport, t) for t in tracing),
                tuple(escalations.ladder(store, request.key)),
            )
        )
    if views:
        audit.read(
            store,
            ids,
            actor,
            now_ms,
            "authentication.read",
            [case_id, *(v.request.key for v in views)],
        )
    return views


def open_for_partner(
    store: GraphStore, *, partner_id: str, now_ms: int, ids: IdSource = RANDOM_IDS
) -> list[AuthenticationRequest]:
    """The holder's unanswered requests, by deadline (its work list; the read is
    audited)."""
    entry = _holder_of(store, partner_id)
    docs = store.docs(
        queries.AUTHENTICATIONS_OF_HOLDER, {"holder": entry.key, "status": Status.SENT}, limit=500
    )
    found = [documents.from_doc(AuthenticationRequest, d) for d in docs]
    batch = Batch()
    audit.record(
        batch,
        ids,
        at=now_ms,
        actor=f"partner:{partner_id}",
        role="rights_holder",
        bureau=bureaus.NATIONAL_ID,
        operation="authentication.list",
        object_keys=[r.key for r in found],
        reason=f"{len(found)} open requests",
    )
    store.write(batch)
    return found
