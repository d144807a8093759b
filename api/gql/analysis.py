"""The analysis domain: trace production sources, sales networks, rings.

Resolved through ``api.analysis_adapter`` (the analysis room is built in parallel). Every
key an analysis returns is loaded through the scoped node loader: candidates outside
the viewer's scope are left out, and so is any evidence path that passes through a node
the viewer may not see (a path is shown whole or not at all).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from cluehub.analysis import propose_joint_case, results, ring_docs
from cluehub.analysis.shipments import kind_of
from cluehub.api import analysis_adapter
from cluehub.api.errors import BadInput
from cluehub.graph.store import Node

from .context import Context, Info
from .graph import resolve_start
from .permissions import offset_cursor, page_window
from .types import (
    Entity,
    EntityConnection,
    EntityKind,
    PageInfo,
    Region,
    Relationship,
    entity_connection,
    entity_of,
    to_time,
)
from .types import (
    Path as PathType,
)


@strawberry.enum(
    description="Upstream: production sources (生产源头); downstream: sales network (销售网络)."
)
class TraceDirection(Enum):
    UPSTREAM = "upstream"
    DOWNSTREAM = "downstream"


@strawberry.type(description="An entity the trace leads to, with the paths that show why.")
class TraceCandidate:
    entity: Entity
    score: float | None
    role: str | None
    evidence: list[PathType]


@strawberry.type(description="Where a trace from one entity leads, best candidates first.")
class Trace:
    direction: TraceDirection
    start: Entity
    candidates: list[TraceCandidate]


@strawberry.type(description="A region and how many of the ring's members sit there.")
class RegionCount:
    region: Region
    count: int


@strawberry.type(description="Where a ring's members sit, by level.")
class RingRegions:
    provinces: list[RegionCount]
    cities: list[RegionCount]
    counties: list[RegionCount]


@strawberry.type(description="A platform or brand and how many members or clues name it.")
class NameCount:
    name: str
    count: int


@strawberry.type(description="A central member of a ring (PageRank and betweenness).")
class RingKeyNode:
    entity: Entity
    pagerank: float
    betweenness: float


@strawberry.type(description="A source candidate inside a ring: role, score, where it sits.")
class RingSource:
    entity: Entity
    role: str
    score: float
    regions: list[Region]


@strawberry.type(description="A region taking part in a proposed joint case, and its roles.")
class ProposedParticipant:
    region: Region
    roles: list[str]


@strawberry.type(
    description="The joint case the jurisdiction rules propose for a ring or a trace "
    "(跨区域联合办案)."
)
class ProposedJointCase:
    level: str
    coordinators: list[Region]
    lead: Region
    participants: list[ProposedParticipant]
    major: bool
    supervise: bool = strawberry.field(
        description="Major across provinces: SAMR may coordinate or list it (挂牌督办)."
    )
    notify: list[Region] = strawberry.field(description="Bureaus the lead notifies (通报).")
    reasons: list[str] = strawberry.field(description="Why, rule by rule (routing reasons).")


@strawberry.type(description="A group of entities acting together (团伙), found by analysis.")
class Ring:
    id: strawberry.ID
    size: int = strawberry.field(description="Members you may see.")
    score: float | None = strawberry.field(description="The best source's confidence.")
    reason: str | None = strawberry.field(description="One line on why this is a ring.")
    members: EntityConnection
    regions: RingRegions
    platforms: list[NameCount]
    brands: list[NameCount]
    shops: list[Entity]
    key_nodes: list[RingKeyNode]
    sources: list[RingSource]
    complaints: int = strawberry.field(description="Complaints and clues on the ring.")
    waybills: int
    first_seen: datetime | None
    last_seen: datetime | None
    proposed_case: ProposedJointCase | None = strawberry.field(
        description="The joint case the rules propose; null when the ring spans one county."
    )


@strawberry.input
class RingFilter:
    min_size: int = 3
    kinds: list[EntityKind] | None = None  # type: ignore[valid-type]


@strawberry.type
class RingEdge:
    cursor: str
    node: Ring


@strawberry.type
class RingConnection:
    edges: list[RingEdge]
    page_info: PageInfo


def _counts(pairs: tuple[tuple[str, int], ...]) -> list[RegionCount]:
    return [RegionCount(region=Region(code=c), count=n) for c, n in pairs]


def proposed_case_of(case: results.ProposedCase | None) -> ProposedJointCase | None:
    """The GraphQL shape of the analysis room's proposal (None stays None)."""
    if case is None:
        return None
    decided = case.jurisdiction
    return ProposedJointCase(
        level=str(decided.level),
        coordinators=[Region(code=c) for c in decided.coordinators],
        lead=Region(code=decided.lead),
        participants=[
            ProposedParticipant(region=Region(code=p.region), roles=[str(r) for r in p.roles])
            for p in case.participants
        ],
        major=decided.major,
        supervise=decided.report_to_samr,
        notify=[Region(code=c) for c in decided.notify],
        reasons=list(decided.reasons),
    )


def ring_of(ring: results.Ring, visible: dict[str, Node], kinds: set[str] | None = None) -> Ring:
    """The GraphQL ring: only members the viewer may see (of ``kinds``, when given),
    everything else as analysed."""
    members = [
        visible[k] for k in ring.members if k in visible and (kinds is None or kind_of(k) in kinds)
    ]
    return Ring(
        id=strawberry.ID(ring.id),
        size=len(members),
        score=ring_docs.score_of(ring),
        reason=ring_docs.reason_of(ring),
        members=entity_connection(members, 0, len(members)),
        regions=RingRegions(
            provinces=_counts(ring.regions.provinces),
            cities=_counts(ring.regions.cities),
            counties=_counts(ring.regions.counties),
        ),
        platforms=[NameCount(name=p, count=n) for p, n in ring.platforms],
        brands=[NameCount(name=b, count=n) for b, n in ring.brands],
        shops=[entity_of(visible[s.key]) for s in ring.shops if s.key in visible],
        key_nodes=[
            RingKeyNode(
                entity=entity_of(visible[k.key]), pagerank=k.pagerank, betweenness=k.betweenness
            )
            for k in ring.key_nodes
            if k.key in visible
        ],
        sources=[
            RingSource(
                entity=entity_of(visible[c.key]),
                role=c.role,
                score=c.score,
                regions=[Region(code=r) for r in c.regions],
            )
            for c in ring.sources
            if c.key in visible
        ],
        complaints=len(ring.complaints),
        waybills=ring.waybills,
        first_seen=to_time(ring.first_seen),
        last_seen=to_time(ring.last_seen),
        proposed_case=proposed_case_of(propose_joint_case(ring)),
    )


def _path(path: analysis_adapter.Evidence, visible: dict[str, Node]) -> PathType | None:
    if any(key not in visible for key in path.nodes):
        return None
    return PathType(
        nodes=[entity_of(visible[key]) for key in path.nodes],
        relationships=[Relationship.of(e.src, e.type, e.dst, e.props) for e in path.edges],
    )


async def _visible(ctx: Context, keys: list[str]) -> dict[str, Node]:
    nodes = await ctx.loaders.nodes.load_many(list(dict.fromkeys(keys)))
    return {node.key: node for node in nodes if node is not None}


async def _trace(ctx: Context, direction: TraceDirection, start: Node, first: int) -> Trace:
    cap = ctx.settings.graphql_page_cap
    if not 1 <= first <= cap:
        raise BadInput(f"first must be between 1 and {cap}, got {first}")
    call = (
        analysis_adapter.trace_sources
        if direction is TraceDirection.UPSTREAM
        else analysis_adapter.sales_network
    )
    found = await ctx.call_store(
        f"analysis.{direction.value}", call, ctx.store, start.key, scope=ctx.scope, limit=first
    )
    keys = [c.key for c in found] + [k for c in found for p in c.paths for k in p.nodes]
    visible = await _visible(ctx, keys)
    candidates = []
    for cand in found:
        if cand.key not in visible:
            continue
        evidence = [p for p in (_path(path, visible) for path in cand.paths) if p is not None]
        candidates.append(
            TraceCandidate(
                entity=entity_of(visible[cand.key]),
                score=cand.score,
                role=cand.role,
                evidence=evidence,
            )
        )
    return Trace(direction=direction, start=entity_of(start), candidates=candidates[:first])


@strawberry.type
class AnalysisQuery:
    @strawberry.field(description="Trace upstream to production sources (生产源头).")
    async def trace_sources(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        key: str | None = None,
        first: int = 20,
    ) -> Trace | None:
        start = await resolve_start(info.context, id, key)
        return await _trace(info.context, TraceDirection.UPSTREAM, start, first)

    @strawberry.field(description="Trace downstream to the sales network (销售网络).")
    async def sales_network(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        key: str | None = None,
        first: int = 20,
    ) -> Trace | None:
        start = await resolve_start(info.context, id, key)
        return await _trace(info.context, TraceDirection.DOWNSTREAM, start, first)

    @strawberry.field(
        description=(
            "The joint case the jurisdiction rules propose for the trace to production "
            "sources from this entity (as `Ring.proposedCase`: lead, coordinators, notified "
            "bureaus, major, reasons); null when the chain stays in one county. "
            "`createJointCaseFromTrace` opens it."
        )
    )
    async def trace_proposed_case(
        self, info: Info, id: strawberry.ID | None = None, key: str | None = None
    ) -> ProposedJointCase | None:
        ctx = info.context
        start = await resolve_start(ctx, id, key)
        found = await ctx.call_store(
            "analysis.trace_case",
            analysis_adapter.trace_case,
            ctx.store,
            start.key,
            scope=ctx.scope,
        )
        return proposed_case_of(found.proposal if found else None)

    @strawberry.field(description="Rings (groups acting together) with members in your scope.")
    async def rings(
        self,
        info: Info,
        filter: RingFilter | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> RingConnection | None:
        ctx = info.context
        skip, size = page_window(first, after, ctx.settings.graphql_page_cap)
        where = filter or RingFilter()
        if not 2 <= where.min_size <= 1000:
            raise BadInput(f"minSize must be between 2 and 1000, got {where.min_size}")
        found = await ctx.call_store(
            "analysis.rings",
            ring_docs.visible,
            ctx.store,
            ctx.scope,
            min_size=where.min_size,
            limit=skip + size + 1,
        )
        kinds = {k.value for k in where.kinds} if where.kinds else None
        visible = await _visible(ctx, [k for ring in found for k in ring.members])
        shown = [
            r
            for r in found
            if any(k in visible and (kinds is None or kind_of(k) in kinds) for k in r.members)
        ]
        edges = [
            RingEdge(cursor=offset_cursor(skip + i), node=ring_of(ring, visible, kinds))
            for i, ring in enumerate(shown[skip : skip + size])
        ]
        return RingConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(shown) > skip + size,
                has_previous_page=skip > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )
