"""Joint cases (``cases.jointcase``, 联合案件) and what hangs off them: comments, evidence
transfers (证据移交), transfers to police (移送公安), tasks, supervision, designated
jurisdiction, takedown notices and the case's history; cluster operations (集群作战).

A case's graph nodes (its clue, its members) are loaded through the viewer's scoped
loader: a superior outside the case, whose copy of the case has the member keys masked,
gets the stored keys from ``jointcase.service.visible`` and sees the members in its own
region only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from cluehub.cases.jointcase import flows, models
from cluehub.cases.jointcase import service as cases
from cluehub.cases.jointcase.models import Offence
from cluehub.cases.jointcase.models import Status as CaseStatus
from cluehub.cases.jurisdiction import service as jurisdiction
from cluehub.cases.permissions import Relation, relation
from cluehub.cases.routing import Level
from cluehub.cases.supervision import service as supervision
from cluehub.cases.takedown import service as takedowns
from cluehub.cases.task import service as tasks
from cluehub.cases.task.models import Kind as TaskKind
from cluehub.graph.store import Node

from ..analysis import ProposedJointCase
from ..arguments import Page, Start, spread
from ..connection import Connection
from ..context import Info
from ..types import Bureau, Entity, entity_connection, to_time
from .bridge import (
    KEY,
    KEYS,
    actor_of,
    call,
    call_hidden,
    command,
    ms_of,
    records_of,
    term,
)
from .jurisdiction import DesignationRequest
from .routing import PLACES, RegionRole, RegionRoleInput
from .shapes import FromRecord, Note, entities_field, entity, expose, fill, read
from .supervision import Supervision
from .takedown import TakedownNotice
from .task import Task, TaskConnection

expose(CaseStatus, "JointCaseStatus")
expose(Relation, "CaseRelation")
expose(Offence, "Offence")


@strawberry.type(description="One entry of a record's history (audit trail, 全程留痕).")
class CaseEvent:
    at: datetime | None
    actor: str
    role: str | None
    bureau: Bureau | None
    operation: str
    reason: str | None

    @classmethod
    def of(cls, event: dict[str, Any]) -> CaseEvent:
        return cls(
            at=to_time(event.get("at")),
            actor=str(event.get("actor", "")),
            role=event.get("role"),
            bureau=Bureau.of(str(event.get("bureau", ""))),
            operation=str(event.get("operation", "")),
            reason=event.get("reason"),
        )


@strawberry.type(description="A comment on a joint case.")
class CaseComment(Note):
    """Its bureau, author, text and time (``Note``)."""


@strawberry.type(description="Evidence handed from one bureau to another (证据移交).")
class EvidenceTransfer(FromRecord):
    id: strawberry.ID
    what: str = strawberry.field(description="What was handed over (documents, samples, data).")
    evidence_keys: strawberry.Private[tuple[str, ...]]
    from_: Bureau | None = read("from_bureau", name="from")
    to: Bureau | None = read("to_bureau")
    transferred_at: datetime | None
    recorded_at: datetime | None
    recorded_by: str

    evidence = entities_field("evidence_keys", "Graph entities handed over that you may see.")


@strawberry.type(description="A suspected crime handed to police (移送公安, 行刑衔接).")
class PoliceTransfer(FromRecord):
    id: strawberry.ID
    reference: str = strawberry.field(description="The transfer document's reference (移送书文号).")
    police_unit: str
    transferred_at: datetime | None
    offence: Offence
    offence_label: str = strawberry.field(description="The offence as the Criminal Law names it.")
    bureau: Bureau | None = strawberry.field(description="The bureau that transferred it.")
    note: str
    recorded_at: datetime | None
    recorded_by: str


@strawberry.type(description="A cross-region joint case (联合案件).")
class JointCase:
    id: strawberry.ID
    title: str
    status: CaseStatus
    status_reason: str = strawberry.field(
        description="Why it is in its status (the last change's reason)."
    )
    relation: Relation = strawberry.field(description="How your bureau stands to the case.")
    lead: Bureau | None = read("lead_bureau", description="The lead bureau (主办).")
    coordinators: list[Bureau] = strawberry.field(
        description="Coordinating bureaus (city, province, SAMR)."
    )
    participants: list[Bureau] = strawberry.field(
        description="Every bureau on the case, the lead first (协办)."
    )
    coordination_level: Level | None = strawberry.field(
        description="The level that coordinates it."
    )
    major: bool = strawberry.field(description="Major case (重大案件).")
    supervised: bool = strawberry.field(description="Listed for supervision (挂牌督办) now.")
    summary: str
    routing_reasons: list[str] = strawberry.field(
        description="Why routing chose this lead, these coordinators, this level."
    )
    notify: list[Bureau] = strawberry.field(
        description="Bureaus the lead notifies (通报): the chain's other places."
    )
    involvement: list[RegionRole] = strawberry.field(
        description="Regions involved and their part in the chain."
    )
    created_at: datetime | None
    created_by: str
    updated_at: datetime | None
    opened_at: datetime | None
    action_at: datetime | None
    closed_at: datetime | None
    joint_action_at: datetime | None = strawberry.field(
        description="Unified date of the joint action (集群作战)."
    )
    joint_action_by: Bureau | None = strawberry.field(
        description="The bureau that set the joint action date."
    )
    record: strawberry.Private[models.JointCase]  # as the viewer may see it

    @classmethod
    def of(cls, case: models.JointCase, rel: Relation) -> JointCase:
        return fill(cls, case, relation=rel, record=case)

    @classmethod
    def shown(cls, case: models.JointCase, info: Info, /) -> JointCase:
        """A case the viewer just changed, with the viewer's relation to it."""
        return cls.of(case, relation(actor_of(info.context).bureau, case.parties))

    async def _graph_keys(self, info: Info) -> models.JointCase:
        """The case with the graph keys to load: a superior outside the case reads them
        stored (its copy has them masked); the scoped loader then decides."""
        if self.relation != Relation.SUPERIOR:
            return self.record
        return await call(info, cases.visible, case_id=self.record.key)

    @strawberry.field(description="The clue the case started from (null if outside scope).")
    async def clue(self, info: Info) -> Entity | None:
        return await entity(info, (await self._graph_keys(info)).clue_key)

    @strawberry.field(description="Graph entities of the case that you may see, masked.")
    @spread(page=Page(first=50))
    async def members(self, info: Info, page: Page) -> Connection[Entity]:
        skip, size = page.window(info.context.settings.graphql_page_cap)
        keys = (await self._graph_keys(info)).member_keys
        loaded = await info.context.loaders.nodes.load_many(list(keys))
        visible: list[Node] = [node for node in loaded if node is not None]
        return entity_connection(visible[skip : skip + size + 1], skip, size)

    @strawberry.field(description="Tasks of every bureau on the case, by due date.")
    @spread(page=Page(first=50))
    async def tasks(self, info: Info, page: Page) -> TaskConnection:
        skip, size = page.window(info.context.settings.graphql_page_cap)
        found = await call(info, tasks.tasks_of_case, case_id=self.record.key)
        return TaskConnection.page(
            [Task.of(t) for t in found[skip : skip + size + 1]],
            skip=skip,
            size=size,
            total_count=len(found),
        )

    @records_of(cases.comments)
    def comments(self) -> list[CaseComment]:
        """Comments, oldest first."""

    @records_of(cases.evidence_transfers)
    def evidence_transfers(self) -> list[EvidenceTransfer]:
        """Evidence transfers (证据移交); reading them is audited."""

    @records_of(cases.police_transfers)
    def police_transfers(self) -> list[PoliceTransfer]:
        """Transfers to police (移送公安)."""

    @records_of(supervision.of_case)
    def supervisions(self) -> list[Supervision]:
        """Listings for supervision (挂牌督办), current and lifted."""

    @records_of(jurisdiction.of_case)
    def designation_requests(self) -> list[DesignationRequest]:
        """Designated-jurisdiction requests (指定管辖) about the case."""

    @records_of(takedowns.notices, limit=500)
    def takedown_notices(self) -> list[TakedownNotice]:
        """Takedown notices (通知—删除) issued for the case, newest first."""

    @strawberry.field(
        description=(
            "What happened on the case and its tasks, oldest first (the audit trail). "
            "`includeReads` adds who read it: supervisors and admins only."
        )
    )
    async def history(self, info: Info, include_reads: bool = False) -> list[CaseEvent]:
        events = await call(
            info, cases.history, case_id=self.record.key, include_reads=include_reads
        )
        return [CaseEvent.of(e) for e in events]


@strawberry.input(description="Narrow the joint cases listed.")
class JointCaseFilter:
    status: CaseStatus | None = None


@strawberry.input(description="A joint case by hand; the lead and every party are bureau codes.")
class CreateJointCaseInput:
    title: str
    lead: str = term("lead_bureau")
    participants: list[str] = strawberry.field(default_factory=list)
    coordinators: list[str] = strawberry.field(default_factory=list)
    member_ids: list[strawberry.ID] = term(
        "member_keys",
        KEYS,
        default_factory=list,
        description="Entities of the case; every party is granted them.",
    )
    clue_id: strawberry.ID | None = term("clue_key", KEY, default=None)
    involvement: list[RegionRoleInput] = term("involvement", PLACES, default_factory=list)
    coordination_level: Level | None = term("level", default=None)
    major: bool = False
    summary: str = ""


@strawberry.input(description="Evidence your bureau handed to another on the case (证据移交).")
class EvidenceTransferInput:
    case_id: strawberry.ID
    to: str = term("to_bureau")
    what: str
    transferred_at: datetime
    evidence_ids: list[strawberry.ID] = term("evidence_keys", KEYS, default_factory=list)


@strawberry.input(description="A suspected crime your bureau handed to police (移送公安).")
class PoliceTransferInput:
    case_id: strawberry.ID
    reference: str
    police_unit: str
    transferred_at: datetime
    offence: Offence
    note: str = ""


@strawberry.type(description="A cluster operation (集群作战): the case and one task per bureau.")
class ClusterOperation:
    case: JointCase
    tasks: list[Task]


@strawberry.type
class JointCaseQuery:
    @strawberry.field(description="A joint case your bureau is on or above (reading is audited).")
    async def joint_case(self, info: Info, id: strawberry.ID) -> JointCase | None:
        view = await call_hidden(info, f"joint case '{id}'", cases.view, case_id=str(id))
        return JointCase.of(view.case, view.relation)

    @strawberry.field(
        description=(
            "The joint case the jurisdiction rules propose for the trace to production "
            "sources from this entity (as `Ring.proposedCase`: lead, coordinators, notified "
            "bureaus, major, reasons); null when the chain stays in one county. "
            "`createJointCaseFromTrace` opens it."
        )
    )
    @spread(start=Start())
    async def trace_proposed_case(self, info: Info, start: Start) -> ProposedJointCase | None:
        node = await start.resolve(info.context)
        found = await call(info, flows.trace_case, start_key=node.key)
        return ProposedJointCase.of(found.proposal) if found else None

    @strawberry.field(description="Joint cases your bureau is on or above, newest first.")
    @spread(page=Page())
    async def joint_cases(
        self, info: Info, filter: JointCaseFilter | None = None, *, page: Page
    ) -> Connection[JointCase] | None:
        skip, size = page.window(info.context.settings.graphql_page_cap)
        status = filter.status if filter else None
        views = await call(info, cases.list_visible, status=status, limit=size + 1, skip=skip)
        found = [JointCase.of(v.case, v.relation) for v in views]
        return Connection.page(found, skip=skip, size=size)


@strawberry.type
class JointCaseMutation:
    @command(cases.create_case)
    def create_joint_case(self, input: CreateJointCaseInput) -> JointCase | None:
        """Open a joint case (status PROPOSED) by hand."""

    @command(flows.propose_from_ring_id)
    def create_joint_case_from_ring(
        self, ring_id: strawberry.ID, title: str = ""
    ) -> JointCase | None:
        """Open a joint case for a ring the `rings` query lists: the analysis proposes the
        regions and roles, routing picks lead, coordinators and level."""

    @command(cases.change_status, id="case_id")
    def transition_joint_case(
        self, id: strawberry.ID, status: CaseStatus, reason: str
    ) -> JointCase | None:
        """Move a case: PROPOSED → OPEN → ACTION → CLOSED, with a reason."""

    @command(cases.add_participant)
    def add_participant(self, case_id: strawberry.ID, bureau: str, reason: str) -> JointCase | None:
        """Bring another bureau onto the case (协办); it is granted it."""

    @command(cases.add_comment)
    def add_comment(self, case_id: strawberry.ID, text: str) -> CaseComment | None:
        """Comment on a case (its bureaus and their superiors)."""

    @command(cases.transfer_to_police)
    def transfer_to_police(self, input: PoliceTransferInput) -> PoliceTransfer | None:
        """Record a transfer of a suspected crime to police (移送公安)."""

    @strawberry.mutation(
        description=(
            "Open a joint case for the trace to production sources from an entity (what "
            "`traceProposedCase` shows): routing picks lead, coordinators and level; every "
            "party is granted the start, the sources, the shops and the evidence paths."
        )
    )
    async def create_joint_case_from_trace(
        self, info: Info, id: strawberry.ID, title: str = ""
    ) -> JointCase | None:
        start = await Start(id=id).resolve(info.context)
        created = await call(info, flows.propose_from_trace, start_key=start.key, title=title)
        return JointCase.shown(created, info)

    @command(cases.record_evidence_transfer)
    def record_evidence_transfer(self, input: EvidenceTransferInput) -> EvidenceTransfer | None:
        """Record evidence your bureau handed over (证据移交); the receiver sees it."""

    @strawberry.mutation(description="Set the unified date of the joint action (集群作战).")
    async def set_joint_action_date(
        self, info: Info, case_id: strawberry.ID, at: datetime, reason: str
    ) -> JointCase | None:
        dated = await call(
            info,
            cases.set_joint_action,
            case_id=str(case_id),
            action_at_ms=ms_of(at),
            reason=reason,
        )
        return JointCase.shown(dated, info)

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
        kind: TaskKind = TaskKind.RAID,
    ) -> ClusterOperation | None:
        case, new_tasks = await call(
            info,
            flows.launch_cluster_operation,
            case_id=str(case_id),
            action_at_ms=ms_of(at),
            reason=reason,
            kind=kind,
        )
        return ClusterOperation(
            case=JointCase.shown(case, info), tasks=[Task.of(t) for t in new_tasks]
        )
