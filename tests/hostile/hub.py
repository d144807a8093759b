"""Helpers for the hostile tests: a second local user (the served hub: ``tests.support.served``)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys

import pytest


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
