"""Issue #10, item 2: no socket fallback to a shared, guessable location.

With a data directory whose path is too long for a unix socket, the socket used to be
``/tmp/cluehub-<digest>.sock``: another user who created it first received the hub's
writes. Now it lives in a private ``cluehub-UID`` directory, and a planted one is refused.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluehub.graph import identifiers as ids
from cluehub.graph.embedded import EmbeddedServer, EmbeddedServerError
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch


@pytest.fixture
def runtime() -> Iterator[Path]:
    """A short private directory to stand for $XDG_RUNTIME_DIR (pytest's are too long)."""
    path = Path(tempfile.mkdtemp(prefix="rt-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _long_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / ("d" * 60) / ("e" * 60) / "hub"
    assert len(str(data_dir / "falkordb.sock")) > 108
    return data_dir


def test_a_path_too_long_even_there_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / ("r" * 90)  # too long itself for a socket inside it
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    with pytest.raises(EmbeddedServerError, match="no socket path short enough"):
        FalkorDBStore(_long_dir(tmp_path))


def test_long_data_dir_gets_a_socket_in_a_private_runtime_dir(
    tmp_path: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    data_dir = _long_dir(tmp_path)
    store = FalkorDBStore(data_dir)
    try:
        batch = Batch()
        batch.node(ids.PHONE.key_of("13812345678"), 1, "t/1")
        store.write(batch)
        socket = store.server.socket_path
        assert socket.parent == runtime / f"cluehub-{os.geteuid()}"
        assert stat.S_IMODE(socket.parent.lstat().st_mode) == 0o700
        assert stat.S_ISSOCK(socket.lstat().st_mode)
        assert not Path("/tmp", socket.name).exists()
        assert store.counts() == (1, 0)
    finally:
        store.shutdown_server()


@pytest.mark.parametrize("trap", ["open mode", "symlink", "another user's"])
def test_a_planted_socket_dir_is_refused(
    tmp_path: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch, trap: str
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    planted = runtime / f"cluehub-{os.geteuid()}"
    if trap == "open mode":
        planted.mkdir()
        os.chmod(planted, 0o777)
    elif trap == "symlink":
        elsewhere = tmp_path / "attacker"
        elsewhere.mkdir(mode=0o700)
        planted.symlink_to(elsewhere)
    else:
        if os.geteuid() != 0:
            pytest.skip("needs root to create a directory owned by another user")
        planted.mkdir(mode=0o700)
        os.chown(planted, 65534, 65534)
    data_dir = _long_dir(tmp_path)
    with pytest.raises(EmbeddedServerError, match="not a private directory") as refused:
        FalkorDBStore(data_dir)
    assert "shorter --data-dir" in str(refused.value)
    if trap == "symlink":
        assert not any((tmp_path / "attacker").iterdir())  # nothing went where it points
    assert not EmbeddedServer(data_dir.resolve()).pid()  # no server was started


def test_shared_temp_dir_is_used_only_through_a_private_subdirectory(
    tmp_path: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    shared = runtime / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    monkeypatch.setattr("tempfile.tempdir", str(shared))
    socket = EmbeddedServer(_long_dir(tmp_path).resolve()).socket_path
    assert socket.parent == shared / f"cluehub-{os.geteuid()}"
    assert stat.S_IMODE(socket.parent.lstat().st_mode) == 0o700
