"""Pages of a list, Relay style: one generic ``Connection[T]`` of ``Edge[T]`` for every list.

Strawberry names a specialised generic after its argument, so ``Connection[JointCase]``
is ``JointCaseConnection`` with ``JointCaseEdge`` edges in the schema, as the
hand-written types before it were called. A connection that also counts (a case's
tasks) subclasses its specialisation and adds the one field; one whose edges carry more
than the node (an entity's neighbours: the relationship, its direction and sightings)
also narrows ``edges`` to its subclass of ``Edge[T]``.

Most lists page by offset (``offset_cursor``): :meth:`Connection.page` builds the page
from ``size + 1`` items, the extra one saying that there is a next page. Lists with their
own cursors (the audit trail's time and key) build their edges and call
:meth:`Connection.of`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Self, TypeVar

import strawberry

from .permissions import offset_cursor

T = TypeVar("T")


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="One item of a page and its cursor.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list: follow `pageInfo.endCursor` with `after`.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo

    @classmethod
    def of(
        cls, edges: Sequence[Edge[T]], *, has_next: bool, has_previous: bool, **fields: Any
    ) -> Self:
        """A page of ``edges`` (of a subclass of ``Edge[T]`` where the connection's edges
        carry more, as a neighbour's relationship); ``fields`` fill what a subclass adds
        (``total_count``)."""
        return cls(
            edges=list(edges),
            page_info=PageInfo(
                has_next_page=has_next,
                has_previous_page=has_previous,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            **fields,
        )

    @classmethod
    def page(cls, items: Sequence[T], *, skip: int, size: int, **fields: Any) -> Self:
        """The page of offset cursors from up to ``size + 1`` items starting at ``skip``."""
        edges = [
            Edge(cursor=offset_cursor(skip + i), node=item) for i, item in enumerate(items[:size])
        ]
        return cls.of(edges, has_next=len(items) > size, has_previous=skip > 0, **fields)
