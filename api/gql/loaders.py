"""Per-request DataLoaders: every nested field batches into one statement per level.

A :class:`Loaders` is made for each request (never module-global: a cache shared across
requests would leak one viewer's scope into another's). All loads are scoped in Cypher
(``api.queries``); the loaders never see nodes the viewer may not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader

from cluehub.api import bureaus
from cluehub.api.queries import NEIGHBOUR_PAGES, VISIBLE_NODES, VISIBLE_SOURCES
from cluehub.graph import model
from cluehub.graph.store import Node

if TYPE_CHECKING:
    from .context import Context


@dataclass(frozen=True, slots=True)
class NeighbourQuery:
    """One page of one node's neighbours; loads with equal filters batch together."""

    key: str
    types: tuple[str, ...] | None
    labels: tuple[str, ...] | None
    direction: str | None  # 'OUT', 'IN' or None for both
    skip: int
    first: int


@dataclass(frozen=True, slots=True)
class Neighbour:
    node: Node
    type: str
    outgoing: bool
    rel_props: dict[str, Any]


@dataclass(slots=True)
class NeighbourPage:
    total: int = 0
    items: list[Neighbour] = field(default_factory=list)


def node_of(key: str, labels: list[str], props: dict[str, Any]) -> Node:
    kind = next((label for label in labels if label != model.ENTITY_LABEL), model.ENTITY_LABEL)
    return Node(key, kind, dict(props))


class Loaders:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self.nodes: DataLoader[str, Node | None] = DataLoader(self._load_nodes)
        self.neighbours: DataLoader[NeighbourQuery, NeighbourPage] = DataLoader(
            self._load_neighbours
        )
        self.liaisons: DataLoader[str, dict[str, Any] | None] = DataLoader(self._load_liaisons)
        self.sources: DataLoader[str, list[str]] = DataLoader(self._load_sources)

    def prime(self, nodes: list[Node]) -> None:
        """Nodes a scoped statement already returned: later loads need no round trip
        (brief nodes are not kept: a load by key gives every property)."""
        for node in nodes:
            if not node.brief:
                self.nodes.prime(node.key, node)

    async def _load_nodes(self, keys: list[str]) -> list[Node | None]:
        rows = await self._ctx.call_store(
            VISIBLE_NODES.name,
            self._ctx.store.run,
            VISIBLE_NODES,
            {"keys": list(dict.fromkeys(keys)), "scope": self._ctx.scope},
        )
        found = {row["key"]: node_of(row["key"], row["labels"], row["props"]) for row in rows}
        return [found.get(key) for key in keys]

    async def _load_sources(self, keys: list[str]) -> list[list[str]]:
        """Source lists of nodes read without them (``GraphStore.neighbourhood``)."""
        rows = await self._ctx.call_store(
            VISIBLE_SOURCES.name,
            self._ctx.store.run,
            VISIBLE_SOURCES,
            {"keys": list(dict.fromkeys(keys)), "scope": self._ctx.scope},
        )
        found = {row["key"]: list(row["sources"] or ()) for row in rows}
        return [found.get(key, []) for key in keys]

    async def _load_neighbours(self, queries: list[NeighbourQuery]) -> list[NeighbourPage]:
        groups: dict[tuple[Any, ...], list[NeighbourQuery]] = {}
        for query in queries:
            shape = (query.types, query.labels, query.direction, query.skip, query.first)
            groups.setdefault(shape, []).append(query)
        pages: dict[NeighbourQuery, NeighbourPage] = {}
        for (types, labels, direction, skip, first), members in groups.items():
            rows = await self._ctx.call_store(
                NEIGHBOUR_PAGES.name,
                self._ctx.store.run,
                NEIGHBOUR_PAGES,
                {
                    "keys": list(dict.fromkeys(q.key for q in members)),
                    "types": list(types) if types else None,
                    "labels": list(labels) if labels else None,
                    "direction": direction,
                    "scope": self._ctx.scope,
                    "skip": skip,
                    "end": skip + first + 1,  # one more than asked: is there a next page?
                },
            )
            by_key = {row["key"]: row for row in rows}
            for query in members:
                row = by_key.get(query.key)
                page = NeighbourPage()
                if row is not None:
                    page.total = int(row["total"])
                    for item in row["page"]:
                        node = node_of(item["key"], item["labels"], item["props"])
                        page.items.append(
                            Neighbour(node, item["type"], bool(item["outgoing"]), item["rel"])
                        )
                        self.nodes.prime(node.key, node)
                pages[query] = page
        return [pages[q] for q in queries]

    async def _load_liaisons(self, codes: list[str]) -> list[dict[str, Any] | None]:
        docs = await self._ctx.call_store(
            "get_docs", self._ctx.store.get_docs, bureaus.LIAISON, codes
        )
        return [docs.get(code) for code in codes]
