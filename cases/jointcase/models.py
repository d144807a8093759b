"""Joint cases (联合案件) and what hangs off them: comments, evidence transfers (证据移交),
transfers to police (移送公安). Records, the status flow and input rules.

Status flow: ``proposed`` → ``open`` → ``action`` → ``closed``; a proposal may also be
closed without opening (not taken up), an open case closed without action. Every change
carries a reason; ``closed`` is final (a reopened matter is a new case that links back).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cluehub.cases.errors import InvalidInput, InvalidTransition
from cluehub.cases.permissions import Parties
from cluehub.cases.routing import ChainRole, Footprint, Level, Place, parse_place
from cluehub.graph import model

CASE = "JointCase"
COMMENT = "CaseComment"
EVIDENCE_TRANSFER = "EvidenceTransfer"
POLICE_TRANSFER = "PoliceTransfer"
for _kind in (
    model.DocumentKind(
        CASE, "A cross-region joint case (联合案件).", ("status", "lead_bureau", "created_at")
    ),
    model.DocumentKind(COMMENT, "A comment on a joint case.", ("case_id", "at")),
    model.DocumentKind(
        EVIDENCE_TRANSFER, "Evidence handed from one bureau to another (证据移交).", ("case_id",)
    ),
    model.DocumentKind(
        POLICE_TRANSFER, "A suspected crime transferred to police (移送公安).", ("case_id",)
    ),
):
    model.register_document(_kind)


class Status(StrEnum):
    """proposed → open → action → closed (a proposal or an open case may be closed directly)."""

    PROPOSED = "proposed"
    OPEN = "open"
    ACTION = "action"
    CLOSED = "closed"


TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.PROPOSED: (Status.OPEN, Status.CLOSED),
    Status.OPEN: (Status.ACTION, Status.CLOSED),
    Status.ACTION: (Status.CLOSED,),
    Status.CLOSED: (),
}
STAMP: dict[Status, str] = {
    Status.OPEN: "opened_at",
    Status.ACTION: "action_at",
    Status.CLOSED: "closed_at",
}


class Offence(StrEnum):
    """Suspected crime of a transfer to police (刑法 articles)."""

    COUNTERFEIT_TRADEMARK = "counterfeit_trademark"
    SELLING_COUNTERFEIT_GOODS = "selling_counterfeit_goods"
    ILLEGAL_TRADEMARK_MARKS = "illegal_trademark_marks"
    PATENT_PASSING_OFF = "patent_passing_off"
    COPYRIGHT_INFRINGEMENT = "copyright_infringement"
    SELLING_INFRINGING_COPIES = "selling_infringing_copies"
    TRADE_SECRET = "trade_secret"
    FAKE_OR_SHODDY_PRODUCTS = "fake_or_shoddy_products"


# How the Criminal Law of the PRC (刑法) names each offence.
OFFENCES: dict[Offence, str] = {
    Offence.COUNTERFEIT_TRADEMARK: "假冒注册商标罪 (Art. 213)",
    Offence.SELLING_COUNTERFEIT_GOODS: "销售假冒注册商标的商品罪 (Art. 214)",
    Offence.ILLEGAL_TRADEMARK_MARKS: "非法制造、销售非法制造的注册商标标识罪 (Art. 215)",
    Offence.PATENT_PASSING_OFF: "假冒专利罪 (Art. 216)",
    Offence.COPYRIGHT_INFRINGEMENT: "侵犯著作权罪 (Art. 217)",
    Offence.SELLING_INFRINGING_COPIES: "销售侵权复制品罪 (Art. 218)",
    Offence.TRADE_SECRET: "侵犯商业秘密罪 (Art. 219)",
    Offence.FAKE_OR_SHODDY_PRODUCTS: "生产、销售伪劣产品罪 (Art. 140)",
}


@dataclass(frozen=True, slots=True)
class JointCase:
    key: str
    title: str
    status: Status
    lead_bureau: str
    coordinators: tuple[str, ...]
    participants: tuple[str, ...]  # every bureau on the case, lead included
    level: str  # coordination level: county, city, province, inter_provincial, national
    created_at: int
    created_by: str
    updated_at: int
    major: bool = False
    member_keys: tuple[str, ...] = ()  # graph nodes of the case (a ring's members)
    involvement_regions: tuple[str, ...] = ()  # with involvement_roles: the chain's places
    involvement_roles: tuple[str, ...] = ()
    routing_reasons: tuple[str, ...] = ()
    notify: tuple[str, ...] = ()  # bureaus the lead notifies (通报), as routing named them
    suggested_lead_region: str | None = None
    proposed_level: str | None = None
    clue_key: str | None = None
    summary: str = ""
    status_reason: str = ""
    opened_at: int | None = None
    action_at: int | None = None
    closed_at: int | None = None
    joint_action_at: int | None = None  # unified date of a cluster operation (集群作战)
    joint_action_by: str | None = None
    supervised: bool = False
    regions: tuple[str, ...] = ()  # every party's lineage: who may see the case
    lead_regions: tuple[str, ...] = ()  # the lead's lineage: statistics scope

    @property
    def parties(self) -> Parties:
        return Parties(self.key, self.lead_bureau, self.coordinators, self.participants)

    @property
    def involvement(self) -> tuple[Place, ...]:
        return tuple(
            Place(r, ChainRole(role))
            for r, role in zip(self.involvement_regions, self.involvement_roles, strict=True)
        )

    @property
    def coordination_level(self) -> Level | None:
        """The level that coordinates it; None for a level no longer known."""
        return Level(self.level) if self.level in tuple(Level) else None


@dataclass(frozen=True, slots=True)
class CaseComment:
    key: str
    case_id: str
    bureau: str
    author: str
    text: str
    at: int


@dataclass(frozen=True, slots=True)
class EvidenceTransfer:
    """证据移交: what was handed over, by whom to whom, when."""

    key: str
    case_id: str
    what: str
    evidence_keys: tuple[str, ...]
    from_bureau: str
    to_bureau: str
    transferred_at: int
    recorded_at: int
    recorded_by: str


@dataclass(frozen=True, slots=True)
class PoliceTransfer:
    """移送公安: a suspected crime handed to a police unit (行刑衔接)."""

    key: str
    case_id: str
    reference: str  # the transfer document's reference (移送书文号)
    police_unit: str
    transferred_at: int
    offence: str  # key of OFFENCES
    bureau: str
    recorded_at: int
    recorded_by: str
    note: str = ""
    regions: tuple[str, ...] = ()  # the transferring bureau's lineage: statistics scope

    @property
    def offence_label(self) -> str:
        """The offence as the Criminal Law names it."""
        return OFFENCES[Offence(self.offence)]


@dataclass(frozen=True, slots=True)
class RingProposal:
    """What the analysis room proposes for a ring: its members and the chain's footprint,
    or, for a proposal written by hand, the places and roles with a suggested lead region
    and coordination level.

    Built from a mapping or any object with these attributes, so callers need not build
    this class. Two shapes are read:

    - the analysis room's ``ProposedCase``: ``footprint`` (the places, shops and parcels
      the jurisdiction rules read: routing decides on exactly what ``cluehub analyze``
      decided on) and ``participants`` (each with ``keys``, the members);
    - flat: ``member_keys``, ``involvement`` ([(region, role)]), ``suggested_lead_region``,
      ``coordination_level``.
    """

    member_keys: tuple[str, ...]
    footprint: Footprint
    suggested_lead_region: str | None = None
    coordination_level: str | None = None
    title: str = ""
    summary: str = ""

    @property
    def involvement(self) -> tuple[Place, ...]:
        """The chain's places without their nodes, each (region, role) once."""
        return tuple(dict.fromkeys(Place(p.region, p.role) for p in self.footprint.places))

    @classmethod
    def from_any(cls, value: RingProposal | Mapping[str, Any] | Any) -> RingProposal:
        if isinstance(value, RingProposal):
            return value

        def pick(name: str, *aliases: str, default: Any = None) -> Any:
            for candidate in (name, *aliases):
                if isinstance(value, Mapping) and candidate in value:
                    return value[candidate]
                if not isinstance(value, Mapping) and hasattr(value, candidate):
                    return getattr(value, candidate)
            return default

        members = pick("member_keys", "members", default=())
        footprint = pick("footprint")
        if footprint is not None:
            if not isinstance(footprint, Footprint):
                raise InvalidInput("proposal.footprint must be the analysis room's Footprint")
            keys = [k for part in pick("participants", default=()) for k in _attr(part, "keys")]
            return cls(
                member_keys=tuple(dict.fromkeys(str(k) for k in (*members, *keys))),
                footprint=footprint,
                title=str(pick("title", default="") or ""),
                summary=str(pick("summary", default="") or ""),
            )
        roles = pick("involvement", "region_roles", default=())
        if isinstance(members, str) or not isinstance(members, Sequence | set | frozenset):
            raise InvalidInput("proposal.member_keys must be a list of node keys")
        if not isinstance(roles, Sequence) or isinstance(roles, str):
            raise InvalidInput("proposal.involvement must be a list of (region code, role)")
        return cls(
            member_keys=tuple(dict.fromkeys(str(k) for k in members)),
            footprint=Footprint(
                tuple(parse_place(r, f"proposal.involvement[{i}]") for i, r in enumerate(roles))
            ),
            suggested_lead_region=pick("suggested_lead_region", "lead_region"),
            coordination_level=pick("coordination_level", "level"),
            title=str(pick("title", default="") or ""),
            summary=str(pick("summary", default="") or ""),
        )


def _attr(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)


def check_transition(case: JointCase, target: str) -> Status:
    """The target status if the flow allows it; else an error naming the allowed ones."""
    if target not in TRANSITIONS:
        raise InvalidInput(
            f"case {case.key}: status '{target}' is unknown (statuses: {', '.join(TRANSITIONS)})"
        )
    allowed = TRANSITIONS[case.status]
    if target not in allowed:
        options = " or ".join(f"'{s}'" for s in allowed) if allowed else "nothing (it is final)"
        raise InvalidTransition(
            f"case {case.key} is '{case.status}': it can move to {options}, not '{target}'"
        )
    return Status(target)


def require_open(case: JointCase, what: str) -> None:
    if case.status == Status.CLOSED:
        raise InvalidTransition(f"case {case.key} is closed: cannot {what}")
