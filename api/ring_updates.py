"""Stored rings kept current after partner pushes, off the request path.

A push answers as soon as its batch is durable; the rings its records touch are
recomputed afterwards (``analysis.ring_docs.refresh``) by one worker thread per app,
which takes every key queued since its last run at once, so a burst of pushes costs one
refresh, not one each. A failed refresh is logged and its keys are retried with the next
push; ``cluehub analyze`` rebuilds everything from scratch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

from cluehub.analysis import ring_docs
from cluehub.graph.store import GraphStore

log = logging.getLogger("cluehub.rings")
# Kinds whose records can change a ring (takedown answers only update listing facts;
# authentication answers write no graph facts; a test buy links a shop to a parcel).
RING_KINDS = frozenset({"listing", "waybill", "complaint", "tracing"})


class RingUpdater:
    """Queue of keys whose rings must be refreshed, and the thread that does it."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._keys: set[str] = set()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, keys: Iterable[str]) -> None:
        with self._lock:
            self._keys.update(keys)
            if not self._keys or (self._worker is not None and self._worker.is_alive()):
                return
            self._idle.clear()
            self._worker = threading.Thread(target=self._run, name="ring-updates", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                keys, self._keys = self._keys, set()
                if not keys:
                    self._idle.set()
                    return
            started = time.perf_counter()
            try:
                written, retired = ring_docs.refresh(
                    self.store, keys, now_ms=int(time.time() * 1000)
                )
                log.info(
                    "rings refreshed: %d written, %d retired from %d keys in %.0f ms",
                    written, retired, len(keys), (time.perf_counter() - started) * 1000,
                )  # fmt: skip
            except Exception:  # keep the keys for the next run; never kill the worker
                log.exception("ring refresh failed; will retry with the next push")
                with self._lock:
                    self._keys |= keys
                    self._idle.set()
                return

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until the queue is empty (tests and shutdown)."""
        return self._idle.wait(timeout)
