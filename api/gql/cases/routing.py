"""Jurisdiction routing (``cases.routing``): who leads, coordinates and is notified for a
chain, previewed without storing anything; the regional cooperation blocs (区域协同)."""

from __future__ import annotations

import strawberry

from cluehub.cases import bureaus as directory
from cluehub.cases import errors
from cluehub.cases import routing as rules
from cluehub.cases.routing import CaseFacts, ChainRole, Level, Place, parse_place

from ..context import Info
from ..types import Bureau, Region
from .bridge import translate
from .shapes import FromRecord, bureau_of, bureaus_of, expose, read

expose(ChainRole, "ChainRole")
expose(Level, "CoordinationLevel")


@strawberry.type(description="A regional cooperation bloc for joint enforcement (区域协同).")
class Bloc(FromRecord):
    id: str = read("id")  # a bloc's own id (records give theirs as ``key``)
    name: str
    name_en: str
    members: list[Region] = strawberry.field(
        description="Member divisions (a province covers all of it)."
    )


@strawberry.type(description="One region's part in the chain.")
class RegionRole(FromRecord):
    region: Region
    role: ChainRole


@strawberry.input(
    description='A region and its part in the chain: {region: "350304", role: PRODUCTION}.'
)
class RegionRoleInput:
    region: str
    role: ChainRole


def places_of(items: list[RegionRoleInput] | None) -> list[Place]:
    """The involvement regions and roles; a bad one is BAD_USER_INPUT, saying which."""
    try:
        return [
            parse_place((i.region, i.role.value), f"involvement[{n}]")
            for n, i in enumerate(items or ())
        ]
    except errors.CasesError as exc:
        raise translate(exc) from None


def _places(info: Info, items: list[RegionRoleInput] | None) -> list[Place] | None:
    return None if items is None else places_of(items)


PLACES = _places  # an input's involvement as the room's places (:func:`bridge.term`)


@strawberry.type(description="Where a clue would go (jurisdiction routing), with the reasons.")
class RoutingPreview:
    level: Level
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
    def of(cls, routing: rules.Routing) -> RoutingPreview:
        return cls(
            level=routing.level,
            coordinator=bureau_of(routing.coordinator),
            coordinators=bureaus_of(routing.coordinators),
            lead=bureau_of(routing.lead),
            lead_province=bureau_of(routing.lead_province),
            notify=bureaus_of(routing.notify),
            participants=bureaus_of(routing.participants),
            major=routing.major,
            cross_region=routing.cross_region,
            blocs=[Bloc.of(directory.bloc(b)) for b in routing.blocs],
            outside_mainland=[Region(code=c) for c in routing.outside_mainland],
            reasons=list(routing.reasons),
        )


@strawberry.type
class RoutingQuery:
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
    ) -> RoutingPreview | None:
        try:
            result = rules.route(
                places_of(region_roles),
                investigating=investigating,
                facts=CaseFacts(amount_yuan=amount_yuan, declared_major=declared_major),
            )
        except errors.CasesError as exc:
            raise translate(exc) from None
        return RoutingPreview.of(result)

    @strawberry.field(description="The regional cooperation blocs (区域协同执法, 003 §3.3).")
    def blocs(self) -> list[Bloc] | None:
        return [Bloc.of(b) for b in directory.blocs()]
