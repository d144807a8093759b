"""What every resolver gets as ``info.context``: one per request, never shared.

It carries the request's work budget: every store call goes through :meth:`call_store`,
which refuses to start one past ``deadline`` (monotonic seconds) or beyond
``max_store_calls``, with a ``WORK_LIMIT`` error that says which limit and how far the
request got; the fields already resolved keep their data.

Making a context also makes its id codec the request's (:func:`request_ids`, a context
variable: each request runs in a task of its own, and worker threads copy it), so
:func:`types.entity_of` fills an entity's ``id`` while it builds the object instead of
a resolver per entity asking ``info.context``.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

import anyio.to_thread
from strawberry.types import Info as StrawberryInfo

from cluehub.api import audit
from cluehub.api.errors import ApiError
from cluehub.api.identity import Viewer
from cluehub.api.observability import Metrics
from cluehub.api.opaque_ids import OpaqueIds
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.settings import Settings

from .loaders import Loaders

T = TypeVar("T")
_REQUEST_IDS: ContextVar[OpaqueIds] = ContextVar("cluehub_request_ids")


def request_ids() -> OpaqueIds:
    """The id codec of the request being answered."""
    try:
        return _REQUEST_IDS.get()
    except LookupError:
        raise RuntimeError("no GraphQL request is being answered here (no Context made)") from None


class WorkLimit(ApiError):
    """The request used up its work budget (store calls or time)."""

    code = "WORK_LIMIT"


@dataclass
class Context:
    viewer: Viewer
    store: GraphStore
    settings: Settings
    ids: OpaqueIds
    metrics: Metrics
    request_id: str
    deadline: float = math.inf  # time.monotonic() after which no store call starts
    max_store_calls: int = 1_000_000
    loaders: Loaders = field(init=False)
    store_calls: int = field(init=False, default=0)
    _count_lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self)
        _REQUEST_IDS.set(self.ids)

    def _spend(self, statement: str) -> None:
        with self._count_lock:
            self.store_calls += 1
            calls = self.store_calls
        if calls > self.max_store_calls:
            raise WorkLimit(
                f"work limit: this request needs more than {self.max_store_calls:,} store calls "
                f"(refused at {statement}); ask for smaller pages or fewer nested levels"
            )
        over = time.monotonic() - self.deadline
        if over > 0:
            raise WorkLimit(
                f"time limit: this request ran {over:.1f} s past its budget after "
                f"{calls - 1:,} store calls (refused at {statement}); ask for less"
            )

    @property
    def scope(self) -> str | None:
        return self.viewer.scope

    async def call_store(self, statement: str, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        """Run a blocking store call off the event loop, timed for /metrics, within the
        request's work budget."""
        self._spend(statement)

        def timed() -> T:
            with self.metrics.store_timer(statement):
                return fn(*args, **kw)

        return await anyio.to_thread.run_sync(timed)

    async def audit(
        self,
        operation: str,
        objects: Sequence[str] = (),
        *,
        reason: str | None = None,
        object_regions: Sequence[str] = (),
        detail: str | None = None,
        batch: Batch | None = None,
    ) -> str:
        """Write one audit event (with ``batch``'s writes when given, in one transaction)."""
        batch = batch or Batch()
        key = audit.add_event(
            batch,
            self.viewer,
            operation,
            objects,
            request_id=self.request_id,
            reason=reason,
            object_regions=object_regions,
            detail=detail,
        )
        await self.call_store("write", self.store.write, batch)
        return key


Info = StrawberryInfo[Context, None]
