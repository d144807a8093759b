"""The analysis domain: trace production sources, sales networks, rings.

The analysis room's results (``cluehub.analysis.results``) are converted here, once: a
trace's candidates and a sales network's shops, warehouses and receivers become
:class:`Lead` (the key, score, role and evidence paths both ``traceSources`` and the
console's ``traceView`` show), a ring becomes :class:`Ring` by ``Ring.of``. Every key an
analysis returns is loaded through the scoped node loader: candidates outside the
viewer's scope are left out, and so is any evidence path that passes through a node the
viewer may not see (a path is shown whole or not at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from cluehub.analysis import (
    AnalysisError,
    propose_joint_case,
    results,
    ring_docs,
    sales_network,
    trace_sources,
)
from cluehub.analysis.shipments import kind_of
from cluehub.api.errors import BadInput, NotFound
from cluehub.graph.store import Edge, Node

from .arguments import Page, Start, spread
from .connection import Connection
from .context import Context, Info
from .kinds import EntityKind
from .types import (
    Count,
    Entity,
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
    count: int = strawberry.field(description="Members of the ring in the region.")


@strawberry.type(description="Where a ring's members sit, by level.")
class RingRegions:
    provinces: list[RegionCount]
    cities: list[RegionCount]
    counties: list[RegionCount]


@strawberry.type(description="A platform or brand and how many members or clues name it.")
class NameCount(Count):
    """A ``Count`` under the name rings have always given it."""


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

    @classmethod
    def of(cls, case: results.ProposedCase) -> ProposedJointCase:
        decided = case.jurisdiction
        return cls(
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


@strawberry.type(description="A group of entities acting together (团伙), found by analysis.")
class Ring:
    id: strawberry.ID
    size: int = strawberry.field(description="Members you may see.")
    score: float | None = strawberry.field(description="The best source's confidence.")
    reason: str | None = strawberry.field(description="One line on why this is a ring.")
    members: Connection[Entity]
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

    @classmethod
    def of(
        cls, ring: results.Ring, visible: dict[str, Node], kinds: set[str] | None = None
    ) -> Ring:
        """The ring with only the members the viewer may see (of ``kinds``, when given),
        everything else as analysed."""
        members = [visible[k] for k in ring.members if k in visible and _of_kinds(k, kinds)]
        proposal = propose_joint_case(ring)
        return cls(
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
            platforms=NameCount.listed(ring.platforms),
            brands=NameCount.listed(ring.brands),
            shops=[entity_of(visible[s.key]) for s in ring.shops if s.key in visible],
            key_nodes=[
                RingKeyNode(
                    entity=entity_of(visible[k.key]),
                    pagerank=k.pagerank,
                    betweenness=k.betweenness,
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
            proposed_case=ProposedJointCase.of(proposal) if proposal else None,
        )


@strawberry.input
class RingFilter:
    min_size: int = 3
    kinds: list[EntityKind] | None = None


def _counts(pairs: tuple[tuple[str, int], ...]) -> list[RegionCount]:
    return [RegionCount(region=Region(code=c), count=n) for c, n in pairs]


def _of_kinds(key: str, kinds: set[str] | None) -> bool:
    return kinds is None or kind_of(key) in kinds


# --- traces: the analysis room's candidates, converted once ------------------------------


def edge_of(hop: results.Hop) -> Edge:
    """An evidence hop as the stored relationship it walked (source to target)."""
    src, dst = (hop.from_key, hop.to_key) if hop.direction == "out" else (hop.to_key, hop.from_key)
    props = {"sources": list(hop.sources), "first_seen": hop.first_seen, "last_seen": hop.last_seen}
    return Edge(src, hop.rel, dst, props)


@dataclass(frozen=True, slots=True)
class Lead:
    """Where a trace leads: a source candidate (upstream), or a shop, warehouse or
    receiver of the sales network (downstream), with the paths that show why."""

    key: str
    score: float | None
    role: str | None
    paths: tuple[results.EvidencePath, ...] = ()

    @classmethod
    def of(cls, found: results.SourceCandidate | results.ShopReached | results.Reached) -> Lead:
        if isinstance(found, results.SourceCandidate):
            return cls(found.key, found.score, found.role, found.paths)
        if isinstance(found, results.ShopReached):
            return cls(found.key, None, "shop", (found.path,) if found.path else ())
        return cls(found.key, None, found.role)


async def leads(ctx: Context, direction: TraceDirection, start: Node, first: int) -> list[Lead]:
    """The first ``first`` leads of a trace from ``start`` (a sales network lists its
    shops first: they are what it is asked for), in the viewer's scope."""
    cap = ctx.settings.graphql_page_cap
    if not 1 <= first <= cap:
        raise BadInput(f"first must be between 1 and {cap}, got {first}")
    upstream = direction is TraceDirection.UPSTREAM
    analyse = trace_sources if upstream else sales_network
    try:
        result = await ctx.call_store(
            f"analysis.{direction.value}", analyse, ctx.store, start.key, scope=ctx.scope
        )
    except AnalysisError:  # the start is missing or hidden from this viewer
        raise NotFound(
            "the analysis found no start node in your scope (it does not exist, or belongs "
            "to a region your bureau does not cover)"
        ) from None
    if isinstance(result, results.Trace):
        found: tuple[results.SourceCandidate | results.ShopReached | results.Reached, ...]
        found = result.candidates
    else:
        found = (*result.shops, *result.warehouses, *result.receivers)
    return [Lead.of(f) for f in found[:first]]


def _path(path: results.EvidencePath, visible: dict[str, Node]) -> PathType | None:
    if any(key not in visible for key in path.nodes):
        return None
    return PathType.of(
        nodes=[entity_of(visible[key]) for key in path.nodes],
        relationships=[
            Relationship.of(e.src, e.type, e.dst, e.props) for e in map(edge_of, path.hops)
        ],
    )


async def _visible(ctx: Context, keys: list[str]) -> dict[str, Node]:
    nodes = await ctx.loaders.nodes.load_many(list(dict.fromkeys(keys)))
    return {node.key: node for node in nodes if node is not None}


async def _trace(ctx: Context, direction: TraceDirection, start: Node, first: int) -> Trace:
    found = await leads(ctx, direction, start, first)
    visible = await _visible(
        ctx, [c.key for c in found] + [k for c in found for p in c.paths for k in p.nodes]
    )
    candidates = [
        TraceCandidate(
            entity=entity_of(visible[lead.key]),
            score=lead.score,
            role=lead.role,
            evidence=[p for p in (_path(path, visible) for path in lead.paths) if p is not None],
        )
        for lead in found
        if lead.key in visible
    ]
    return Trace(direction=direction, start=entity_of(start), candidates=candidates)


def _tracing(direction: TraceDirection, description: str) -> Any:
    """The field of a trace one way from an entity given by ``id`` or ``key``."""

    @spread(start=Start())
    async def resolve(info: Info, start: Start, first: int = 20) -> Trace | None:
        return await _trace(info.context, direction, await start.resolve(info.context), first)

    return strawberry.field(resolver=resolve, description=description)


@strawberry.type
class AnalysisQuery:
    trace_sources: Trace | None = _tracing(
        TraceDirection.UPSTREAM, "Trace upstream to production sources (生产源头)."
    )
    sales_network: Trace | None = _tracing(
        TraceDirection.DOWNSTREAM, "Trace downstream to the sales network (销售网络)."
    )

    @strawberry.field(description="Rings (groups acting together) with members in your scope.")
    @spread(page=Page())
    async def rings(
        self, info: Info, filter: RingFilter | None = None, *, page: Page
    ) -> Connection[Ring] | None:
        ctx = info.context
        skip, size = page.window(ctx.settings.graphql_page_cap)
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
        shown = [r for r in found if any(k in visible and _of_kinds(k, kinds) for k in r.members)]
        return Connection.page(
            [Ring.of(ring, visible, kinds) for ring in shown[skip : skip + size + 1]],
            skip=skip,
            size=size,
        )
