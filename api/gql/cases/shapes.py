"""How records of the coordination room (``cluehub.cases``) become GraphQL objects.

- :class:`FromRecord` gives a type its ``of(record)`` constructor: :func:`fill` takes each
  field from the record's attribute of the same name (``id`` from its ``key``), converted
  by the field's type (epoch ms to ``DateTime``, bureau ids to ``Bureau``), so a type is
  its list of fields and names only what the record calls otherwise or what is computed;
- :func:`expose` shows a domain ``StrEnum`` as a GraphQL enum: fields are annotated with
  the domain class itself (no enum made here, no second list of values);
- :func:`entity`, :func:`entities` load the graph nodes a record names through the
  viewer's scoped loader (what the viewer may not see is left out), masked, opaque ids
  (``Batch.grant`` widened the scope where a notification, case or transfer shared them);
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

from ..context import Info
from ..types import Bureau, Entity, entity_of, to_time

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


Convert = Callable[[Any], Any]


def _convert(kind: object) -> Convert | None:
    """How a record's value becomes a field of GraphQL type ``kind``: epoch ms to a
    DateTime, a bureau id to a Bureau, a tuple to a list; None where it is shown as is
    (text, numbers, ids, enums: strawberry shows a status string as its enum value)."""
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
    return None


@cache
def _plan(cls: type) -> tuple[tuple[str, Convert | None], ...]:
    """The fields ``cls`` is built with (resolver fields left out), each with its
    conversion; private fields are copied as they are."""
    kinds = {f.python_name: f.type for f in get_object_definition(cls, strict=True).fields}
    return tuple(
        (f.name, _convert(kinds[f.name]) if f.name in kinds else None)
        for f in dataclasses.fields(cls)
        if f.init
    )


def fill(cls: type[T], record: Any, /, **given: Any) -> T:
    """An object of GraphQL type ``cls`` from a record: ``id`` is the record's key, every
    other field not ``given`` is the record's attribute of the same name, converted by the
    field's type (:func:`_convert`). ``given`` names what the record calls otherwise
    (``lead`` from ``lead_bureau``) or what is computed."""
    values = dict(given)
    for name, convert in _plan(cls):
        if name in values:
            continue
        source = "key" if name == "id" else name
        try:
            value = getattr(record, source)
        except AttributeError:
            raise AttributeError(
                f"{cls.__name__}.{name}: a {type(record).__name__} has no '{source}'; "
                f"give {name}=… to fill()"
            ) from None
        values[name] = value if convert is None else convert(value)
    return cls(**values)


class FromRecord:
    """The ``of(record)`` constructor of a type whose fields the record fills (:func:`fill`);
    a type that computes a field overrides ``of`` and gives it."""

    @classmethod
    def of(cls, record: Any, /) -> Self:
        return fill(cls, record)


@strawberry.type(description="A text a bureau wrote (a comment, a progress report).")
class Note(FromRecord):
    """The shape comments and progress reports share; each is its own GraphQL type."""

    id: strawberry.ID
    bureau: Bureau | None
    author: str
    text: str
    at: datetime | None
