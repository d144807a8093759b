"""Core GraphQL types: the ``Entity`` interface and one concrete type per node kind,
regions, bureaus, relationships, paths, pages.

Concrete entity types are made from the model registry (``graph.model.NODE_KINDS``), so
a new node kind becomes a GraphQL type without code here, and each declared property of
a kind becomes a typed field of its type (``Shop.name``, ``Waybill.weightKg``,
``Listing.takedownAt``): the field's scalar comes from the property type
(:data:`SCALAR_OF`), its description from the model. Every entity is shown **masked**:
``key``, ``caption``, ``properties`` and the typed fields go through ``api.masking``
(one rule: :func:`masking.shown`); the cleartext only comes out of the audited
``unmask`` mutation, as a separate object.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import Enum
from functools import lru_cache
from typing import Any, Self

import strawberry
from strawberry.scalars import JSON

from cluehub.api import bureaus, masking
from cluehub.api.errors import BadInput
from cluehub.graph import model, regions
from cluehub.graph import properties as pt
from cluehub.graph.store import Node

from .arguments import Page, spread
from .connection import Connection, Edge
from .context import Info, request_ids
from .kinds import EntityKind, RelationshipType
from .loaders import NeighbourQuery
from .permissions import offset_cursor


@strawberry.enum(description="Which way a relationship points, seen from the entity.")
class Direction(Enum):
    OUT = "OUT"
    IN = "IN"


@strawberry.enum(description="Level of an administrative division and of its bureau.")
class RegionLevel(Enum):
    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


def to_time(ms: Any) -> datetime | None:
    if not isinstance(ms, int | float):
        return None
    return _time_of(ms)


@lru_cache(maxsize=65_536)  # a picture's nodes and edges share their observation times
def _time_of(ms: float) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


@strawberry.type
class Count:
    """A name and how many of it: clues by channel, actions by kind, a ring's platforms."""

    name: str
    count: int

    @classmethod
    def listed(cls, pairs: Iterable[tuple[str, int]]) -> list[Self]:
        """The counts of ``(name, count)`` pairs, in their order."""
        return [cls(name=name, count=count) for name, count in pairs]


@strawberry.type(description="One property of an entity, personal values masked.")
class Property:
    name: str
    value: JSON | None


@strawberry.type(description="An administrative division (行政区划, GB/T 2260).")
class Region:
    code: str

    @strawberry.field
    def name(self) -> str:
        region = regions.get(self.code)
        return region.name if region else self.code

    @strawberry.field(description="With its superiors, e.g. 福建省莆田市荔城区.")
    def full_name(self) -> str:
        return regions.full_name(self.code)

    @strawberry.field
    def level(self) -> RegionLevel | None:
        region = regions.get(self.code)
        return RegionLevel(region.level) if region else None

    @strawberry.field
    def parent(self) -> Region | None:
        region = regions.get(self.code)
        return Region(code=region.parent) if region and region.parent else None

    @strawberry.field(description="The market-regulation bureau of this division.")
    def bureau(self) -> Bureau | None:
        return Bureau.of(self.code)


@strawberry.type(description="The liaison officer (知识产权执法联络员) of a bureau.")
class Liaison:
    name: str
    phone: str | None
    email: str | None
    updated_at: datetime | None
    updated_by: str | None

    @classmethod
    def of(cls, doc: dict[str, Any]) -> Liaison:
        return cls(
            name=str(doc.get("name", "")),
            phone=doc.get("phone"),
            email=doc.get("email"),
            updated_at=to_time(doc.get("updated")),
            updated_by=doc.get("updated_by"),
        )


@strawberry.type(description="A market-regulation bureau (市场监督管理局), one per division.")
class Bureau:
    code: str
    name: str
    level: RegionLevel
    region: Region

    @classmethod
    def of(cls, code: str) -> Bureau | None:
        found = bureaus.bureau(code)
        if found is None:
            return None
        return cls(
            code=found.code,
            name=found.name,
            level=RegionLevel(found.level),
            region=Region(code=found.code),
        )

    @strawberry.field(description="The superior bureau (none for SAMR).")
    def parent(self) -> Bureau | None:
        region = regions.get(self.code)
        return Bureau.of(region.parent) if region and region.parent else None

    @strawberry.field
    async def liaison(self, info: Info) -> Liaison | None:
        doc = await info.context.loaders.liaisons.load(self.code)
        return Liaison.of(doc) if doc else None


@strawberry.interface(
    description="A node of the clue graph. Personal data is masked; see `unmask`."
)
class Entity:
    """Facts of the node itself are attributes, filled once by :func:`entity_of`, so a
    list of hundreds of entities completes without a resolver call per field
    (``execution``); what needs a read or more work (sources, properties, neighbours)
    is a method, run only when asked for."""

    node: strawberry.Private[Node]
    id: strawberry.ID = strawberry.field(
        description="Opaque, stable id: pass it back to entity, unmask, …."
    )
    kind: str = strawberry.field(description="The node kind (label).")
    key: str = strawberry.field(description="The node key, masked where it holds personal data.")
    caption: str = strawberry.field(description="A short label for people, masked like the key.")
    masked: bool = strawberry.field(
        description="True when masking hides something `unmask` would show."
    )
    first_seen: datetime | None = strawberry.field(description="Earliest observation.")
    last_seen: datetime | None = strawberry.field(description="Latest observation.")
    sightings: int = strawberry.field(description="How many times sources asserted it.")

    @strawberry.field(description="Source records (feed/record-id), the first 32.")
    async def sources(self, info: Info) -> list[str]:
        if "sources" in self.node.props:
            return list(self.node.props["sources"])
        # A node read as a summary (a neighbourhood's): its list comes on demand.
        return await info.context.loaders.sources.load(self.node.key)

    regions: list[Region] = strawberry.field(
        description="Divisions the node is placed in, most specific first."
    )

    @strawberry.field(description="Other properties, personal values masked.")
    def properties(self) -> list[Property]:
        shown = masking.mask_props(self.node.kind, self.node.props)
        return [
            Property(name=name, value=value)
            for name, value in sorted(shown.items())
            if name not in HIDDEN_PROPS
        ]

    @strawberry.field(description="Neighbours in the viewer's scope, one page at a time.")
    @spread(page=Page())
    async def neighbours(
        self,
        info: Info,
        types: list[RelationshipType] | None = None,
        kinds: list[EntityKind] | None = None,
        direction: Direction | None = None,
        *,
        page: Page,
    ) -> NeighbourConnection:
        skip, size = page.window(info.context.settings.graphql_page_cap)
        query = NeighbourQuery(
            key=self.node.key,
            types=tuple(t.value for t in types) if types else None,
            labels=tuple(k.value for k in kinds) if kinds else None,
            direction=direction.value if direction else None,
            skip=skip,
            first=size,
        )
        page = await info.context.loaders.neighbours.load(query)
        edges = [
            NeighbourEdge(
                cursor=offset_cursor(skip + i),
                node=entity_of(item.node),
                relationship=RelationshipType(item.type),
                direction=Direction.OUT if item.outgoing else Direction.IN,
                first_seen=to_time(item.rel_props.get("first_seen")),
                last_seen=to_time(item.rel_props.get("last_seen")),
                sightings=int(item.rel_props.get("sightings", 0)),
            )
            for i, item in enumerate(page.items[:size])
        ]
        return NeighbourConnection.of(
            edges, has_next=len(page.items) > size, has_previous=skip > 0, total_count=page.total
        )


HIDDEN_PROPS = model.STORE_PROPS  # shown by the Entity fields above, not in `properties`


@strawberry.type(description="A neighbour and the relationship that leads to it.")
class NeighbourEdge(Edge[Entity]):
    relationship: RelationshipType
    direction: Direction
    first_seen: datetime | None
    last_seen: datetime | None
    sightings: int


@strawberry.type(description="A page of an entity's neighbours.")
class NeighbourConnection(Connection[Entity]):
    """``Connection[Entity]`` whose edges also say how each neighbour is joined."""

    edges: list[NeighbourEdge]  # the relationship's facts beside each neighbour
    total_count: int = strawberry.field(description="Neighbours in scope matching the filters.")


EntityConnection = Connection[Entity]


def entity_connection(nodes: list[Node], skip: int, size: int) -> Connection[Entity]:
    """A page from ``size + 1`` loaded nodes (the extra one says there is a next page)."""
    return Connection.page([entity_of(node) for node in nodes], skip=skip, size=size)


@strawberry.type(description="A relationship between two entities the viewer may see.")
class Relationship:
    type: RelationshipType
    source_key: strawberry.Private[str]
    target_key: strawberry.Private[str]
    first_seen: datetime | None
    last_seen: datetime | None
    sightings: int
    sources: list[str]

    @classmethod
    def of(cls, src: str, type_: str, dst: str, props: dict[str, Any]) -> Relationship:
        return cls(
            type=RelationshipType(type_),
            source_key=src,
            target_key=dst,
            first_seen=to_time(props.get("first_seen")),
            last_seen=to_time(props.get("last_seen")),
            sightings=int(props.get("sightings", 0)),
            sources=list(props.get("sources", [])),
        )

    @strawberry.field
    async def source(self, info: Info) -> Entity | None:
        node = await info.context.loaders.nodes.load(self.source_key)
        return entity_of(node) if node else None

    @strawberry.field
    async def target(self, info: Info) -> Entity | None:
        node = await info.context.loaders.nodes.load(self.target_key)
        return entity_of(node) if node else None


@strawberry.type(description="A chain of relationships: evidence for a trace or a ring.")
class Path:
    nodes: list[Entity]
    relationships: list[Relationship]
    length: int

    @classmethod
    def of(cls, nodes: list[Entity], relationships: list[Relationship]) -> Path:
        return cls(nodes=nodes, relationships=relationships, length=len(relationships))


# The GraphQL scalar of each property type. Personal properties are text types only
# (the model checks it), so a masked value always fits its field.
SCALAR_OF: dict[str, type] = {
    pt.STRING.name: str,
    pt.NAME.name: str,
    pt.ADDRESS.name: str,
    pt.TEXT.name: str,
    pt.NUMBER.name: float,
    pt.INTEGER.name: int,
    pt.TIME.name: datetime,
    pt.FLAG.name: bool,
}


def _typed(prop: model.Prop, value: Any) -> Any:
    """A stored (and masked) value in its field's scalar; None when it does not fit
    (data written before the property was declared with this type)."""
    if value is None:
        return None
    if prop.many:
        values = value if isinstance(value, list) else [value]
        return [str(v) for v in values]
    if not prop.type.check(value):
        return None
    if prop.type is pt.TIME:
        return to_time(value)
    return float(value) if prop.type is pt.NUMBER else value


def _prop_field(prop: model.Prop) -> Any:
    """The typed field of one declared property, masked like ``properties``."""

    def resolve(self) -> Any:  # type: ignore[no-untyped-def]
        node = self.node
        return _typed(prop, masking.shown(node.kind, prop.name, node.props.get(prop.name)))

    scalar = SCALAR_OF[prop.type.name]
    resolve.__annotations__ = {"return": (list[scalar] if prop.many else scalar) | None}
    flags = " Personal data: masked (see `unmask`)." if prop.pii else ""
    return strawberry.field(resolver=resolve, description=f"{prop.description}{flags}")


ENTITY_FIELDS = frozenset(
    f.python_name
    for f in Entity.__strawberry_definition__.fields  # type: ignore[attr-defined]
)


def _entity_type(kind: model.NodeKind) -> type[Entity]:
    # The graph's Region nodes are entities; `Region` is the division type above.
    name = "RegionNode" if kind.label == "Region" else kind.label
    clash = ENTITY_FIELDS.intersection(p.name for p in kind.props)
    if clash:
        raise TypeError(f"{kind.label} properties {sorted(clash)} clash with Entity's fields")
    namespace: dict[str, Any] = {"__module__": __name__, "__qualname__": name}
    namespace.update({prop.name: _prop_field(prop) for prop in kind.props})
    cls = type(name, (Entity,), namespace)
    return strawberry.type(cls, name=name, description=kind.description)


ENTITY_TYPES: dict[str, type[Entity]] = {k.label: _entity_type(k) for k in model.NODE_KINDS}


def entity_of(node: Node) -> Entity:
    """The GraphQL object of a node, by its kind (ids by the request's codec)."""
    try:
        cls = ENTITY_TYPES[node.kind]
    except KeyError:
        raise BadInput(f"node kind '{node.kind}' has no GraphQL type") from None
    props = node.props
    return cls(
        node=node,
        id=strawberry.ID(request_ids().encode(node.key)),
        kind=node.kind,
        key=masking.masked_key(node.key),
        caption=masking.caption(node.kind, node.key, props),
        masked=masking.is_sensitive(node.kind, props, personal=node.personal),
        first_seen=to_time(props.get("first_seen")),
        last_seen=to_time(props.get("last_seen")),
        sightings=int(props.get("sightings", 0)),
        regions=_regions(tuple(props.get("regions", ()))),
    )


@lru_cache(maxsize=4_096)  # few distinct region lists; the objects are only read
def _regions(codes: tuple[str, ...]) -> list[Region]:
    return [Region(code=code) for code in codes]
