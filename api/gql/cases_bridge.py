"""How GraphQL resolvers call the coordination room (``cluehub.cases``): thin and uniform.

- :func:`actor_of`: the signed-in viewer as the room's :class:`Actor` (user, bureau, role,
  request id), so the room's permission rules decide (``cases.permissions``);
- :func:`call`: run one service off the event loop (timed for /metrics) and turn the
  room's errors into the API's, so MaskErrors shows them: permission refusals as
  ``FORBIDDEN``, bad input as ``BAD_USER_INPUT``, unknown records as ``NOT_FOUND``, a
  status change the flow does not allow as ``INVALID_TRANSITION``; anything else stays an
  internal error and is masked;
- :func:`now_ms`: the clock (``int(time.time()*1000)``), read once per resolver and
  passed in;
- :func:`ms_of`: a GraphQL ``DateTime`` argument as epoch ms (no zone: China Standard
  Time, as the feeds read it).

The services write their ``AuditEvent`` in the same transaction as each change; nothing
here writes to the store itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from cluehub.api.audit import now_ms
from cluehub.api.errors import ApiError, BadInput, Forbidden, NotFound
from cluehub.cases import bureaus as directory
from cluehub.cases import errors
from cluehub.cases.context import Actor

from .context import Context
from .types import Bureau

T = TypeVar("T")
CST = timezone(timedelta(hours=8), "CST")
__all__ = ["InvalidTransition", "actor_of", "bureau_of", "call", "ms_of", "now_ms", "translate"]


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


async def call(ctx: Context, name: str, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
    """Run ``fn(*args, **kw)`` (a cases service) in a worker thread; errors translated."""
    try:
        return await ctx.call_store(f"cases.{name}", fn, *args, **kw)
    except errors.CasesError as exc:
        raise translate(exc) from None


def ms_of(value: datetime) -> int:
    """Epoch milliseconds of a DateTime argument; without a zone it is China Standard Time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=CST)
    return int(value.timestamp() * 1000)


def bureau_of(ref: str | None) -> Bureau | None:
    """The GraphQL bureau of a room reference (``bureau:350304``)."""
    if not ref:
        return None
    return Bureau.of(directory.code_of(ref))
