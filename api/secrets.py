"""Server secrets: from settings when given, else generated once into the data directory.

``jwt-secret`` signs local tokens (``cluehub token``), ``id-secret`` keys the opaque
entity ids. A generated secret is written with mode 600 by whichever process comes
first (``O_EXCL``), so several workers of one hub always agree on it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

JWT_SECRET_FILE = "jwt-secret"
ID_SECRET_FILE = "id-secret"
_MIN_LENGTH = 32


class SecretError(RuntimeError):
    """A secret that is too short or a secret file that cannot be used."""


def load_or_create(data_dir: Path, name: str, configured: str | None, env_name: str) -> bytes:
    """The configured secret, or the one kept in ``data_dir/name`` (created if missing)."""
    if configured:
        if len(configured) < _MIN_LENGTH:
            raise SecretError(
                f"{env_name} is {len(configured)} characters; use at least {_MIN_LENGTH} "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
            )
        return configured.encode()
    path = Path(data_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written aside, then linked into place: link() fails if another worker won the
        # race, and nobody ever reads a half-written file.
        tmp = path.with_name(f".{name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return _read(path)


def _read(path: Path) -> bytes:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise SecretError(f"{path} is readable by others (mode {mode:o}); run `chmod 600 {path}`")
    value = path.read_text().strip()
    if len(value) < _MIN_LENGTH:
        raise SecretError(f"{path} holds a secret shorter than {_MIN_LENGTH} characters")
    return value.encode()
