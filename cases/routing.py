"""Jurisdiction routing in the coordination room: the analysis room's decision, in bureaus.

The rules (who leads, who coordinates, whom to notify, whether it is major) are decided
once, by :func:`cluehub.analysis.jurisdiction.decide`, for ``cluehub analyze`` and for
this room alike. What stays here is what only coordination needs: parsing a chain given
by hand as (region, role) pairs with errors that name the entry, naming the bureaus by id
(``bureau:<code>``), and the regional cooperation blocs (区域协同执法, 003 §3.3) that all
provinces of a chain share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cluehub.analysis.jurisdiction import (
    DEFAULT_PARAMS,
    NO_FACTS,
    CaseFacts,
    ChainRole,
    Footprint,
    Jurisdiction,
    JurisdictionError,
    Level,
    Place,
    decide,
)
from cluehub.analysis.params import CaseParams
from cluehub.graph import regions

from . import bureaus
from .errors import InvalidInput

__all__ = [
    "DEFAULT_PARAMS",
    "NO_FACTS",
    "CaseFacts",
    "ChainRole",
    "Footprint",
    "Level",
    "Place",
    "Routing",
    "parse_place",
    "route",
    "route_footprint",
]


def parse_place(value: Place | Mapping[str, Any] | Sequence[str], where: str) -> Place:
    """A :class:`Place` from a Place, a ``{'region':…, 'role':…}`` mapping or a
    (region, role) pair; errors name the entry and what would be accepted."""
    if isinstance(value, Place):
        region, role = value.region, value.role
    elif isinstance(value, Mapping):
        region, role = value.get("region"), value.get("role")
    elif isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        region, role = value[0], value[1]
    else:
        raise InvalidInput(f"{where}: {value!r} is not a (region code, role) pair")
    if role not in [r.value for r in ChainRole]:
        raise InvalidInput(
            f"{where}: role '{role}' is unknown (expected one of {', '.join(ChainRole)})"
        )
    if not isinstance(region, str) or regions.get(region) is None:
        raise InvalidInput(
            f"{where}: region '{region}' is not a GB/T 2260 code in the table "
            "(expected 6 digits, e.g. 350304)"
        )
    if region == regions.NATIONAL:
        raise InvalidInput(f"{where}: the national root 100000 is not a place goods can be")
    return Place(region, ChainRole(role))


def _id(code: str) -> str:
    return bureaus.PREFIX + code


@dataclass(frozen=True, slots=True)
class Routing:
    """The jurisdiction decided for a chain, with bureaus as ids, and the shared blocs."""

    jurisdiction: Jurisdiction
    blocs: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # the decision's reasons, then the blocs'

    @property
    def level(self) -> Level:
        return self.jurisdiction.level

    @property
    def coordinator(self) -> str:
        return _id(self.jurisdiction.coordinator)

    @property
    def coordinators(self) -> tuple[str, ...]:
        return tuple(_id(c) for c in self.jurisdiction.coordinators)

    @property
    def lead(self) -> str:
        return _id(self.jurisdiction.lead)

    @property
    def lead_province(self) -> str:
        return _id(self.jurisdiction.provinces[0])

    @property
    def notify(self) -> tuple[str, ...]:
        return tuple(_id(c) for c in self.jurisdiction.notify)

    @property
    def participants(self) -> tuple[str, ...]:
        return tuple(_id(c) for c in self.jurisdiction.participants)

    @property
    def major(self) -> bool:
        return self.jurisdiction.major

    @property
    def cross_region(self) -> bool:
        return self.jurisdiction.cross_region

    @property
    def outside_mainland(self) -> tuple[str, ...]:
        return self.jurisdiction.outside_mainland


def route_footprint(
    footprint: Footprint,
    *,
    investigating: str | None = None,
    params: CaseParams = DEFAULT_PARAMS,
) -> Routing:
    """Route a chain's footprint; ``investigating`` (a bureau) sends the notifications."""
    sender = bureaus.get(investigating).code if investigating else None
    try:
        decided = decide(footprint, params, investigating=sender)
    except JurisdictionError as exc:
        raise InvalidInput(str(exc)) from None
    provinces = decided.provinces
    shared = bureaus.shared_blocs(provinces) if len(provinces) > 1 else ()
    reasons = [
        *decided.reasons,
        *(
            f"all provinces are in {bloc.name} ({bloc.name_en}): use the bloc's joint "
            "enforcement (区域协同执法)"
            for bloc in shared
        ),
    ]
    return Routing(decided, tuple(b.id for b in shared), tuple(reasons))


def route(
    involvement: Iterable[Place | Mapping[str, Any] | Sequence[str]],
    *,
    investigating: str | None = None,
    facts: CaseFacts = NO_FACTS,
    params: CaseParams = DEFAULT_PARAMS,
) -> Routing:
    """Route a chain given as (region, role) pairs (the routing preview, notifications)."""
    places = tuple(parse_place(v, f"involvement[{i}]") for i, v in enumerate(involvement))
    if not places:
        raise InvalidInput("involvement is empty: give at least one (region code, role)")
    return route_footprint(
        Footprint(places, facts=facts), investigating=investigating, params=params
    )
