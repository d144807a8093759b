"""Joint-case services: create, read, change status, participants, comments, transfers.

Each state change is one transaction with its audit event; visibility grants for new
participants and for transferred evidence ride in the same batch. Reads of a case are
audited too (they show graph keys of suspects), refusals included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from cluehub.cases import audit, bureaus, documents, grants, queries
from cluehub.cases.context import DECIDERS, RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, PermissionDenied
from cluehub.cases.permissions import MEMBERS, Action, Relation, decide, relation, require
from cluehub.cases.routing import Place
from cluehub.cases.validation import require_text
from cluehub.graph import identifiers
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import (
    CASE,
    COMMENT,
    EVIDENCE_TRANSFER,
    OFFENCES,
    POLICE_TRANSFER,
    STAMP,
    TRANSITIONS,
    CaseComment,
    EvidenceTransfer,
    JointCase,
    PoliceTransfer,
    Status,
    check_transition,
    require_open,
)

# Audit operations that record a read (or a refused one), not a change.
READ_SUFFIXES = (".read", ".list", ".refused")


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case as one bureau sees it: superiors outside the case see member keys masked."""

    case: JointCase
    relation: Relation


def coordination_level(participants: Sequence[str]) -> str:
    """Level at which a set of bureaus is coordinated when nothing else says."""
    provinces = {bureaus.code_of(p)[:2] for p in participants}
    if len(provinces) > 1:
        return "inter_provincial"
    return bureaus.lowest_common(*participants).level


def save(batch: Batch, case: JointCase) -> JointCase:
    """Add the case's current state to ``batch``, its visibility regions recomputed from
    its parties; returns the record as stored."""
    stored = replace(
        case,
        regions=bureaus.lineages(case.lead_bureau, *case.coordinators, *case.participants),
        lead_regions=bureaus.lineages(case.lead_bureau),
    )
    documents.put(batch, CASE, stored)
    return stored


def get(store: GraphStore, case_id: str) -> JointCase:
    """A case by id, no permission check (for services; the API calls :func:`view`)."""
    return documents.load(store, JointCase, CASE, case_id, "joint case")


def create_case(
    store: GraphStore,
    *,
    title: str,
    lead_bureau: str,
    participants: Sequence[str],
    actor: Actor,
    now_ms: int,
    member_keys: Sequence[str] = (),
    coordinators: Sequence[str] = (),
    level: str | None = None,
    major: bool = False,
    involvement: Sequence[Place] = (),
    clue_key: str | None = None,
    summary: str = "",
    routing_reasons: Sequence[str] = (),
    notify: Sequence[str] = (),
    suggested_lead_region: str | None = None,
    proposed_level: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> JointCase:
    """Create a case in status ``proposed`` (by hand, or from a ring via ``flows``).

    The actor's bureau must be the lead, a participant, a coordinator or above the lead.
    Every party is granted visibility of the member nodes (and the clue).
    """
    title = require_text(title, "title", "new joint case", 200)
    lead = bureaus.bureau_id(lead_bureau)
    coordinator_ids = tuple(dict.fromkeys(bureaus.bureau_id(b) for b in coordinators))
    participant_ids = tuple(dict.fromkeys((lead, *(bureaus.bureau_id(b) for b in participants))))
    members = tuple(dict.fromkeys(member_keys))
    involved = (lead, *coordinator_ids, *participant_ids)
    if actor.bureau not in involved and not bureaus.is_superior(actor.bureau, lead):
        raise PermissionDenied(
            f"{bureaus.label(actor.bureau)} is neither on the new case nor above its lead "
            f"{bureaus.label(lead)}: it cannot create it"
        )
    shared = [*members, *([clue_key] if clue_key else [])]
    if shared:
        grants.check_visible(store, actor, shared, "member_keys")
    case = JointCase(
        key=ids.new("jc"),
        title=title,
        status=Status.PROPOSED,
        lead_bureau=lead,
        coordinators=coordinator_ids,
        participants=participant_ids,
        level=level or coordination_level(participant_ids),
        created_at=now_ms,
        created_by=actor.user,
        updated_at=now_ms,
        major=major,
        member_keys=members,
        involvement_regions=tuple(r.region for r in involvement),
        involvement_roles=tuple(str(r.role) for r in involvement),
        routing_reasons=tuple(routing_reasons),
        notify=tuple(bureaus.bureau_id(b) for b in notify),
        suggested_lead_region=suggested_lead_region,
        proposed_level=proposed_level,
        clue_key=clue_key,
        summary=summary.strip(),
    )
    batch = Batch()
    case = save(batch, case)
    for bureau in dict.fromkeys(involved):
        grants.add(
            batch,
            ids,
            bureau=bureau,
            node_keys=shared,
            source=f"case:{case.key}",
            actor=actor,
            now_ms=now_ms,
        )
    audit.by(batch, ids, actor, now_ms, "case.create", [case.key, *shared], title)
    store.write(batch)
    return case


def _masked(case: JointCase, rel: Relation) -> JointCase:
    if rel in MEMBERS:
        return case
    return replace(
        case,
        member_keys=tuple(identifiers.mask_key(k) for k in case.member_keys),
        clue_key=identifiers.mask_key(case.clue_key) if case.clue_key else None,
    )


def view(
    store: GraphStore, *, case_id: str, actor: Actor, now_ms: int, ids: IdSource = RANDOM_IDS
) -> CaseView:
    """Read a case as ``actor``; outsiders are refused (and the refusal is audited)."""
    case = get(store, case_id)
    decision = decide(actor, Action.VIEW, case.parties)
    batch = Batch()
    if not decision:
        audit.by(batch, ids, actor, now_ms, "case.read.refused", [case_id], decision.reason)
        store.write(batch)
        raise PermissionDenied(decision.reason)
    rel = relation(actor.bureau, case.parties)
    audit.by(batch, ids, actor, now_ms, "case.read", [case_id], rel)
    store.write(batch)
    return CaseView(_masked(case, rel), rel)


def visible(store: GraphStore, *, case_id: str, actor: Actor) -> JointCase:
    """The stored case, unmasked, for a bureau that may see it (a superior outside the
    case gets its member keys to load through its own scope); not audited: the reads
    that show it are."""
    case = get(store, case_id)
    require(actor, Action.VIEW, case.parties)
    return case


def history(
    store: GraphStore,
    *,
    case_id: str,
    actor: Actor,
    include_reads: bool = False,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """What happened on the case and its tasks, oldest first (the audit trail); who read
    it only for supervisors and admins (``include_reads``)."""
    if include_reads and actor.role not in DECIDERS:
        raise PermissionDenied(
            f"reads in a case's history need the role {' or '.join(sorted(DECIDERS))}; "
            f"your token has role '{actor.role}'"
        )
    require(actor, Action.VIEW, get(store, case_id).parties)
    events = audit.trail(store, object_key=case_id, limit=limit)
    return [
        e
        for e in events
        if include_reads or not str(e.get("operation", "")).endswith(READ_SUFFIXES)
    ]


def list_visible(
    store: GraphStore,
    *,
    actor: Actor,
    now_ms: int,
    status: str | None = None,
    limit: int = 50,
    skip: int = 0,
    ids: IdSource = RANDOM_IDS,
) -> list[CaseView]:
    """Cases the actor's bureau may see, newest first (the read is audited)."""
    if status is not None and status not in TRANSITIONS:
        raise InvalidInput(f"status '{status}' is unknown (statuses: {', '.join(TRANSITIONS)})")
    rows = store.run(
        queries.VISIBLE_CASES,
        {"scope": actor.scope, "status": status, "limit": limit, "skip": skip},
    )
    views = []
    for row in rows:
        case = documents.from_doc(JointCase, row["props"])
        rel = relation(actor.bureau, case.parties)
        views.append(CaseView(_masked(case, rel), rel))
    if views:
        audit.read(store, ids, actor, now_ms, "case.list", [v.case.key for v in views])
    return views


def change_status(
    store: GraphStore,
    *,
    case_id: str,
    status: str,
    reason: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> JointCase:
    """Move a case along ``proposed → open → action → closed`` (with a reason)."""
    case = get(store, case_id)
    require(actor, Action.COORDINATE, case.parties)
    target = check_transition(case, status)
    reason = require_text(reason, "reason", f"case {case_id} → {status}")
    updated = replace(case, status=target, status_reason=reason, updated_at=now_ms)
    updated = replace(updated, **{STAMP[target]: now_ms})
    batch = Batch()
    updated = save(batch, updated)
    audit.by(batch, ids, actor, now_ms, f"case.status.{target}", [case_id], reason)
    store.write(batch)
    return updated


def add_participant(
    store: GraphStore,
    *,
    case_id: str,
    bureau: str,
    reason: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> JointCase:
    """Bring another bureau onto the case (协办); it is granted the member nodes."""
    case = get(store, case_id)
    require(actor, Action.COORDINATE, case.parties)
    require_open(case, "add participants")
    new = bureaus.bureau_id(bureau)
    if new in case.participants:
        raise InvalidInput(f"{bureaus.label(new)} already participates in case {case_id}")
    reason = require_text(reason, "reason", f"case {case_id}: adding {new}")
    updated = replace(case, participants=(*case.participants, new), updated_at=now_ms)
    batch = Batch()
    updated = save(batch, updated)
    shared = [*case.member_keys, *([case.clue_key] if case.clue_key else [])]
    grants.add(
        batch,
        ids,
        bureau=new,
        node_keys=shared,
        source=f"case:{case_id}",
        actor=actor,
        now_ms=now_ms,
    )
    audit.by(batch, ids, actor, now_ms, "case.participant.add", [case_id, new], reason)
    store.write(batch)
    return updated


def add_comment(
    store: GraphStore,
    *,
    case_id: str,
    text: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> CaseComment:
    case = get(store, case_id)
    require(actor, Action.COMMENT, case.parties)
    comment = CaseComment(
        ids.new("cmt"),
        case_id,
        actor.bureau,
        actor.user,
        require_text(text, "text", f"comment on case {case_id}"),
        now_ms,
    )
    batch = Batch()
    documents.put(batch, COMMENT, comment)
    audit.by(batch, ids, actor, now_ms, "case.comment", [case_id, comment.key])
    store.write(batch)
    return comment


def comments(
    store: GraphStore, *, case_id: str, actor: Actor, limit: int = 200
) -> list[CaseComment]:
    """Comments on a case, oldest first (members and superiors only)."""
    require(actor, Action.VIEW, get(store, case_id).parties)
    docs = store.docs(queries.COMMENTS_OF_CASE, {"case_id": case_id}, limit=limit)
    return [documents.from_doc(CaseComment, d) for d in docs]


def record_evidence_transfer(
    store: GraphStore,
    *,
    case_id: str,
    what: str,
    evidence_keys: Sequence[str],
    to_bureau: str,
    transferred_at_ms: int,
    actor: Actor,
    now_ms: int,
    from_bureau: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> EvidenceTransfer:
    """证据移交: record evidence handed over (by the actor's bureau unless ``from_bureau``
    says otherwise); the receiving bureau may see its nodes."""
    case = get(store, case_id)
    sender = bureaus.bureau_id(from_bureau) if from_bureau else actor.bureau
    receiver = bureaus.bureau_id(to_bureau)
    require(actor, Action.TRANSFER_EVIDENCE, case.parties, from_bureau=sender)
    if receiver not in case.parties.members or receiver == sender:
        raise InvalidInput(
            f"case {case_id}: evidence goes to another bureau on the case; "
            f"{bureaus.label(receiver)} is not one (add it as a participant first)"
        )
    keys = tuple(dict.fromkeys(evidence_keys))
    if keys:
        grants.check_visible(store, actor, keys, "evidence_keys")
    transfer = EvidenceTransfer(
        key=ids.new("evx"),
        case_id=case_id,
        what=require_text(what, "what", f"evidence transfer on case {case_id}"),
        evidence_keys=keys,
        from_bureau=sender,
        to_bureau=receiver,
        transferred_at=int(transferred_at_ms),
        recorded_at=now_ms,
        recorded_by=actor.user,
    )
    batch = Batch()
    documents.put(batch, EVIDENCE_TRANSFER, transfer)
    grants.add(
        batch,
        ids,
        bureau=receiver,
        node_keys=keys,
        source=f"evidence_transfer:{transfer.key}",
        actor=actor,
        now_ms=now_ms,
    )
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "case.evidence_transfer",
        [case_id, transfer.key, *keys],
        f"证据移交 to {receiver}: {transfer.what}",
    )
    store.write(batch)
    return transfer


def evidence_transfers(
    store: GraphStore, *, case_id: str, actor: Actor, now_ms: int, ids: IdSource = RANDOM_IDS
) -> list[EvidenceTransfer]:
    """Evidence transfers of a case (members and superiors; the read is audited)."""
    require(actor, Action.VIEW, get(store, case_id).parties)
    docs = store.docs(queries.EVIDENCE_TRANSFERS_OF_CASE, {"case_id": case_id}, limit=500)
    transfers = [documents.from_doc(EvidenceTransfer, d) for d in docs]
    audit.read(
        store,
        ids,
        actor,
        now_ms,
        "case.evidence_transfer.read",
        [case_id, *(t.key for t in transfers)],
    )
    return transfers


def transfer_to_police(
    store: GraphStore,
    *,
    case_id: str,
    reference: str,
    police_unit: str,
    transferred_at_ms: int,
    offence: str,
    actor: Actor,
    now_ms: int,
    note: str = "",
    ids: IdSource = RANDOM_IDS,
) -> PoliceTransfer:
    """移送公安: record that the actor's bureau handed a suspected crime to police."""
    case = get(store, case_id)
    require(actor, Action.TRANSFER_TO_POLICE, case.parties)
    if offence not in OFFENCES:
        raise InvalidInput(
            f"case {case_id}: suspected offence '{offence}' is unknown "
            f"(expected one of {', '.join(OFFENCES)})"
        )
    transfer = PoliceTransfer(
        key=ids.new("ptr"),
        case_id=case_id,
        reference=require_text(reference, "reference", f"police transfer on case {case_id}", 100),
        police_unit=require_text(police_unit, "police_unit", f"police transfer on {case_id}", 200),
        transferred_at=int(transferred_at_ms),
        offence=offence,
        bureau=actor.bureau,
        recorded_at=now_ms,
        recorded_by=actor.user,
        note=note.strip(),
        regions=bureaus.lineages(actor.bureau),
    )
    batch = Batch()
    documents.put(batch, POLICE_TRANSFER, transfer)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "case.police_transfer",
        [case_id, transfer.key],
        f"移送公安 {transfer.reference} to {transfer.police_unit}: {OFFENCES[offence]}",
    )
    store.write(batch)
    return transfer


def police_transfers(store: GraphStore, *, case_id: str, actor: Actor) -> list[PoliceTransfer]:
    require(actor, Action.VIEW, get(store, case_id).parties)
    docs = store.docs(queries.POLICE_TRANSFERS_OF_CASE, {"case_id": case_id}, limit=500)
    return [documents.from_doc(PoliceTransfer, d) for d in docs]


def set_joint_action(
    store: GraphStore,
    *,
    case_id: str,
    action_at_ms: int,
    reason: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> JointCase:
    """Fix the unified date of a cluster operation (集群作战) for every bureau on the case."""
    case = get(store, case_id)
    require(actor, Action.ORGANISE_JOINT_ACTION, case.parties)
    require_open(case, "set a joint action date")
    if action_at_ms <= now_ms:
        raise InvalidInput(f"case {case_id}: the joint action date must be in the future")
    reason = require_text(reason, "reason", f"joint action on case {case_id}")
    updated = replace(
        case, joint_action_at=int(action_at_ms), joint_action_by=actor.bureau, updated_at=now_ms
    )
    batch = Batch()
    updated = save(batch, updated)
    audit.by(batch, ids, actor, now_ms, "case.joint_action", [case_id], f"集群作战: {reason}")
    store.write(batch)
    return updated
