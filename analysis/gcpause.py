"""The cyclic garbage collector paused while analysis builds short-lived acyclic data.

A trace or a ring read allocates many small objects (rows, parcels, counters, tuples)
that reference counting frees on its own. With the collector on, each full collection
walks every tracked object of the process — in a running hub 180,000 and more from the
imported libraries, about 100 ms on this machine — so one in a few traces paid a full
collection in the middle of its work (a trace's p95 was twice its p50 for that alone).

:func:`gc_paused` nests and is shared by threads: the collector is off while at least one
caller is inside and comes back on when the last one leaves (only if it was on when the
first one came in). It does not touch thresholds, so nothing is lost: cycles made
meanwhile are collected at the next collection after the pause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_inside = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off for the duration (see the module docstring)."""
    global _inside, _was_enabled
    with _lock:
        if _inside == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0 and _was_enabled:
                gc.enable()
