"""The rooms stand on each other in one direction only (DEVELOPERS.md, "the shape of the code").

graph is the ground floor; ingest and analysis stand on graph; api stands on all three.
import-linter cannot see this layout (the rooms sit at the repository top and install as
``cluehub.<room>``), so the rule is read here from the source with ``ast``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests import ROOT

ROOMS = ("graph", "ingest", "analysis", "cases", "demo", "api")
# Room -> rooms it may import. Rooms missing from the tree are skipped.
ALLOWED: dict[str, set[str]] = {
    "graph": set(),
    "ingest": {"graph"},
    "analysis": {"graph"},
    "cases": {"graph", "analysis"},
    "demo": {"graph", "ingest"},
    "api": {"graph", "ingest", "analysis", "cases"},
}


def _imported_rooms(path: Path) -> set[str]:
    """Rooms named by the file's imports; relative ones resolved from the file's place."""
    package = ["cluehub", *path.parent.relative_to(ROOT).parts]
    rooms: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1]
            if len(base) < 2:
                pytest.fail(f"{path}: relative import reaching above its room")
            names = [".".join([*base, *([node.module] if node.module else [])])]
        for name in names:
            parts = name.split(".")
            if parts[0] == "cluehub" and len(parts) > 1 and parts[1] in ROOMS:
                rooms.add(parts[1])
    return rooms


@pytest.mark.parametrize("room", [r for r in ROOMS if (ROOT / r).is_dir()])
def test_room_imports_only_rooms_below(room: str) -> None:
    for path in sorted((ROOT / room).rglob("*.py")):
        above = _imported_rooms(path) - ALLOWED[room] - {room}
        assert not above, f"{path.relative_to(ROOT)} imports {sorted(above)}, above {room}"


def _test_module_imports(path: Path) -> list[str]:
    """Modules named ``test_*`` that the file imports (absolute or relative)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            parts = [*(node.module or "").split("."), *(a.name for a in node.names)]
        elif isinstance(node, ast.Import):
            parts = [p for a in node.names for p in a.name.split(".")]
        else:
            continue
        found += [p for p in parts if p.startswith("test_")]
    return found


def test_no_test_module_imports_another() -> None:
    """What several test modules share lives in tests/support, not in one of them."""
    offenders = {
        str(path.relative_to(ROOT)): names
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if "node_modules" not in path.parts and (names := _test_module_imports(path))
    }
    assert not offenders, offenders
