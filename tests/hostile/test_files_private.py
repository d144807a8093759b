"""Issue #10, item 1: the data directory and everything in it are the hub's user's alone.

The probe found the AOF (every phone, name and address in clear text) at mode 0644 in a
0755 directory, readable by user ``nobody``. Here a store is filled the way an operator
does it (``cluehub import``, ``cluehub token``, the app's id secret) from a process with
the usual umask 022, then every path under the data directory is checked for 0700/0600,
and a second local user tries to read each one.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluehub.api.app import create_app
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.files import make_private, privacy_problems
from cluehub.ingest import feeds
from cluehub.settings import load
from tests import CLUEHUB
from tests.support.served import clean_env

from .hub import other_user, run_as_other_user

READ_EVERYTHING = """
import os, sys, json
read, refused = [], []
for path in sys.argv[1:]:
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            with open(path, "rb") as handle:
                handle.read(16)
        read.append(path)
    except OSError as exc:
        refused.append([path, exc.errno])
print(json.dumps({"read": read, "refused": refused}))
"""


@pytest.fixture
def open_parent() -> Iterator[Path]:
    """A parent directory anyone may enter (pytest's own tmp dirs are 0700, which would
    hide the data directory's modes from the second user and prove nothing)."""
    parent = Path(tempfile.mkdtemp(prefix="cluehub-private-"))
    os.chmod(parent, 0o755)
    yield parent
    EmbeddedServer((parent / "hub").resolve()).shutdown()
    subprocess.run(["rm", "-rf", str(parent)], check=False)


def _fill(data_dir: Path) -> None:
    """A store with records, rejects, checkpoints, both secrets, a log and an AOF."""
    records = data_dir.parent / "waybills.jsonl"
    good = feeds.EXAMPLES["waybill"]
    lines = [json.dumps(good | {"record_id": f"w-{i}"}) for i in range(20)] + ["{not json"]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = clean_env()
    run = {"env": env, "capture_output": True, "text": True, "timeout": 120, "check": True}

    def umask_022() -> None:
        os.umask(0o022)

    for args in (
        ["import", str(records), "--kind", "waybill", "--partner", "sf-express"],
        ["token", "--user", "lin", "--bureau", "350300", "--role", "investigator"],
    ):
        subprocess.run([CLUEHUB, *args, "--data-dir", str(data_dir)], preexec_fn=umask_022, **run)
    # The app's id secret, the way a worker creates it; the server keeps running.
    old = os.umask(0o022)
    try:
        store = FalkorDBStore(data_dir)
        create_app(load(data_dir=data_dir), store=store)
        store.close()
    finally:
        os.umask(old)


@pytest.mark.slow  # starts processes
def test_every_path_under_the_data_dir_is_private(open_parent: Path) -> None:
    data_dir = open_parent / "hub"
    _fill(data_dir)
    paths = {p.relative_to(data_dir).as_posix(): p.lstat() for p in data_dir.rglob("*")}
    # What the probe found readable is all there: AOF, secrets, lock, log, checkpoint.
    for expected in ("aof", "jwt-secret", "id-secret", "falkordb.lock", "falkordb.log",
                     "falkordb.pid", "falkordb.sock", "imports"):  # fmt: skip
        assert expected in paths, sorted(paths)
    assert any(name.startswith("aof/appendonly.aof") for name in paths)
    assert any(name.startswith("imports/import-") for name in paths)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for name, info in paths.items():
        mode = stat.S_IMODE(info.st_mode)
        if stat.S_ISDIR(info.st_mode) or stat.S_ISSOCK(info.st_mode):
            assert mode == 0o700, f"{name} is {mode:o}"
        else:
            assert stat.S_ISREG(info.st_mode), name
            assert mode == 0o600, f"{name} is {mode:o}"
    assert privacy_problems(data_dir) == []
    # The rejects file beside the input holds personal data too.
    rejects = open_parent / "waybills.jsonl.rejects.jsonl"
    assert stat.S_IMODE(rejects.stat().st_mode) == 0o600


@pytest.mark.slow  # starts processes
def test_a_second_local_user_reads_nothing(open_parent: Path) -> None:
    other_user()  # skips with the reason when there is none
    data_dir = open_parent / "hub"
    _fill(data_dir)
    control = open_parent / "public.txt"
    control.write_text("anyone may read this")
    os.chmod(control, 0o644)
    targets = [str(control), str(data_dir)] + [str(p) for p in data_dir.rglob("*")]
    run = run_as_other_user(READ_EVERYTHING, *targets)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    # The control proves the other user really runs and can read what is public.
    assert seen["read"] == [str(control)], seen["read"]
    assert len(seen["refused"]) == len(targets) - 1


@pytest.mark.slow  # starts processes
def test_modes_loosened_later_are_warned_about_and_repaired_on_open(open_parent: Path) -> None:
    data_dir = open_parent / "hub"
    store = FalkorDBStore(data_dir)
    store.close()
    aof_files = [p for p in (data_dir / "aof").iterdir()]
    assert aof_files
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "aof", 0o755)
    for path in aof_files:
        os.chmod(path, 0o644)

    status = subprocess.run(
        [CLUEHUB, "store", "status", "--data-dir", str(data_dir)],
        env=clean_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith("running")
    warned = "".join(status.stderr.split())  # rich wraps long lines anywhere
    assert f"{aof_files[0]}ismode644" in warned
    assert "notprivatetothisuser" in warned

    repaired = make_private(data_dir)  # what every open does
    assert any(line.startswith(f"{aof_files[0]}: 644 -> 600") for line in repaired)
    assert privacy_problems(data_dir) == []
    assert stat.S_IMODE((data_dir / "aof").stat().st_mode) == 0o700
