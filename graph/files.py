"""Files the hub writes: a private data directory, and outputs that never follow a symlink.

The data directory holds every phone, name and address in clear text (the AOF), so it
and everything in it belong to the hub's user alone: directories 0700, files 0600.
:func:`make_private` creates or repairs it (and is called on every open);
:func:`privacy_problems` lists what is not private, for ``cluehub store status``.

Outputs outside the data directory (import rejects, reports) may sit in a directory
other users can write to, so they are opened without following a planted symlink and
refused when they are not a plain file of ours: :func:`open_append` for files written
in place, :func:`write_replacing` for files written whole (temporary file, then rename,
which replaces a symlink instead of writing through it).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

PRIVATE_UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600


class UnsafeFileError(OSError):
    """An output path that is a symlink, not a plain file, or someone else's file."""


def private_umask() -> int:
    """Set the process umask to 077 (new files 0600, directories 0700); returns the old one."""
    return os.umask(PRIVATE_UMASK)


def _walk(root: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """``root`` and everything below it, by lstat (symlinks are reported, never followed)."""
    yield root, root.lstat()
    for parent, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(parent) / name
            with contextlib.suppress(FileNotFoundError):  # a file that went meanwhile
                yield path, path.lstat()


def _wanted_mode(info: os.stat_result) -> int | None:
    if stat.S_ISDIR(info.st_mode):
        return DIR_MODE
    if stat.S_ISREG(info.st_mode):
        return FILE_MODE
    if stat.S_ISSOCK(info.st_mode):
        return DIR_MODE  # redis' unixsocketperm 700
    return None  # symlinks, fifos: reported, not changed


def privacy_problems(root: Path) -> list[str]:
    """What under ``root`` other local users could read or write, one line each."""
    root = Path(root)
    if not root.exists():
        return []
    uid = os.geteuid()
    problems: list[str] = []
    for path, info in _walk(root):
        mode = stat.S_IMODE(info.st_mode)
        if stat.S_ISLNK(info.st_mode):
            problems.append(f"{path} is a symlink (the data directory should hold none)")
        elif info.st_uid != uid:
            problems.append(f"{path} belongs to uid {info.st_uid}, not the hub's uid {uid}")
        elif mode & 0o077:
            problems.append(f"{path} is mode {mode:o}: other users can reach it")
    return problems


def make_private(root: Path) -> list[str]:
    """Create ``root`` (0700) if missing and make everything in it ours alone.

    Returns what was repaired (``path: 644 -> 600``); symlinks and other users' files
    are left as they are (see :func:`privacy_problems`).
    """
    root = Path(root)
    old = private_umask()
    try:
        root.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    finally:
        os.umask(old)
    uid = os.geteuid()
    repaired: list[str] = []
    for path, info in _walk(root):
        wanted = _wanted_mode(info)
        mode = stat.S_IMODE(info.st_mode)
        if wanted is None or info.st_uid != uid or not mode & 0o077:
            continue
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, mode & wanted, follow_symlinks=False)
            repaired.append(f"{path}: {mode:o} -> {mode & wanted:o}")
    return repaired


def _check_plain_file(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFileError(f"{path} is not a plain file; refusing to write to it")
    if info.st_uid != os.geteuid():
        raise UnsafeFileError(
            f"{path} belongs to another user (uid {info.st_uid}); refusing to write to it"
        )
    if info.st_nlink > 1:
        raise UnsafeFileError(f"{path} has {info.st_nlink} hard links; refusing to write to it")


def open_append(path: Path, mode: int = FILE_MODE) -> IO[bytes]:
    """``path`` opened for appending (created ``mode`` if missing), never through a symlink.

    Refuses (:class:`UnsafeFileError`, saying why) a symlink, a non-plain file, another
    user's file or a file with several hard links.
    """
    path = Path(path)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NOCTTY
    try:
        fd = os.open(path, flags | os.O_NONBLOCK, mode)  # O_NONBLOCK: a fifo cannot block us
    except OSError as exc:
        if path.is_symlink():
            raise UnsafeFileError(
                f"{path} is a symlink; refusing to write through it (remove it or choose "
                "another file)"
            ) from None
        if path.exists() and not path.is_file():
            raise UnsafeFileError(f"{path} is not a plain file; refusing to write to it") from None
        raise exc
    try:
        _check_plain_file(path, os.fstat(fd))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "ab")


def write_replacing(path: Path, write: Callable[[IO[bytes]], None], mode: int = FILE_MODE) -> Path:
    """Write ``path`` whole: ``write(handle)`` fills a new temporary file beside it, which
    is fsynced and renamed over ``path``. A symlink at ``path`` is refused, never followed.
    """
    path = Path(path)
    if path.is_symlink():
        raise UnsafeFileError(
            f"{path} is a symlink; refusing to write through it (remove it or choose another file)"
        )
    if path.exists() and not path.is_file():
        raise UnsafeFileError(f"{path} is not a plain file; refusing to replace it")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)  # rename never follows a symlink at the destination
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path
