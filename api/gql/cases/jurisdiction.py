"""Designated jurisdiction (``cases.jurisdiction``, 指定管辖): asked of, and decided by, the
requesters' common superior."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.cases.jurisdiction import service as jurisdiction
from cluehub.cases.jurisdiction.models import Status

from ..types import Bureau
from .bridge import KEY, command, term
from .shapes import FromRecord, entity_field, expose

expose(Status, "DesignationStatus")


@strawberry.type(description="A request for designated jurisdiction (指定管辖).")
class DesignationRequest(FromRecord):
    id: strawberry.ID
    requesters: list[Bureau] = strawberry.field(description="The bureaus asking.")
    decider: Bureau | None = strawberry.field(description="Their common superior, who decides.")
    reason: str
    status: Status
    case_id: strawberry.ID | None
    clue_key: strawberry.Private[str | None]
    proposed: Bureau | None = strawberry.field(description="The bureau the requesters suggested.")
    designated: Bureau | None = strawberry.field(
        description="The bureau designated (null while pending or refused)."
    )
    created_at: datetime | None
    created_by: str
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None

    clue = entity_field("clue_key")


@strawberry.input(description="Ask the common superior to designate jurisdiction (指定管辖).")
class DesignationRequestInput:
    reason: str
    requesters: list[str] = strawberry.field(
        default_factory=list, description="Bureau codes; default: your own bureau alone."
    )
    case_id: strawberry.ID | None = None
    clue_id: strawberry.ID | None = term("clue_key", KEY, default=None)
    proposed: str | None = None


@strawberry.type
class JurisdictionMutation:
    @command(jurisdiction.request_designation)
    def request_designated_jurisdiction(
        self, input: DesignationRequestInput
    ) -> DesignationRequest | None:
        """Ask for designated jurisdiction (指定管辖)."""

    @command(jurisdiction.decide_designation, id="request_id", designated="designated_bureau")
    def decide_designated_jurisdiction(
        self, id: strawberry.ID, reason: str, designated: str | None = None
    ) -> DesignationRequest | None:
        """Decide a designated-jurisdiction request (the common superior's supervisor):
        `designated` names the bureau, null refuses."""
