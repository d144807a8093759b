"""The collector pause: nested and threaded callers, and a collector left as found."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from cluehub.analysis.gcpause import gc_paused


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_off_inside_on_after() -> None:
    gc.enable()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer caller is still inside
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_on_again_only_when_the_last_thread_leaves() -> None:
    gc.enable()
    entered, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with gc_paused():
            entered.set()
            release.wait(5)
        seen.append(gc.isenabled())

    thread = threading.Thread(target=other)
    with gc_paused():
        thread.start()
        assert entered.wait(5)
    assert not gc.isenabled()  # the other thread is still inside
    release.set()
    thread.join(5)
    assert seen == [True] and gc.isenabled()


def test_an_exception_still_restores() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()
