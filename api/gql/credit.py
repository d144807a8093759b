"""Credit records (信用信息) in GraphQL: record an entry on a case, record a refusal to
cooperate as a task's outcome, list a quarter's entries, and a supervisor's review.

The export itself is a file: ``GET /exports/credit`` (``api.exports``) or ``cluehub
credit export``; both refuse until a supervisor reviewed the quarter's entries as they
are. Subjects come out as the viewer's masked entities; a person's name is masked in
``subjectName`` too (the export, for the credit-sharing platform, carries it).
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.cases.credit import models as credit_models
from cluehub.cases.credit import service as credit_service
from cluehub.cases.credit.models import Category as CreditCategory
from cluehub.cases.credit.models import LegalBasis as CreditBasis
from cluehub.graph import identifiers as ids

from .cases.bridge import KEY, call, command, term
from .cases.shapes import FromRecord, entity_field, expose, fill, read
from .context import Info
from .types import Bureau

expose(CreditCategory, "CreditCategory")
expose(CreditBasis, "CreditBasis")


@strawberry.type(description="A credit-record entry (信用信息).")
class CreditEntry(FromRecord):
    id: strawberry.ID
    category: CreditCategory
    category_label: str = read("category", convert=credit_models.CATEGORIES.__getitem__)
    legal_basis: CreditBasis
    legal_basis_label: str = read("legal_basis", convert=credit_models.LEGAL_BASES.__getitem__)
    subject_kind: str
    subject_name: str
    uscc: str | None
    case_id: strawberry.ID
    task_id: strawberry.ID | None
    decision_no: str | None
    facts: str
    decided_at: datetime | None
    quarter: str
    bureau: Bureau | None
    recorded_at: datetime | None
    subject_key: strawberry.Private[str]

    @classmethod
    def of(cls, e: credit_models.CreditEntry) -> CreditEntry:
        name = (
            ids.PERSON.mask("/" + e.subject_name) if e.subject_kind == "Person" else e.subject_name
        )
        return fill(cls, e, subject_name=name)

    subject = entity_field("subject_key", "The subject as you may see it (masked).")


@strawberry.type(description="A supervisor's approval of a quarter's entries for export.")
class CreditReview(FromRecord):
    id: strawberry.ID
    quarter: str
    region: str
    entry_count: int = read("entry_keys", convert=len)
    approved_by: str
    approved_at: datetime | None


@strawberry.input(description="Put an infringer of the case on the credit record.")
class CreditEntryInput:
    case_id: strawberry.ID
    subject_id: strawberry.ID = term("subject_key", KEY, description="A company, shop or person.")
    category: CreditCategory
    facts: str
    decided_at: datetime
    legal_basis: CreditBasis | None = None
    decision_no: str | None = strawberry.field(
        default=None, description="处罚决定书文号 (needed for a penalty)."
    )
    alert_id: strawberry.ID | None = None


@strawberry.input(description="A task's outcome: its subject refused to cooperate (拒绝配合).")
class RefusalInput:
    task_id: strawberry.ID
    subject_id: strawberry.ID = term("subject_key", KEY)
    facts: str
    decided_at: datetime


@strawberry.type
class CreditQuery:
    @strawberry.field(description="A quarter's credit entries recorded in a region (audited).")
    async def credit_entries(
        self, info: Info, quarter: str, region: str | None = None
    ) -> list[CreditEntry]:
        found = await call(
            info,
            credit_service.list_entries,
            quarter=quarter,
            region=region,
        )
        return [CreditEntry.of(e) for e in found]


@strawberry.type
class CreditMutation:
    @command(credit_service.record_entry)
    def record_credit_entry(self, input: CreditEntryInput) -> CreditEntry | None:
        """Put an infringer of a case on the credit record (信用信息): your bureau is on
        the case and sees the subject; a penalty names its decision."""

    @command(credit_service.record_refusal)
    def record_refusal_to_cooperate(self, input: RefusalInput) -> CreditEntry | None:
        """Record that a task's subject refused to cooperate with the investigation
        (拒绝配合调查取证): the task's own bureau records it, a credit entry of the case."""

    @command(credit_service.review)
    def review_credit_entries(
        self, quarter: str, region: str | None = None, note: str = ""
    ) -> CreditReview | None:
        """Approve a quarter's credit entries of a region for export (a supervisor of the
        region's bureau or above). Entries recorded later need another review."""
