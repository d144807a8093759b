"""Designated-jurisdiction services: request, decide (only by the common superior)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, grants, queries
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, InvalidTransition, PermissionDenied
from cluehub.cases.jointcase import service as cases
from cluehub.cases.jointcase.models import require_open
from cluehub.cases.permissions import Action, may_decide_designation, require
from cluehub.cases.validation import require_text
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import LABEL, JurisdictionRequest, Status


def get(store: GraphStore, request_id: str) -> JurisdictionRequest:
    return documents.load(
        store, JurisdictionRequest, LABEL, request_id, "designated-jurisdiction request"
    )


def request_designation(
    store: GraphStore,
    *,
    reason: str,
    actor: Actor,
    now_ms: int,
    requesters: Sequence[str] = (),
    case_id: str | None = None,
    clue_key: str | None = None,
    proposed: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> JurisdictionRequest:
    """Ask the requesters' common superior to designate who has jurisdiction.

    The actor's bureau must be one of the requesters (none given: it alone); for a case,
    every requester must be on it.
    """
    requester_ids = tuple(dict.fromkeys(bureaus.bureau_id(b) for b in requesters)) or (
        actor.bureau,
    )
    if actor.bureau not in requester_ids:
        raise PermissionDenied(
            f"{bureaus.label(actor.bureau)} is not among the requesting bureaus: a bureau asks "
            "for designated jurisdiction in its own name"
        )
    if case_id is not None:
        case = cases.get(store, case_id)
        require(actor, Action.REQUEST_DESIGNATION, case.parties)
        require_open(case, "request designated jurisdiction")
        outside = [b for b in requester_ids if b not in case.parties.members]
        if outside:
            raise InvalidInput(
                f"case {case_id}: requesters {', '.join(outside)} are not on the case"
            )
    decider = bureaus.common_superior(*requester_ids)
    request = JurisdictionRequest(
        key=ids.new("jur"),
        requesters=requester_ids,
        decider=decider.id,
        reason=require_text(reason, "reason", "designated-jurisdiction request"),
        created_at=now_ms,
        created_by=actor.user,
        case_id=case_id,
        clue_key=clue_key,
        proposed=bureaus.bureau_id(proposed) if proposed else None,
        regions=bureaus.lineages(decider.id, *requester_ids),
    )
    batch = Batch()
    documents.put(batch, LABEL, request)
    keys = [request.key, *([case_id] if case_id else []), *([clue_key] if clue_key else [])]
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "jurisdiction.request",
        keys,
        f"指定管辖 asked of {decider}: {request.reason}",
    )
    store.write(batch)
    return request


def decide_designation(
    store: GraphStore,
    *,
    request_id: str,
    designated_bureau: str | None,
    reason: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> JurisdictionRequest:
    """The common superior designates a bureau (None refuses). For a case, the designated
    bureau becomes its lead (and a participant) in the same transaction."""
    request = get(store, request_id)
    decision = may_decide_designation(actor, request.requesters)
    if not decision:
        raise PermissionDenied(decision.reason)
    if request.status != Status.PENDING:
        raise InvalidTransition(f"request {request_id} is already {request.status}")
    reason = require_text(reason, "reason", f"decision on {request_id}")
    designated = bureaus.bureau_id(designated_bureau) if designated_bureau else None
    if designated is not None and not bureaus.is_within(designated, request.decider):
        raise InvalidInput(
            f"request {request_id}: {bureaus.label(designated)} is outside the area of "
            f"{bureaus.label(request.decider)}; designate one of its own bureaus or itself"
        )
    updated = replace(
        request,
        status=Status.DESIGNATED if designated else Status.REFUSED,
        designated=designated,
        decided_at=now_ms,
        decided_by=actor.user,
        decision_reason=reason,
    )
    batch = Batch()
    documents.put(batch, LABEL, updated)
    keys = [request_id]
    if designated and request.case_id:
        case = cases.get(store, request.case_id)
        require_open(case, "designate its lead")
        participants = (
            case.participants
            if designated in case.participants
            else (*case.participants, designated)
        )
        cases.save(
            batch,
            replace(case, lead_bureau=designated, participants=participants, updated_at=now_ms),
        )
        if designated not in case.participants:
            shared = [*case.member_keys, *([case.clue_key] if case.clue_key else [])]
            grants.add(
                batch,
                ids,
                bureau=designated,
                node_keys=shared,
                source=f"case:{case.key}",
                actor=actor,
                now_ms=now_ms,
            )
        keys.append(case.key)
    verdict = f"designated {designated}" if designated else "refused"
    audit.by(
        batch, ids, actor, now_ms, "jurisdiction.decide", keys, f"指定管辖 {verdict}: {reason}"
    )
    store.write(batch)
    return updated


def pending_for(store: GraphStore, *, actor: Actor) -> list[JurisdictionRequest]:
    """Requests waiting for the actor's bureau to decide, oldest first."""
    docs = store.docs(
        queries.JURISDICTION_PENDING, {"decider": actor.bureau, "status": Status.PENDING}, limit=200
    )
    return [documents.from_doc(JurisdictionRequest, d) for d in docs]


def of_case(store: GraphStore, *, case_id: str, actor: Actor) -> list[JurisdictionRequest]:
    """Designated-jurisdiction requests about a case, oldest first (bureaus that see it)."""
    require(actor, Action.VIEW, cases.get(store, case_id).parties)
    docs = store.docs(queries.JURISDICTION_OF_CASE, {"case_id": case_id}, limit=500)
    return [documents.from_doc(JurisdictionRequest, d) for d in docs]
