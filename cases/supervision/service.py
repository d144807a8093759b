"""Supervision services: list (挂牌督办), report progress, lift."""

from __future__ import annotations

from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, queries
from cluehub.cases.context import DECIDERS, RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, InvalidTransition, PermissionDenied
from cluehub.cases.jointcase import service as cases
from cluehub.cases.jointcase.models import require_open
from cluehub.cases.periods import HOUR_MS
from cluehub.cases.permissions import Action, require
from cluehub.cases.validation import require_text
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import (
    MAX_REPORT_INTERVAL_MS,
    PROGRESS,
    SUPERVISION,
    ProgressReport,
    Status,
    Supervision,
)


def get(store: GraphStore, supervision_id: str) -> Supervision:
    return documents.load(store, Supervision, SUPERVISION, supervision_id, "supervision")


def supervise(
    store: GraphStore,
    *,
    case_id: str,
    deadline_ms: int,
    requirement: str,
    actor: Actor,
    now_ms: int,
    report_interval_ms: int | None = None,
    ids: IdSource = RANDOM_IDS,
) -> Supervision:
    """List a case for supervision: a supervisor of a bureau above the lead bureau does this."""
    case = cases.get(store, case_id)
    require(actor, Action.SUPERVISE, case.parties)
    require_open(case, "list it for supervision")
    if deadline_ms <= now_ms:
        raise InvalidInput(f"supervision of case {case_id}: the deadline must be in the future")
    if report_interval_ms is not None and not 0 < report_interval_ms <= MAX_REPORT_INTERVAL_MS:
        raise InvalidInput(
            f"supervision of case {case_id}: the report interval must be more than 0 and at "
            f"most {MAX_REPORT_INTERVAL_MS // HOUR_MS} hours (366 days), got "
            f"{report_interval_ms / HOUR_MS:g} hours"
        )
    listed = store.docs(
        queries.SUPERVISIONS_LISTED_BY,
        {"case_id": case_id, "supervisor": actor.bureau, "status": Status.LISTED},
        limit=1,
    )
    if listed:
        raise InvalidTransition(
            f"case {case_id} is already listed for supervision by {bureaus.label(actor.bureau)} "
            f"({listed[0]['key']}): lift it before listing again"
        )
    supervision = Supervision(
        key=ids.new("sup"),
        case_id=case_id,
        supervisor=actor.bureau,
        deadline=int(deadline_ms),
        requirement=require_text(requirement, "requirement", f"supervision of case {case_id}"),
        listed_at=now_ms,
        listed_by=actor.user,
        report_interval_ms=report_interval_ms,
    )
    batch = Batch()
    documents.put(batch, SUPERVISION, supervision)
    cases.save(batch, replace(case, supervised=True, updated_at=now_ms))
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "case.supervise",
        [case_id, supervision.key],
        f"挂牌督办 until {deadline_ms}: {supervision.requirement}",
    )
    store.write(batch)
    return supervision


def report_progress(
    store: GraphStore,
    *,
    supervision_id: str,
    text: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> ProgressReport:
    """The lead bureau (or coordinator) reports progress on a supervised case."""
    supervision = get(store, supervision_id)
    case = cases.get(store, supervision.case_id)
    require(actor, Action.REPORT_PROGRESS, case.parties)
    if supervision.status != Status.LISTED:
        raise InvalidTransition(f"supervision {supervision_id} is lifted: no more reports due")
    report = ProgressReport(
        ids.new("prg"),
        supervision_id,
        case.key,
        actor.bureau,
        actor.user,
        require_text(text, "text", f"progress report on {supervision_id}"),
        now_ms,
    )
    batch = Batch()
    documents.put(batch, PROGRESS, report)
    documents.put(
        batch,
        SUPERVISION,
        replace(supervision, last_report_at=now_ms, reports=supervision.reports + 1),
    )
    audit.by(
        batch, ids, actor, now_ms, "supervision.report", [case.key, supervision_id, report.key]
    )
    store.write(batch)
    return report


def lift(
    store: GraphStore,
    *,
    supervision_id: str,
    reason: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> Supervision:
    """A supervisor of the supervising bureau lifts the listing."""
    supervision = get(store, supervision_id)
    if actor.bureau != supervision.supervisor or actor.role not in DECIDERS:
        raise PermissionDenied(
            f"supervision {supervision_id} is lifted by a supervisor of "
            f"{bureaus.label(supervision.supervisor)}, not {actor.user} of "
            f"{bureaus.label(actor.bureau)}"
        )
    if supervision.status != Status.LISTED:
        raise InvalidTransition(f"supervision {supervision_id} is already lifted")
    reason = require_text(reason, "reason", f"lifting {supervision_id}")
    updated = replace(supervision, status=Status.LIFTED, lifted_at=now_ms, lift_reason=reason)
    batch = Batch()
    documents.put(batch, SUPERVISION, updated)
    still = store.docs(
        queries.SUPERVISIONS_IN_STATUS, {"case_id": supervision.case_id, "status": Status.LISTED}
    )
    if all(s["key"] == supervision_id for s in still):
        case = cases.get(store, supervision.case_id)
        cases.save(batch, replace(case, supervised=False, updated_at=now_ms))
    audit.by(
        batch, ids, actor, now_ms, "supervision.lift", [supervision.case_id, supervision_id], reason
    )
    store.write(batch)
    return updated


def of_case(store: GraphStore, *, case_id: str, actor: Actor) -> list[Supervision]:
    require(actor, Action.VIEW, cases.get(store, case_id).parties)
    docs = store.docs(queries.SUPERVISIONS_OF_CASE, {"case_id": case_id}, limit=100)
    return [documents.from_doc(Supervision, d) for d in docs]


def reports(store: GraphStore, *, supervision_id: str, actor: Actor) -> list[ProgressReport]:
    supervision = get(store, supervision_id)
    require(actor, Action.VIEW, cases.get(store, supervision.case_id).parties)
    docs = store.docs(queries.PROGRESS_REPORTS, {"supervision": supervision_id}, limit=500)
    return [documents.from_doc(ProgressReport, d) for d in docs]
