"""docs/deploy.md shows commands that exist: every `cluehub …` line of its shell blocks
names a real sub-command with real flags (checked against `--help`), the systemd unit
parses, and the schema it lists is the schema the Neo4j backend creates."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from functools import cache
from pathlib import Path

from typer.testing import CliRunner

from cluehub.cli import app
from cluehub.graph import model, queries
from tests import CLUEHUB, ROOT  # CLUEHUB: beside sys.executable, not on PATH

DOC = ROOT / "docs" / "deploy.md"

TEXT = DOC.read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", TEXT, re.S | re.M)


def cluehub_commands() -> list[list[str]]:
    """The argument lists of every `cluehub` invocation in shell blocks (after any
    VAR=value prefixes), and of the unit's Exec lines."""
    lines = [line for block in blocks("sh") for line in block.splitlines()]
    lines += [line.split("=", 1)[1] for line in unit().splitlines() if line.startswith("Exec")]
    commands = []
    for line in lines:
        words = shlex.split(line)
        while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
            words = words[1:]
        if words and Path(words[0]).name == "cluehub":
            commands.append(words[1:])
    return commands


def unit() -> str:
    [found] = [b for b in blocks("ini") if b.startswith("[Unit]")]
    return found


@cache
def help_text(path: tuple[str, ...]) -> str:
    """``cluehub PATH --help`` as the installed command prints it (typer's runner, in
    process: the same app object the console script calls)."""
    done = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"}, prog_name="cluehub")
    assert done.exit_code == 0, f"`cluehub {' '.join(path)}` does not exist: {done.output}"
    return done.output


def subcommands(text: str) -> set[str]:
    section = text.split("Commands", 1)[1] if "Commands" in text else ""
    return set(re.findall(r"^│ (\S+)\s", section, re.M))


def test_every_cluehub_command_in_the_guide_exists_with_its_flags() -> None:
    commands = cluehub_commands()
    assert len(commands) >= 10
    seen = set()
    for words in commands:
        path: list[str] = []
        rest = list(words)
        while (
            rest and not rest[0].startswith("-") and rest[0] in subcommands(help_text(tuple(path)))
        ):
            path.append(rest.pop(0))
        assert path, f"no cluehub sub-command in {words}"
        text = help_text(tuple(path))
        assert not subcommands(text), f"`cluehub {' '.join(path)}` needs a sub-command"
        for word in rest:
            if word.startswith("--"):
                flag = word.split("=", 1)[0]
                assert re.search(rf"{re.escape(flag)}\b", text), f"cluehub {' '.join(path)} {flag}"
        seen.add(" ".join(path))
    assert {"serve", "migrate", "export", "store status", "store compact"} <= seen


def test_systemd_unit_parses(tmp_path: Path) -> None:
    text = unit()
    sections = re.findall(r"^\[(\w+)\]$", text, re.M)
    assert sections == ["Unit", "Service", "Install"]
    for line in text.splitlines():
        assert not line or line.startswith("[") or re.fullmatch(r"[A-Za-z]+=.+", line), line
    assert re.search(r"^ExecStart=/\S+/cluehub serve ", text, re.M)
    analyze = shutil.which("systemd-analyze")
    if analyze is None:  # a machine without systemd: the structural checks above ran
        return
    assert CLUEHUB
    local = text.replace("/opt/cluehub/.venv/bin/cluehub", CLUEHUB)  # verify wants it to exist
    path = tmp_path / "cluehub.service"
    path.write_text(local, encoding="utf-8")
    done = subprocess.run(
        [analyze, "verify", str(path)], capture_output=True, text=True, timeout=60
    )
    problems = [
        line for line in (done.stdout + done.stderr).splitlines()
        if str(path) in line or "cluehub.service" in line
    ]  # fmt: skip
    assert done.returncode == 0 and not problems, done.stdout + done.stderr


def test_the_schema_the_guide_lists_is_the_one_neo4j_gets() -> None:
    created = {
        re.search(r"CREATE (?:CONSTRAINT|INDEX) (\w+)", q.text_for("neo4j"))[1]
        for q in (queries.SCHEMA, queries.REGIONS_INDEX, queries.GRANTS_INDEX, queries.LEASE_KEY)
    }
    kind_indexes = {f"{k.label}_{p}" for k in model.NODE_KINDS for p in k.indexes}
    for name in created | kind_indexes | {"IntakeRecord_receipt", "AuditEvent_at"}:
        assert f"`{name}`" in TEXT, f"docs/deploy.md does not list {name}"
    assert (
        "IntakeRecord" in model.DOCUMENT_BY_LABEL
        and "receipt" in model.document("IntakeRecord").indexes
    )
