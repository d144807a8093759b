"""Multi-step case processes: a case from a ring the analysis found (or a proposal written
by hand), or from a trace to production sources; a cluster operation (集群作战)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from cluehub.analysis import AnalysisError, propose_joint_case, ring_docs, trace_sources
from cluehub.analysis.params import CaseParams
from cluehub.analysis.results import ProposedCase
from cluehub.cases import audit, bureaus, documents
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, NotFound
from cluehub.cases.permissions import Action, require
from cluehub.cases.routing import DEFAULT_PARAMS, CaseFacts, route_footprint
from cluehub.cases.task import service as tasks
from cluehub.cases.task.models import LABEL as TASK
from cluehub.cases.task.models import Task
from cluehub.cases.validation import require_text
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore, is_visible

from . import service
from .models import JointCase, RingProposal, Status, check_transition, require_open


def propose_from_ring(
    store: GraphStore,
    *,
    proposal: RingProposal | Mapping[str, Any] | Any,
    actor: Actor,
    now_ms: int,
    title: str = "",
    facts: CaseFacts | None = None,
    params: CaseParams = DEFAULT_PARAMS,
    ids: IdSource = RANDOM_IDS,
) -> JointCase:
    """Open a joint-case proposal for a ring the analysis room found.

    Routing decides on the proposal's footprint (for the analysis room's proposal, the
    same decision ``cluehub analyze`` shows): lead, coordinators, participants, major.
    ``facts`` (amount involved, a bureau's declaration) replace the footprint's. A proposal
    written by hand may suggest a lead region of the ring, which then wins over the rules'
    lead (the analysts saw the source). Every party is granted the ring's nodes.
    """
    ring = RingProposal.from_any(proposal)
    if not ring.member_keys:
        raise InvalidInput("proposal.member_keys is empty: a ring has at least one member")
    footprint = ring.footprint if facts is None else replace(ring.footprint, facts=facts)
    routing = route_footprint(footprint, params=params)
    reasons = list(routing.reasons)
    lead = routing.lead
    if ring.suggested_lead_region:
        suggested = bureaus.of_region(ring.suggested_lead_region).id
        if suggested not in routing.participants:
            raise InvalidInput(
                f"proposal.suggested_lead_region {ring.suggested_lead_region} is not among "
                "the ring's regions: suggest one of "
                + ", ".join(r.region for r in ring.involvement)
            )
        if suggested != lead:
            reasons.append(f"lead set to {bureaus.label(suggested)} as the proposal suggested")
            lead = suggested
    if ring.coordination_level and ring.coordination_level != routing.level:
        reasons.append(
            f"analysis suggested coordination at {ring.coordination_level} level; "
            f"the rules give {routing.level}"
        )
    coordinators = tuple(c for c in routing.coordinators if c != lead)
    notify = (
        routing.notify
        if lead == routing.lead
        else route_footprint(footprint, investigating=lead, params=params).notify
    )
    return service.create_case(
        store,
        title=title or ring.title or f"Ring of {len(ring.member_keys)} members",
        lead_bureau=lead,
        participants=routing.participants,
        actor=actor,
        now_ms=now_ms,
        member_keys=ring.member_keys,
        coordinators=coordinators,
        level=routing.level.value,
        major=routing.major,
        involvement=ring.involvement,
        summary=ring.summary,
        routing_reasons=reasons,
        notify=notify,
        suggested_lead_region=ring.suggested_lead_region,
        proposed_level=ring.coordination_level,
        ids=ids,
    )


def propose_from_ring_id(
    store: GraphStore,
    *,
    ring_id: str,
    actor: Actor,
    now_ms: int,
    title: str = "",
    ids: IdSource = RANDOM_IDS,
) -> JointCase:
    """Open a joint-case proposal for one of the rings the analysis lists to the actor's
    bureau (``ring_docs``), on the analysis room's own proposal for it."""
    ring = ring_docs.ring_of(store, ring_id, actor.scope)
    if ring is None:
        raise NotFound(
            f"no ring '{ring_id}' in your scope: rings change as feeds arrive, list them "
            "again with `rings` and pass an id from there"
        )
    proposal = propose_joint_case(ring)
    if proposal is None:
        raise InvalidInput(
            f"ring {ring_id} does not span regions: it needs no joint case (create one by hand "
            "with createJointCase if your bureau wants one)"
        )
    return propose_from_ring(
        store, proposal=proposal, actor=actor, now_ms=now_ms, title=title, ids=ids
    )


@dataclass(frozen=True, slots=True)
class TraceCase:
    """The joint case the rules propose for a trace, and the nodes its parties should see:
    the start, the sources and shops the proposal names, and the evidence paths between
    them as far as the asking bureau sees them."""

    proposal: ProposedCase
    member_keys: tuple[str, ...]


def trace_case(store: GraphStore, *, start_key: str, actor: Actor) -> TraceCase | None:
    """The analysis room's proposal for the trace to production sources from
    ``start_key`` in the actor's scope; None when the chain stays in one county."""
    try:
        trace = trace_sources(store, start_key, scope=actor.scope)
    except AnalysisError:  # the start is missing or outside the actor's scope
        raise NotFound(
            "the trace found no start node in your scope (it does not exist, or belongs to a "
            "region your bureau does not cover)"
        ) from None
    proposal = propose_joint_case(trace)
    if proposal is None:
        return None
    named = sorted({k for part in proposal.participants for k in part.keys})
    chosen = [c for c in trace.candidates if c.key in named]
    on_paths = list(dict.fromkeys(n for c in chosen for p in c.paths for n in p.nodes))
    found = store.get_many(on_paths)
    seen = [k for k in on_paths if k in found and is_visible(found[k], actor.scope)]
    return TraceCase(proposal, tuple(dict.fromkeys([start_key, *named, *seen])))


def propose_from_trace(
    store: GraphStore,
    *,
    start_key: str,
    actor: Actor,
    now_ms: int,
    title: str = "",
    ids: IdSource = RANDOM_IDS,
) -> JointCase:
    """Open a joint-case proposal for the trace to production sources from ``start_key``
    (:func:`trace_case`), routed like a ring's (:func:`propose_from_ring`)."""
    found = trace_case(store, start_key=start_key, actor=actor)
    if found is None:
        raise InvalidInput(
            "the trace from this entity stays in one county: it needs no joint case (create "
            "one by hand with createJointCase if your bureau wants one)"
        )
    regions = len(found.proposal.participants)
    proposal = {
        "footprint": found.proposal.footprint,
        "participants": found.proposal.participants,
        "member_keys": found.member_keys,
        "title": f"Trace to production sources ({regions} regions)",
    }
    return propose_from_ring(
        store, proposal=proposal, actor=actor, now_ms=now_ms, title=title, ids=ids
    )


def launch_cluster_operation(
    store: GraphStore,
    *,
    case_id: str,
    action_at_ms: int,
    reason: str,
    actor: Actor,
    now_ms: int,
    kind: str = "raid",
    ids: IdSource = RANDOM_IDS,
) -> tuple[JointCase, list[Task]]:
    """集群作战: one date for every bureau on the case, a task each, the case to ``action``.

    Allowed to the lead, a coordinator or a bureau above the lead (the superior organises a
    major case's joint action, 004 §4.2). All in one transaction.
    """
    case = service.get(store, case_id)
    require(actor, Action.ORGANISE_JOINT_ACTION, case.parties)
    require_open(case, "launch a cluster operation")
    if case.status == Status.PROPOSED:
        check_transition(case, Status.ACTION)  # raises: open the case first
    reason = require_text(reason, "reason", f"cluster operation on case {case_id}")
    if action_at_ms <= now_ms:
        raise InvalidInput(f"case {case_id}: the joint action date must be in the future")
    updated = replace(
        case,
        joint_action_at=int(action_at_ms),
        joint_action_by=actor.bureau,
        updated_at=now_ms,
    )
    if case.status == Status.OPEN:
        updated = replace(updated, status=Status.ACTION, action_at=now_ms, status_reason=reason)
    new_tasks = [
        tasks.new_task(
            updated,
            bureau=bureau,
            kind=kind,
            title=f"集群作战 {reason}",
            due_ms=action_at_ms,
            actor=actor,
            now_ms=now_ms,
            ids=ids,
        )
        for bureau in updated.participants
    ]
    batch = Batch()
    updated = service.save(batch, updated)
    for task in new_tasks:
        documents.put(batch, TASK, task)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "case.cluster_operation",
        [case_id, *(t.key for t in new_tasks)],
        f"集群作战 on {action_at_ms}: {reason}",
    )
    store.write(batch)
    return updated, new_tasks
