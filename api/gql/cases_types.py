"""GraphQL types of coordination (跨区域协作): joint cases, tasks, notifications, takedowns.

Each type wraps one record of the coordination room (``cluehub.cases``) and shows it; it
never decides who may see it. Reads that need a permission (a case's tasks, comments,
transfers) call the room's services as the viewer, which check and audit them.

Graph nodes a record names — a case's members and clue, a notification's clue and
evidence, a takedown's listings, a repeat alert's pivot — come out as the API's
:class:`Entity`: loaded through the viewer's scoped loader (so what the viewer may not
see is left out), masked, with opaque ids. Keys of graph nodes are never shown raw. A
bureau may see another region's nodes once a notification, a case or an evidence
transfer granted them (``Batch.grant``, written by the room's services).

Enums are made from the room's own tables, so a new task kind or offence there is a new
enum value here without code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import Enum
from typing import Any, get_args

import strawberry

from cluehub.api.errors import Forbidden
from cluehub.cases import audit as case_audit
from cluehub.cases import bureaus as directory
from cluehub.cases import documents
from cluehub.cases import routing as routing_rules
from cluehub.cases.attention import service as attention_service
from cluehub.cases.jointcase import models as case_models
from cluehub.cases.jointcase import service as case_service
from cluehub.cases.jurisdiction import models as jurisdiction_models
from cluehub.cases.notification import models as notification_models
from cluehub.cases.supervision import models as supervision_models
from cluehub.cases.supervision import service as supervision_service
from cluehub.cases.takedown import models as takedown_models
from cluehub.cases.takedown import service as takedown_service
from cluehub.cases.task import models as task_models
from cluehub.cases.task import service as task_service

from .cases_bridge import actor_of, bureau_of, call, now_ms
from .context import Info
from .permissions import AUDIT_ROLES, offset_cursor, page_window
from .types import (
    Bureau,
    Entity,
    EntityConnection,
    PageInfo,
    Region,
    entity_connection,
    entity_of,
    to_time,
)

HOUR_MS = 3_600_000
READ_SUFFIXES = (".read", ".list", ".refused")


def _enum(name: str, values: Iterable[str], description: str) -> Any:
    return strawberry.enum(
        Enum(name, {value.upper(): value for value in values}),  # type: ignore[misc]
        description=description,
    )


JointCaseStatus = _enum(
    "JointCaseStatus",
    case_models.TRANSITIONS,
    "proposed → open → action → closed (a proposal or an open case may be closed directly).",
)
CaseRelation = _enum(
    "CaseRelation",
    ("lead", "coordinator", "participant", "superior"),
    "How the viewer's bureau stands to a case: 主办, coordinating, 协办, or above one of them.",
)
CoordinationLevel = _enum(
    "CoordinationLevel",
    [level.value for level in routing_rules.Level],
    "Who coordinates: a county, city or province bureau, the provinces involved, or SAMR.",
)
ChainRole = _enum(
    "ChainRole",
    [role.value for role in routing_rules.ChainRole],
    "A region's part in the counterfeiting chain; the lead is chosen in this order.",
)
TaskKind = _enum("TaskKind", task_models.KINDS, "What a bureau must do on a case.")
TaskStatus = _enum(
    "TaskStatus", task_models.TRANSITIONS, "open → done | cancelled; overdue once its due passes."
)
NotificationStatus = _enum(
    "NotificationStatus",
    notification_models.TRANSITIONS,
    "sent → accepted | declined | reported; accepted → reported (件件有回音).",
)
ReplyKind = _enum(
    "ReplyKind",
    notification_models.REPLY_STATUS,
    "accept it, decline it (with a reason), or report the result.",
)
Offence = _enum(
    "Offence", case_models.OFFENCES, "Suspected crime of a transfer to police (刑法 articles)."
)
TakedownAction = _enum(
    "TakedownAction", takedown_models.ACTIONS, "A platform's answer for one listing."
)
RepeatVia = _enum(
    "RepeatVia",
    get_args(takedown_models.Via),
    "What a reappearing listing shares with the removed one.",
)
AttentionKind = _enum(
    "AttentionKind", get_args(attention_service.ItemKind), "What an attention item asks for."
)
SupervisionStatus = _enum("SupervisionStatus", ("listed", "lifted"), "挂牌督办: listed → lifted.")
DesignationStatus = _enum(
    "DesignationStatus", ("pending", "designated", "refused"), "指定管辖: pending → decided."
)


def _bureaus(refs: Sequence[str]) -> list[Bureau]:
    return [b for b in (bureau_of(r) for r in refs) if b is not None]


async def visible_entities(info: Info, keys: Sequence[str]) -> list[Entity]:
    """The entities of ``keys`` the viewer may see, in order, masked."""
    if not keys:
        return []
    nodes = await info.context.loaders.nodes.load_many(list(dict.fromkeys(keys)))
    return [entity_of(node) for node in nodes if node is not None]


async def visible_entity(info: Info, key: str | None) -> Entity | None:
    if not key:
        return None
    node = await info.context.loaders.nodes.load(key)
    return entity_of(node) if node is not None else None


# --- small shared shapes ---------------------------------------------------------------


@strawberry.type(description="A regional cooperation bloc for joint enforcement (区域协同).")
class Bloc:
    id: str
    name: str
    name_en: str
    member_codes: strawberry.Private[tuple[str, ...]]

    @classmethod
    def of(cls, bloc: directory.Bloc) -> Bloc:
        return cls(id=bloc.id, name=bloc.name, name_en=bloc.name_en, member_codes=bloc.members)

    @strawberry.field(description="Member divisions (a province covers all of it).")
    def members(self) -> list[Region]:
        return [Region(code=code) for code in self.member_codes]


@strawberry.type(description="One region's part in the chain.")
class RegionRole:
    region: Region
    role: ChainRole  # type: ignore[valid-type]


@strawberry.type(description="One entry of a record's history (audit trail, 全程留痕).")
class CaseEvent:
    at: datetime | None
    actor: str
    role: str | None
    bureau: Bureau | None
    operation: str
    reason: str | None


# --- tasks -------------------------------------------------------------------------------


@strawberry.type(description="What one bureau must do on a joint case, by when.")
class Task:
    record: strawberry.Private[task_models.Task]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field
    def case_id(self) -> strawberry.ID:
        return strawberry.ID(self.record.case_id)

    @strawberry.field(description="The bureau that must do it.")
    def bureau(self) -> Bureau | None:
        return bureau_of(self.record.bureau)

    @strawberry.field
    def kind(self) -> TaskKind:  # type: ignore[valid-type]
        return TaskKind(self.record.kind)

    @strawberry.field
    def title(self) -> str:
        return self.record.title

    @strawberry.field
    def due(self) -> datetime | None:
        return to_time(self.record.due)

    @strawberry.field
    def status(self) -> TaskStatus:  # type: ignore[valid-type]
        return TaskStatus(self.record.status)

    @strawberry.field(description="The person of that bureau it is assigned to.")
    def assignee(self) -> str:
        return self.record.assignee

    @strawberry.field
    def result(self) -> str | None:
        return self.record.result

    @strawberry.field(description="The physical market inspected (quarterly statistics).")
    def market(self) -> str | None:
        return self.record.market

    @strawberry.field
    def done_at(self) -> datetime | None:
        return to_time(self.record.done_at)

    @strawberry.field
    def cancel_reason(self) -> str | None:
        return self.record.cancel_reason

    @strawberry.field
    def created_at(self) -> datetime | None:
        return to_time(self.record.created_at)

    @strawberry.field
    def created_by(self) -> str:
        return self.record.created_by

    @strawberry.field
    def updated_at(self) -> datetime | None:
        return to_time(self.record.updated_at)


@strawberry.type
class TaskEdge:
    cursor: str
    node: Task


@strawberry.type(description="A page of a case's tasks, by due date.")
class TaskConnection:
    edges: list[TaskEdge]
    page_info: PageInfo
    total_count: int


# --- the case and what hangs off it ------------------------------------------------------


@strawberry.type(description="A comment on a joint case.")
class CaseComment:
    record: strawberry.Private[case_models.CaseComment]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field
    def bureau(self) -> Bureau | None:
        return bureau_of(self.record.bureau)

    @strawberry.field
    def author(self) -> str:
        return self.record.author

    @strawberry.field
    def text(self) -> str:
        return self.record.text

    @strawberry.field
    def at(self) -> datetime | None:
        return to_time(self.record.at)


@strawberry.type(description="Evidence handed from one bureau to another (证据移交).")
class EvidenceTransfer:
    record: strawberry.Private[case_models.EvidenceTransfer]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field(description="What was handed over (documents, samples, data).")
    def what(self) -> str:
        return self.record.what

    @strawberry.field(description="Graph entities handed over that you may see.")
    async def evidence(self, info: Info) -> list[Entity]:
        return await visible_entities(info, self.record.evidence_keys)

    @strawberry.field(name="from")
    def from_(self) -> Bureau | None:
        return bureau_of(self.record.from_bureau)

    @strawberry.field
    def to(self) -> Bureau | None:
        return bureau_of(self.record.to_bureau)

    @strawberry.field
    def transferred_at(self) -> datetime | None:
        return to_time(self.record.transferred_at)

    @strawberry.field
    def recorded_at(self) -> datetime | None:
        return to_time(self.record.recorded_at)

    @strawberry.field
    def recorded_by(self) -> str:
        return self.record.recorded_by


@strawberry.type(description="A suspected crime handed to police (移送公安, 行刑衔接).")
class PoliceTransfer:
    record: strawberry.Private[case_models.PoliceTransfer]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field(description="The transfer document's reference (移送书文号).")
    def reference(self) -> str:
        return self.record.reference

    @strawberry.field
    def police_unit(self) -> str:
        return self.record.police_unit

    @strawberry.field
    def transferred_at(self) -> datetime | None:
        return to_time(self.record.transferred_at)

    @strawberry.field
    def offence(self) -> Offence:  # type: ignore[valid-type]
        return Offence(self.record.offence)

    @strawberry.field(description="The offence as the Criminal Law names it.")
    def offence_label(self) -> str:
        return case_models.OFFENCES[self.record.offence]

    @strawberry.field(description="The bureau that transferred it.")
    def bureau(self) -> Bureau | None:
        return bureau_of(self.record.bureau)

    @strawberry.field
    def note(self) -> str:
        return self.record.note

    @strawberry.field
    def recorded_at(self) -> datetime | None:
        return to_time(self.record.recorded_at)

    @strawberry.field
    def recorded_by(self) -> str:
        return self.record.recorded_by


@strawberry.type(description="A progress report on a supervised case.")
class ProgressReport:
    record: strawberry.Private[supervision_models.ProgressReport]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field
    def bureau(self) -> Bureau | None:
        return bureau_of(self.record.bureau)

    @strawberry.field
    def author(self) -> str:
        return self.record.author

    @strawberry.field
    def text(self) -> str:
        return self.record.text

    @strawberry.field
    def at(self) -> datetime | None:
        return to_time(self.record.at)


@strawberry.type(description="A case listed for supervision (挂牌督办) by a superior bureau.")
class Supervision:
    record: strawberry.Private[supervision_models.Supervision]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field
    def case_id(self) -> strawberry.ID:
        return strawberry.ID(self.record.case_id)

    @strawberry.field(description="The supervising bureau.")
    def supervisor(self) -> Bureau | None:
        return bureau_of(self.record.supervisor)

    @strawberry.field
    def deadline(self) -> datetime | None:
        return to_time(self.record.deadline)

    @strawberry.field
    def requirement(self) -> str:
        return self.record.requirement

    @strawberry.field
    def status(self) -> SupervisionStatus:  # type: ignore[valid-type]
        return SupervisionStatus(self.record.status)

    @strawberry.field
    def listed_at(self) -> datetime | None:
        return to_time(self.record.listed_at)

    @strawberry.field
    def listed_by(self) -> str:
        return self.record.listed_by

    @strawberry.field(description="Progress is due this often (null: only by the deadline).")
    def report_interval_hours(self) -> float | None:
        interval = self.record.report_interval_ms
        return None if interval is None else interval / HOUR_MS

    @strawberry.field(description="When the next progress report is due.")
    def next_report_due(self) -> datetime | None:
        if self.record.status != "listed":
            return None
        return to_time(supervision_models.next_report_due(self.record))

    @strawberry.field
    def report_count(self) -> int:
        return self.record.reports

    @strawberry.field
    def last_report_at(self) -> datetime | None:
        return to_time(self.record.last_report_at)

    @strawberry.field
    def lifted_at(self) -> datetime | None:
        return to_time(self.record.lifted_at)

    @strawberry.field
    def lift_reason(self) -> str | None:
        return self.record.lift_reason

    @strawberry.field
    async def reports(self, info: Info) -> list[ProgressReport]:
        ctx = info.context
        found = await call(
            ctx, "supervision.reports", supervision_service.reports, ctx.store,
            self.record.key, actor_of(ctx),
        )  # fmt: skip
        return [ProgressReport(record=r) for r in found]


@strawberry.type(description="A request for designated jurisdiction (指定管辖).")
class DesignationRequest:
    record: strawberry.Private[jurisdiction_models.JurisdictionRequest]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field(description="The bureaus asking.")
    def requesters(self) -> list[Bureau]:
        return _bureaus(self.record.requesters)

    @strawberry.field(description="Their common superior, who decides.")
    def decider(self) -> Bureau | None:
        return bureau_of(self.record.decider)

    @strawberry.field
    def reason(self) -> str:
        return self.record.reason

    @strawberry.field
    def status(self) -> DesignationStatus:  # type: ignore[valid-type]
        return DesignationStatus(self.record.status)

    @strawberry.field
    def case_id(self) -> strawberry.ID | None:
        return strawberry.ID(self.record.case_id) if self.record.case_id else None

    @strawberry.field
    async def clue(self, info: Info) -> Entity | None:
        return await visible_entity(info, self.record.clue_key)

    @strawberry.field(description="The bureau the requesters suggested.")
    def proposed(self) -> Bureau | None:
        return bureau_of(self.record.proposed)

    @strawberry.field(description="The bureau designated (null while pending or refused).")
    def designated(self) -> Bureau | None:
        return bureau_of(self.record.designated)

    @strawberry.field
    def created_at(self) -> datetime | None:
        return to_time(self.record.created_at)

    @strawberry.field
    def created_by(self) -> str:
        return self.record.created_by

    @strawberry.field
    def decided_at(self) -> datetime | None:
        return to_time(self.record.decided_at)

    @strawberry.field
    def decided_by(self) -> str | None:
        return self.record.decided_by

    @strawberry.field
    def decision_reason(self) -> str | None:
        return self.record.decision_reason


# --- takedowns ---------------------------------------------------------------------------


@strawberry.type(description="Time from notice to removal on one platform, in hours.")
class RemovalTimes:
    platform: str
    answered: int
    removed: int
    median_hours: float | None
    mean_hours: float | None
    max_hours: float | None

    @classmethod
    def of(cls, times: takedown_models.RemovalTimes) -> RemovalTimes:
        return cls(
            platform=times.platform,
            answered=times.answered,
            removed=times.removed,
            median_hours=times.median_hours,
            mean_hours=times.mean_hours,
            max_hours=times.max_hours,
        )


@strawberry.type(description="One listing of a takedown notice and the platform's answer.")
class TakedownResult:
    record: strawberry.Private[takedown_models.TakedownItem]

    @strawberry.field
    async def listing(self, info: Info) -> Entity | None:
        return await visible_entity(info, self.record.listing_key)

    @strawberry.field(description="Null until the platform answers through its feed.")
    def action(self) -> TakedownAction | None:  # type: ignore[valid-type]
        return TakedownAction(self.record.action) if self.record.action else None

    @strawberry.field(description="When the platform acted, as it reports.")
    def acted_at(self) -> datetime | None:
        return to_time(self.record.acted_at)

    @strawberry.field(description="When the hub recorded the answer.")
    def recorded_at(self) -> datetime | None:
        return to_time(self.record.recorded_at)

    @strawberry.field
    def note(self) -> str:
        return self.record.note

    @strawberry.field(description="From the notice to the removal (null unless removed).")
    def time_to_removal_hours(self) -> float | None:
        removal = self.record.removal_ms
        return None if removal is None else removal / HOUR_MS


@strawberry.type(description="A takedown notice (通知—删除) to one platform.")
class TakedownNotice:
    record: strawberry.Private[takedown_models.TakedownNotice]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field
    def platform(self) -> str:
        return self.record.platform

    @strawberry.field(name="from", description="The issuing bureau.")
    def from_(self) -> Bureau | None:
        return bureau_of(self.record.from_bureau)

    @strawberry.field(description="The legal ground and the right infringed.")
    def reason(self) -> str:
        return self.record.reason

    @strawberry.field
    def issued_at(self) -> datetime | None:
        return to_time(self.record.issued_at)

    @strawberry.field
    def issued_by(self) -> str:
        return self.record.issued_by

    @strawberry.field
    def case_id(self) -> strawberry.ID | None:
        return strawberry.ID(self.record.case_id) if self.record.case_id else None

    @strawberry.field(description="Each listing and the platform's answer.")
    async def results(self, info: Info) -> list[TakedownResult]:
        items = await _items(info, self.record.key)
        return [TakedownResult(record=item) for item in items]

    @strawberry.field(description="Time to removal of the answered listings.")
    async def removal_times(self, info: Info) -> RemovalTimes | None:
        items = await _items(info, self.record.key)
        summary = takedown_models.summarise(items).get(self.record.platform)
        return RemovalTimes.of(summary) if summary else None


async def _items(info: Info, notice_id: str) -> list[takedown_models.TakedownItem]:
    ctx = info.context
    return await call(ctx, "takedown.items", takedown_service.items_of, ctx.store, notice_id)


@strawberry.type(description="A removed listing's seller seen again (重复侵权).")
class RepeatAlert:
    record: strawberry.Private[takedown_models.RepeatAlert]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field
    async def removed_listing(self, info: Info) -> Entity | None:
        return await visible_entity(info, self.record.removed_listing)

    @strawberry.field
    def notice_id(self) -> strawberry.ID:
        return strawberry.ID(self.record.notice)

    @strawberry.field(description="The bureau that issued the notice, alerted.")
    def bureau(self) -> Bureau | None:
        return bureau_of(self.record.bureau)

    @strawberry.field(description="The new listing (null if outside your scope).")
    async def new_listing(self, info: Info) -> Entity | None:
        return await visible_entity(info, self.record.new_listing)

    @strawberry.field
    def new_platform(self) -> str:
        return self.record.new_platform

    @strawberry.field
    def via(self) -> RepeatVia:  # type: ignore[valid-type]
        return RepeatVia(self.record.via)

    @strawberry.field(description="The shared shop, phone or company (null if outside scope).")
    async def pivot(self, info: Info) -> Entity | None:
        return await visible_entity(info, self.record.pivot)

    @strawberry.field
    def seen_at(self) -> datetime | None:
        return to_time(self.record.seen_at)

    @strawberry.field
    def removed_at(self) -> datetime | None:
        return to_time(self.record.removed_at)

    @strawberry.field
    def raised_at(self) -> datetime | None:
        return to_time(self.record.raised_at)

    @strawberry.field
    def status(self) -> str:
        return self.record.status


# --- notifications -----------------------------------------------------------------------


@strawberry.type(description="The recipient's answer (件件有回音).")
class NotificationReply:
    text: str | None = strawberry.field(description="Acceptance note or reason of a decline.")
    result: str | None
    replied_at: datetime | None
    first_replied_at: datetime | None
    on_time: bool | None = strawberry.field(description="First answer by the deadline.")


@strawberry.type(description="A clue notification (线索通报) to one bureau.")
class Notification:
    record: strawberry.Private[notification_models.Notification]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field(description="The clue notified (null if outside your scope).")
    async def clue(self, info: Info) -> Entity | None:
        return await visible_entity(info, self.record.clue_key)

    @strawberry.field(description="Evidence passed on with it that you may see.")
    async def evidence(self, info: Info) -> list[Entity]:
        return await visible_entities(info, self.record.evidence_keys)

    @strawberry.field(name="from", description="The sending bureau.")
    def from_(self) -> Bureau | None:
        return bureau_of(self.record.from_bureau)

    @strawberry.field(description="The bureau that must answer.")
    def to(self) -> Bureau | None:
        return bureau_of(self.record.to_bureau)

    @strawberry.field
    def deadline(self) -> datetime | None:
        return to_time(self.record.deadline)

    @strawberry.field
    def status(self) -> NotificationStatus:  # type: ignore[valid-type]
        return NotificationStatus(self.record.status)

    @strawberry.field
    def message(self) -> str:
        return self.record.message

    @strawberry.field
    def case_id(self) -> strawberry.ID | None:
        return strawberry.ID(self.record.case_id) if self.record.case_id else None

    @strawberry.field
    def created_at(self) -> datetime | None:
        return to_time(self.record.created_at)

    @strawberry.field
    def created_by(self) -> str:
        return self.record.created_by

    @strawberry.field(description="Null until the recipient answers.")
    def reply(self) -> NotificationReply | None:
        n = self.record
        if n.first_replied_at is None:
            return None
        return NotificationReply(
            text=n.reply_text,
            result=n.result,
            replied_at=to_time(n.replied_at),
            first_replied_at=to_time(n.first_replied_at),
            on_time=n.on_time,
        )

    @strawberry.field(description="Unanswered past its deadline (set by the scheduled job).")
    def overdue(self) -> bool:
        return self.record.overdue

    @strawberry.field(description="The recipient's superior it was escalated to, if any.")
    def escalated_to(self) -> Bureau | None:
        return bureau_of(self.record.escalated_to)

    @strawberry.field
    def escalated_at(self) -> datetime | None:
        return to_time(self.record.escalated_at)


# --- the joint case ----------------------------------------------------------------------


@strawberry.type(description="A cross-region joint case (联合案件).")
class JointCase:
    record: strawberry.Private[case_models.JointCase]  # as the viewer may see it
    rel: strawberry.Private[str]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.key)

    @strawberry.field
    def title(self) -> str:
        return self.record.title

    @strawberry.field
    def status(self) -> JointCaseStatus:  # type: ignore[valid-type]
        return JointCaseStatus(self.record.status)

    @strawberry.field(description="Why it is in its status (the last change's reason).")
    def status_reason(self) -> str:
        return self.record.status_reason

    @strawberry.field(description="How your bureau stands to the case.")
    def relation(self) -> CaseRelation:  # type: ignore[valid-type]
        return CaseRelation(self.rel)

    @strawberry.field(description="The lead bureau (主办).")
    def lead(self) -> Bureau | None:
        return bureau_of(self.record.lead_bureau)

    @strawberry.field(description="Coordinating bureaus (city, province, SAMR).")
    def coordinators(self) -> list[Bureau]:
        return _bureaus(self.record.coordinators)

    @strawberry.field(description="Every bureau on the case, the lead first (协办).")
    def participants(self) -> list[Bureau]:
        return _bureaus(self.record.participants)

    @strawberry.field(description="The level that coordinates it.")
    def coordination_level(self) -> CoordinationLevel | None:  # type: ignore[valid-type]
        level = self.record.level
        return CoordinationLevel(level) if level in set(routing_rules.Level) else None

    @strawberry.field(description="Major case (重大案件).")
    def major(self) -> bool:
        return self.record.major

    @strawberry.field(description="Listed for supervision (挂牌督办) now.")
    def supervised(self) -> bool:
        return self.record.supervised

    @strawberry.field
    def summary(self) -> str:
        return self.record.summary

    @strawberry.field(description="Why routing chose this lead, these coordinators, this level.")
    def routing_reasons(self) -> list[str]:
        return list(self.record.routing_reasons)

    @strawberry.field(description="Bureaus the lead notifies (通报): the chain's other places.")
    def notify(self) -> list[Bureau]:
        return _bureaus(self.record.notify)

    @strawberry.field(description="Regions involved and their part in the chain.")
    def involvement(self) -> list[RegionRole]:
        return [
            RegionRole(region=Region(code=r.region), role=ChainRole(r.role))
            for r in self.record.involvement
        ]

    @strawberry.field
    def created_at(self) -> datetime | None:
        return to_time(self.record.created_at)

    @strawberry.field
    def created_by(self) -> str:
        return self.record.created_by

    @strawberry.field
    def updated_at(self) -> datetime | None:
        return to_time(self.record.updated_at)

    @strawberry.field
    def opened_at(self) -> datetime | None:
        return to_time(self.record.opened_at)

    @strawberry.field
    def action_at(self) -> datetime | None:
        return to_time(self.record.action_at)

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return to_time(self.record.closed_at)

    @strawberry.field(description="Unified date of the joint action (集群作战).")
    def joint_action_at(self) -> datetime | None:
        return to_time(self.record.joint_action_at)

    @strawberry.field(description="The bureau that set the joint action date.")
    def joint_action_by(self) -> Bureau | None:
        return bureau_of(self.record.joint_action_by)

    async def _raw(self, info: Info) -> case_models.JointCase:
        """The stored case: the room masks member keys for superiors outside the case;
        the API shows members as masked entities in the viewer's scope instead."""
        if self.rel != "superior":
            return self.record
        ctx = info.context
        return await call(ctx, "case.get", case_service.get, ctx.store, self.record.key)

    @strawberry.field(description="The clue the case started from (null if outside scope).")
    async def clue(self, info: Info) -> Entity | None:
        return await visible_entity(info, (await self._raw(info)).clue_key)

    @strawberry.field(description="Graph entities of the case that you may see, masked.")
    async def members(
        self, info: Info, first: int = 50, after: str | None = None
    ) -> EntityConnection:
        skip, size = page_window(first, after, info.context.settings.graphql_page_cap)
        keys = (await self._raw(info)).member_keys
        nodes = await info.context.loaders.nodes.load_many(list(keys))
        visible = [node for node in nodes if node is not None]
        return entity_connection(visible[skip : skip + size + 1], skip, size)

    @strawberry.field(description="Tasks of every bureau on the case, by due date.")
    async def tasks(self, info: Info, first: int = 50, after: str | None = None) -> TaskConnection:
        ctx = info.context
        skip, size = page_window(first, after, ctx.settings.graphql_page_cap)
        found = await call(
            ctx, "task.of_case", task_service.tasks_of_case, ctx.store, self.record.key,
            actor_of(ctx),
        )  # fmt: skip
        page = found[skip : skip + size]
        edges = [
            TaskEdge(cursor=offset_cursor(skip + i), node=Task(record=task))
            for i, task in enumerate(page)
        ]
        return TaskConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(found) > skip + size,
                has_previous_page=skip > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=len(found),
        )

    @strawberry.field(description="Comments, oldest first.")
    async def comments(self, info: Info) -> list[CaseComment]:
        ctx = info.context
        found = await call(
            ctx, "case.comments", case_service.comments, ctx.store, self.record.key, actor_of(ctx)
        )
        return [CaseComment(record=c) for c in found]

    @strawberry.field(description="Evidence transfers (证据移交); reading them is audited.")
    async def evidence_transfers(self, info: Info) -> list[EvidenceTransfer]:
        ctx = info.context
        found = await call(
            ctx, "case.evidence_transfers", case_service.evidence_transfers, ctx.store,
            self.record.key, actor_of(ctx), now_ms(),
        )  # fmt: skip
        return [EvidenceTransfer(record=t) for t in found]

    @strawberry.field(description="Transfers to police (移送公安).")
    async def police_transfers(self, info: Info) -> list[PoliceTransfer]:
        ctx = info.context
        found = await call(
            ctx, "case.police_transfers", case_service.police_transfers, ctx.store,
            self.record.key, actor_of(ctx),
        )  # fmt: skip
        return [PoliceTransfer(record=t) for t in found]

    @strawberry.field(description="Listings for supervision (挂牌督办), current and lifted.")
    async def supervisions(self, info: Info) -> list[Supervision]:
        ctx = info.context
        found = await call(
            ctx, "supervision.of_case", supervision_service.of_case, ctx.store,
            self.record.key, actor_of(ctx),
        )  # fmt: skip
        return [Supervision(record=s) for s in found]

    @strawberry.field(description="Designated-jurisdiction requests (指定管辖) about the case.")
    async def designation_requests(self, info: Info) -> list[DesignationRequest]:
        docs = await _case_docs(info, jurisdiction_models.LABEL, self.record.key, "created_at")
        return [
            DesignationRequest(
                record=documents.from_doc(jurisdiction_models.JurisdictionRequest, d)
            )
            for d in docs
        ]

    @strawberry.field(description="Takedown notices (通知—删除) issued for the case.")
    async def takedown_notices(self, info: Info) -> list[TakedownNotice]:
        docs = await _case_docs(info, takedown_models.NOTICE, self.record.key, "issued_at")
        return [
            TakedownNotice(record=documents.from_doc(takedown_models.TakedownNotice, d))
            for d in docs
        ]

    @strawberry.field(
        description=(
            "What happened on the case and its tasks, oldest first (the audit trail). "
            "`includeReads` adds who read it: supervisors and admins only."
        )
    )
    async def history(self, info: Info, include_reads: bool = False) -> list[CaseEvent]:
        ctx = info.context
        if include_reads and ctx.viewer.role not in AUDIT_ROLES:
            raise Forbidden(
                f"reads in a case's history need the role {' or '.join(sorted(AUDIT_ROLES))}; "
                f"your token has role '{ctx.viewer.role}'"
            )
        events = await call(ctx, "case.history", case_audit.trail, ctx.store, self.record.key, 1000)
        return [
            CaseEvent(
                at=to_time(e.get("at")),
                actor=str(e.get("actor", "")),
                role=e.get("role"),
                bureau=Bureau.of(str(e.get("bureau", ""))),
                operation=str(e.get("operation", "")),
                reason=e.get("reason"),
            )
            for e in events
            if include_reads or not str(e.get("operation", "")).endswith(READ_SUFFIXES)
        ]


async def _case_docs(info: Info, label: str, case_id: str, order_by: str) -> list[dict[str, Any]]:
    """Records of a case the room has no listing service for; the case itself was
    already shown to the viewer, so they may see what hangs off it."""
    ctx = info.context
    return await ctx.call_store(
        f"cases.{label}",
        ctx.store.find_docs,
        label,
        {"case_id": case_id},
        order_by=order_by,
        limit=500,
    )


@strawberry.type
class JointCaseEdge:
    cursor: str
    node: JointCase


@strawberry.type(description="A page of joint cases your bureau may see, newest first.")
class JointCaseConnection:
    edges: list[JointCaseEdge]
    page_info: PageInfo


# --- attention, routing, jobs ------------------------------------------------------------


@strawberry.type(description="Something your bureau must do, by when (the polling list).")
class AttentionItem:
    kind: AttentionKind  # type: ignore[valid-type]
    ref: strawberry.ID = strawberry.field(
        description="The record to open: task, notification, supervision, alert or request."
    )
    title: str
    due: datetime | None
    overdue: bool
    case_id: strawberry.ID | None

    @classmethod
    def of(cls, item: attention_service.Item) -> AttentionItem:
        return cls(
            kind=AttentionKind(item.kind),
            ref=strawberry.ID(item.ref),
            title=item.title,
            due=to_time(item.due_ms),
            overdue=item.overdue,
            case_id=strawberry.ID(item.case_id) if item.case_id else None,
        )


@strawberry.type(description="Where a clue would go (jurisdiction routing), with the reasons.")
class RoutingPreview:
    level: CoordinationLevel  # type: ignore[valid-type]
    coordinator: Bureau | None
    coordinators: list[Bureau]
    lead: Bureau | None
    lead_province: Bureau | None
    notify: list[Bureau] = strawberry.field(description="Bureaus to notify (通报).")
    participants: list[Bureau]
    major: bool
    cross_region: bool
    blocs: list[Bloc]
    outside_mainland: list[Region]
    reasons: list[str]

    @classmethod
    def of(cls, routing: routing_rules.Routing) -> RoutingPreview:
        return cls(
            level=CoordinationLevel(routing.level),
            coordinator=bureau_of(routing.coordinator),
            coordinators=_bureaus(routing.coordinators),
            lead=bureau_of(routing.lead),
            lead_province=bureau_of(routing.lead_province),
            notify=_bureaus(routing.notify),
            participants=_bureaus(routing.participants),
            major=routing.major,
            cross_region=routing.cross_region,
            blocs=[Bloc.of(directory.bloc(b)) for b in routing.blocs],
            outside_mainland=[Region(code=c) for c in routing.outside_mainland],
            reasons=list(routing.reasons),
        )


@strawberry.type(description="What one run of the scheduled jobs changed (record ids).")
class JobsRun:
    escalations: list[strawberry.ID]
    overdue_tasks: list[strawberry.ID]
    repeat_alerts: list[strawberry.ID]
