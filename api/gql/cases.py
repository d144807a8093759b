"""The coordination domain: joint cases, tasks, notifications, supervision, takedowns.

Thin on purpose: each resolver turns its arguments into the coordination room's terms
(bureau codes, epoch ms, node keys from opaque ids), calls one service of
``cluehub.cases`` as the signed-in viewer (``cases_bridge.actor_of``) and wraps the
record it returns (``cases_types``). Who may do what is the room's rule
(``cases.permissions``), checked inside the services; every change is written with its
``AuditEvent`` in one transaction by the service. Refusals come back as GraphQL errors
people can act on (``FORBIDDEN``, ``BAD_USER_INPUT``, ``NOT_FOUND``,
``INVALID_TRANSITION``); a case or notification the viewer's bureau may not see is
answered exactly like one that does not exist.

Only ``runDueJobs`` has a role gate here (admins; the server also runs the jobs on a
timer, see ``api.app``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

import strawberry

from cluehub.analysis import propose_joint_case, ring_docs
from cluehub.api import analysis_adapter
from cluehub.api.errors import BadInput, Forbidden, NotFound
from cluehub.cases import bureaus as directory
from cluehub.cases import documents, errors, jobs
from cluehub.cases.attention import service as attention_service
from cluehub.cases.context import Actor
from cluehub.cases.jointcase import flows as case_flows
from cluehub.cases.jointcase import service as case_service
from cluehub.cases.jointcase.models import JointCase as CaseRecord
from cluehub.cases.jurisdiction import service as jurisdiction_service
from cluehub.cases.notification import flows as notification_flows
from cluehub.cases.notification import service as notification_service
from cluehub.cases.notification.models import Notification as NotificationRecord
from cluehub.cases.permissions import Action, relation, require
from cluehub.cases.routing import CaseFacts, Place, parse_place, route
from cluehub.cases.stats import service as stats_service
from cluehub.cases.supervision import service as supervision_service
from cluehub.cases.takedown import models as takedown_models
from cluehub.cases.takedown import service as takedown_service
from cluehub.cases.task import service as task_service
from cluehub.graph.store import GraphStore

from . import cases_types as t
from .cases_bridge import actor_of, call, ms_of, now_ms, translate
from .cases_stats import QuarterlyStats
from .context import Context, Info
from .graph import resolve_start
from .permissions import IsAdmin, covers_region, offset_cursor, page_window
from .types import PageInfo

HOUR_MS = 3_600_000
T = TypeVar("T")


# --- inputs ------------------------------------------------------------------------------


@strawberry.input(
    description='A region and its part in the chain: {region: "350304", role: PRODUCTION}.'
)
class RegionRoleInput:
    region: str
    role: t.ChainRole  # type: ignore[valid-type]


@strawberry.input(description="Narrow the joint cases listed.")
class JointCaseFilter:
    status: t.JointCaseStatus | None = None  # type: ignore[valid-type]


@strawberry.enum(description="Notifications your bureau received, sent, or both.")
class NotificationDirection(Enum):
    RECEIVED = "received"
    SENT = "sent"
    ALL = "all"


@strawberry.input(description="Narrow the notifications listed.")
class NotificationFilter:
    direction: NotificationDirection = NotificationDirection.RECEIVED
    status: t.NotificationStatus | None = None  # type: ignore[valid-type]


@strawberry.input(description="Without `caseId`: the notices your bureau issued.")
class TakedownNoticeFilter:
    case_id: strawberry.ID | None = None
    platform: str | None = None


@strawberry.input(
    description=(
        "Notify bureaus of a clue (线索通报). Give `to` (bureau codes) or `involvement` "
        "(regions and their roles: routing picks whom to notify and says why)."
    )
)
class NotifyClueInput:
    clue_id: strawberry.ID = strawberry.field(description="The clue (or any entity), by id.")
    deadline: datetime = strawberry.field(description="Every recipient answers by then.")
    to: list[str] | None = None
    involvement: list[RegionRoleInput] | None = None
    evidence_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    message: str = ""
    case_id: strawberry.ID | None = strawberry.field(
        default=None, description="The case it belongs to (with `to` only)."
    )
    amount_yuan: float | None = strawberry.field(
        default=None, description="Amount involved (涉案金额), for routing's major-case rule."
    )
    declared_major: bool = False


@strawberry.input(description="A joint case by hand; the lead and every party are bureau codes.")
class CreateJointCaseInput:
    title: str
    lead: str
    participants: list[str] = strawberry.field(default_factory=list)
    coordinators: list[str] = strawberry.field(default_factory=list)
    member_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Entities of the case; every party is granted them."
    )
    clue_id: strawberry.ID | None = None
    involvement: list[RegionRoleInput] = strawberry.field(default_factory=list)
    coordination_level: t.CoordinationLevel | None = None  # type: ignore[valid-type]
    major: bool = False
    summary: str = ""


@strawberry.input(description="A task for a bureau on the case (the lead or coordinator).")
class AddTaskInput:
    case_id: strawberry.ID
    bureau: str
    kind: t.TaskKind  # type: ignore[valid-type]
    title: str
    due: datetime
    assignee: str = ""
    market: str | None = None


@strawberry.input(
    description=(
        "Change a task: `assignee` (its own bureau), `status` DONE with `result` (its own "
        "bureau) or CANCELLED with `reason` (the lead or coordinator)."
    )
)
class UpdateTaskInput:
    id: strawberry.ID
    status: t.TaskStatus | None = None  # type: ignore[valid-type]
    result: str | None = None
    reason: str | None = None
    assignee: str | None = None
    market: str | None = strawberry.field(
        default=None, description="Physical market inspected (quarterly statistics)."
    )


@strawberry.input(description="Evidence your bureau handed to another on the case (证据移交).")
class EvidenceTransferInput:
    case_id: strawberry.ID
    to: str
    what: str
    transferred_at: datetime
    evidence_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input(description="A suspected crime your bureau handed to police (移送公安).")
class PoliceTransferInput:
    case_id: strawberry.ID
    reference: str
    police_unit: str
    transferred_at: datetime
    offence: t.Offence  # type: ignore[valid-type]
    note: str = ""


@strawberry.input(description="List a case for supervision (挂牌督办): a superior's supervisor.")
class SupervisionInput:
    case_id: strawberry.ID
    deadline: datetime
    requirement: str
    report_interval_hours: float | None = None


@strawberry.input(description="Ask the common superior to designate jurisdiction (指定管辖).")
class DesignationRequestInput:
    reason: str
    requesters: list[str] = strawberry.field(
        default_factory=list, description="Bureau codes; default: your own bureau alone."
    )
    case_id: strawberry.ID | None = None
    clue_id: strawberry.ID | None = None
    proposed: str | None = None


@strawberry.input(description="A takedown notice (通知—删除) to one platform.")
class IssueTakedownInput:
    listing_ids: list[strawberry.ID]
    platform: str
    reason: str
    case_id: strawberry.ID | None = None


# --- results of mutations ----------------------------------------------------------------


@strawberry.type(description="The notifications sent, and the routing when it chose them.")
class NotifyResult:
    notifications: list[t.Notification]
    routing: t.RoutingPreview | None


@strawberry.type(description="A cluster operation (集群作战): the case and one task per bureau.")
class ClusterOperation:
    case: t.JointCase
    tasks: list[t.Task]


# --- helpers -----------------------------------------------------------------------------


def _keys(ctx: Context, ids: list[strawberry.ID] | None) -> list[str]:
    return [ctx.ids.decode(str(i)) for i in ids or ()]


def _key(ctx: Context, id: strawberry.ID | None) -> str | None:
    return ctx.ids.decode(str(id)) if id is not None else None


def _involvement(items: list[RegionRoleInput] | None) -> list[Place]:
    """The involvement regions and roles; a bad one is BAD_USER_INPUT, saying which."""
    try:
        return [
            parse_place((i.region, i.role.value), f"involvement[{n}]")
            for n, i in enumerate(items or ())
        ]
    except errors.CasesError as exc:
        raise translate(exc) from None


def _case(record: CaseRecord, actor: Actor) -> t.JointCase:
    """A case just changed by ``actor``, with the actor's relation to it."""
    return t.JointCase(record=record, rel=relation(actor.bureau, record.parties))


async def _hidden_as_missing(
    ctx: Context, name: str, what: str, fn: Callable[..., T], *args: Any
) -> T:
    """Call a read whose refusal must not confirm that the record exists."""
    try:
        return await ctx.call_store(f"cases.{name}", fn, *args)
    except (errors.NotFound, errors.PermissionDenied):
        raise NotFound(
            f"no {what} your bureau ({ctx.viewer.bureau}) may see (it does not exist, or only "
            "the bureaus on it and their superiors see it)"
        ) from None
    except errors.CasesError as exc:
        raise translate(exc) from None


def _visible_case(store: GraphStore, case_id: str, actor: Actor) -> CaseRecord:
    case = case_service.get(store, case_id)
    require(actor, Action.VIEW, case.parties)
    return case


def _ring_proposal(store: GraphStore, ring_id: str, scope: str | None) -> Any:
    """The analysis room's proposal for one of the rings the `rings` query lists."""
    ring = ring_docs.ring_of(store, ring_id, scope)
    if ring is None:
        raise NotFound(
            f"no ring '{ring_id}' in your scope: rings change as feeds arrive, list them "
            "again with `rings` and pass an id from there"
        )
    proposal = propose_joint_case(ring)
    if proposal is None:
        raise BadInput(
            f"ring {ring_id} does not span regions: it needs no joint case (create one by hand "
            "with createJointCase if your bureau wants one)"
        )
    return proposal


def _page_size(ctx: Context, first: int) -> int:
    return page_window(first, None, ctx.settings.graphql_page_cap)[1]


# --- queries -----------------------------------------------------------------------------


@strawberry.type
class CasesQuery:
    @strawberry.field(description="A joint case your bureau is on or above (reading is audited).")
    async def joint_case(self, info: Info, id: strawberry.ID) -> t.JointCase | None:
        ctx = info.context
        view = await _hidden_as_missing(
            ctx, "case.view", f"joint case '{id}'", case_service.view, ctx.store, str(id),
            actor_of(ctx), now_ms(),
        )  # fmt: skip
        return t.JointCase(record=view.case, rel=view.relation)

    @strawberry.field(description="Joint cases your bureau is on or above, newest first.")
    async def joint_cases(
        self,
        info: Info,
        filter: JointCaseFilter | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> t.JointCaseConnection | None:
        ctx = info.context
        skip, size = page_window(first, after, ctx.settings.graphql_page_cap)
        status = filter.status.value if filter and filter.status else None
        views = await call(
            ctx, "case.list", case_service.list_visible, ctx.store, actor_of(ctx), now_ms(),
            status=status, limit=size + 1, skip=skip,
        )  # fmt: skip
        edges = [
            t.JointCaseEdge(
                cursor=offset_cursor(skip + i), node=t.JointCase(record=v.case, rel=v.relation)
            )
            for i, v in enumerate(views[:size])
        ]
        return t.JointCaseConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(views) > size,
                has_previous_page=skip > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )

    @strawberry.field(description="One notification: its sender, recipient and their superiors.")
    async def notification(self, info: Info, id: strawberry.ID) -> t.Notification | None:
        ctx = info.context
        found = await _hidden_as_missing(
            ctx, "notification.view", f"notification '{id}'", notification_service.view,
            ctx.store, str(id), actor_of(ctx), now_ms(),
        )  # fmt: skip
        return t.Notification(record=found)

    @strawberry.field(description="Notifications your bureau received or sent, newest first.")
    async def notifications(
        self, info: Info, filter: NotificationFilter | None = None, first: int = 50
    ) -> list[t.Notification] | None:
        ctx = info.context
        size = _page_size(ctx, first)
        where = filter or NotificationFilter()
        status = where.status.value if where.status else None
        actor, now = actor_of(ctx), now_ms()
        found: list[NotificationRecord] = []
        if where.direction in (NotificationDirection.RECEIVED, NotificationDirection.ALL):
            found += await call(
                ctx, "notification.received", notification_service.list_received, ctx.store,
                actor, now, status=status, limit=size,
            )  # fmt: skip
        if where.direction in (NotificationDirection.SENT, NotificationDirection.ALL):
            sent = await call(
                ctx, "notification.sent", notification_service.list_sent, ctx.store, actor, now,
                limit=size,
            )  # fmt: skip
            found += [n for n in sent if status is None or n.status == status]
        found.sort(key=lambda n: (n.created_at, n.key), reverse=True)
        return [t.Notification(record=n) for n in found[:size]]

    @strawberry.field(
        description=(
            "What your bureau must do, by due date: open tasks, replies due, progress reports, "
            "repeat alerts; for coordinators and up also escalations and 指定管辖 decisions."
        )
    )
    async def attention(self, info: Info, first: int = 100) -> list[t.AttentionItem] | None:
        ctx = info.context
        actor = actor_of(ctx)
        items = await call(
            ctx, "attention", attention_service.attention, ctx.store, actor.bureau, actor.role,
            now_ms(), limit=_page_size(ctx, first),
        )  # fmt: skip
        return [t.AttentionItem.of(item) for item in items]

    @strawberry.field(
        description=(
            "Quarterly statistics (e.g. quarter 2026Q3) of your bureau's region or a region "
            "below it; the same figures as `cluehub report`."
        )
    )
    async def quarterly_stats(
        self, info: Info, quarter: str, region: str | None = None
    ) -> QuarterlyStats | None:
        ctx = info.context
        code = region or ctx.viewer.bureau
        if not covers_region(ctx.viewer, code):
            raise Forbidden(
                f"region {code} is outside your bureau's region ({ctx.viewer.bureau}): "
                "statistics cover your region and the regions below it"
            )
        stats = await call(
            ctx, "stats.quarterly", stats_service.quarterly_stats, ctx.store, quarter, code
        )
        return QuarterlyStats(stats=stats)

    @strawberry.field(description="Takedown notices (通知—删除) and the platforms' answers.")
    async def takedown_notices(
        self, info: Info, filter: TakedownNoticeFilter | None = None, first: int = 50
    ) -> list[t.TakedownNotice] | None:
        ctx = info.context
        size = _page_size(ctx, first)
        where = filter or TakedownNoticeFilter()
        actor = actor_of(ctx)
        if where.case_id is not None:
            await _hidden_as_missing(
                ctx, "case.visible", f"joint case '{where.case_id}'", _visible_case, ctx.store,
                str(where.case_id), actor,
            )  # fmt: skip
            match: dict[str, Any] = {"case_id": str(where.case_id)}
        else:
            match = {"from_bureau": actor.bureau}
        if where.platform:
            match["platform"] = where.platform.strip().lower()
        docs = await ctx.call_store(
            "cases.takedown.notices", ctx.store.find_docs, takedown_models.NOTICE, match,
            order_by="issued_at", descending=True, limit=size,
        )  # fmt: skip
        return [
            t.TakedownNotice(record=documents.from_doc(takedown_models.TakedownNotice, d))
            for d in docs
        ]

    @strawberry.field(description="Repeat alerts (重复侵权) on your bureau's takedown notices.")
    async def repeat_alerts(
        self, info: Info, status: str = "open", first: int = 50
    ) -> list[t.RepeatAlert] | None:
        ctx = info.context
        found = await call(
            ctx, "takedown.repeat_alerts", takedown_service.repeat_alerts, ctx.store,
            actor_of(ctx), now_ms(), status=status, limit=_page_size(ctx, first),
        )  # fmt: skip
        return [t.RepeatAlert(record=a) for a in found]

    @strawberry.field(
        description=(
            "Preview jurisdiction routing: who leads, coordinates and is notified for a chain "
            "over these regions, and why. Pure: nothing is stored."
        )
    )
    def routing(
        self,
        region_roles: list[RegionRoleInput],
        investigating: str | None = None,
        amount_yuan: float | None = None,
        declared_major: bool = False,
    ) -> t.RoutingPreview | None:
        try:
            result = route(
                _involvement(region_roles),
                investigating=investigating,
                facts=CaseFacts(amount_yuan=amount_yuan, declared_major=declared_major),
            )
        except errors.CasesError as exc:
            raise translate(exc) from None
        return t.RoutingPreview.of(result)

    @strawberry.field(description="The regional cooperation blocs (区域协同执法, 003 §3.3).")
    def blocs(self) -> list[t.Bloc] | None:
        return [t.Bloc.of(b) for b in directory.blocs()]


# --- mutations ---------------------------------------------------------------------------


@strawberry.type
class CasesMutation:
    @strawberry.mutation(description="Notify bureaus of a clue (线索通报); they are granted it.")
    async def notify_clue(self, info: Info, input: NotifyClueInput) -> NotifyResult | None:
        ctx = info.context
        actor, now = actor_of(ctx), now_ms()
        if (input.to is None) == (input.involvement is None):
            raise BadInput(
                'give exactly one of `to` (bureau codes, e.g. ["440111"]) or `involvement` '
                "(regions and roles; routing then names the bureaus to notify)"
            )
        clue = ctx.ids.decode(str(input.clue_id))
        evidence = _keys(ctx, input.evidence_ids)
        deadline = ms_of(input.deadline)
        if input.to is not None:
            sent = await call(
                ctx, "notification.notify", notification_service.notify, ctx.store, clue,
                actor.bureau, input.to, evidence, deadline, actor, now, message=input.message,
                case_id=str(input.case_id) if input.case_id else None,
            )  # fmt: skip
            return NotifyResult(
                notifications=[t.Notification(record=n) for n in sent], routing=None
            )
        if input.case_id is not None:
            raise BadInput("`caseId` goes with `to`: name the bureaus when notifying for a case")
        routing, sent = await call(
            ctx, "notification.notify_by_routing", notification_flows.notify_by_routing,
            ctx.store, clue, _involvement(input.involvement), evidence, deadline, actor, now,
            facts=CaseFacts(amount_yuan=input.amount_yuan, declared_major=input.declared_major),
            message=input.message,
        )  # fmt: skip
        return NotifyResult(
            notifications=[t.Notification(record=n) for n in sent],
            routing=t.RoutingPreview.of(routing),
        )

    @strawberry.mutation(
        description="Answer a notification sent to your bureau: accept, decline or result."
    )
    async def reply_notification(
        self,
        info: Info,
        id: strawberry.ID,
        kind: t.ReplyKind,  # type: ignore[valid-type]
        text: str = "",
    ) -> t.Notification | None:
        ctx = info.context
        updated = await call(
            ctx, "notification.reply", notification_service.reply, ctx.store, str(id),
            kind.value, actor_of(ctx), now_ms(), text=text,
        )  # fmt: skip
        return t.Notification(record=updated)

    @strawberry.mutation(description="Open a joint case (status PROPOSED) by hand.")
    async def create_joint_case(
        self, info: Info, input: CreateJointCaseInput
    ) -> t.JointCase | None:
        ctx = info.context
        actor = actor_of(ctx)
        created = await call(
            ctx, "case.create", case_service.create_case, ctx.store,
            title=input.title,
            lead_bureau=input.lead,
            participants=input.participants,
            coordinators=input.coordinators,
            actor=actor,
            now_ms=now_ms(),
            member_keys=_keys(ctx, input.member_ids),
            clue_key=_key(ctx, input.clue_id),
            level=input.coordination_level.value if input.coordination_level else None,
            major=input.major,
            involvement=_involvement(input.involvement),
            summary=input.summary,
        )  # fmt: skip
        return _case(created, actor)

    @strawberry.mutation(
        description=(
            "Open a joint case for a ring the `rings` query lists: the analysis proposes the "
            "regions and roles, routing picks lead, coordinators and level."
        )
    )
    async def create_joint_case_from_ring(
        self, info: Info, ring_id: strawberry.ID, title: str = ""
    ) -> t.JointCase | None:
        ctx = info.context
        actor = actor_of(ctx)
        proposal = await ctx.call_store(
            "analysis.propose", _ring_proposal, ctx.store, str(ring_id), ctx.scope
        )
        created = await call(
            ctx, "case.from_ring", case_flows.propose_from_ring, ctx.store, proposal, actor,
            now_ms(), title=title,
        )  # fmt: skip
        return _case(created, actor)

    @strawberry.mutation(
        description=(
            "Open a joint case for the trace to production sources from an entity (what "
            "`traceProposedCase` shows): routing picks lead, coordinators and level; every "
            "party is granted the start, the sources, the shops and the evidence paths."
        )
    )
    async def create_joint_case_from_trace(
        self, info: Info, id: strawberry.ID, title: str = ""
    ) -> t.JointCase | None:
        ctx = info.context
        actor = actor_of(ctx)
        start = await resolve_start(ctx, id, None)
        found = await ctx.call_store(
            "analysis.trace_case",
            analysis_adapter.trace_case,
            ctx.store,
            start.key,
            scope=ctx.scope,
        )
        if found is None:
            raise BadInput(
                "the trace from this entity stays in one county: it needs no joint case "
                "(create one by hand with createJointCase if your bureau wants one)"
            )
        shown = await ctx.loaders.nodes.load_many(found.member_keys)  # a path may leave scope
        proposal = {
            "footprint": found.proposal.footprint,
            "participants": found.proposal.participants,
            "member_keys": [n.key for n in shown if n is not None],
            "title": f"Trace to production sources ({len(found.proposal.participants)} regions)",
        }
        created = await call(
            ctx, "case.from_trace", case_flows.propose_from_ring, ctx.store, proposal, actor,
            now_ms(), title=title,
        )  # fmt: skip
        return _case(created, actor)

    @strawberry.mutation(
        description="Move a case: PROPOSED → OPEN → ACTION → CLOSED, with a reason."
    )
    async def transition_joint_case(
        self,
        info: Info,
        id: strawberry.ID,
        status: t.JointCaseStatus,  # type: ignore[valid-type]
        reason: str,
    ) -> t.JointCase | None:
        ctx = info.context
        actor = actor_of(ctx)
        updated = await call(
            ctx, "case.status", case_service.change_status, ctx.store, str(id), status.value,
            reason, actor, now_ms(),
        )  # fmt: skip
        return _case(updated, actor)

    @strawberry.mutation(description="Bring another bureau onto the case (协办); it is granted it.")
    async def add_participant(
        self, info: Info, case_id: strawberry.ID, bureau: str, reason: str
    ) -> t.JointCase | None:
        ctx = info.context
        actor = actor_of(ctx)
        updated = await call(
            ctx, "case.participant", case_service.add_participant, ctx.store, str(case_id),
            bureau, reason, actor, now_ms(),
        )  # fmt: skip
        return _case(updated, actor)

    @strawberry.mutation(description="Give a bureau on the case a task.")
    async def add_task(self, info: Info, input: AddTaskInput) -> t.Task | None:
        ctx = info.context
        task = await call(
            ctx, "task.create", task_service.create_task, ctx.store, str(input.case_id),
            input.bureau, input.kind.value, input.title, ms_of(input.due), actor_of(ctx),
            now_ms(), assignee=input.assignee, market=input.market,
        )  # fmt: skip
        return t.Task(record=task)

    @strawberry.mutation(description="Reassign, complete or cancel a task.")
    async def update_task(self, info: Info, input: UpdateTaskInput) -> t.Task | None:
        ctx = info.context
        actor, task_id = actor_of(ctx), str(input.id)
        status = input.status.value if input.status else None
        if input.assignee is None and status is None:
            raise BadInput("give `assignee`, or `status` DONE (with `result`) or CANCELLED")
        if status not in (None, "done", "cancelled"):
            raise BadInput(
                f"status {status.upper()} is set by the hub; a task is changed to DONE "
                "(with `result`) or CANCELLED (with `reason`)"
            )
        task = None
        if input.assignee is not None:
            task = await call(
                ctx, "task.assign", task_service.assign_task, ctx.store, task_id,
                input.assignee, actor, now_ms(),
            )  # fmt: skip
        if status == "done":
            task = await call(
                ctx, "task.done", task_service.complete_task, ctx.store, task_id,
                input.result or "", actor, now_ms(), market=input.market,
            )  # fmt: skip
        elif status == "cancelled":
            task = await call(
                ctx, "task.cancel", task_service.cancel_task, ctx.store, task_id,
                input.reason or "", actor, now_ms(),
            )  # fmt: skip
        assert task is not None
        return t.Task(record=task)

    @strawberry.mutation(description="Comment on a case (its bureaus and their superiors).")
    async def add_comment(
        self, info: Info, case_id: strawberry.ID, text: str
    ) -> t.CaseComment | None:
        ctx = info.context
        comment = await call(
            ctx, "case.comment", case_service.add_comment, ctx.store, str(case_id), text,
            actor_of(ctx), now_ms(),
        )  # fmt: skip
        return t.CaseComment(record=comment)

    @strawberry.mutation(
        description="Record evidence your bureau handed over (证据移交); the receiver sees it."
    )
    async def record_evidence_transfer(
        self, info: Info, input: EvidenceTransferInput
    ) -> t.EvidenceTransfer | None:
        ctx = info.context
        actor = actor_of(ctx)
        transfer = await call(
            ctx, "case.evidence_transfer", case_service.record_evidence_transfer, ctx.store,
            str(input.case_id), input.what, _keys(ctx, input.evidence_ids), actor.bureau,
            input.to, ms_of(input.transferred_at), actor, now_ms(),
        )  # fmt: skip
        return t.EvidenceTransfer(record=transfer)

    @strawberry.mutation(description="Record a transfer of a suspected crime to police (移送公安).")
    async def transfer_to_police(
        self, info: Info, input: PoliceTransferInput
    ) -> t.PoliceTransfer | None:
        ctx = info.context
        transfer = await call(
            ctx, "case.police_transfer", case_service.transfer_to_police, ctx.store,
            str(input.case_id), input.reference, input.police_unit,
            ms_of(input.transferred_at), input.offence.value, actor_of(ctx), now_ms(),
            note=input.note,
        )  # fmt: skip
        return t.PoliceTransfer(record=transfer)

    @strawberry.mutation(description="List a case for supervision (挂牌督办).")
    async def list_for_supervision(
        self, info: Info, input: SupervisionInput
    ) -> t.Supervision | None:
        ctx = info.context
        hours = input.report_interval_hours
        if hours is not None and not 0 < hours <= 24 * 366:
            raise BadInput(f"reportIntervalHours must be between 0 and {24 * 366}, got {hours}")
        supervision = await call(
            ctx, "supervision.list", supervision_service.supervise, ctx.store,
            str(input.case_id), ms_of(input.deadline), input.requirement, actor_of(ctx),
            now_ms(), report_interval_ms=None if hours is None else int(hours * HOUR_MS),
        )  # fmt: skip
        return t.Supervision(record=supervision)

    @strawberry.mutation(description="Report progress on a supervised case (lead or coordinator).")
    async def report_supervision_progress(
        self, info: Info, supervision_id: strawberry.ID, text: str
    ) -> t.ProgressReport | None:
        ctx = info.context
        report = await call(
            ctx, "supervision.report", supervision_service.report_progress, ctx.store,
            str(supervision_id), text, actor_of(ctx), now_ms(),
        )  # fmt: skip
        return t.ProgressReport(record=report)

    @strawberry.mutation(description="Lift a listing for supervision (the supervising bureau).")
    async def lift_supervision(
        self, info: Info, supervision_id: strawberry.ID, reason: str
    ) -> t.Supervision | None:
        ctx = info.context
        lifted = await call(
            ctx, "supervision.lift", supervision_service.lift, ctx.store, str(supervision_id),
            reason, actor_of(ctx), now_ms(),
        )  # fmt: skip
        return t.Supervision(record=lifted)

    @strawberry.mutation(description="Ask for designated jurisdiction (指定管辖).")
    async def request_designated_jurisdiction(
        self, info: Info, input: DesignationRequestInput
    ) -> t.DesignationRequest | None:
        ctx = info.context
        actor = actor_of(ctx)
        request = await call(
            ctx, "jurisdiction.request", jurisdiction_service.request_designation, ctx.store,
            input.requesters or [actor.bureau], input.reason, actor, now_ms(),
            case_id=str(input.case_id) if input.case_id else None,
            clue_key=_key(ctx, input.clue_id), proposed=input.proposed,
        )  # fmt: skip
        return t.DesignationRequest(record=request)

    @strawberry.mutation(
        description=(
            "Decide a designated-jurisdiction request (the common superior's supervisor): "
            "`designated` names the bureau, null refuses."
        )
    )
    async def decide_designated_jurisdiction(
        self, info: Info, id: strawberry.ID, reason: str, designated: str | None = None
    ) -> t.DesignationRequest | None:
        ctx = info.context
        decided = await call(
            ctx, "jurisdiction.decide", jurisdiction_service.decide_designation, ctx.store,
            str(id), designated, reason, actor_of(ctx), now_ms(),
        )  # fmt: skip
        return t.DesignationRequest(record=decided)

    @strawberry.mutation(description="Set the unified date of the joint action (集群作战).")
    async def set_joint_action_date(
        self, info: Info, case_id: strawberry.ID, at: datetime, reason: str
    ) -> t.JointCase | None:
        ctx = info.context
        actor = actor_of(ctx)
        updated = await call(
            ctx, "case.joint_action", case_service.set_joint_action, ctx.store, str(case_id),
            ms_of(at), reason, actor, now_ms(),
        )  # fmt: skip
        return _case(updated, actor)

    @strawberry.mutation(
        description=(
            "集群作战: set the joint action date, give every bureau on the case a task for it "
            "and move the case to ACTION, in one step."
        )
    )
    async def launch_cluster_operation(
        self,
        info: Info,
        case_id: strawberry.ID,
        at: datetime,
        reason: str,
        kind: t.TaskKind = t.TaskKind.RAID,  # type: ignore[valid-type,attr-defined]
    ) -> ClusterOperation | None:
        ctx = info.context
        actor = actor_of(ctx)
        case, tasks = await call(
            ctx, "case.cluster_operation", case_flows.launch_cluster_operation, ctx.store,
            str(case_id), ms_of(at), reason, actor, now_ms(), kind=kind.value,
        )  # fmt: skip
        return ClusterOperation(case=_case(case, actor), tasks=[t.Task(record=x) for x in tasks])

    @strawberry.mutation(description="Send a platform a takedown notice in your bureau's name.")
    async def issue_takedown(
        self, info: Info, input: IssueTakedownInput
    ) -> t.TakedownNotice | None:
        ctx = info.context
        actor = actor_of(ctx)
        notice = await call(
            ctx, "takedown.issue", takedown_service.issue_takedown, ctx.store,
            _keys(ctx, input.listing_ids), input.platform, actor.bureau, actor, now_ms(),
            reason=input.reason, case_id=str(input.case_id) if input.case_id else None,
        )  # fmt: skip
        return t.TakedownNotice(record=notice)

    @strawberry.mutation(
        description=(
            "Run the scheduled jobs now (escalation of overdue notifications, overdue tasks, "
            "repeat alerts). Admins only; the server runs them on a timer too. Idempotent."
        ),
        permission_classes=[IsAdmin],
    )
    async def run_due_jobs(self, info: Info) -> t.JobsRun | None:
        ctx = info.context
        run = await call(ctx, "jobs", jobs.run_due_jobs, ctx.store, now_ms())
        return t.JobsRun(
            escalations=[strawberry.ID(k) for k in run.escalations],
            overdue_tasks=[strawberry.ID(k) for k in run.overdue_tasks],
            repeat_alerts=[strawberry.ID(k) for k in run.repeat_alerts],
        )
