"""How the coordination views call the coordination room (``cluehub.cases``): thin, uniform.

- :func:`call` runs one service with the request's store, as the viewer (``actor``, see
  :func:`actor_of`) and now (``now_ms``) when the service takes those parameters, off the
  event loop (timed for /metrics under the service's name), and turns the room's errors
  into the API's, so MaskErrors shows them: permission refusals as ``FORBIDDEN``, bad
  input as ``BAD_USER_INPUT``, unknown records as ``NOT_FOUND``, a status change the flow
  does not allow as ``INVALID_TRANSITION``; anything else stays an internal error and is
  masked. :func:`call_hidden` answers a refused read exactly like a missing record.
- Arguments in the room's terms: :func:`ms_of` (a ``DateTime`` as epoch ms; no zone:
  China Standard Time, as the feeds read it), :func:`key_of` / :func:`keys_of` (opaque
  entity ids as node keys), :func:`page_size` (``first`` within the page cap).
- :func:`terms` turns a whole input object into the service's keyword arguments, the
  mirror of ``shapes.fill``: each field by its name, an ``ID`` as its text, a
  ``DateTime`` ``x`` as ``x_ms``; a field that the service calls otherwise, or that needs
  more than that, says so where it is declared (:func:`term`: ``clue_id`` is passed as
  ``clue_key``, the node key of the opaque id), so a mutation is
  ``Task.of(await call(info, tasks.create_task, **terms(info, input)))``.
- When that is all a mutation does, :func:`command` writes its body: the method
  declares the arguments, the type shown and, in its docstring, the description; a
  record's list of other records is declared the same way with :func:`records_of`.

The services write their ``AuditEvent`` in the same transaction as each change; nothing
here writes to the store itself. How records are shown is ``shapes``.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

import strawberry
from strawberry.types.base import (
    StrawberryOptional,
    get_object_definition,
    has_object_definition,
)

from cluehub.api.audit import now_ms
from cluehub.api.errors import ApiError, BadInput, Forbidden, NotFound
from cluehub.cases import errors
from cluehub.cases.context import Actor
from cluehub.cases.periods import CST

from ..arguments import Page
from ..context import Context, Info

T = TypeVar("T")


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


@cache
def _takes(fn: Callable[..., Any]) -> frozenset[str]:
    return frozenset(inspect.signature(fn).parameters)


def _request(ctx: Context, fn: Callable[..., Any], kw: dict[str, Any]) -> dict[str, Any]:
    """``kw`` with what the service takes from the request: the viewer as ``actor`` and
    the clock as ``now_ms``, when it has those parameters and the resolver did not give
    them."""
    takes = _takes(fn)
    if "actor" in takes and "actor" not in kw:
        kw["actor"] = actor_of(ctx)
    if "now_ms" in takes and "now_ms" not in kw:
        kw["now_ms"] = now_ms()
    return kw


async def call(info: Info, fn: Callable[..., T], /, **kw: Any) -> T:
    """``fn(store, **kw)`` (a service of the room) as the viewer, now, in a worker
    thread; errors translated."""
    ctx = info.context
    try:
        return await ctx.call_store(_statement(fn), fn, ctx.store, **_request(ctx, fn, kw))
    except errors.CasesError as exc:
        raise translate(exc) from None


async def call_hidden(info: Info, what: str, fn: Callable[..., T], /, **kw: Any) -> T:
    """Like :func:`call`, for a read whose refusal must not confirm that ``what`` exists."""
    ctx = info.context
    try:
        return await ctx.call_store(_statement(fn), fn, ctx.store, **_request(ctx, fn, kw))
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


def page_size(info: Info, first: int) -> int:
    """``first`` of a list without cursors, refused over the page cap (``Page.size``)."""
    return Page(first=first).size(info.context.settings.graphql_page_cap)


def key_of(info: Info, id: strawberry.ID | None) -> str | None:
    """The node key of an opaque id argument (None stays None)."""
    return info.context.ids.decode(str(id)) if id is not None else None


def keys_of(info: Info, ids: Sequence[strawberry.ID] | None) -> list[str]:
    return [info.context.ids.decode(str(i)) for i in ids or ()]


Convert = Callable[[Info, Any], Any]
_TERM = "cluehub.term"  # the field metadata :func:`term` sets


def term(name: str | None, convert: Convert | None = None, /, **field: Any) -> Any:
    """An input field passed to the service as ``name`` (None: not passed, the resolver
    gives what it becomes), converted by ``convert(info, value)`` when given (:data:`KEY`,
    :data:`KEYS`); ``field`` are ``strawberry.field``'s (``default``, ``description``…)."""
    return strawberry.field(metadata={_TERM: (name, convert)}, **field)


def _key(info: Info, value: Any) -> str | None:
    return key_of(info, value)


def _keys(info: Info, value: Any) -> list[str]:
    return keys_of(info, value)


KEY: Convert = _key  # an opaque entity id as its node key
KEYS: Convert = _keys  # opaque entity ids as node keys


def _is_time(kind: object) -> bool:
    return (kind.of_type if isinstance(kind, StrawberryOptional) else kind) is datetime


def _plain(value: Any) -> Any:
    """A value as the room takes it: the value of an enum that is not the room's own
    ``StrEnum`` (those pass as they are), lists as lists (an ``ID`` is text already)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum) and not isinstance(value, str):
        return value.value
    return value


@cache
def _terms_plan(cls: type) -> tuple[tuple[str, str | None, Convert | None, bool], ...]:
    """Per field of input ``cls``: its name, the service's name for it, its conversion,
    and whether it is a DateTime (passed as epoch ms)."""
    plan = []
    for f in get_object_definition(cls, strict=True).fields:
        name, convert = (f.metadata or {}).get(_TERM, (f.python_name, None))
        time = convert is None and _is_time(f.type)
        if time and name == f.python_name:
            name = f"{name}_ms"
        plan.append((f.python_name, name, convert, time))
    return tuple(plan)


def terms(info: Info, input: object, /, **given: Any) -> dict[str, Any]:
    """The service's keyword arguments from a GraphQL input object: each field under its
    own name or its :func:`term`'s, converted (``DateTime`` to epoch ms, :func:`term`'s
    conversion), other values as they are (:func:`_plain`); ``given`` adds or overrides."""
    out: dict[str, Any] = {}
    for field, name, convert, time in _terms_plan(type(input)):
        if name is None or name in given:
            continue
        value = getattr(input, field)
        if convert is not None:
            value = convert(info, value)
        elif time:
            value = None if value is None else ms_of(value)
        out[name] = _plain(value)
    return out | given


def _described(fn: Callable[..., Any]) -> str:
    """A declared field's description: its docstring on one line."""
    doc = inspect.getdoc(fn)
    if not doc:
        raise TypeError(f"{fn.__qualname__} needs a docstring: it is the field's description")
    return " ".join(doc.split())


def _shown_type(fn: Callable[..., Any]) -> Callable[[], Any]:
    """The type a declared field shows its records as: its return type (the element of a
    list, without ``| None``), resolved when first asked, once the module is loaded."""

    @cache
    def resolve() -> Any:
        hint = typing.get_type_hints(fn)["return"]
        while typing.get_args(hint):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        return hint

    return resolve


def _as_field(fn: Callable[..., Any], resolve: Callable[..., Any], head: list[str]) -> None:
    """Give ``resolve`` the declared signature of ``fn`` (its parameters after ``self``
    keyword-only, behind ``head``) and its module, where its annotations are read."""
    declared = inspect.signature(fn)
    first = [
        inspect.Parameter(
            name,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=Info if name == "info" else inspect.Parameter.empty,
        )
        for name in head
    ]
    rest = [
        p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for p in declared.parameters.values()
        if p.name != "self"
    ]
    resolve.__signature__ = declared.replace(parameters=[*first, *rest])  # type: ignore[attr-defined]
    resolve.__module__ = fn.__module__
    resolve.__qualname__ = fn.__qualname__


def command(service: Callable[..., Any], /, **to: str) -> Callable[[Callable[..., Any]], Any]:
    """Declare a mutation by a method's signature and docstring; its body is this: run
    ``service`` with the arguments in the service's terms (an input object's fields as
    :func:`terms` gives them, other arguments under their own names or the one ``to``
    gives) and show the record it returns as the declared type's ``shown(record, info)``
    (``FromRecord.shown``)::

        @command(supervision.lift)
        def lift_supervision(self, supervision_id: strawberry.ID, reason: str) -> Supervision:
            (its docstring: the description)
    """

    def declare(fn: Callable[..., Any]) -> Any:
        unknown = set(to) - set(inspect.signature(fn).parameters)
        if unknown:
            raise TypeError(f"{fn.__qualname__} has no parameter {sorted(unknown)}")
        shows = _shown_type(fn)

        async def resolve(info: Info, **given: Any) -> Any:
            kw: dict[str, Any] = {}
            for name, value in given.items():
                if value is not None and has_object_definition(value):
                    kw |= terms(info, value)
                else:
                    kw[to.get(name, name)] = _plain(value)
            return shows().shown(await call(info, service, **kw), info)

        _as_field(fn, resolve, ["info"])
        return strawberry.mutation(resolver=resolve, description=_described(fn))

    return declare


def records_of(
    service: Callable[..., Sequence[Any]], /, by: str = "case_id", **fixed: Any
) -> Callable[[Callable[..., Any]], Any]:
    """Declare a record type's list of other records by a method's return type and
    docstring: what ``service`` finds for the record (its key passed as ``by``, with
    ``fixed``), each shown as that type's ``of(found)``::

        @records_of(cases.comments)
        def comments(self) -> list[CaseComment]:
            (its docstring: the description)
    """

    def declare(fn: Callable[..., Any]) -> Any:
        shows = _shown_type(fn)

        async def resolve(self: Any, info: Info) -> Any:
            found = await call(info, service, **{by: self.record.key}, **fixed)
            return [shows().of(r) for r in found]

        _as_field(fn, resolve, ["self", "info"])
        return strawberry.field(resolver=resolve, description=_described(fn))

    return declare
