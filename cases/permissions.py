"""Who may do what on a joint case: pure rules the services and the API layer call.

A bureau stands in one relation to a case, the first that applies:

- ``lead``: the lead bureau (主办);
- ``coordinator``: a coordinating bureau chosen by routing (city, province, SAMR);
- ``participant``: a participating bureau (协办);
- ``superior``: a bureau above any of those (it oversees its subordinates' work);
- ``outsider``: anyone else — outsiders see nothing, not even that the case exists.

On top of the relation, the role: supervision (挂牌督办) and designated jurisdiction
(指定管辖) are the bureau's decisions, for a ``supervisor`` (or ``admin``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from . import bureaus
from .context import DECIDERS, Actor
from .errors import PermissionDenied


class Relation(StrEnum):
    """How a bureau stands to a case: 主办, coordinating, 协办, above one of them, or outside
    (an outsider does not see the case)."""

    LEAD = "lead"
    COORDINATOR = "coordinator"
    PARTICIPANT = "participant"
    SUPERIOR = "superior"
    OUTSIDER = "outsider"


class Action(StrEnum):
    VIEW = "view"
    COMMENT = "comment"
    COORDINATE = "coordinate"  # status, participants, tasks of others, case details
    UPDATE_TASK = "update_task"  # one's own bureau's tasks
    TRANSFER_EVIDENCE = "transfer_evidence"  # 证据移交, from one's own bureau
    TRANSFER_TO_POLICE = "transfer_to_police"  # 移送公安
    REQUEST_TAKEDOWN = "request_takedown"  # 通知—删除
    SUPERVISE = "supervise"  # 挂牌督办: list, lift
    REPORT_PROGRESS = "report_progress"  # on a supervised case
    ORGANISE_JOINT_ACTION = "organise_joint_action"  # 集群作战
    REQUEST_DESIGNATION = "request_designation"  # ask for 指定管辖
    REQUEST_AUTHENTICATION = "request_authentication"  # ask a rights holder: 商品鉴别
    RECORD_CREDIT = "record_credit"  # 信用信息 of the case's infringers


MEMBERS: frozenset[Relation] = frozenset(
    {Relation.LEAD, Relation.COORDINATOR, Relation.PARTICIPANT}
)
SEES: frozenset[Relation] = MEMBERS | {Relation.SUPERIOR}
LEADERS: frozenset[Relation] = frozenset({Relation.LEAD, Relation.COORDINATOR})
ALLOWED: dict[Action, frozenset[Relation]] = {
    Action.VIEW: SEES,
    Action.COMMENT: SEES,
    Action.COORDINATE: LEADERS,
    Action.UPDATE_TASK: MEMBERS,
    Action.TRANSFER_EVIDENCE: MEMBERS,
    Action.TRANSFER_TO_POLICE: MEMBERS,
    Action.REQUEST_TAKEDOWN: MEMBERS,
    Action.SUPERVISE: frozenset(),  # decided by superiority over the lead, below
    Action.REPORT_PROGRESS: LEADERS,
    Action.ORGANISE_JOINT_ACTION: LEADERS,  # + superiors of the lead
    Action.REQUEST_DESIGNATION: MEMBERS,
    Action.REQUEST_AUTHENTICATION: MEMBERS,
    Action.RECORD_CREDIT: MEMBERS,
}
WHO: dict[Action, str] = {
    Action.COORDINATE: "the lead bureau or the coordinator",
    Action.UPDATE_TASK: "the bureau the task is assigned to",
    Action.TRANSFER_EVIDENCE: "a member bureau, for evidence it hands over itself",
    Action.TRANSFER_TO_POLICE: "a member bureau",
    Action.REQUEST_TAKEDOWN: "a member bureau",
    Action.SUPERVISE: "a supervisor of a bureau above the lead bureau",
    Action.REPORT_PROGRESS: "the lead bureau or the coordinator",
    Action.ORGANISE_JOINT_ACTION: "the lead bureau, the coordinator or a bureau above the lead",
    Action.REQUEST_DESIGNATION: "a member bureau",
    Action.COMMENT: "a member bureau or a superior",
    Action.REQUEST_AUTHENTICATION: "a member bureau",
    Action.RECORD_CREDIT: "a member bureau",
}


@dataclass(frozen=True, slots=True)
class Parties:
    """Who is on a case (bureau ids)."""

    case_id: str
    lead: str
    coordinators: tuple[str, ...]
    participants: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.lead, *self.coordinators, *self.participants)))


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def relation(bureau: str, parties: Parties) -> Relation:
    """How a bureau stands to a case."""
    bureau = bureaus.bureau_id(bureau)
    if bureau == parties.lead:
        return Relation.LEAD
    if bureau in parties.coordinators:
        return Relation.COORDINATOR
    if bureau in parties.participants:
        return Relation.PARTICIPANT
    if any(bureaus.is_superior(bureau, member) for member in parties.members):
        return Relation.SUPERIOR
    return Relation.OUTSIDER


def decide(
    actor: Actor,
    action: Action,
    parties: Parties,
    *,
    task_bureau: str | None = None,
    from_bureau: str | None = None,
) -> Decision:
    """May ``actor`` do ``action`` on the case? The reason says why not and who may."""
    rel = relation(actor.bureau, parties)
    who = bureaus.label(actor.bureau)
    if rel is Relation.OUTSIDER:
        return Decision(
            False,
            f"case {parties.case_id} is not visible to {who}: only its lead, coordinators, "
            "participants and their superior bureaus see it",
        )
    if action is Action.SUPERVISE:
        if not bureaus.is_superior(actor.bureau, parties.lead):
            return Decision(False, f"{who} is not above the lead bureau: {WHO[action]} may")
        if actor.role not in DECIDERS:
            return Decision(
                False, f"{actor.user} ({actor.role}): listing for supervision needs a supervisor"
            )
        return Decision(True, f"{who} is above the lead bureau")
    if action is Action.ORGANISE_JOINT_ACTION and bureaus.is_superior(actor.bureau, parties.lead):
        return Decision(True, f"{who} is above the lead bureau")
    if rel not in ALLOWED[action]:
        return Decision(
            False,
            f"{who} is {rel} on case {parties.case_id}: only {WHO[action]} may "
            + action.value.replace("_", " "),
        )
    if action is Action.UPDATE_TASK and task_bureau is not None and task_bureau != actor.bureau:
        return Decision(
            False,
            f"the task belongs to {bureaus.label(task_bureau)}: only {WHO[action]} updates it",
        )
    if (
        action is Action.TRANSFER_EVIDENCE
        and from_bureau is not None
        and bureaus.bureau_id(from_bureau) != actor.bureau
    ):
        return Decision(False, f"{who} cannot record a transfer made by another bureau")
    return Decision(True, f"{who} is {rel}")


def require(actor: Actor, action: Action, parties: Parties, **kw: str | None) -> Relation:
    """:func:`decide` or raise :class:`PermissionDenied`; returns the relation."""
    decision = decide(actor, action, parties, **kw)
    if not decision:
        raise PermissionDenied(decision.reason)
    return relation(actor.bureau, parties)


def may_decide_designation(actor: Actor, requesters: Sequence[str]) -> Decision:
    """Designated jurisdiction (指定管辖) is decided by the requesters' common superior."""
    decider = bureaus.common_superior(*requesters)
    if actor.bureau != decider.id:
        return Decision(
            False,
            f"designated jurisdiction for {', '.join(requesters)} is decided by their common "
            f"superior {decider}, not {bureaus.label(actor.bureau)}",
        )
    if actor.role not in DECIDERS:
        return Decision(
            False, f"{actor.user} ({actor.role}): designating jurisdiction needs a supervisor"
        )
    return Decision(True, f"{decider} is the common superior")
