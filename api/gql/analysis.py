"""The analysis domain: trace production sources, sales networks, rings.

Resolved through ``api.analysis_adapter`` (the analysis room is built in parallel). Every
key an analysis returns is loaded through the scoped node loader: candidates outside
the viewer's scope are left out, and so is any evidence path that passes through a node
the viewer may not see (a path is shown whole or not at all).
"""

from __future__ import annotations

from enum import Enum

import strawberry

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
    Relationship,
    entity_connection,
    entity_of,
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


@strawberry.type(description="A group of entities acting together (团伙), found by analysis.")
class Ring:
    id: strawberry.ID
    size: int
    score: float | None
    reason: str | None
    members: EntityConnection


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
            analysis_adapter.rings,
            ctx.store,
            scope=ctx.scope,
            min_size=where.min_size,
            labels=[k.value for k in where.kinds] if where.kinds else None,
            limit=skip + size + 1,
        )
        visible = await _visible(ctx, [k for ring in found for k in ring.members])
        edges = []
        shown = [r for r in found if any(k in visible for k in r.members)]
        for i, ring in enumerate(shown[skip : skip + size]):
            members = [visible[k] for k in ring.members if k in visible]
            edges.append(
                RingEdge(
                    cursor=offset_cursor(skip + i),
                    node=Ring(
                        id=strawberry.ID(ring.id),
                        size=len(members),
                        score=ring.score,
                        reason=ring.reason,
                        members=entity_connection(members, 0, len(members)),
                    ),
                )
            )
        return RingConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(shown) > skip + size,
                has_previous_page=skip > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )
