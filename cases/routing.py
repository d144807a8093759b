"""Jurisdiction routing: who is notified, who coordinates, who leads. Pure and table-driven.

The rules (003 §3.1, §3.4; 004 §4.2):

- the investigating bureau notifies (通报) the bureaus of every region where the goods
  were produced, sold or their labels printed (:attr:`RoutingParams.notify_roles`);
- a clue within one county stays with that county's bureau; one spanning counties of one
  city is coordinated by the city bureau; cities of one province by the province bureau;
  several provinces by the provincial bureaus involved, with a lead province;
- a major (重大) cross-province clue goes to SAMR to coordinate (or list for supervision);
  a major clue inside one province is organised by the coordinating superior as a joint
  action (集群作战);
- the lead bureau (主办) is the production region's bureau first, then label printing,
  storage, sale, registration: the chain is broken at its source.

``route`` explains each decision in :attr:`Routing.reasons`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cluehub.graph import regions

from . import bureaus
from .errors import InvalidInput

ChainRole = Literal["production", "label_printing", "storage", "sale", "registration"]
CHAIN_ROLES: tuple[ChainRole, ...] = (
    "production",
    "label_printing",
    "storage",
    "sale",
    "registration",
)  # also the order in which the lead is chosen
ROLE_TERMS: dict[str, str] = {
    "production": "production (生产)",
    "label_printing": "label printing (商标标识印制)",
    "storage": "storage (仓储)",
    "sale": "sale (销售)",
    "registration": "registration (注册登记)",
}
ROLE_ALIASES: dict[str, str] = {"sales": "sale"}  # the analysis room's name for it
Level = Literal["county", "city", "province", "inter_provincial", "national"]


@dataclass(frozen=True, slots=True)
class RegionRole:
    """One region's part in the chain: ``RegionRole('350304', 'production')``."""

    region: str
    role: ChainRole

    @classmethod
    def parse(cls, value: RegionRole | Mapping[str, Any] | Sequence[str], where: str) -> RegionRole:
        """From a RegionRole, a ``{'region':…, 'role':…}`` mapping or a (region, role) pair."""
        if isinstance(value, RegionRole):
            region, role = value.region, value.role
        elif isinstance(value, Mapping):
            region, role = value.get("region"), value.get("role")
        elif isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
            region, role = value[0], value[1]
        else:
            raise InvalidInput(f"{where}: {value!r} is not a (region code, role) pair")
        role = ROLE_ALIASES.get(role, role) if isinstance(role, str) else role
        if role not in CHAIN_ROLES:
            raise InvalidInput(
                f"{where}: role '{role}' is unknown (expected one of {', '.join(CHAIN_ROLES)})"
            )
        if not isinstance(region, str) or regions.get(region) is None:
            raise InvalidInput(
                f"{where}: region '{region}' is not a GB/T 2260 code in the table "
                "(expected 6 digits, e.g. 350304)"
            )
        if region == regions.NATIONAL:
            raise InvalidInput(f"{where}: the national root 100000 is not a place goods can be")
        return cls(region, role)


@dataclass(frozen=True, slots=True)
class RoutingParams:
    """Thresholds and choices of the routing rules (a bureau may tune them)."""

    notify_roles: frozenset[str] = frozenset({"production", "label_printing", "sale"})
    major_min_provinces: int = 3  # a chain over this many provinces is major
    major_min_regions: int = 10  # … or over this many distinct places
    major_min_amount_yuan: float = 1_000_000.0  # … or this amount involved (涉案金额)


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What is known beyond the places: amount involved, a bureau's own judgement."""

    amount_yuan: float | None = None
    declared_major: bool = False


DEFAULT_PARAMS = RoutingParams()
NO_FACTS = CaseFacts()


@dataclass(frozen=True, slots=True)
class Routing:
    """Where a clue goes. Bureaus are ids (``bureau:<code>``)."""

    level: Level
    coordinator: str  # the one bureau that coordinates (lead province for inter-provincial)
    coordinators: tuple[str, ...]  # inter-provincial: every provincial bureau involved
    lead: str
    lead_province: str
    notify: tuple[str, ...]
    participants: tuple[str, ...]  # every involved bureau, lead first
    major: bool
    cross_region: bool
    blocs: tuple[str, ...] = ()
    outside_mainland: tuple[str, ...] = ()
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _place(code: str) -> str:
    return regions.full_name(code) or code


def route(
    involvement: Iterable[RegionRole | Mapping[str, Any] | Sequence[str]],
    *,
    investigating: str | None = None,
    facts: CaseFacts = NO_FACTS,
    params: RoutingParams = DEFAULT_PARAMS,
) -> Routing:
    """Route a clue from the regions involved and their roles in the chain.

    ``investigating`` (a bureau) is left out of the notification list: it is the sender.
    """
    entries = [RegionRole.parse(v, f"involvement[{i}]") for i, v in enumerate(involvement)]
    if not entries:
        raise InvalidInput("involvement is empty: give at least one (region code, role)")
    reasons: list[str] = []
    outside = tuple(dict.fromkeys(e.region for e in entries if not bureaus.is_mainland(e.region)))
    for code in outside:
        reasons.append(
            f"{_place(code)} has no mainland bureau: share through the Greater Bay Area / "
            "Pan-Pearl River Delta cooperation (区域协同), not by notification"
        )
    mainland = [e for e in entries if bureaus.is_mainland(e.region)]
    if not mainland:
        raise InvalidInput("no involved region is on the mainland: no bureau can be routed to")
    sender = bureaus.bureau_id(investigating) if investigating else None

    # Lead (主办): the first entry by chain order, then by order given.
    ranked = sorted(enumerate(mainland), key=lambda p: (CHAIN_ROLES.index(p[1].role), p[0]))
    lead_entry = ranked[0][1]
    lead = bureaus.of_region(lead_entry.region)
    reasons.append(
        f"lead (主办): {lead.name}, {ROLE_TERMS[lead_entry.role]} in {_place(lead_entry.region)}"
        " (the source comes first: production, label printing, storage, sale, registration)"
    )
    involved = list(dict.fromkeys(bureaus.of_region(e.region).id for e in mainland))
    participants = (lead.id, *(b for b in involved if b != lead.id))

    # Notification (通报).
    notify: list[str] = []
    for entry in mainland:
        target = bureaus.of_region(entry.region)
        if entry.role not in params.notify_roles:
            reasons.append(
                f"not notified for {ROLE_TERMS[entry.role]} in {_place(entry.region)}: "
                f"notification covers {', '.join(sorted(params.notify_roles))}"
            )
        elif target.id == sender:
            continue
        elif target.id not in notify:
            notify.append(target.id)
            reasons.append(
                f"notify (通报) {target.name}: {ROLE_TERMS[entry.role]} in {_place(entry.region)}"
            )

    # Coordination.
    provinces = list(dict.fromkeys(regions.get(e.region).province for e in mainland))  # type: ignore[union-attr]
    places = {e.region for e in mainland}
    amount = facts.amount_yuan
    major_why: list[str] = []
    if len(provinces) >= params.major_min_provinces:
        major_why.append(f"{len(provinces)} provinces (≥ {params.major_min_provinces})")
    if len(places) >= params.major_min_regions:
        major_why.append(f"{len(places)} places (≥ {params.major_min_regions})")
    if amount is not None and amount >= params.major_min_amount_yuan:
        major_why.append(f"amount ¥{amount:,.0f} (≥ ¥{params.major_min_amount_yuan:,.0f})")
    if facts.declared_major:
        major_why.append("declared major by a bureau")
    major = bool(major_why)
    lead_province = bureaus.of_region(lead.code[:2] + "0000") if lead.level != "national" else lead
    level: Level
    if len(provinces) > 1:
        provincial = [bureaus.of_region(p).id for p in provinces]
        coordinators = (lead_province.id, *(p for p in provincial if p != lead_province.id))
        names = "、".join(bureaus.get(p).name for p in coordinators)
        if major:
            level, coordinator = "national", bureaus.NATIONAL_ID
            coordinators = (bureaus.NATIONAL_ID, *coordinators)
            reasons.append(
                f"major (重大) cross-province clue ({'; '.join(major_why)}): reported to SAMR "
                "to coordinate or list for supervision (挂牌督办), with " + names
            )
        else:
            level, coordinator = "inter_provincial", lead_province.id
            reasons.append(
                f"spans {len(provinces)} provinces: coordinated by the provincial bureaus "
                f"involved ({names}), {lead_province.name} leading as the lead's province"
            )
    else:
        common = bureaus.lowest_common(*involved)
        coordinator, coordinators = common.id, (common.id,)
        level = common.level  # type: ignore[assignment]
        if len(involved) == 1:
            reasons.append(f"one place: {common.name} handles it (属地管辖)")
        else:
            cities = {regions.get(e.region).city for e in mainland}  # type: ignore[union-attr]
            if len(cities) == 1 and None not in cities:
                span = "counties of one city"
                if common.level == "province":
                    span += " with no city-level bureau of its own"
            else:
                span = "cities of one province"
            reasons.append(f"spans {span}: coordinated by {common.name}")
        if major:
            reasons.append(
                f"major (重大) ({'; '.join(major_why)}): {common.name} organises a unified "
                "joint action (集群作战) and may list it for supervision (挂牌督办)"
            )
    shared = bureaus.shared_blocs(provinces) if len(provinces) > 1 else ()
    for bloc in shared:
        reasons.append(
            f"all provinces are in {bloc.name} ({bloc.name_en}): use the bloc's joint "
            "enforcement (区域协同执法)"
        )
    return Routing(
        level=level,
        coordinator=coordinator,
        coordinators=coordinators,
        lead=lead.id,
        lead_province=lead_province.id,
        notify=tuple(notify),
        participants=participants,
        major=major,
        cross_region=len(involved) > 1,
        blocs=tuple(b.id for b in shared),
        outside_mainland=outside,
        reasons=tuple(reasons),
    )
