"""Credit-record services: record an entry (a bureau on the case), record a refusal to
cooperate (the task's bureau: the task's outcome), record a repeat infringer found by the
scheduled jobs (``flows``: no actor, audited as ``system:<job>``), review a quarter (a
supervisor), and the export's rows (only what a review approved).

Every change is one transaction with its audit event; the export's reads are audited,
refusals too. Entries name people and firms: listing them is an audited read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cluehub.cases import audit, bureaus, documents, grants, queries
from cluehub.cases.context import DECIDERS, RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, NotFound, PermissionDenied
from cluehub.cases.jointcase import service as cases
from cluehub.cases.periods import CST, parse_quarter, quarter_of
from cluehub.cases.permissions import Action, require
from cluehub.cases.task import service as tasks
from cluehub.cases.validation import require_text
from cluehub.graph import identifiers, model, regions
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import (
    CATEGORIES,
    COLUMNS,
    ENTRY,
    LEGAL_BASES,
    REVIEW,
    SUBJECT_KINDS,
    Category,
    CreditEntry,
    CreditReview,
    LegalBasis,
    check_basis,
    check_category,
    repeat_key,
    review_key,
)

EXPORTERS = frozenset({"coordinator", "supervisor", "admin"})
MAX_ENTRIES = 10_000


class NotReviewed(PermissionDenied):
    """The quarter's entries have not been approved (as they are now) by a supervisor."""


@dataclass(frozen=True, slots=True)
class Export:
    quarter: str
    region: str
    review: CreditReview
    rows: tuple[tuple[str | int, ...], ...]  # in COLUMNS order


def record_entry(
    store: GraphStore,
    *,
    case_id: str,
    subject_key: str,
    category: str,
    facts: str,
    decided_at_ms: int,
    actor: Actor,
    now_ms: int,
    legal_basis: str | None = None,
    decision_no: str | None = None,
    task_id: str | None = None,
    alert_id: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> CreditEntry:
    """Put a case's infringer on the credit record. The actor's bureau is on the case and
    sees the subject (a company, shop or person node); a penalty names its decision."""
    case = cases.get(store, case_id)
    require(actor, Action.RECORD_CREDIT, case.parties)
    where = f"credit entry on case {case_id}"
    kind = check_category(category)
    _check_subject(subject_key, where)
    grants.check_visible(store, actor, [subject_key], "subject")
    entry = _entry(
        store,
        key=ids.new("credit"),
        case_id=case_id,
        subject_key=subject_key,
        kind=kind,
        basis=check_basis(legal_basis, kind),
        facts=facts,
        decided_at_ms=decided_at_ms,
        now_ms=now_ms,
        bureau=actor.bureau,
        recorded_by=actor.user,
        decision_no=decision_no,
        task_id=task_id,
        alert_id=alert_id,
    )
    batch = Batch()
    documents.put(batch, ENTRY, entry)
    keys = [case_id, entry.key, subject_key]
    audit.by(batch, ids, actor, now_ms, "credit.record", keys, _why(entry))
    store.write(batch)
    return entry


def record_repeat(
    store: GraphStore,
    *,
    case_id: str,
    subject_key: str,
    facts: str,
    decided_at_ms: int,
    bureau: str,
    alert_id: str,
    job: str,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> CreditEntry | None:
    """A scheduled job puts a repeat infringer (重复侵权) of a case on the credit record,
    pending a supervisor's review like every entry, for ``bureau`` (the one the repeat
    alert went to). Once per subject, case and quarter of ``decided_at_ms``: None when the
    subject already has a repeat entry on the case for that quarter (the job's or a
    bureau's). The key is derived (:func:`models.repeat_key`), so two runs at once write
    one entry."""
    where = f"repeat credit entry on case {case_id}"
    cases.get(store, case_id)
    _check_subject(subject_key, where)
    quarter = quarter_of(decided_at_ms).label
    key = repeat_key(subject_key, case_id, quarter)
    held = [
        documents.from_doc(CreditEntry, d)
        for d in store.docs(queries.CREDIT_ENTRIES_OF_CASE, {"case_id": case_id}, limit=MAX_ENTRIES)
    ]
    if any(
        e.category == Category.REPEAT_INFRINGEMENT
        and (e.subject_key, e.quarter) == (subject_key, quarter)
        for e in held
    ):
        return None
    entry = _entry(
        store,
        key=key,
        case_id=case_id,
        subject_key=subject_key,
        kind=Category.REPEAT_INFRINGEMENT,
        basis=check_basis(None, Category.REPEAT_INFRINGEMENT),
        facts=facts,
        decided_at_ms=decided_at_ms,
        now_ms=now_ms,
        bureau=bureaus.bureau_id(bureau),
        recorded_by=f"system:{job}",
        alert_id=alert_id,
    )
    batch = Batch()
    documents.put(batch, ENTRY, entry)
    audit.by_system(
        batch,
        ids,
        job=job,
        now_ms=now_ms,
        operation="credit.record",
        object_keys=[case_id, entry.key, subject_key, alert_id],
        reason=_why(entry),
        bureau=entry.bureau,
    )
    store.write(batch)
    return entry


def _check_subject(subject_key: str, where: str) -> str:
    try:
        subject_kind = model.kind_of_key(subject_key).label
    except model.UnknownModelElement as exc:
        raise InvalidInput(f"{where}: {exc}") from None
    if subject_kind not in SUBJECT_KINDS:
        raise InvalidInput(
            f"{where}: the subject must be a {', '.join(SUBJECT_KINDS)} node, not {subject_kind}"
        )
    return subject_kind


def _entry(
    store: GraphStore,
    *,
    key: str,
    case_id: str,
    subject_key: str,
    kind: Category,
    basis: LegalBasis,
    facts: str,
    decided_at_ms: int,
    now_ms: int,
    bureau: str,
    recorded_by: str,
    decision_no: str | None = None,
    task_id: str | None = None,
    alert_id: str | None = None,
) -> CreditEntry:
    """The entry as it will be stored, checked (the subject's kind checked already)."""
    where = f"credit entry on case {case_id}"
    decision = (decision_no or "").strip() or None
    if kind == Category.PENALISED and not decision:
        raise InvalidInput(f"{where}: a penalty names its decision (处罚决定书文号, decision_no)")
    if decided_at_ms > now_ms:
        raise InvalidInput(f"{where}: decided_at {decided_at_ms} is in the future")
    node = store.get(subject_key)
    if node is None:
        raise NotFound(f"{where}: no node {subject_key}")
    subject_kind = model.kind_of_key(subject_key).label
    return CreditEntry(
        key=key,
        category=kind,
        legal_basis=basis,
        subject_key=subject_key,
        subject_kind=subject_kind,
        subject_name=str(node.props.get("name") or "") or _name_of_key(subject_key),
        uscc=identifiers.USCC.value_of(subject_key) if subject_kind == "Company" else None,
        case_id=case_id,
        facts=require_text(facts, "facts", where, 1000),
        decided_at=int(decided_at_ms),
        quarter=quarter_of(decided_at_ms).label,
        bureau=bureau,
        recorded_at=now_ms,
        recorded_by=recorded_by,
        decision_no=decision,
        task_id=task_id,
        alert_id=alert_id,
        regions=bureaus.lineages(bureau),
    )


def _why(entry: CreditEntry) -> str:
    return f"{CATEGORIES[entry.category]}: {LEGAL_BASES[entry.legal_basis]}"


def _name_of_key(key: str) -> str:
    value = key.split(":", 1)[1]
    return value.rsplit("/", 1)[-1]


def record_refusal(
    store: GraphStore,
    *,
    task_id: str,
    subject_key: str,
    facts: str,
    decided_at_ms: int,
    actor: Actor,
    now_ms: int,
    legal_basis: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> CreditEntry:
    """A task's outcome: its subject refused to cooperate with the investigation
    (拒绝配合调查取证, 002 §12). Recorded by the task's own bureau."""
    task = tasks.get(store, task_id)
    case = cases.get(store, task.case_id)
    require(actor, Action.UPDATE_TASK, case.parties, task_bureau=task.bureau)
    return record_entry(
        store,
        case_id=task.case_id,
        subject_key=subject_key,
        category=Category.REFUSED_TO_COOPERATE,
        facts=facts,
        decided_at_ms=decided_at_ms,
        actor=actor,
        now_ms=now_ms,
        legal_basis=legal_basis,
        task_id=task_id,
        ids=ids,
    )


def _check_region(region: str | None, actor: Actor, what: str) -> str:
    """The region code asked for (none: the actor's bureau's own), checked to be within
    the actor's region."""
    try:
        code = identifiers.REGION.clean(region) if region else actor.code
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(f"{what}: {exc}") from None
    if not regions.is_within(code, actor.code):
        raise PermissionDenied(
            f"{what}: region {code} is outside {bureaus.label(actor.bureau)}'s region: "
            "a bureau reviews and exports its own region and the regions below it"
        )
    return code


def entries_of(store: GraphStore, *, quarter: str, region: str) -> list[CreditEntry]:
    """The quarter's entries recorded by bureaus within ``region`` (no check: services)."""
    label = parse_quarter(quarter).label
    scope = None if region == regions.NATIONAL else region
    rows = store.run(
        queries.CREDIT_ENTRIES_OF_QUARTER, {"quarter": label, "scope": scope, "limit": MAX_ENTRIES}
    )
    return [documents.from_doc(CreditEntry, r["props"]) for r in rows]


def list_entries(
    store: GraphStore,
    *,
    quarter: str,
    actor: Actor,
    now_ms: int,
    region: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> list[CreditEntry]:
    """The quarter's entries of a region the actor's bureau covers (an audited read;
    no region: the bureau's own)."""
    code = _check_region(region, actor, f"credit entries of {quarter}")
    found = entries_of(store, quarter=quarter, region=code)
    audit.read(
        store, ids, actor, now_ms, "credit.list", [e.key for e in found], f"{quarter} {code}"
    )
    return found


def review(
    store: GraphStore,
    *,
    quarter: str,
    actor: Actor,
    now_ms: int,
    region: str | None = None,
    note: str = "",
    ids: IdSource = RANDOM_IDS,
) -> CreditReview:
    """A supervisor approves the quarter's entries of a region (none: the bureau's own),
    as they are now."""
    label = parse_quarter(quarter).label
    code = _check_region(region, actor, f"credit review of {label}")
    if actor.role not in DECIDERS:
        raise PermissionDenied(
            f"{actor.user} ({actor.role}): reviewing credit entries before export needs a "
            "supervisor"
        )
    found = entries_of(store, quarter=label, region=code)
    if not found:
        raise NotFound(f"credit review of {label} for {code}: there are no entries to review")
    approved = CreditReview(
        key=review_key(code, label),
        region=code,
        quarter=label,
        entry_keys=tuple(sorted(e.key for e in found)),
        approved_by=actor.user,
        approver_bureau=actor.bureau,
        approved_at=now_ms,
        note=(note or "").strip(),
    )
    batch = Batch()
    documents.put(batch, REVIEW, approved)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "credit.review",
        [approved.key, *approved.entry_keys],
        f"{len(found)} entries of {label} for {code} approved for export",
    )
    store.write(batch)
    return approved


def export(
    store: GraphStore,
    *,
    quarter: str,
    region: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> Export:
    """The export's rows, only when a supervisor approved exactly the quarter's entries;
    otherwise :class:`NotReviewed` says what is missing. Audited, refusals too."""
    label = parse_quarter(quarter).label
    code = _check_region(region, actor, f"credit export of {label}")
    if actor.role not in EXPORTERS:
        raise PermissionDenied(
            f"{actor.user} ({actor.role}): the credit export is for coordinators, supervisors "
            "and admins"
        )
    key = review_key(code, label)
    found = entries_of(store, quarter=label, region=code)
    doc = store.get_doc(REVIEW, key)
    reason = None
    if doc is None:
        reason = (
            f"the credit entries of {label} for {code} have not been reviewed: a supervisor "
            "of the region's bureau approves them before anything is exported"
        )
    else:
        approved = documents.from_doc(CreditReview, doc)
        added = sorted({e.key for e in found} - set(approved.entry_keys))
        if added:
            reason = (
                f"{len(added)} credit entries of {label} for {code} were recorded after the "
                f"review of {approved.approved_by} ({', '.join(added[:5])}): a supervisor "
                "reviews again before export"
            )
    if reason is not None:
        audit.read(store, ids, actor, now_ms, "credit.export.refused", [key], reason)
        raise NotReviewed(reason)
    entries = sorted(
        (e for e in found if e.key in set(approved.entry_keys)),
        key=lambda e: (e.decided_at, e.key),
    )
    rows = tuple(_row(i, e) for i, e in enumerate(entries, start=1))
    audit.read(
        store,
        ids,
        actor,
        now_ms,
        "credit.export",
        [key, *(e.key for e in entries)],
        f"{len(rows)} entries of {label} for {code}",
    )
    return Export(label, code, approved, rows)


def _row(seq: int, e: CreditEntry) -> tuple[str | int, ...]:
    bureau = bureaus.get(e.bureau)
    values: dict[str, str | int] = {
        "seq": seq,
        "subject_name": e.subject_name,
        "uscc": e.uscc or "",
        "subject_kind": e.subject_kind,
        "category": e.category,
        "category_label": CATEGORIES[e.category],
        "legal_basis": e.legal_basis,
        "legal_basis_label": LEGAL_BASES[e.legal_basis],
        "case_ref": e.case_id,
        "decision_no": e.decision_no or "",
        "facts": e.facts,
        "decided_on": datetime.fromtimestamp(e.decided_at / 1000, CST).date().isoformat(),
        "bureau_code": bureau.code,
        "bureau_name": bureau.long_name,
        "entry_id": e.key,
    }
    return tuple(values[name] for name, _ in COLUMNS)


def header() -> Sequence[str]:
    return [name for name, _ in COLUMNS]
