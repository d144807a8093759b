"""A real ``cluehub serve`` process for the tests that need one: a free port, an
environment without the caller's ``CLUEHUB_``/``NEO4J_`` settings, and a wait for
``/healthz`` that fails with the server's own last words when it exits early.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests import CLUEHUB


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUEHUB_", "NEO4J_"))}
    return env | extra


def serve(data_dir: Path, port: int, *args: str, **env: str) -> subprocess.Popen[bytes]:
    """``cluehub serve --port PORT --data-dir DATA_DIR ARGS…`` with ``env`` added."""
    assert Path(CLUEHUB).exists(), f"the cluehub console script is not installed: {CLUEHUB}"
    return subprocess.Popen(
        [CLUEHUB, "serve", "--port", str(port), "--data-dir", str(data_dir), *args],
        env=clean_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def healthz(port: int, process: subprocess.Popen[bytes], timeout: float = 120) -> dict[str, Any]:
    """``/healthz``'s answer once the server gives one (the test fails if it exits first
    or stays silent for ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read().decode() if process.stderr else ""
            pytest.fail(f"cluehub serve exited: {stderr[-3000:]}")
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"cluehub serve did not answer /healthz within {timeout:.0f} s")
