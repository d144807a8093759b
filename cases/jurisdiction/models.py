"""Designated-jurisdiction requests (指定管辖, 004 §4.2).

One or more bureaus ask; the decider is their common superior (共同上一级, see
``bureaus.common_superior``): two counties of one city ask the city, a single bureau asks
its superior. The decider designates a bureau within its own area — one of the
requesters, another subordinate, or itself (组织查办) — or refuses.

Status: ``pending`` → ``designated`` | ``refused``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cluehub.graph import model

LABEL = "JurisdictionRequest"
model.register_document(
    model.DocumentKind(
        LABEL, "A request for designated jurisdiction (指定管辖).", ("decider", "status", "case_id")
    )
)


class Status(StrEnum):
    """指定管辖: pending → decided."""

    PENDING = "pending"
    DESIGNATED = "designated"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class JurisdictionRequest:
    key: str
    requesters: tuple[str, ...]
    decider: str
    reason: str
    created_at: int
    created_by: str
    status: Status = Status.PENDING
    case_id: str | None = None
    clue_key: str | None = None
    proposed: str | None = None  # the bureau the requesters suggest
    designated: str | None = None
    decided_at: int | None = None
    decided_by: str | None = None
    decision_reason: str | None = None
    regions: tuple[str, ...] = ()  # requesters' and decider's lineages
