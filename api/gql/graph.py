"""The graph domain: entity, search, neighbourhood queries and the audited unmask."""

from __future__ import annotations

import unicodedata
from typing import Any

import strawberry
import structlog

from cluehub.api import masking
from cluehub.api.errors import BadInput, NotFound
from cluehub.api.lookup import canonical_key, identifier_keys, is_personal
from cluehub.api.queries import SEARCH_TEXT
from cluehub.graph import identifiers as ids
from cluehub.graph import model
from cluehub.graph.store import MAX_HOPS, Node, Subgraph
from cluehub.ingest import brands

from .context import Context, Info
from .kinds import EntityKind, RelationshipType
from .loaders import node_of
from .permissions import UNMASK_ROLES, covers, page_window, require_role
from .types import (
    HIDDEN_PROPS,
    Entity,
    EntityConnection,
    Property,
    Relationship,
    entity_connection,
    entity_of,
)

log = structlog.get_logger("cluehub.api.graph")
MIN_REASON = 10


def _one_of(id: strawberry.ID | None, key: str | None) -> None:
    if (id is None) == (key is None):
        raise BadInput("give exactly one of `id` (as a response gave it) or `key`")


async def resolve_start(ctx: Context, id: strawberry.ID | None, key: str | None) -> Node:
    """The node an ``id`` or a typed ``key`` names, in the viewer's scope.

    A key of a personal kind is data the user typed in (a phone number…): looking it up
    is a sensitive read and is audited whether or not it is found.
    """
    _one_of(id, key)
    if id is not None:
        wanted = ctx.ids.decode(str(id))
        shown = f"id {str(id)[:24]}…"
    else:
        wanted = canonical_key(str(key))
        shown = f"key {masking.masked_key(wanted)}"
    node = await ctx.loaders.nodes.load(wanted)
    if key is not None and is_personal(wanted):
        await ctx.audit(
            "entity.lookup",
            [wanted],
            object_regions=node.props.get("regions", []) if node else [],
            detail="found" if node else "not found",
        )
    if node is None or not covers(ctx.viewer, node):
        raise NotFound(
            f"no entity with {shown} in the scope of bureau {ctx.viewer.bureau} "
            "(it does not exist, or belongs to a region your bureau does not cover)"
        )
    return node


async def scoped_neighbourhood(
    ctx: Context,
    id: strawberry.ID | None,
    key: str | None,
    hops: int,
    kinds: list[EntityKind] | None,
    types: list[RelationshipType] | None,
    limit: int,
) -> tuple[Node, Subgraph, list[Node]]:
    """The start an ``id`` or ``key`` names, up to ``limit`` nodes within ``hops`` of it
    of ``kinds`` (the start's kind always) over ``types``, in the viewer's scope, and the
    nodes the ``covers`` guard keeps, breadth first (``neighbourhood``, ``graphView``)."""
    if not 1 <= hops <= MAX_HOPS:
        raise BadInput(f"hops must be between 1 and {MAX_HOPS}, got {hops}")
    start = await resolve_start(ctx, id, key)
    labels = [k.value for k in kinds] if kinds else None
    if labels and start.kind not in labels:
        labels.append(start.kind)
    sub = await ctx.call_store(
        "neighbourhood",
        ctx.store.neighbourhood,
        start.key,
        hops,
        labels=labels,
        types=[t.value for t in types] if types else None,
        limit=limit,
        scope=ctx.scope,
    )
    visible = [n for n in sub.nodes.values() if covers(ctx.viewer, n)]
    if len(visible) != len(sub.nodes):  # the store's scope filter let something through
        log.error("scope guard dropped nodes", dropped=len(sub.nodes) - len(visible))
    return start, sub, visible


@strawberry.type(description="An entity and how far it is from the start.")
class PlacedEntity:
    hops: int
    entity: Entity


@strawberry.type(description="The part of the graph around one entity, in the viewer's scope.")
class Neighbourhood:
    start: Entity
    nodes: list[PlacedEntity]
    relationships: list[Relationship]
    truncated: bool = strawberry.field(description="A cap (first, hops, store) cut it short.")


@strawberry.type(description="Cleartext of one entity, handed out by `unmask` and audited.")
class UnmaskedEntity:
    entity: Entity
    key: str
    caption: str
    properties: list[Property]
    audit_event: str = strawberry.field(description="Key of the audit event that records it.")


@strawberry.type
class GraphQuery:
    @strawberry.field(description="One entity by opaque id, or by key (personal keys audited).")
    async def entity(
        self, info: Info, id: strawberry.ID | None = None, key: str | None = None
    ) -> Entity | None:
        return entity_of(await resolve_start(info.context, id, key))

    @strawberry.field(
        description=(
            "Find entities. `text`: substring of keys, names and titles of non-personal "
            "kinds. `identifier`: a phone, USCC, ID number, waybill, platform:shop… as typed "
            "(a sensitive read: audited); the result is masked like everything else."
        )
    )
    async def search(
        self,
        info: Info,
        text: str | None = None,
        identifier: str | None = None,
        kinds: list[EntityKind] | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection | None:
        ctx = info.context
        if (text is None) == (identifier is None):
            raise BadInput("give exactly one of `text` or `identifier`")
        skip, size = page_window(first, after, ctx.settings.graphql_page_cap)
        labels = [k.value for k in kinds] if kinds else None
        if identifier is not None:
            return await _search_identifier(ctx, identifier, labels, skip, size)
        needle = unicodedata.normalize("NFKC", text or "").strip()
        if not 2 <= len(needle) <= 100:
            raise BadInput("text must be 2-100 characters")
        rows = await ctx.call_store(
            SEARCH_TEXT.name,
            ctx.store.run,
            SEARCH_TEXT,
            {
                "text": needle,
                "text_lower": needle.lower(),
                "pii_labels": list(model.labels(pii=True)),
                "labels": labels,
                "scope": ctx.scope,
                "skip": skip,
                "limit": size + 1,
            },
        )
        nodes = [node_of(r["key"], r["labels"], r["props"]) for r in rows]
        brand = brands.named(needle)  # "耐克" finds Nike's node first, whatever its key says
        if brand is not None and skip == 0 and (labels is None or "Brand" in labels):
            # A brand node is the hub's public brand table, in no region: every bureau may
            # find it (what it links to stays scoped).
            key = ids.BRAND.key(brand.slug)
            found = await ctx.call_store("search.brand", ctx.store.get, key)
            if found is not None and found.key not in {n.key for n in nodes}:
                nodes = [found, *nodes]
        ctx.loaders.prime(nodes)
        return entity_connection(nodes, skip, size)

    @strawberry.field(description="Entities within `hops` of a start, in the viewer's scope.")
    async def neighbourhood(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        key: str | None = None,
        hops: int = 2,
        kinds: list[EntityKind] | None = None,
        types: list[RelationshipType] | None = None,
        first: int = 100,
    ) -> Neighbourhood | None:
        ctx = info.context
        cap = ctx.settings.graphql_neighbourhood_cap
        if not 1 <= first <= cap:
            raise BadInput(f"first must be between 1 and {cap} nodes, got {first}")
        start, sub, shown = await scoped_neighbourhood(ctx, id, key, hops, kinds, types, first)
        visible = {n.key: n for n in shown}
        ctx.loaders.prime(shown)
        return Neighbourhood(
            start=entity_of(start),
            nodes=[
                PlacedEntity(hops=sub.hops.get(k, 0), entity=entity_of(n))
                for k, n in visible.items()
            ],
            relationships=[
                Relationship.of(e.src, e.type, e.dst, e.props)
                for e in sub.edges
                if e.src in visible and e.dst in visible
            ],
            truncated=sub.truncated,
        )


async def _search_identifier(
    ctx: Context, raw: str, labels: list[str] | None, skip: int, size: int
) -> EntityConnection:
    keys = identifier_keys(raw)
    if labels:
        keys = [k for k in keys if model.kind_of_key(k).label in labels]
    found = [n for n in await ctx.loaders.nodes.load_many(keys) if n is not None]
    if any(is_personal(k) for k in keys):
        await ctx.audit(
            "search.identifier",
            keys,
            object_regions=[c for n in found for c in n.props.get("regions", [])],
            detail=f"found {len(found)} of {len(keys)}",
        )
    return entity_connection(found[skip : skip + size + 1], skip, size)


def _clear_props(node: Node) -> list[Property]:
    return [
        Property(name=name, value=value)
        for name, value in sorted(node.props.items())
        if name not in HIDDEN_PROPS
    ]


@strawberry.type
class GraphMutation:
    @strawberry.mutation(
        description=(
            "Show one entity in clear (phone, ID number, name, address). Needs a reason of "
            "at least 10 characters and an entity in your scope; every call is audited."
        )
    )
    async def unmask(self, info: Info, id: strawberry.ID, reason: str) -> UnmaskedEntity | None:
        ctx = info.context
        require_role(ctx.viewer, UNMASK_ROLES, "unmask")
        why = (reason or "").strip()
        if len(why) < MIN_REASON:
            raise BadInput(
                f"reason must say why you need the cleartext, at least {MIN_REASON} "
                "characters (e.g. '案件协查 2024-017: confirm the sender's phone')"
            )
        node = await resolve_start(ctx, id, None)
        event: Any = await ctx.audit(
            "entity.unmask", [node.key], reason=why, object_regions=node.props.get("regions", [])
        )
        return UnmaskedEntity(
            entity=entity_of(node),
            key=node.key,
            caption=masking.caption(node.kind, node.key, node.props, masked=False),
            properties=_clear_props(node),
            audit_event=event,
        )
