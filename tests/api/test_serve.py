"""`cluehub serve` as a user runs it: real process, real HTTP, kill -9 and restart."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from cluehub.graph import identifiers as ids
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from tests import CLUEHUB
from tests.support.served import free_port, healthz, serve

pytestmark = pytest.mark.slow  # starts cluehub serve


def test_serve_reports_backend_and_survives_kill_9(tmp_path: Path) -> None:
    data_dir = tmp_path / "hub"
    port = free_port()
    process = serve(data_dir, port)
    try:
        health = healthz(port, process)
        assert health["store"]["backend"] == "falkordb-embedded"
        assert "data_dir" not in health["store"]  # no filesystem paths on /healthz
        assert health["nodes"] == 0

        writer = FalkorDBStore(data_dir)  # a second process-like client of the same store
        batch = Batch()
        for i in range(50):
            waybill = batch.node(ids.WAYBILL.key_of(f"SF1311{i:08d}"), 1, f"t/{i}")
            phone = batch.node(ids.PHONE.key_of("13812345678"), 1, f"t/{i}")
            batch.rel(waybill, "SENT_BY", phone, 1, f"t/{i}")
        writer.write(batch)
        assert not writer.started_server
        assert healthz(port, process)["nodes"] == 51

        redis_pid = EmbeddedServer(data_dir.resolve()).pid()
        assert redis_pid
        process.send_signal(signal.SIGKILL)
        os.kill(redis_pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()

    restarted = serve(data_dir, port)
    try:
        health = healthz(port, restarted)
        assert health["nodes"] == 51
        assert health["relationships"] == 50
    finally:
        restarted.send_signal(signal.SIGINT)  # clean stop: uvicorn exits, store shuts down
        restarted.wait(timeout=30)
    assert not EmbeddedServer(data_dir.resolve()).is_alive()


def test_version_flag() -> None:
    assert Path(CLUEHUB).exists(), f"the cluehub console script is not installed: {CLUEHUB}"
    out = subprocess.run([CLUEHUB, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("cluehub ")
