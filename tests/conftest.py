"""Shared fixtures: real stores only.

The embedded FalkorDB runs for the whole session in a temporary data directory; each
test gets a graph of its own in it. Neo4j runs when NEO4J_URI is set.

The small demo world (seed 7) is generated and loaded through the real intake once per
session (``small_demo_world``); a test that wants it gets its own copy of that graph
(``small_demo``, FalkorDB's ``GRAPH.COPY``: nodes, relationships and documents), so it
may write freely and the world is loaded once instead of once per test.

Lanes: every test whose fixtures reach the session's engine (``falkordb_dir``) is marked
``engine`` here, so ``scripts/test.sh --fast`` (``-m "not engine and not slow"``) leaves
it out without anyone remembering to mark it; tests that start the engine another way
or start processes carry ``engine`` / ``slow`` themselves.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cluehub.demo.run import build_demo
from cluehub.demo.truth import GroundTruth
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.store import GraphStore

ENGINE_FIXTURES = frozenset({"falkordb_dir"})  # every store fixture stands on it

NEO4J_SKIP = (
    "NEO4J_URI is not set: no Neo4j server to test against "
    "(set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)"
)


@pytest.fixture(scope="session")
def falkordb_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    data_dir = tmp_path_factory.mktemp("falkordb")
    yield data_dir
    EmbeddedServer(data_dir.resolve()).shutdown()


def _falkordb(data_dir: Path) -> FalkorDBStore:
    return FalkorDBStore(data_dir, graph=f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, falkordb_dir: Path) -> Iterator[GraphStore]:
    """A fresh, empty store on each backend."""
    if request.param == "falkordb":
        backend = _falkordb(falkordb_dir)
        yield backend
        backend.drop_all()
        backend.close()
        return
    if not os.environ.get("NEO4J_URI"):
        pytest.skip(NEO4J_SKIP)
    from cluehub.graph.neo4j_store import Neo4jStore

    backend = Neo4jStore(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    backend.drop_all()
    yield backend
    backend.drop_all()
    backend.close()


@pytest.fixture
def falkordb_store(falkordb_dir: Path) -> Iterator[FalkorDBStore]:
    """The embedded backend only (tests of what only it has)."""
    backend = _falkordb(falkordb_dir)
    yield backend
    backend.drop_all()
    backend.close()


@dataclass(frozen=True)
class DemoWorld:
    """The session's loaded small demo world: its graph (a template, never handed out),
    the ground truth, and the directory its feed files and truth were written to."""

    graph: str
    truth: GroundTruth
    demo_dir: Path


@pytest.fixture(scope="session")
def small_demo_world(
    falkordb_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoWorld]:
    template = _falkordb(falkordb_dir)
    demo_dir = tmp_path_factory.mktemp("demo-small")
    _, truth, truth_path = build_demo(template, demo_dir, size="small", seed=7)
    yield DemoWorld(template.graph_name, truth, truth_path.parent)
    template.drop_all()
    template.close()


@pytest.fixture
def small_demo(small_demo_world: DemoWorld, falkordb_dir: Path) -> Iterator[FalkorDBStore]:
    """A graph of the test's own holding the small demo world (a copy of the template)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    client = EmbeddedServer(falkordb_dir.resolve()).client(timeout=120)
    try:
        client.execute_command("GRAPH.COPY", small_demo_world.graph, name)
    finally:
        client.close()
    backend = FalkorDBStore(falkordb_dir, graph=name)
    yield backend
    backend.drop_all()
    backend.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``engine`` every test whose fixtures (transitively) reach the engine."""
    for item in items:
        if ENGINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.engine)
