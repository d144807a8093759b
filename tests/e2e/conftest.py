"""The end-to-end tests' world: the session's small demo world (a copy of its own for
each test), its rings stored as the hub stores them, and the app over it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cluehub.analysis import ring_docs
from cluehub.demo.truth import GroundTruth
from cluehub.graph.store import GraphStore
from cluehub.settings import load
from tests.conftest import DemoWorld
from tests.support.gql import Hub


@pytest.fixture
def world(
    small_demo: GraphStore, small_demo_world: DemoWorld, tmp_path: Path
) -> tuple[Hub, GroundTruth, Path]:
    """(the hub, the world's ground truth, the directory of its feed files and truth)."""
    ring_docs.rebuild(small_demo, now_ms=int(time.time() * 1000))
    hub = Hub(load(data_dir=tmp_path / "hub"), small_demo)
    return hub, small_demo_world.truth, small_demo_world.demo_dir
