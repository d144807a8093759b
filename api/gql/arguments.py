"""Argument groups that several fields take, declared once: a start, a reach, a page.

A group is a frozen dataclass of GraphQL arguments. :func:`spread` lays its fields out
as the field's own arguments, so the schema lists them one by one as if each resolver
had written them, and hands the resolver one object that knows what they mean:

    @strawberry.field(description="…")
    @spread(start=Start(), reach=Reach(), page=Page(first=200))
    async def graph_view(self, info: Info, start: Start, reach: Reach, page: Page) -> …:
        skip, size = page.window(cap)
        node = await start.resolve(info.context)

The instance given to :func:`spread` holds the field's defaults (``Page(first=200)``:
200 unless the caller says otherwise); the order of the resolver's parameters is the
order of the arguments in the schema. A group after arguments with defaults is
keyword-only (``*, page: Page``), as Python asks.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

from cluehub.api import masking
from cluehub.api.errors import BadInput, NotFound
from cluehub.api.lookup import canonical_key, is_personal
from cluehub.graph.store import MAX_HOPS, Node

from .context import Context
from .kinds import EntityKind, RelationshipType
from .permissions import covers, page_window

F = TypeVar("F", bound=Callable[..., Any])


@dataclasses.dataclass(frozen=True)
class Start:
    """Where a read starts: an entity by the opaque ``id`` a response gave, or by ``key``."""

    id: strawberry.ID | None = None
    key: str | None = None

    async def resolve(self, ctx: Context) -> Node:
        """The node named, in the viewer's scope.

        A key of a personal kind is data the user typed in (a phone number…): looking it
        up is a sensitive read and is audited whether or not it is found.
        """
        if (self.id is None) == (self.key is None):
            raise BadInput("give exactly one of `id` (as a response gave it) or `key`")
        if self.id is not None:
            wanted = ctx.ids.decode(str(self.id))
            shown = f"id {str(self.id)[:24]}…"
        else:
            wanted = canonical_key(str(self.key))
            shown = f"key {masking.masked_key(wanted)}"
        node = await ctx.loaders.nodes.load(wanted)
        if self.key is not None and is_personal(wanted):
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


@dataclasses.dataclass(frozen=True)
class Reach:
    """How far a neighbourhood goes: ``hops``, over relationships of ``types``, to nodes
    of ``kinds`` (all when not given)."""

    hops: int = 2
    kinds: list[EntityKind] | None = None
    types: list[RelationshipType] | None = None

    def checked_hops(self) -> int:
        if not 1 <= self.hops <= MAX_HOPS:
            raise BadInput(f"hops must be between 1 and {MAX_HOPS}, got {self.hops}")
        return self.hops

    def labels(self, start: Node) -> list[str] | None:
        """The node labels asked for, the start's own among them; None: every kind."""
        if not self.kinds:
            return None
        wanted = [k.value for k in self.kinds]
        return wanted if start.kind in wanted else [*wanted, start.kind]

    def type_names(self) -> list[str] | None:
        return [t.value for t in self.types] if self.types else None


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of a list: ``first`` items after the cursor ``after``."""

    first: int = 20
    after: str | None = None

    def window(self, cap: int) -> tuple[int, int]:
        """(skip, size); a clear error for a size over ``cap`` or a bad cursor."""
        return page_window(self.first, self.after, cap)

    def size(self, cap: int) -> int:
        """``first``, checked against ``cap``, for lists whose cursor is not an offset."""
        return page_window(self.first, None, cap)[1]


def spread(**groups: Any) -> Callable[[F], F]:
    """Lay each group parameter of the resolver out as its fields (see the module text)."""

    def decorate(fn: F) -> F:
        signature = inspect.signature(fn)
        missing = set(groups) - set(signature.parameters)
        if missing:
            raise TypeError(f"{fn.__qualname__} has no parameter {sorted(missing)}")
        laid_out: list[inspect.Parameter] = []
        for name, parameter in signature.parameters.items():
            if name not in groups:
                laid_out.append(parameter)
                continue
            group = groups[name]
            hints = typing.get_type_hints(type(group))
            laid_out.extend(
                inspect.Parameter(
                    field.name,
                    parameter.kind,
                    default=getattr(group, field.name),
                    annotation=hints[field.name],
                )
                for field in dataclasses.fields(group)
            )
        names = {
            name: [field.name for field in dataclasses.fields(group)]
            for name, group in groups.items()
        }

        @functools.wraps(fn)
        async def resolver(*args: Any, **kwargs: Any) -> Any:
            for name, group in groups.items():
                given = {f: kwargs.pop(f) for f in names[name] if f in kwargs}
                kwargs[name] = dataclasses.replace(group, **given)
            return await fn(*args, **kwargs)

        resolver.__signature__ = signature.replace(parameters=laid_out)  # type: ignore[attr-defined]
        return typing.cast(F, resolver)

    return decorate
