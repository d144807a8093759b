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
from typing import Any

import strawberry

from cluehub.api.audit import now_ms
from cluehub.api.errors import NotFound
from cluehub.cases import errors
from cluehub.cases.authentication import models as auth_models
from cluehub.cases.authentication import service as auth_service
from cluehub.cases.escalation.models import Escalation
from cluehub.cases.rightsholder import service as directory

from .cases.bridge import actor_of, call, ms_of, translate
from .cases.shapes import bureau_of
from .cases.shapes import entities as visible_entities
from .cases.shapes import enum_of as _enum
from .context import Context, Info
from .rights import RightsHolder
from .types import Bureau, Entity, to_time

Verdict = _enum("Verdict", auth_models.VERDICTS, "A rights holder's verdict: 正品, 假冒, 无法鉴别.")
AuthenticationStatus = _enum(
    "AuthenticationStatus", ("sent", "answered"), "A request: sent → answered."
)
EscalationStatus = _enum(
    "EscalationStatus", ("open", "answered", "climbed"), "A step: open → answered | climbed."
)


@strawberry.type(description="A file named by reference and SHA-256 (the hub keeps no files).")
class FileRef:
    name: str
    ref: str
    sha256: str

    @classmethod
    def of(cls, f: auth_models.FileRef) -> FileRef:
        return cls(name=f.name, ref=f.ref, sha256=f.sha256)


@strawberry.type(description="The rights holder's verdict (鉴别报告): evidence on the case.")
class AuthenticationReport:
    verdict: Verdict  # type: ignore[valid-type]
    verdict_label: str
    report_no: str
    examiner: str
    examined_at: datetime | None
    received_at: datetime | None
    on_time: bool
    files: list[FileRef]
    note: str

    @classmethod
    def of(cls, r: auth_models.AuthenticationReport) -> AuthenticationReport:
        return cls(
            verdict=Verdict(r.verdict),
            verdict_label=auth_models.VERDICTS[r.verdict],
            report_no=r.report_no,
            examiner=r.examiner,
            examined_at=to_time(r.examined_at),
            received_at=to_time(r.received_at),
            on_time=r.on_time,
            files=[FileRef.of(f) for f in r.files],
            note=r.note,
        )


@strawberry.type(description="Tracing results the holder sent for the request (信息溯源).")
class TracingReport:
    record_id: str
    received_at: datetime | None
    node_keys: strawberry.Private[tuple[str, ...]]

    @classmethod
    def of(cls, t: auth_models.TracingReport) -> TracingReport:
        return cls(record_id=t.record_id, received_at=to_time(t.received_at), node_keys=t.node_keys)

    @strawberry.field(description="The shops, listings and parcels it named, as you may see them.")
    async def entities(self, info: Info) -> list[Entity]:
        return await visible_entities(info, self.node_keys)


@strawberry.type(description="One step of the escalation ladder (件件有回音).")
class EscalationStep:
    id: strawberry.ID
    level: int
    to: Bureau | None
    escalated_at: datetime | None
    next_deadline: datetime | None
    status: EscalationStatus  # type: ignore[valid-type]

    @classmethod
    def of(cls, e: Escalation) -> EscalationStep:
        return cls(
            id=strawberry.ID(e.key),
            level=e.level,
            to=bureau_of(e.to_bureau),
            escalated_at=to_time(e.escalated_at),
            next_deadline=to_time(e.next_deadline),
            status=EscalationStatus(e.status),
        )


@strawberry.type(description="A request to a rights holder to tell genuine from fake (商品鉴别).")
class AuthenticationRequest:
    id: strawberry.ID
    case_id: strawberry.ID
    task_id: strawberry.ID | None
    holder_id: strawberry.ID
    brand: str
    what: str
    status: AuthenticationStatus  # type: ignore[valid-type]
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
        return cls(
            id=strawberry.ID(r.key),
            case_id=strawberry.ID(r.case_id),
            task_id=strawberry.ID(r.task_id) if r.task_id else None,
            holder_id=strawberry.ID(r.holder),
            brand=r.brand.removeprefix("brand:"),
            what=r.what,
            status=AuthenticationStatus(r.status),
            deadline=to_time(r.deadline),
            overdue=r.overdue,
            requested_by=bureau_of(r.requested_by),
            created_at=to_time(r.created_at),
            seized_items=list(r.seized_items),
            photos=[FileRef.of(f) for f in r.photos],
            report=AuthenticationReport.of(view.report) if view.report else None,
            tracing=[TracingReport.of(t) for t in view.tracing],
            escalations=[EscalationStep.of(e) for e in view.ladder],
            item_keys=(*r.listing_keys, *r.waybill_keys),
        )

    @strawberry.field(description="The listings and waybills to examine, as you may see them.")
    async def items(self, info: Info) -> list[Entity]:
        return await visible_entities(info, self.item_keys)

    @strawberry.field(description="The rights holder asked.")
    async def holder(self, info: Info) -> RightsHolder | None:
        entry = await call(info, directory.get, holder=str(self.holder_id))
        return RightsHolder.of(entry)


@strawberry.input(description="A photo of the goods by reference and SHA-256.")
class FileRefInput:
    name: str
    ref: str
    sha256: str


@strawberry.input(
    description=(
        "Ask a brand's rights holder to examine goods (商品鉴别): from a case (`caseId`) or a "
        "task of one (`taskId`), with a deadline."
    )
)
class RequestAuthenticationInput:
    holder_id: strawberry.ID
    brand: str = strawberry.field(description="Brand slug, e.g. nike.")
    what: str
    deadline: datetime
    case_id: strawberry.ID | None = None
    task_id: strawberry.ID | None = None
    listing_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    waybill_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    seized_items: list[str] = strawberry.field(default_factory=list)
    photos: list[FileRefInput] = strawberry.field(default_factory=list)


async def _read(ctx: Context, name: str, fn: Any, **kw: Any) -> Any:
    """A read whose refusal must not confirm that the record exists."""
    try:
        return await ctx.call_store(f"cases.{name}", fn, ctx.store, **kw)
    except (errors.NotFound, errors.PermissionDenied):
        raise NotFound(
            f"no such record your bureau ({ctx.viewer.bureau}) may see (it does not exist, or "
            "only the case's bureaus and their superiors see it)"
        ) from None
    except errors.CasesError as exc:
        raise translate(exc) from None


@strawberry.type
class AuthenticationQuery:
    @strawberry.field(description="The authentication requests of a case, oldest first.")
    async def authentication_requests(
        self, info: Info, case_id: strawberry.ID
    ) -> list[AuthenticationRequest]:
        ctx = info.context
        views = await _read(
            ctx,
            "authentication.of_case",
            auth_service.of_case,
            case_id=str(case_id),
            actor=actor_of(ctx),
            now_ms=now_ms(),
        )
        return [AuthenticationRequest.of(v) for v in views]

    @strawberry.field(description="One authentication request with its answer.")
    async def authentication_request(
        self, info: Info, id: strawberry.ID
    ) -> AuthenticationRequest | None:
        ctx = info.context
        view = await _read(
            ctx,
            "authentication.view",
            auth_service.view,
            request_id=str(id),
            actor=actor_of(ctx),
            now_ms=now_ms(),
        )
        return AuthenticationRequest.of(view)


@strawberry.type
class AuthenticationMutation:
    @strawberry.mutation(description="Ask a rights holder for 商品鉴别 (a bureau on the case).")
    async def request_authentication(
        self, info: Info, input: RequestAuthenticationInput
    ) -> AuthenticationRequest | None:
        ctx = info.context
        request = await call(
            info,
            auth_service.request_authentication,
            holder=str(input.holder_id),
            brand=input.brand,
            what=input.what,
            deadline_ms=ms_of(input.deadline),
            actor=actor_of(ctx),
            now_ms=now_ms(),
            case_id=str(input.case_id) if input.case_id else None,
            task_id=str(input.task_id) if input.task_id else None,
            listing_keys=[ctx.ids.decode(str(i)) for i in input.listing_ids],
            waybill_keys=[ctx.ids.decode(str(i)) for i in input.waybill_ids],
            seized_items=input.seized_items,
            photos=[(p.name, p.ref, p.sha256) for p in input.photos],
        )
        return AuthenticationRequest.of(auth_service.RequestView(request, None, (), ()))
