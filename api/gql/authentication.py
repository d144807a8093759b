"""Authentication requests (商品鉴别) in GraphQL: ask a brand's rights holder about goods
of a case, and read the requests of a case with the holder's verdict, its tracing
results and the escalation steps.

The holder answers through the partner API (``POST /intake/v1/authentication``), not
here. Reads go through the room's service, which lets only the case's bureaus and their
superiors see them and audits the read (refusals too); a request the viewer may not see
answers like one that does not exist. Listings and waybills come out as the viewer's
scoped, masked entities.
"""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from cluehub.cases.authentication import models as auth_models
from cluehub.cases.authentication import service as auth_service
from cluehub.cases.authentication.models import Status as AuthenticationStatus
from cluehub.cases.authentication.models import Verdict
from cluehub.cases.escalation.models import Status as EscalationStatus
from cluehub.cases.rightsholder import service as directory

from .cases.bridge import KEYS, call, call_hidden, command, term
from .cases.shapes import FromRecord, OfCase, entities_field, expose, fill, read
from .context import Info
from .rights import RightsHolder
from .types import Bureau

expose(Verdict, "Verdict")
expose(AuthenticationStatus, "AuthenticationStatus")
expose(EscalationStatus, "EscalationStatus")


@strawberry.type(description="A file named by reference and SHA-256 (the hub keeps no files).")
class FileRef(FromRecord):
    name: str
    ref: str
    sha256: str


@strawberry.type(description="The rights holder's verdict (鉴别报告): evidence on the case.")
class AuthenticationReport(FromRecord):
    verdict: Verdict
    verdict_label: str = read("verdict", convert=auth_models.VERDICTS.__getitem__)
    report_no: str
    examiner: str
    examined_at: datetime | None
    received_at: datetime | None
    on_time: bool
    files: list[FileRef]
    note: str


@strawberry.type(description="Tracing results the holder sent for the request (信息溯源).")
class TracingReport(FromRecord):
    record_id: str
    received_at: datetime | None
    node_keys: strawberry.Private[tuple[str, ...]]

    entities = entities_field(
        "node_keys", "The shops, listings and parcels it named, as you may see them."
    )


@strawberry.type(description="One step of the escalation ladder (件件有回音).")
class EscalationStep(FromRecord):
    id: strawberry.ID
    level: int
    to: Bureau | None = read("to_bureau")
    escalated_at: datetime | None
    next_deadline: datetime | None
    status: EscalationStatus


def _brand_slug(key: str) -> str:
    return key.removeprefix("brand:")


@strawberry.type(description="A request to a rights holder to tell genuine from fake (商品鉴别).")
class AuthenticationRequest(OfCase):
    task_id: strawberry.ID | None
    holder_id: strawberry.ID = read("holder")
    brand: str = read(convert=_brand_slug)
    what: str
    status: AuthenticationStatus
    deadline: datetime | None
    overdue: bool
    requested_by: Bureau | None
    created_at: datetime | None
    seized_items: list[str]
    photos: list[FileRef]
    report: AuthenticationReport | None
    tracing: list[TracingReport]
    escalations: list[EscalationStep]
    item_keys: strawberry.Private[tuple[str, ...]]

    @classmethod
    def of(cls, view: auth_service.RequestView) -> AuthenticationRequest:
        r = view.request
        return fill(
            cls,
            r,
            report=AuthenticationReport.of(view.report) if view.report else None,
            tracing=[TracingReport.of(t) for t in view.tracing],
            escalations=[EscalationStep.of(e) for e in view.ladder],
            item_keys=(*r.listing_keys, *r.waybill_keys),
        )

    @classmethod
    def shown(cls, request: auth_models.AuthenticationRequest, info: Info, /) -> Self:
        """A request just made: no report, tracing or escalation yet."""
        return cls.of(auth_service.RequestView(request, None, (), ()))

    items = entities_field(
        "item_keys", "The listings and waybills to examine, as you may see them."
    )

    @strawberry.field(description="The rights holder asked.")
    async def holder(self, info: Info) -> RightsHolder | None:
        entry = await call(info, directory.get, holder=str(self.holder_id))
        return RightsHolder.of(entry)


@strawberry.input(description="A photo of the goods by reference and SHA-256.")
class FileRefInput:
    name: str
    ref: str
    sha256: str


def _files(info: Info, photos: list[FileRefInput]) -> list[tuple[str, str, str]]:
    return [(p.name, p.ref, p.sha256) for p in photos]


@strawberry.input(
    description=(
        "Ask a brand's rights holder to examine goods (商品鉴别): from a case (`caseId`) or a "
        "task of one (`taskId`), with a deadline."
    )
)
class RequestAuthenticationInput:
    holder_id: strawberry.ID = term("holder")
    brand: str = strawberry.field(description="Brand slug, e.g. nike.")
    what: str
    deadline: datetime
    case_id: strawberry.ID | None = None
    task_id: strawberry.ID | None = None
    listing_ids: list[strawberry.ID] = term("listing_keys", KEYS, default_factory=list)
    waybill_ids: list[strawberry.ID] = term("waybill_keys", KEYS, default_factory=list)
    seized_items: list[str] = strawberry.field(default_factory=list)
    photos: list[FileRefInput] = term("photos", _files, default_factory=list)


@strawberry.type
class AuthenticationQuery:
    @strawberry.field(description="The authentication requests of a case, oldest first.")
    async def authentication_requests(
        self, info: Info, case_id: strawberry.ID
    ) -> list[AuthenticationRequest]:
        views = await call_hidden(
            info, f"joint case '{case_id}'", auth_service.of_case, case_id=str(case_id)
        )
        return [AuthenticationRequest.of(v) for v in views]

    @strawberry.field(description="One authentication request with its answer.")
    async def authentication_request(
        self, info: Info, id: strawberry.ID
    ) -> AuthenticationRequest | None:
        view = await call_hidden(
            info, f"authentication request '{id}'", auth_service.view, request_id=str(id)
        )
        return AuthenticationRequest.of(view)


@strawberry.type
class AuthenticationMutation:
    @command(auth_service.request_authentication)
    def request_authentication(
        self, input: RequestAuthenticationInput
    ) -> AuthenticationRequest | None:
        """Ask a rights holder for 商品鉴别 (a bureau on the case)."""
