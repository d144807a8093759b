"""Compact graph views for the console's picture: one round trip, flat arrays.

``graphView`` is a neighbourhood and ``traceView`` a trace, both as ``nodes`` and
``edges`` arrays of plain scalars (opaque id, kind, masked caption, region codes,
first/last seen; edge ends by id, type, sightings, source count), so a browser draws
hundreds of nodes without resolving an ``Entity`` per node. They read the same store
calls as ``neighbourhood`` and ``traceSources``/``salesNetwork``, with the same scope
(inside the Cypher, and the ``covers`` guard after it), the same masking
(``api.masking``) and the same caps (``CLUEHUB_GRAPHQL_NEIGHBOURHOOD_CAP``).

Paging (``graphView``): nodes come breadth first; a page is ``first`` nodes after the
cursor, with every relationship that joins a node of this page to one of this page or
an earlier page, so appending pages in order rebuilds the whole picture.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.api import masking
from cluehub.graph.store import HARD_NEIGHBOURHOOD_CAP, Edge, Node

from .analysis import TraceDirection, edge_of, leads
from .arguments import Page, Reach, Start, spread
from .connection import PageInfo
from .context import Context, Info
from .graph import scoped_neighbourhood
from .kinds import RelationshipType
from .permissions import covers, offset_cursor
from .types import to_time


@strawberry.type(description="One node of a compact graph view (masked like `Entity`).")
class CompactNode:
    id: strawberry.ID = strawberry.field(description="Opaque id, as `Entity.id`.")
    kind: str
    caption: str = strawberry.field(description="Masked like `Entity.caption`.")
    masked: bool
    regions: list[str] = strawberry.field(description="Region codes, most specific first.")
    first_seen: datetime | None
    last_seen: datetime | None
    sightings: int
    hops: int = strawberry.field(description="Distance from the start (0 for the start).")


@strawberry.type(description="One relationship of a compact graph view, ends by node id.")
class CompactEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: RelationshipType
    sightings: int
    source_count: int | None = strawberry.field(
        description="Source records behind it (the first 32 are kept)."
    )
    first_seen: datetime | None
    last_seen: datetime | None


@strawberry.type(description="A neighbourhood as flat arrays, one page of nodes at a time.")
class CompactGraph:
    start: strawberry.ID
    nodes: list[CompactNode]
    edges: list[CompactEdge]
    truncated: bool = strawberry.field(
        description="A cap (hops, the store's cap, the neighbourhood cap) cut it short."
    )
    page_info: PageInfo


@strawberry.type(description="A trace candidate: the node, its score and its evidence paths.")
class CompactCandidate:
    id: strawberry.ID
    score: float | None
    role: str | None
    paths: list[list[int]] = strawberry.field(
        description="Each evidence path as indexes into `edges`, in order from the start."
    )


@strawberry.type(description="A trace as flat arrays: every candidate's evidence, deduplicated.")
class CompactTrace:
    direction: TraceDirection
    start: strawberry.ID
    nodes: list[CompactNode]
    edges: list[CompactEdge]
    candidates: list[CompactCandidate]


def compact_node(ctx: Context, node: Node, hops: int) -> CompactNode:
    props = node.props
    return CompactNode(
        id=strawberry.ID(ctx.ids.encode(node.key)),
        kind=node.kind,
        caption=masking.caption(node.kind, node.key, props),
        masked=masking.is_sensitive(node.kind, props, personal=node.personal),
        regions=[str(code) for code in props.get("regions", [])],
        first_seen=to_time(props.get("first_seen")),
        last_seen=to_time(props.get("last_seen")),
        sightings=int(props.get("sightings", 0)),
        hops=hops,
    )


def compact_edge(ctx: Context, edge: Edge) -> CompactEdge:
    props = edge.props
    sources = props.get("sources")  # a trace's edges carry their list, a picture's the count
    count = len(sources) if isinstance(sources, list) else props.get("source_count")
    return CompactEdge(
        source=strawberry.ID(ctx.ids.encode(edge.src)),
        target=strawberry.ID(ctx.ids.encode(edge.dst)),
        type=RelationshipType(edge.type),
        sightings=int(props.get("sightings", 0)),
        source_count=count,
        first_seen=to_time(props.get("first_seen")),
        last_seen=to_time(props.get("last_seen")),
    )


def page_edges(edges: list[Edge], order: dict[str, int], lo: int, hi: int) -> list[Edge]:
    """The edges of page ``[lo, hi)`` of nodes in ``order``: both ends before ``hi``, at
    least one at or after ``lo`` (so each edge appears on exactly one page)."""
    kept = []
    for edge in edges:
        a, b = order.get(edge.src), order.get(edge.dst)
        if a is None or b is None:
            continue
        if max(a, b) < hi and max(a, b) >= lo:
            kept.append(edge)
    return kept


def from_start(start: str, nodes: list[str], edges: list[Edge]) -> tuple[list[str], list[Edge]]:
    """A path's nodes and edges in order from the start (analysis may give them from the
    far end)."""
    if nodes and nodes[0] != start and nodes[-1] == start:
        return nodes[::-1], edges[::-1]
    return nodes, edges


@strawberry.type
class CompactQuery:
    @strawberry.field(
        description=(
            "The neighbourhood of an entity as compact `nodes`/`edges` arrays in one round "
            "trip (for pictures): breadth first, `first` nodes a page (at most the "
            "neighbourhood cap), scoped and masked like `neighbourhood`."
        )
    )
    @spread(start=Start(), reach=Reach(), page=Page(first=200))
    async def graph_view(
        self, info: Info, start: Start, reach: Reach, page: Page
    ) -> CompactGraph | None:
        ctx = info.context
        skip, size = page.window(ctx.settings.graphql_neighbourhood_cap)
        wanted = min(skip + size + 1, HARD_NEIGHBOURHOOD_CAP)
        node, sub, visible = await scoped_neighbourhood(ctx, start, reach, wanted, brief=True)
        order = {n.key: i for i, n in enumerate(visible)}
        shown = visible[skip : skip + size]
        more = len(visible) > skip + size
        nodes = [compact_node(ctx, n, sub.hops.get(n.key, 0)) for n in shown]
        edges = [compact_edge(ctx, e) for e in page_edges(sub.edges, order, skip, skip + size)]
        return CompactGraph(
            start=strawberry.ID(ctx.ids.encode(node.key)),
            nodes=nodes,
            edges=edges,
            truncated=sub.truncated and not more,
            page_info=PageInfo(
                has_next_page=more,
                has_previous_page=skip > 0,
                start_cursor=offset_cursor(skip) if shown else None,
                end_cursor=offset_cursor(skip + len(shown) - 1) if shown else None,
            ),
        )

    @strawberry.field(
        description=(
            "A trace (upstream to production sources, or downstream to the sales network) "
            "as compact `nodes`/`edges` arrays with each candidate's evidence paths as edge "
            "indexes; scoped like `traceSources`: a path through a node you may not see is "
            "left out whole."
        )
    )
    @spread(at=Start())
    async def trace_view(
        self,
        info: Info,
        at: Start,
        direction: TraceDirection = TraceDirection.UPSTREAM,
        first: int = 20,
    ) -> CompactTrace | None:
        ctx = info.context
        start = await at.resolve(ctx)
        found = await leads(ctx, direction, start, first)
        keys = list(
            dict.fromkeys(
                [
                    start.key,
                    *(c.key for c in found),
                    *(k for c in found for p in c.paths for k in p.nodes),
                ]
            )
        )
        loaded = await ctx.loaders.nodes.load_many(keys)
        visible = {n.key: n for n in loaded if n is not None and covers(ctx.viewer, n)}
        hops: dict[str, int] = {start.key: 0}
        edge_index: dict[tuple[str, str, str], int] = {}
        edges: list[CompactEdge] = []
        candidates = []
        for cand in found:
            if cand.key not in visible:
                continue
            paths = []
            for path in cand.paths:
                if any(k not in visible for k in path.nodes):
                    continue
                nodes, path_edges = from_start(
                    start.key, list(path.nodes), [edge_of(h) for h in path.hops]
                )
                for depth, k in enumerate(nodes):
                    hops[k] = min(hops.get(k, depth), depth)
                indexes = []
                for e in path_edges:
                    ident = (e.src, e.type, e.dst)
                    if ident not in edge_index:
                        edge_index[ident] = len(edges)
                        edges.append(compact_edge(ctx, e))
                    indexes.append(edge_index[ident])
                paths.append(indexes)
            hops.setdefault(cand.key, len(cand.paths[0].hops) if cand.paths else 1)
            candidates.append(
                CompactCandidate(
                    id=strawberry.ID(ctx.ids.encode(cand.key)),
                    score=cand.score,
                    role=cand.role,
                    paths=paths,
                )
            )
        shown = [k for k in keys if k in visible and k in hops]
        return CompactTrace(
            direction=direction,
            start=strawberry.ID(ctx.ids.encode(start.key)),
            nodes=[compact_node(ctx, visible[k], hops[k]) for k in shown],
            edges=edges,
            candidates=candidates[:first],
        )
