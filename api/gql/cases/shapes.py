"""How records of the coordination room (``cluehub.cases``) become GraphQL objects.

- :class:`FromRecord` gives a type its ``of(record)`` constructor: :func:`fill` takes each
  field from the record's attribute of the same name (``id`` from its ``key``), converted
  by the field's type (epoch ms to ``DateTime``, bureau ids to ``Bureau``, region codes to
  ``Region``, a record to the ``FromRecord`` type of the field), so a type is its list of
  fields; a field the record calls otherwise, or that is computed from one attribute,
  says so where it is declared (:func:`read`: ``due`` is read from ``due_ms``), the
  mirror of ``bridge.term``; only what needs the whole record is given to ``fill``;
- :func:`expose` shows a domain ``StrEnum`` as a GraphQL enum: fields are annotated with
  the domain class itself (no enum made here, no second list of values);
- :func:`entity`, :func:`entities` load the graph nodes a record names through the
  viewer's scoped loader (what the viewer may not see is left out), masked, opaque ids
  (``Batch.grant`` widened the scope where a notification, case or transfer shared them);
  :func:`entity_field`, :func:`entities_field` are the fields that show them;
- :class:`Note` is the shape comments and progress reports share.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any, Self, TypeVar

import strawberry
from strawberry.types.base import StrawberryList, StrawberryOptional, get_object_definition

from cluehub.cases import bureaus as directory
from cluehub.cases.periods import HOUR_MS

from ..context import Info
from ..types import Bureau, Entity, Region, entity_of, to_time

T = TypeVar("T")


def expose(cls: type[StrEnum], name: str) -> None:
    """Show a domain enum in the schema as ``name``, its docstring the description.
    Strawberry marks the class itself, so fields and arguments are annotated with it."""
    strawberry.enum(cls, name=name, description=inspect.getdoc(cls))


def bureau_of(ref: str | None) -> Bureau | None:
    """The GraphQL bureau of a room reference (``bureau:350304``)."""
    return Bureau.of(directory.code_of(ref)) if ref else None


def bureaus_of(refs: Sequence[str]) -> list[Bureau]:
    return [b for b in (bureau_of(r) for r in refs) if b is not None]


async def entities(info: Info, keys: Sequence[str]) -> list[Entity]:
    """The entities of ``keys`` the viewer may see, in order, masked."""
    if not keys:
        return []
    nodes = await info.context.loaders.nodes.load_many(list(dict.fromkeys(keys)))
    return [entity_of(node) for node in nodes if node is not None]


async def entity(info: Info, key: str | None) -> Entity | None:
    """The entity of ``key`` if the viewer may see it, masked."""
    if not key:
        return None
    node = await info.context.loaders.nodes.load(key)
    return entity_of(node) if node is not None else None


def entity_field(key: str, description: str | None = None) -> Any:
    """A field showing the entity whose node key the object holds in its private field
    ``key`` (:func:`entity`: null when the viewer may not see it)."""

    async def resolve(self: Any, info: Info) -> Entity | None:
        return await entity(info, getattr(self, key))

    return strawberry.field(resolver=resolve, description=description)


def entities_field(keys: str, description: str | None = None) -> Any:
    """A field showing the entities whose node keys the object holds in its private
    field ``keys``, those the viewer may see (:func:`entities`)."""

    async def resolve(self: Any, info: Info) -> list[Entity]:
        return await entities(info, getattr(self, keys))

    return strawberry.field(resolver=resolve, description=description)


Convert = Callable[[Any], Any]
_READ = "cluehub.read"  # the field metadata :func:`read` sets


def read(source: str | None = None, /, convert: Convert | None = None, **field: Any) -> Any:
    """A field :func:`fill` takes from the record's attribute ``source`` (default: its own
    name), converted by ``convert(value)`` when given, else by the field's type;
    ``field`` are ``strawberry.field``'s (``description``, ``name``), none on a private
    field."""
    metadata = {_READ: (source, convert)}
    if field:
        return strawberry.field(metadata=metadata, **field)
    return dataclasses.field(metadata=metadata)


def _convert(kind: object) -> Convert | None:
    """How a record's value becomes a field of GraphQL type ``kind``: epoch ms to a
    DateTime, a bureau id to a Bureau, a region code to a Region, a record to the
    ``FromRecord`` type, a tuple to a list; None where it is shown as is (text, numbers,
    ids, enums: strawberry shows a status string as its enum value)."""
    if isinstance(kind, StrawberryOptional):
        inner = _convert(kind.of_type)
        return None if inner is None else (lambda v: None if v is None else inner(v))
    if isinstance(kind, StrawberryList):
        if kind.of_type is Bureau:
            return bureaus_of
        inner = _convert(kind.of_type)
        return list if inner is None else (lambda v: [inner(x) for x in v])
    if kind is datetime:
        return to_time
    if kind is Bureau:
        return bureau_of
    if kind is Region:
        return _region
    if isinstance(kind, type) and issubclass(kind, FromRecord):
        return kind.of
    return None


def _region(code: str) -> Region:
    return Region(code=code)


def hours(ms: float | None) -> float | None:
    """A duration in milliseconds as hours (None stays None), for :func:`read`."""
    return None if ms is None else ms / HOUR_MS


@cache
def _plan(cls: type) -> tuple[tuple[str, str, Convert | None], ...]:
    """The fields ``cls`` is built with (resolver fields left out), each with the
    record's attribute it is read from and its conversion (:func:`read`, else by its
    type; private fields are copied as they are)."""
    kinds = {f.python_name: f.type for f in get_object_definition(cls, strict=True).fields}
    plan = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        source, convert = f.metadata.get(_READ, (None, None))
        source = source or ("key" if f.name == "id" else f.name)
        if convert is None and f.name in kinds:
            convert = _convert(kinds[f.name])
        plan.append((f.name, source, convert))
    return tuple(plan)


def fill(cls: type[T], record: Any, /, **given: Any) -> T:
    """An object of GraphQL type ``cls`` from a record: every field not ``given`` is the
    record's attribute of the same name (``id``: its key) or the one :func:`read` names,
    converted (:func:`_convert`). ``given`` is what needs the whole record."""
    values = dict(given)
    for name, source, convert in _plan(cls):
        if name in values:
            continue
        try:
            value = getattr(record, source)
        except AttributeError:
            raise AttributeError(
                f"{cls.__name__}.{name}: a {type(record).__name__} has no '{source}'; "
                f"declare it with read() or give {name}=… to fill()"
            ) from None
        values[name] = value if convert is None else convert(value)
    return cls(**values)


class FromRecord:
    """The ``of(record)`` constructor of a type whose fields the record fills (:func:`fill`);
    a type with a field that needs the whole record overrides ``of`` and gives it."""

    @classmethod
    def of(cls, record: Any, /) -> Self:
        return fill(cls, record)

    @classmethod
    def shown(cls, record: Any, info: Info, /) -> Self:
        """What a mutation shows of the record it wrote (``bridge.command``)."""
        return cls.of(record)


@strawberry.type
class OfCase(FromRecord):
    """A record of one joint case (a task, a listing, a request): its id and the case's."""

    id: strawberry.ID
    case_id: strawberry.ID


@strawberry.type(description="A text a bureau wrote (a comment, a progress report).")
class Note(FromRecord):
    """The shape comments and progress reports share; each is its own GraphQL type."""

    id: strawberry.ID
    bureau: Bureau | None
    author: str
    text: str
    at: datetime | None
