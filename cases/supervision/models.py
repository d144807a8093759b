"""Supervision (挂牌督办): a superior of the lead bureau lists a case with a deadline and
requirements; the lead reports progress (as often as required) until the listing is lifted.

Status: ``listed`` → ``lifted`` (with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cluehub.cases.periods import HOUR_MS
from cluehub.graph import model

SUPERVISION = "Supervision"
PROGRESS = "ProgressReport"
model.register_document(
    model.DocumentKind(
        SUPERVISION,
        "A case listed for supervision (挂牌督办) by a superior bureau.",
        ("case_id", "supervisor", "status"),
    )
)
model.register_document(
    model.DocumentKind(PROGRESS, "A progress report on a supervised case.", ("supervision",))
)
MAX_REPORT_INTERVAL_MS = 366 * 24 * HOUR_MS  # progress at least once a year and a day


class Status(StrEnum):
    """挂牌督办: listed → lifted."""

    LISTED = "listed"
    LIFTED = "lifted"


@dataclass(frozen=True, slots=True)
class Supervision:
    key: str
    case_id: str
    supervisor: str  # bureau id
    deadline: int
    requirement: str
    listed_at: int
    listed_by: str
    status: Status = Status.LISTED
    report_interval_ms: int | None = None  # progress due this often (else only by deadline)
    last_report_at: int | None = None
    reports: int = 0
    lifted_at: int | None = None
    lift_reason: str | None = None

    @property
    def report_due(self) -> int | None:
        """When the next progress report is due; None once lifted."""
        return next_report_due(self) if self.status == Status.LISTED else None


@dataclass(frozen=True, slots=True)
class ProgressReport:
    key: str
    supervision: str
    case_id: str
    bureau: str
    author: str
    text: str
    at: int


def next_report_due(supervision: Supervision) -> int:
    """When the next progress report is due: every interval from listing, never after the
    deadline (pure)."""
    if supervision.report_interval_ms is None:
        return supervision.deadline
    since = supervision.last_report_at or supervision.listed_at
    return min(since + supervision.report_interval_ms, supervision.deadline)
