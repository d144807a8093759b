"""Issue #10, item 4: the hub comes back by itself after a crash with a large AOF.

The probe saw ``cluehub serve`` exit with ``redis.exceptions.TimeoutError`` while
redis-server was still replaying a 55 MB AOF (it stops answering while it replays a
long command), once a replay hung, and ``SIGTERM`` left the embedded server running.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from cluehub.graph import identifiers as ids
from cluehub.graph.embedded import EmbeddedServer, EmbeddedServerError
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from tests.support.served import free_port, healthz, serve

BATCHES = 10
PER_BATCH = 1_000
PADDING = "补" * 1_550  # ~4.7 kB of UTF-8 per waybill: 50+ MB of AOF in ~20 s of writes


def _waybill(n: int) -> str:
    return ids.WAYBILL.key_of(f"SF13{n:011d}")


def _fill(store: FalkorDBStore) -> list[str]:
    """Write BATCHES acknowledged batches; return the waybill keys acknowledged."""
    acknowledged: list[str] = []
    for b in range(BATCHES):
        batch = Batch()
        keys = []
        for i in range(PER_BATCH):
            n = b * PER_BATCH + i
            waybill = batch.node(_waybill(n), 1, f"sf/{n}", contents=PADDING)
            phone = batch.node(ids.PHONE.key_of(f"138{n:08d}"), 1, f"sf/{n}")
            batch.rel(waybill, "SENT_BY", phone, 1, f"sf/{n}")
            keys.append(waybill)
        store.write(batch)  # returns once redis has the batch in its AOF
        acknowledged.extend(keys)
    return acknowledged


def _aof_bytes(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in (data_dir / "aof").iterdir())


@pytest.mark.slow
def test_kill_9_with_a_large_aof_then_serve_comes_back_with_everything(tmp_path: Path) -> None:
    data_dir = (tmp_path / "hub").resolve()
    port = free_port()
    hub = serve(data_dir, port)
    try:
        healthz(port, hub)
        writer = FalkorDBStore(data_dir)
        assert not writer.started_server  # the hub's server
        acknowledged = _fill(writer)
        writer.close()
        assert _aof_bytes(data_dir) >= 50_000_000
        redis_pid = EmbeddedServer(data_dir).pid()
        assert redis_pid
        hub.send_signal(signal.SIGKILL)
        os.kill(redis_pid, signal.SIGKILL)
        hub.wait(timeout=10)
    finally:
        if hub.poll() is None:
            hub.kill()

    restarted = serve(data_dir, port)
    try:
        health = healthz(port, restarted, timeout=180)
        assert health["nodes"] == 2 * len(acknowledged)
        assert health["relationships"] == len(acknowledged)
        reader = FalkorDBStore(data_dir)
        found = reader.get_many(acknowledged)
        reader.close()
        assert len(found) == len(acknowledged)
        assert all(
            found[key].props["contents"] == PADDING for key in acknowledged[:: PER_BATCH // 10]
        )
        # SIGTERM, as a service manager sends it, stops the server this hub started.
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(timeout=60)
    finally:
        if restarted.poll() is None:
            restarted.kill()
    assert not EmbeddedServer(data_dir).is_alive()


@pytest.mark.slow  # starts processes
def test_sigterm_stops_the_embedded_server_the_hub_started(tmp_path: Path) -> None:
    data_dir = (tmp_path / "hub").resolve()
    port = free_port()
    hub = serve(data_dir, port)
    try:
        healthz(port, hub)
        redis_pid = EmbeddedServer(data_dir).pid()
        assert redis_pid
        hub.send_signal(signal.SIGTERM)
        hub.wait(timeout=60)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and Path(f"/proc/{redis_pid}").exists():
            time.sleep(0.1)
        assert not Path(f"/proc/{redis_pid}").exists(), "redis-server outlived SIGTERM"
        assert b"stopping the embedded store" in hub.stderr.read()
    finally:
        if hub.poll() is None:
            hub.kill()


@pytest.mark.slow  # starts processes
def test_start_up_waits_longer_than_a_fixed_timeout_and_a_hung_replay_is_named(
    tmp_path: Path,
) -> None:
    """A server that does not answer for 6 s is waited for (no fixed 5 s timeout); one that
    makes no progress at all for the stall limit is reported with what to do."""
    data_dir = (tmp_path / "hub").resolve()
    store = FalkorDBStore(data_dir)
    server = store.server
    pid = server.pid()
    assert pid
    try:
        os.kill(pid, signal.SIGSTOP)  # answers nothing and uses no CPU: like the hung replay
        with pytest.raises(EmbeddedServerError) as hung:
            server.wait_ready(stall_seconds=2, on_loading=lambda state: None)
        message = str(hung.value)
        assert f"redis-server (pid {pid}) made no progress for 2 s" in message
        assert "looks hung" in message and "cluehub store stop" in message

        seen: list[str] = []
        threading.Timer(6.0, os.kill, (pid, signal.SIGCONT)).start()
        started = time.monotonic()
        server.wait_ready(stall_seconds=30, on_loading=lambda state: seen.append(state.line()))
        assert time.monotonic() - started >= 5.5
        assert seen and all("replaying the append-only file" in line for line in seen)
    finally:
        os.kill(pid, signal.SIGCONT)
        store.shutdown_server()
