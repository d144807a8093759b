"""The graph domain: entity, search, neighbourhood queries and the audited unmask."""

from __future__ import annotations

import unicodedata
from typing import Any

import strawberry
import structlog
from strawberry.types.nodes import SelectedField, Selection

from cluehub.api import masking
from cluehub.api.errors import BadInput
from cluehub.api.lookup import identifier_keys, is_personal
from cluehub.api.queries import SEARCH_TEXT
from cluehub.graph import identifiers as ids
from cluehub.graph import model
from cluehub.graph.store import Node, Subgraph
from cluehub.ingest import brands

from .arguments import Page, Reach, Start, spread
from .context import Context, Info
from .kinds import EntityKind
from .loaders import node_of
from .permissions import UNMASK_ROLES, covers, require_role
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


# What a brief node (``Node.brief``: regions, when seen, caption properties) answers of
# ``Entity``: its facts, and what is loaded by key anyway (sources, neighbours).
BRIEF_FIELDS = frozenset(
    {"__typename", "id", "kind", "key", "caption", "masked", "firstSeen", "lastSeen"}
    | {"sightings", "regions", "sources", "neighbours"}
)


def _fields(selections: list[Selection]) -> list[SelectedField]:
    """The fields of a selection set, those inside fragments included."""
    found: list[SelectedField] = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.append(selection)
        else:
            found.extend(_fields(selection.selections))
    return found


def asks_only_brief(info: Info) -> bool:
    """Whether a ``neighbourhood`` query asks of its entities (``start``, ``nodes {
    entity }``) only what brief nodes hold: then the store sends no more."""
    entities = []
    for field in _fields(info.selected_fields[0].selections):
        if field.name == "start":
            entities.append(field)
        elif field.name == "nodes":
            entities.extend(f for f in _fields(field.selections) if f.name == "entity")
    return all(f.name in BRIEF_FIELDS for e in entities for f in _fields(e.selections))


async def scoped_neighbourhood(
    ctx: Context, start: Start, reach: Reach, limit: int, *, brief: bool = False
) -> tuple[Node, Subgraph, list[Node]]:
    """The node ``start`` names, up to ``limit`` nodes within ``reach`` of it (the start's
    kind always), in the viewer's scope, and the nodes the ``covers`` guard keeps,
    breadth first (``neighbourhood``, ``graphView``); ``brief`` nodes when that is all
    the caller needs."""
    hops = reach.checked_hops()
    node = await start.resolve(ctx)
    sub = await ctx.call_store(
        "neighbourhood",
        ctx.store.neighbourhood,
        node.key,
        hops,
        labels=reach.labels(node),
        types=reach.type_names(),
        limit=limit,
        scope=ctx.scope,
        brief=brief,
    )
    visible = [n for n in sub.nodes.values() if covers(ctx.viewer, n)]
    if len(visible) != len(sub.nodes):  # the store's scope filter let something through
        log.error("scope guard dropped nodes", dropped=len(sub.nodes) - len(visible))
    return node, sub, visible


@strawberry.type(description="An entity and how far it is from the start.")
class PlacedEntity:
    hops: int = strawberry.field(description="Distance from the start (0 for the start).")
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
    @spread(start=Start())
    async def entity(self, info: Info, start: Start) -> Entity | None:
        return entity_of(await start.resolve(info.context))

    @strawberry.field(
        description=(
            "Find entities. `text`: substring of keys, names and titles of non-personal "
            "kinds. `identifier`: a phone, USCC, ID number, waybill, platform:shop… as typed "
            "(a sensitive read: audited); the result is masked like everything else."
        )
    )
    @spread(page=Page())
    async def search(
        self,
        info: Info,
        text: str | None = None,
        identifier: str | None = None,
        kinds: list[EntityKind] | None = None,
        *,
        page: Page,
    ) -> EntityConnection | None:
        ctx = info.context
        if (text is None) == (identifier is None):
            raise BadInput("give exactly one of `text` or `identifier`")
        skip, size = page.window(ctx.settings.graphql_page_cap)
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
    @spread(start=Start(), reach=Reach())
    async def neighbourhood(
        self, info: Info, start: Start, reach: Reach, first: int = 100
    ) -> Neighbourhood | None:
        ctx = info.context
        cap = ctx.settings.graphql_neighbourhood_cap
        if not 1 <= first <= cap:
            raise BadInput(f"first must be between 1 and {cap} nodes, got {first}")
        brief = asks_only_brief(info)
        node, sub, shown = await scoped_neighbourhood(ctx, start, reach, first, brief=brief)
        visible = {n.key: n for n in shown}
        ctx.loaders.prime(shown)  # brief ones are not what a load by key gives: not kept
        return Neighbourhood(
            start=entity_of(node),
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
        node = await Start(id=id).resolve(ctx)
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
