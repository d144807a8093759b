"""How the coordination views call the coordination room (``cluehub.cases``): thin, uniform.

- :func:`actor_of`: the signed-in viewer as the room's :class:`Actor` (user, bureau, role,
  request id), so the room's permission rules decide (``cases.permissions``);
- :func:`call`: run one service with the request's store, off the event loop (timed for
  /metrics under the service's name), and turn the room's errors into the API's, so
  MaskErrors shows them: permission refusals as ``FORBIDDEN``, bad input as
  ``BAD_USER_INPUT``, unknown records as ``NOT_FOUND``, a status change the flow does not
  allow as ``INVALID_TRANSITION``; anything else stays an internal error and is masked.
  :func:`call_hidden` answers a refused read exactly like a missing record;
- :func:`now_ms` (the clock, read once per resolver and passed in) and :func:`ms_of` (a
  ``DateTime`` argument as epoch ms; no zone: China Standard Time, as the feeds read it);
- :func:`expose`: a domain ``StrEnum`` as a GraphQL enum, fields then annotated with the
  domain class itself;
- :func:`fill`: a type's fields from a record of the room, by name and by the field's
  type (what every ``of(record)`` constructor calls);
- :func:`entity`, :func:`entities`: graph nodes a record names, loaded through the
  viewer's scoped loader (what the viewer may not see is left out), masked, opaque ids.

The services write their ``AuditEvent`` in the same transaction as each change; nothing
here writes to the store itself.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

import strawberry
from strawberry.types.base import StrawberryList, StrawberryOptional, get_object_definition

from cluehub.api.audit import now_ms
from cluehub.api.errors import ApiError, BadInput, Forbidden, NotFound
from cluehub.cases import bureaus as directory
from cluehub.cases import errors
from cluehub.cases.context import Actor
from cluehub.cases.periods import CST

from ..context import Context, Info
from ..permissions import page_window
from ..types import Bureau, Entity, entity_of, to_time

T = TypeVar("T")
__all__ = [
    "InvalidTransition",
    "actor_of",
    "bureau_of",
    "bureaus_of",
    "call",
    "call_hidden",
    "entities",
    "entity",
    "expose",
    "fill",
    "key_of",
    "keys_of",
    "ms_of",
    "now_ms",
    "page_size",
    "translate",
]


class InvalidTransition(ApiError):
    """A status change the record's flow does not allow; the message lists what it allows."""

    code = "INVALID_TRANSITION"


def translate(exc: errors.CasesError) -> ApiError:
    """The API error for one of the room's errors (its message is made for people)."""
    message = str(exc)
    if isinstance(exc, errors.PermissionDenied):
        return Forbidden(message)
    if isinstance(exc, errors.NotFound):
        return NotFound(message)
    if isinstance(exc, errors.InvalidTransition):
        return InvalidTransition(message)
    return BadInput(message)


def actor_of(ctx: Context) -> Actor:
    """The viewer acting for their bureau; a token whose bureau code names no bureau
    (Hong Kong, a placeholder ``市辖区``) is refused with the reason."""
    viewer = ctx.viewer
    try:
        return Actor(viewer.sub, viewer.bureau, viewer.role, ctx.request_id)
    except errors.CasesError as exc:
        raise translate(exc) from None


def _statement(fn: Callable[..., Any]) -> str:
    """'cases.task.service.create_task': the name /metrics times the call under."""
    return f"cases.{fn.__module__.removeprefix('cluehub.cases.')}.{fn.__name__}"


async def call(ctx: Context, fn: Callable[..., T], /, **kw: Any) -> T:
    """``fn(store, **kw)`` (a service of the room) in a worker thread; errors translated."""
    try:
        return await ctx.call_store(_statement(fn), fn, ctx.store, **kw)
    except errors.CasesError as exc:
        raise translate(exc) from None


async def call_hidden(ctx: Context, what: str, fn: Callable[..., T], /, **kw: Any) -> T:
    """Like :func:`call`, for a read whose refusal must not confirm that ``what`` exists."""
    try:
        return await ctx.call_store(_statement(fn), fn, ctx.store, **kw)
    except (errors.NotFound, errors.PermissionDenied):
        raise NotFound(
            f"no {what} your bureau ({ctx.viewer.bureau}) may see (it does not exist, or only "
            "the bureaus on it and their superiors see it)"
        ) from None
    except errors.CasesError as exc:
        raise translate(exc) from None


def ms_of(value: datetime) -> int:
    """Epoch milliseconds of a DateTime argument; without a zone it is China Standard Time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=CST)
    return int(value.timestamp() * 1000)


def page_size(ctx: Context, first: int) -> int:
    """``first`` of a list without cursors, refused over the page cap."""
    return page_window(first, None, ctx.settings.graphql_page_cap)[1]


def expose(cls: type[StrEnum], name: str) -> None:
    """Show a domain enum in the schema as ``name``, its docstring the description.
    Strawberry marks the class itself, so fields and arguments are annotated with it."""
    strawberry.enum(cls, name=name, description=inspect.getdoc(cls))


def bureau_of(ref: str | None) -> Bureau | None:
    """The GraphQL bureau of a room reference (``bureau:350304``)."""
    return Bureau.of(directory.code_of(ref)) if ref else None


def bureaus_of(refs: Sequence[str]) -> list[Bureau]:
    return [b for b in (bureau_of(r) for r in refs) if b is not None]


def key_of(ctx: Context, id: strawberry.ID | None) -> str | None:
    """The node key of an opaque id argument (None stays None)."""
    return ctx.ids.decode(str(id)) if id is not None else None


def keys_of(ctx: Context, ids: Sequence[strawberry.ID] | None) -> list[str]:
    return [ctx.ids.decode(str(i)) for i in ids or ()]


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


# --- records of the room as GraphQL objects ----------------------------------------------

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


def fill(cls: type[T], record: Any, **given: Any) -> T:
    """An object of GraphQL type ``cls`` from a record: ``id`` is the record's key, every
    other field not ``given`` is the record's attribute of the same name, converted by the
    field's type (:func:`_convert`). ``given`` names what the record calls otherwise
    (``lead`` from ``lead_bureau``) or what is computed."""
    values = dict(given)
    for name, convert in _plan(cls):
        if name in values:
            continue
        value = record.key if name == "id" else getattr(record, name)
        values[name] = value if convert is None else convert(value)
    return cls(**values)
