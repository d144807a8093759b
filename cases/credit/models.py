"""Credit records (信用信息): who goes on the credit record, on what legal basis, and
the supervisor's review that must come before any export.

Three categories (002 §12, §59; DOMAIN.md "Duties on the data"): an infringer
**penalised** by a decision (行政处罚, with the decision's number), a **repeat
infringer** (重复侵权), and one who **refused to cooperate** with an investigation
(拒绝配合调查取证, the outcome of a task). Each entry names its subject (a graph node: a
company, shop or person of the case), its legal basis (:data:`LEGAL_BASES`, a fixed
table), the case and what was found, and is recorded by a bureau on the case.

Entries are exported per quarter and region for the national credit-sharing platform
(全国信用信息共享平台), in the column layout of :data:`COLUMNS`. A supervisor (or admin)
of the region's bureau, or of one above it, reviews the quarter's entries first: the
``CreditReview`` names exactly the entries approved. Nothing is exported without it,
and an entry recorded after the review stops the export until a supervisor reviews
again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from cluehub.cases.errors import InvalidInput
from cluehub.graph import model

ENTRY = "CreditEntry"
REVIEW = "CreditReview"
model.register_document(
    model.DocumentKind(
        ENTRY, "A credit-record entry (信用信息) of an infringer.", ("case_id", "bureau", "quarter")
    )
)
model.register_document(
    model.DocumentKind(
        REVIEW, "A supervisor's review of a quarter's credit entries.", ("region", "quarter")
    )
)


class Category(StrEnum):
    """Why an infringer goes on the credit record."""

    PENALISED = "penalised"
    REPEAT_INFRINGEMENT = "repeat_infringement"
    REFUSED_TO_COOPERATE = "refused_to_cooperate"


class LegalBasis(StrEnum):
    """The legal basis of a credit entry."""

    TRADEMARK_LAW_60 = "trademark_law_60"
    TRADEMARK_LAW_60_2 = "trademark_law_60_2"
    PATENT_LAW_68 = "patent_law_68"
    PATENT_PLAN_12 = "patent_plan_12"
    PATENT_PLAN_59 = "patent_plan_59"


CATEGORIES: dict[Category, str] = {
    Category.PENALISED: "行政处罚",
    Category.REPEAT_INFRINGEMENT: "重复侵权",
    Category.REFUSED_TO_COOPERATE: "拒绝配合调查取证",
}
LEGAL_BASES: dict[LegalBasis, str] = {
    LegalBasis.TRADEMARK_LAW_60: "《中华人民共和国商标法》第六十条（商标侵权行政处罚）",
    LegalBasis.TRADEMARK_LAW_60_2: (
        "《中华人民共和国商标法》第六十条第二款（五年内两次以上侵权，从重处罚）"
    ),
    LegalBasis.PATENT_LAW_68: "《中华人民共和国专利法》第六十八条（假冒专利）",
    LegalBasis.PATENT_PLAN_12: "国知办发管字〔2017〕27号 任务12（拒绝配合调查取证，列入失信名单）",
    LegalBasis.PATENT_PLAN_59: "国知办发管字〔2017〕27号 任务59（专利违法行为纳入信用记录）",
}
DEFAULT_BASIS: dict[Category, LegalBasis] = {
    Category.PENALISED: LegalBasis.TRADEMARK_LAW_60,
    Category.REPEAT_INFRINGEMENT: LegalBasis.TRADEMARK_LAW_60_2,
    Category.REFUSED_TO_COOPERATE: LegalBasis.PATENT_PLAN_12,
}
SUBJECT_KINDS = ("Company", "NamedCompany", "Person", "Shop")

# The export's columns (documented in docs/credit-export.md, checked by a test):
# (column name, Chinese heading).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("seq", "序号"),
    ("subject_name", "主体名称"),
    ("uscc", "统一社会信用代码"),
    ("subject_kind", "主体类型"),
    ("category", "信用信息类别"),
    ("category_label", "类别名称"),
    ("legal_basis", "法律依据代码"),
    ("legal_basis_label", "法律依据"),
    ("case_ref", "案件编号"),
    ("decision_no", "处罚决定书文号"),
    ("facts", "事实摘要"),
    ("decided_on", "认定日期"),
    ("bureau_code", "认定机关代码"),
    ("bureau_name", "认定机关"),
    ("entry_id", "记录编号"),
)


@dataclass(frozen=True, slots=True)
class CreditEntry:
    key: str
    category: Category
    legal_basis: LegalBasis
    subject_key: str
    subject_kind: str
    subject_name: str
    case_id: str
    facts: str
    decided_at: int
    quarter: str  # of decided_at, e.g. 2026Q3: the export it belongs to
    bureau: str  # the recording bureau
    recorded_at: int
    recorded_by: str
    uscc: str | None = None
    decision_no: str | None = None  # 处罚决定书文号 (penalised)
    task_id: str | None = None  # the task whose investigation was refused
    alert_id: str | None = None  # the repeat alert behind a repeat entry
    regions: tuple[str, ...] = ()  # the recording bureau's lineage


@dataclass(frozen=True, slots=True)
class CreditReview:
    key: str  # credrev-<region>-<quarter>
    region: str
    quarter: str
    entry_keys: tuple[str, ...]
    approved_by: str
    approver_bureau: str
    approved_at: int
    note: str = ""


def review_key(region: str, quarter: str) -> str:
    return f"credrev-{region}-{quarter}"


def repeat_key(subject_key: str, case_id: str, quarter: str) -> str:
    """The key of the repeat entry a job records: once per subject, case and quarter."""
    digest = hashlib.sha1(f"{subject_key}|{case_id}|{quarter}".encode()).hexdigest()[:20]
    return f"credit-rep-{digest}"


def check_category(category: str) -> Category:
    if category not in CATEGORIES:
        raise InvalidInput(
            f"credit entry: category '{category}' is unknown (expected {', '.join(CATEGORIES)})"
        )
    return Category(category)


def check_basis(basis: str | None, category: Category) -> LegalBasis:
    code = basis or DEFAULT_BASIS[category]
    if code not in LEGAL_BASES:
        raise InvalidInput(
            f"credit entry: legal basis '{code}' is unknown (expected {', '.join(LEGAL_BASES)})"
        )
    return LegalBasis(code)
