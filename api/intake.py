"""REST intake for platform and logistics partners: push batches, read back receipts.

``POST /intake/v1/{kind}`` takes ``{"records": [...]}`` (at most 1,000) and answers per
record ``accepted`` / ``duplicate`` / ``rejected`` (with field path and reason) plus a
receipt id; the records are durable before the answer is sent. ``GET
/intake/v1/receipts/{id}`` returns a partner's own receipt (another partner's is 404).

A takedown push also answers the hub's notices (通知—删除): after the batch is stored,
each accepted (or duplicate) record is recorded in the coordination room's takedown
ledger (``cases.takedown.service.record_takedown_result``, idempotent), so the issuing
bureau sees the removal and the time to removal. The response's ``takedown_ledger`` says
per record whether it was matched to a notice. A partner answers for the platform its id
names (``tmall``, or ``tmall-…``); ``pending`` and ``restored`` are not answers the
ledger records.

Rights holders (partner kind ``rights_holder``, issued with their directory entry) push
``authentication`` records — the answer to a request (商品鉴别) — and ``tracing``
records (their test buys). After the batch is stored, each stored answer is recorded
on its request (``cases.authentication.service.answer_request``) and each tracing record
naming a request shares its nodes with that request's case; the response's
``request_ledger`` says per record what became of it. ``GET /intake/v1/requests`` lists
the holder's unanswered requests: what to examine, by when.

Partners authenticate with ``Authorization: Bearer chk_…`` (or ``X-API-Key``); a key is
scoped to the feed kinds its partner may push. Per-partner rate limits use the ``limits``
library (moving window) with storage shared by every worker: the embedded store's redis
(its unix socket), or ``CLUEHUB_RATE_LIMIT_STORAGE`` (a ``limits`` storage URI such as
``redis://host:6379``); on Neo4j without that setting, each worker's memory. Bad input
never gets a 5xx: unreadable bodies are 400 (bad UTF-8 or JSON, nesting deeper than
``safe_json.MAX_DEPTH``), oversize ones 413, a wrong content type 415, anything not
shaped ``{"records": [...]}`` 422. Inside a well-formed body, a record with a value no
record may carry (NUL, a lone surrogate escape, an integer over 4,300 digits, NaN) is
rejected on its own; the batch's other records go on.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from limits import parse as parse_rate
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from cluehub.cases import errors as case_errors
from cluehub.cases.authentication import service as authentication
from cluehub.cases.takedown.service import record_publication, record_takedown_result
from cluehub.graph import identifiers as ids
from cluehub.graph.store import GraphStore, StoreError
from cluehub.ingest import feeds, safe_json
from cluehub.ingest.intake import BatchTooLarge, Enrichment, Receipt, process_batch, read_receipt
from cluehub.ingest.mapping import epoch_ms, tracing_keys
from cluehub.ingest.partners import Partner, authenticate

from .ring_updates import RING_KINDS

MAX_BODY_BYTES = 8 * 1024 * 1024
# Feed actions that answer a notice, as the takedown ledger names them.
LEDGER_ACTIONS: dict[str, str] = {"removed": "removed", "rejected": "rejected"}

router = APIRouter(prefix="/intake/v1", tags=["intake"])


def rate_limiter(storage_uri: str | None, store: GraphStore) -> MovingWindowRateLimiter:
    """The limiter all workers share: ``storage_uri``, else the embedded redis, else memory."""
    socket_path = store.describe().get("socket")
    uri = storage_uri or (f"redis+unix://{socket_path}" if socket_path else "memory://")
    return MovingWindowRateLimiter(storage_from_string(uri))


def limiter_of(request: Request) -> tuple[MovingWindowRateLimiter, str]:
    """This app's limiter (made on first use) and its key prefix (the store's graph, so
    hubs sharing one redis never share counters)."""
    state = request.app.state
    if getattr(state, "limiter", None) is None:
        settings = getattr(state, "settings", None)
        state.limiter = rate_limiter(getattr(settings, "rate_limit_storage", None), state.store)
    return state.limiter, str(state.store.describe().get("graph", ""))


def _now_ms() -> int:
    return int(time.time() * 1000)


def _problem(status: int, detail: str, **headers: str) -> HTTPException:
    return HTTPException(status_code=status, detail=detail, headers=headers or None)


def current_partner(request: Request) -> Partner:
    """The partner behind the presented API key (401 otherwise), within its rate limit."""
    header = request.headers.get("authorization", "")
    key = header[7:].strip() if header.lower().startswith("bearer ") else ""
    key = key or request.headers.get("x-api-key", "").strip()
    if not key:
        raise _problem(
            401,
            "missing API key: send 'Authorization: Bearer chk_…'",
            **{"WWW-Authenticate": "Bearer"},
        )
    store: GraphStore = request.app.state.store
    partner = authenticate(store, key, _now_ms())
    if partner is None:
        raise _problem(401, "unknown, expired or revoked API key", **{"WWW-Authenticate": "Bearer"})
    rate = parse_rate(partner.rate_limit)
    limiter, prefix = limiter_of(request)
    if not limiter.hit(rate, prefix, partner.partner_id):
        reset = limiter.get_window_stats(rate, prefix, partner.partner_id).reset_time
        retry = max(1, int(reset - time.time()))
        raise _problem(
            429, f"rate limit {partner.rate_limit} exceeded", **{"Retry-After": str(retry)}
        )
    return partner


async def _read_records(request: Request) -> list[Any]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise _problem(415, f"send application/json, not '{content_type or 'nothing'}'")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _problem(413, f"body over {MAX_BODY_BYTES} bytes; split the batch")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _problem(413, f"body over {MAX_BODY_BYTES} bytes; split the batch")
    try:
        payload = await run_in_threadpool(safe_json.loads, bytes(body))
    except safe_json.JsonRefused as exc:
        raise _problem(400, f"body refused: {exc}") from None
    if not isinstance(payload, dict) or set(payload) != {"records"}:
        raise _problem(422, 'body must be an object with exactly one field: {"records": [...]}')
    if not isinstance(payload["records"], list):
        raise _problem(422, "'records' must be a list")
    return payload["records"]


def _push_route(kind: str):
    model = feeds.MODELS[kind]

    async def push(request: Request, partner: Partner = Depends(current_partner)) -> JSONResponse:  # noqa: B008
        if not partner.may_push(kind):
            raise _problem(
                403,
                f"partner '{partner.partner_id}' may not push {kind} records "
                f"(allowed: {', '.join(partner.kinds)})",
            )
        records = await _read_records(request)
        store: GraphStore = request.app.state.store
        enrichment: Enrichment = getattr(request.app.state, "enrichment", Enrichment())
        receipt_id = f"rcpt-{uuid.uuid4().hex}"
        try:
            receipt = await run_in_threadpool(
                process_batch,
                store,
                partner.partner_id,
                kind,
                records,
                receipt_id=receipt_id,
                now_ms=_now_ms(),
                enrichment=enrichment,
            )
        except BatchTooLarge as exc:
            raise _problem(413, str(exc)) from None
        except StoreError as exc:  # nothing was written: the batch is one transaction
            raise _problem(
                503,
                f"the store could not take the batch, nothing was written; retry ({exc})",
                **{"Retry-After": "5"},
            ) from None
        body = receipt.to_dict()
        updater = getattr(request.app.state, "rings", None)
        if updater is not None and kind in RING_KINDS and receipt.keys:
            updater.submit(receipt.keys)
        request_id = request.scope.get("state", {}).get("request_id", "")
        ledger = LEDGERS.get(kind)
        if ledger is not None:
            body[ledger.field] = await run_in_threadpool(
                record_answers,
                store,
                partner.partner_id,
                kind,
                records,
                receipt,
                now_ms=_now_ms(),
                request_id=request_id,
            )
        return JSONResponse(body)

    push.__name__ = f"push_{kind}"
    push.__doc__ = f"Push a batch of {kind} records ({model.__doc__.strip().splitlines()[0]})"
    schema_ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    example = {"records": [feeds.EXAMPLES[kind]]}
    router.add_api_route(
        f"/{kind}",
        push,
        methods=["POST"],
        summary=f"Push {kind} records",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["records"],
                            "additionalProperties": False,
                            "properties": {
                                "records": {
                                    "type": "array",
                                    "maxItems": feeds.MAX_BATCH,
                                    "items": schema_ref,
                                }
                            },
                        },
                        "example": example,
                    }
                },
            }
        },
    )


for _kind in feeds.KINDS:
    _push_route(_kind)


def partner_platform(partner_id: str) -> str | None:
    """The platform whose notices a partner answers: its id is the platform's code
    (``tmall``) or starts with it (``tmall-ops``); None for any other partner."""
    for candidate in (partner_id, partner_id.split("-", 1)[0]):
        if candidate in ids.PLATFORMS:
            return candidate
    return None


def _takedown_entry(
    store: GraphStore,
    partner_id: str,
    record: feeds.TakedownRecord,
    now_ms: int,
    request_id: str,
) -> dict[str, str]:
    """The takedown ledger's entry of one answer (a partner answers for the platform its
    id names)."""
    platform = partner_platform(partner_id)
    if platform is None:
        return {
            "ledger": "not_matched",
            "reason": f"partner '{partner_id}' is not named after a platform "
            f"({', '.join(ids.PLATFORMS)}): its answers cannot be matched to notices",
        }
    listing = ids.LISTING.key(ids.LISTING.clean(record.listing_id, platform=record.platform))
    if record.action == "published":
        return _notice_entry(
            record_publication,
            store,
            platform,
            record.notice_id,
            listing,
            published_at_ms=epoch_ms(record.acted_at),
            now_ms=now_ms,
            partner=platform,
            request_id=request_id,
        )
    action = LEDGER_ACTIONS.get(record.action)
    if action is None:
        return {
            "ledger": "not_recorded",
            "reason": f"action '{record.action}' does not answer a notice "
            f"(the ledger records {' and '.join(LEDGER_ACTIONS)})",
        }
    return _notice_entry(
        record_takedown_result,
        store,
        platform,
        record.notice_id,
        listing,
        action=action,
        acted_at_ms=epoch_ms(record.acted_at),
        now_ms=now_ms,
        partner=platform,
        note=record.note or "",
        request_id=request_id,
    )


def _notice_entry(
    fn: Any, store: GraphStore, platform: str, notice_id: str, listing: str, **kw: Any
) -> dict[str, str]:
    """The ledger entry of one answer on a notice's item (``fn``: the room's service that
    records a result or a publicity confirmation)."""
    try:
        fn(store, notice_id=notice_id, listing_key=listing, **kw)
    except (case_errors.NotFound, case_errors.PermissionDenied):
        # The same answer whether the notice does not exist or went to another platform.
        return {
            "ledger": "unknown_notice",
            "reason": f"no notice '{notice_id}' to {platform} lists {listing}",
        }
    except case_errors.CasesError as exc:
        return {"ledger": "refused", "reason": str(exc)}
    return {"ledger": "recorded"}


def _holder_entry(
    store: GraphStore,
    partner_id: str,
    record: feeds.AuthenticationRecord | feeds.TracingRecord,
    now_ms: int,
    request_id: str,
) -> dict[str, str]:
    """What became of one rights-holder record: an answer recorded on its request, a
    tracing record's nodes shared with its request's case."""
    try:
        if isinstance(record, feeds.AuthenticationRecord):
            authentication.answer_request(
                store,
                partner_id=partner_id,
                request_id=record.request_id,
                verdict=record.verdict,
                report_no=record.report_no,
                examiner=record.examiner,
                examined_at_ms=epoch_ms(record.examined_at),
                record_id=record.record_id,
                now_ms=now_ms,
                files=[(f.name, f.ref, f.sha256) for f in record.files],
                note=record.note or "",
                request_id_http=request_id,
            )
        elif record.request_id is None:
            return {"request": "none", "reason": "no request_id: taken into the graph only"}
        else:
            authentication.attach_tracing(
                store,
                partner_id=partner_id,
                request_id=record.request_id,
                record_id=record.record_id,
                node_keys=tracing_keys(record),
                now_ms=now_ms,
                request_id_http=request_id,
            )
    except case_errors.PermissionDenied as exc:
        return {"request": "not_matched", "reason": str(exc)}
    except case_errors.NotFound as exc:  # not sent to this holder, or not at all: one answer
        return {"request": "unknown_request", "reason": str(exc)}
    except case_errors.CasesError as exc:
        return {"request": "refused", "reason": str(exc)}
    return {"request": "recorded"}


@dataclass(frozen=True, slots=True)
class Ledger:
    """Where the stored records of a push are recorded in the coordination room: the
    response's field that says per record what became of it, the record's field that
    names what it answers, and the entry of one record."""

    field: str
    ref: str
    entry: Callable[[GraphStore, str, Any, int, str], dict[str, str]]


LEDGERS: dict[str, Ledger] = {
    "takedown": Ledger("takedown_ledger", "notice_id", _takedown_entry),
    "authentication": Ledger("request_ledger", "request_id", _holder_entry),
    "tracing": Ledger("request_ledger", "request_id", _holder_entry),
}


def record_answers(
    store: GraphStore,
    partner_id: str,
    kind: str,
    raw_records: list[Any],
    receipt: Receipt,
    *,
    now_ms: int,
    request_id: str = "",
) -> list[dict[str, Any]]:
    """Record each stored record of a push in its kind's ledger (:data:`LEDGERS`):
    takedown answers in the takedown ledger, authentication answers on their request,
    tracing records' nodes shared with their request's case; each entry with the
    record's index and id first. Duplicates are recorded again (every ledger is
    idempotent), so a push stored but not recorded is completed by resending it."""
    ledger = LEDGERS[kind]
    entries = []
    for result in receipt.results:
        if result.status == "rejected":
            continue
        record = feeds.parse(kind, raw_records[result.index])
        entries.append(
            {"index": result.index, "record_id": result.record_id}
            | {ledger.ref: getattr(record, ledger.ref)}
            | ledger.entry(store, partner_id, record, now_ms, request_id)
        )
    return entries


@router.get("/requests", summary="Rights holders: your unanswered authentication requests")
async def open_requests(
    request: Request,
    partner: Partner = Depends(current_partner),  # noqa: B008
) -> JSONResponse:
    """What a rights holder is asked to examine (商品鉴别), by deadline: listing ids,
    waybill numbers, seized goods, photo references. Only for rights-holder keys."""
    if not partner.may_push("authentication"):
        raise _problem(
            403,
            f"partner '{partner.partner_id}' is not a rights holder (partner kind rights_holder)",
        )
    store: GraphStore = request.app.state.store
    try:
        found = await run_in_threadpool(
            authentication.open_for_partner, store, partner_id=partner.partner_id, now_ms=_now_ms()
        )
    except case_errors.PermissionDenied as exc:
        raise _problem(403, str(exc)) from None
    return JSONResponse({"requests": [request_for_holder(r) for r in found]})


def request_for_holder(r: Any) -> dict[str, Any]:
    """A request as its rights holder reads it: the goods, never the case's suspects."""
    return {
        "request_id": r.key,
        "brand": ids.BRAND.value_of(r.brand),
        "what": r.what,
        "deadline": r.deadline,
        "requested_by": r.requested_by,
        "listings": [ids.LISTING.value_of(k) for k in r.listing_keys],
        "waybills": [ids.WAYBILL.value_of(k) for k in r.waybill_keys],
        "seized_items": list(r.seized_items),
        "photos": [{"name": f.name, "ref": f.ref, "sha256": f.sha256} for f in r.photos],
    }


@router.get("/receipts/{receipt_id}", summary="Read back one of your receipts")
async def get_receipt(
    receipt_id: str,
    request: Request,
    partner: Partner = Depends(current_partner),  # noqa: B008
) -> JSONResponse:
    store: GraphStore = request.app.state.store
    receipt = await run_in_threadpool(read_receipt, store, partner.partner_id, receipt_id)
    if receipt is None:
        raise _problem(404, f"no receipt '{receipt_id}' for partner '{partner.partner_id}'")
    return JSONResponse(receipt)


def openapi_models() -> dict[str, Any]:
    """JSON schemas of the feed models, for the app's OpenAPI components."""
    from pydantic.json_schema import models_json_schema

    _, top = models_json_schema(
        [(m, "validation") for m in feeds.MODELS.values()],
        ref_template="#/components/schemas/{model}",
    )
    return top.get("$defs", {})


def mount(app: Any) -> None:
    """Add the intake routes to ``app`` and publish the feed models in its OpenAPI."""
    if getattr(app.state, "intake_mounted", False):
        return
    app.include_router(router)
    app.state.intake_mounted = True
    build_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build_openapi()
        schema.setdefault("components", {}).setdefault("schemas", {}).update(openapi_models())
        app.openapi_schema = schema
        return schema

    app.openapi = openapi
