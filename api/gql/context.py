"""What every resolver gets as ``info.context``: one per request, never shared."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import anyio.to_thread
from strawberry.types import Info as StrawberryInfo

from cluehub.api import audit
from cluehub.api.identity import Viewer
from cluehub.api.observability import Metrics
from cluehub.api.opaque_ids import OpaqueIds
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.settings import Settings

from .loaders import Loaders

T = TypeVar("T")


@dataclass
class Context:
    viewer: Viewer
    store: GraphStore
    settings: Settings
    ids: OpaqueIds
    metrics: Metrics
    request_id: str
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self)

    @property
    def scope(self) -> str | None:
        return self.viewer.scope

    async def call_store(self, statement: str, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        """Run a blocking store call off the event loop, timed for /metrics."""

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
