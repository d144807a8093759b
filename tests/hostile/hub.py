"""Helpers for the hostile tests: a real ``cluehub serve`` process and a second local user."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

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


def serve(data_dir: Path, port: int, **env: str) -> subprocess.Popen[bytes]:
    assert Path(CLUEHUB).exists(), "the cluehub console script is not installed"
    return subprocess.Popen(
        [CLUEHUB, "serve", "--port", str(port), "--data-dir", str(data_dir)],
        env=clean_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def healthz(port: int, process: subprocess.Popen[bytes], timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"cluehub serve exited: {process.stderr.read().decode()[-3000:]}")
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"cluehub serve did not answer /healthz within {timeout:.0f} s")


def other_user() -> pwd.struct_passwd:
    """The unprivileged account the 'second local user' tests run as (skip without)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to a second local user (os.setuid)")
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' account on this machine to act as a second local user")


def run_as_other_user(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -c code args…`` as user nobody; returns the finished process."""
    user = other_user()

    def drop() -> None:
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    return subprocess.run(
        [_system_python(), "-I", "-c", code, *args],
        preexec_fn=drop,  # the test process starts no threads of its own before this
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
    )


def _system_python() -> str:
    """A python the other user can run (the venv's may sit in a directory closed to it)."""
    found = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
    return found or getattr(sys, "_base_executable", sys.executable)
