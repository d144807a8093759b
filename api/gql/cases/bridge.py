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

The services write their ``AuditEvent`` in the same transaction as each change; nothing
here writes to the store itself. How records are shown is ``shapes``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

import strawberry

from cluehub.api.audit import now_ms
from cluehub.api.errors import ApiError, BadInput, Forbidden, NotFound
from cluehub.cases import errors
from cluehub.cases.context import Actor
from cluehub.cases.periods import CST

from ..context import Context, Info
from ..permissions import page_window

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
    """``first`` of a list without cursors, refused over the page cap."""
    return page_window(first, None, info.context.settings.graphql_page_cap)[1]


def key_of(info: Info, id: strawberry.ID | None) -> str | None:
    """The node key of an opaque id argument (None stays None)."""
    return info.context.ids.decode(str(id)) if id is not None else None


def keys_of(info: Info, ids: Sequence[strawberry.ID] | None) -> list[str]:
    return [info.context.ids.decode(str(i)) for i in ids or ()]
