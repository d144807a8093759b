"""The embedded FalkorDB: shared by processes, and acknowledged writes survive kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cluehub.graph import identifiers as ids
from cluehub.graph.embedded import EmbeddedServer, _process_is_redis, ensure_server
from cluehub.graph.falkordb_store import FalkorDBStore

pytestmark = pytest.mark.slow  # kills writer processes

WRITER = Path(__file__).with_name("writer_process.py")


def _writer(data_dir: Path, graph: str, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), graph, prefix, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _sent_by_count(store: FalkorDBStore, phone: str) -> int:
    rows = store._run(  # test-only direct count
        "MATCH (w:Waybill)-[:SENT_BY]->(p:Phone {key: $k}) RETURN count(w) AS n",
        {"k": phone},
        write=False,
    )
    return rows[0]["n"]


def test_two_processes_write_concurrently(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = FalkorDBStore(data_dir, graph="shared")
    try:
        writers = [_writer(data_dir, "shared", prefix, 200) for prefix in ("11", "22")]
        for writer in writers:
            out, err = writer.communicate(timeout=120)
            assert writer.returncode == 0, err
            assert out.count("ack") == 200
        phone = ids.PHONE.key_of("13812345678")
        assert _sent_by_count(store, phone) == 400
        node = store.get(phone)
        assert node is not None and node.props["sightings"] == 400
        assert store.counts() == (401, 400)
    finally:
        store.shutdown_server()


def test_acknowledged_writes_survive_kill_9_of_everything(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    server, started = ensure_server(data_dir)
    try:
        assert started
        _kill_everything_after_acks(server, data_dir, 300)
        reopened = FalkorDBStore(data_dir, graph="g")  # finds the stale socket and restarts
        assert reopened.started_server
        keys = [ids.WAYBILL.key_of(f"SF33{i:010d}") for i in range(301)]
        found = reopened.get_many(keys)
        missing = [k for k in keys if k not in found]
        assert missing == [], f"{len(missing)} acknowledged writes lost"
        assert _sent_by_count(reopened, ids.PHONE.key_of("13812345678")) >= 301
    finally:
        EmbeddedServer(data_dir.resolve()).shutdown()  # whatever happened above


def _kill_everything_after_acks(server: EmbeddedServer, data_dir: Path, acks: int) -> None:
    """Run a writer until it has ``acks`` acknowledged writes, then kill -9 it and the
    redis-server together, and wait until the server is really gone."""
    writer = _writer(data_dir, "g", "33", 100_000)
    assert writer.stdout is not None
    for line in writer.stdout:
        if int(line.split()[1]) >= acks:
            break
    redis_pid = server.pid()
    assert redis_pid, server.log_tail()
    writer.send_signal(signal.SIGKILL)
    os.kill(redis_pid, signal.SIGKILL)
    writer.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _process_is_redis(redis_pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # a killed child stays a zombie (no cmdline) until reaped
    assert not EmbeddedServer(data_dir.resolve()).is_alive()


def test_reuses_live_server_and_shuts_down_cleanly(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first, started_first = ensure_server(data_dir)
    second, started_second = ensure_server(data_dir)
    assert started_first and not started_second
    assert first.pid() == second.pid()
    first.shutdown()
    assert not first.is_alive()
    assert not first.socket_path.exists()


def test_long_data_dir_gets_short_socket(tmp_path: Path) -> None:
    data_dir = tmp_path / ("x" * 120)
    server, _ = ensure_server(data_dir)
    try:
        assert len(str(server.socket_path)) < 108
        assert server.is_alive()
    finally:
        server.shutdown()


@pytest.mark.parametrize("fsync", ["always", "everysec"])
def test_fsync_policy_is_configurable(tmp_path: Path, fsync: str) -> None:
    store = FalkorDBStore(tmp_path / "data", fsync=fsync)  # type: ignore[arg-type]
    try:
        assert store.server.client().config_get("appendfsync") == {"appendfsync": fsync}
    finally:
        store.shutdown_server()
