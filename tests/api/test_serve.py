"""`cluehub serve` as a user runs it: real process, real HTTP, kill -9 and restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from cluehub.graph import identifiers as ids
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from tests import CLUEHUB

pytestmark = pytest.mark.slow  # starts cluehub serve


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    assert Path(CLUEHUB).exists(), f"the cluehub console script is not installed: {CLUEHUB}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUEHUB_", "NEO4J_"))}
    return subprocess.Popen(
        [CLUEHUB, "serve", "--port", str(port), "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _healthz(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"cluehub serve exited: {process.stderr.read().decode()[-2000:]}")
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail("cluehub serve did not answer /healthz")


def test_serve_reports_backend_and_survives_kill_9(tmp_path: Path) -> None:
    data_dir = tmp_path / "hub"
    port = _free_port()
    process = _serve(data_dir, port)
    try:
        health = _healthz(port, process)
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
        assert _healthz(port, process)["nodes"] == 51

        redis_pid = EmbeddedServer(data_dir.resolve()).pid()
        assert redis_pid
        process.send_signal(signal.SIGKILL)
        os.kill(redis_pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()

    restarted = _serve(data_dir, port)
    try:
        health = _healthz(port, restarted)
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
