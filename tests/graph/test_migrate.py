"""`cluehub migrate`: a whole hub copied store to store, exactly, resumably, verified.

The demo world is the source; the target is another embedded data directory (the same
port interface as Neo4j), and Neo4j itself when NEO4J_URI is set.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluehub.demo.run import build_demo
from cluehub.graph import transfer
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.graph.store import Edge, GraphStore, Node
from tests import CLUEHUB
from tests.conftest import NEO4J_SKIP


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("CLUEHUB_", "NEO4J_"))}


def _migrate(source_dir: Path, to: str, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CLUEHUB, "the cluehub console script is not installed"
    return subprocess.run(
        [CLUEHUB, "migrate", "--to", to, "--data-dir", str(source_dir), *extra],
        env=_env(), capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def everything(store: GraphStore) -> tuple[list[Node], list[Edge], dict[str, list[dict]]]:
    """Every element of a (small) store in key order, properties included."""
    nodes = sorted(
        (n for _, page in transfer.node_pages(store, None, 5_000) for n in page),
        key=lambda n: n.key,
    )
    edges = sorted(
        (e for _, page in transfer.edge_pages(store, None, 5_000) for e in page),
        key=lambda e: (e.src, e.type, e.dst),
    )
    docs = {
        label: sorted(
            (d for _, page in transfer.doc_pages(store, label, None, 5_000) for d in page),
            key=lambda d: d["key"],
        )
        for label in transfer.document_labels(store)
    }
    return nodes, edges, docs


@pytest.fixture(scope="module")
def demo_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory holding the small demo world (its server stopped again)."""
    data_dir = tmp_path_factory.mktemp("demo-hub")
    store = FalkorDBStore(data_dir)
    build_demo(store, data_dir / "demo", size="small", seed=7)
    store.shutdown_server()
    yield data_dir
    EmbeddedServer(data_dir.resolve()).shutdown()


def test_restore_sets_provenance_exactly_and_is_idempotent(store: GraphStore) -> None:
    phone = Node(
        "tel:+8613812345678",
        "Phone",
        {"first_seen": 5, "last_seen": 9, "sightings": 7, "sources": ["a/1", "b/2"],
         "regions": ["350304", "350300", "350000"], "grants": ["110000"]},
    )  # fmt: skip
    shop = Node("shop:tmall:1", "Shop", {"first_seen": 1, "last_seen": 2, "sightings": 3,
                "sources": ["a/1"], "regions": [], "name": "x"})  # fmt: skip
    edge = Edge(shop.key, "HAS_PHONE", phone.key,
                {"first_seen": 1, "last_seen": 2, "sightings": 4, "sources": ["a/1"]})  # fmt: skip
    doc = {"key": "rcpt-1", "partner": "sf", "accepted": 3}
    for _ in range(2):
        assert store.restore([phone, shop], [edge], {"Receipt": [doc]}) == 4
    got = store.get_many([phone.key, shop.key])
    assert got[phone.key].props == {**phone.props, "key": phone.key}
    assert got[shop.key].props == {**shop.props, "key": shop.key}
    assert store.subgraph([phone.key, shop.key]).edges == [edge]
    assert store.get_doc("Receipt", "rcpt-1") == doc
    assert store.counts() == (2, 1)


def test_migrate_refuses_a_target_that_holds_data(falkordb_dir: Path, tmp_path: Path) -> None:
    source = FalkorDBStore(falkordb_dir, graph=f"t_{uuid.uuid4().hex[:12]}")
    target = FalkorDBStore(falkordb_dir, graph=f"t_{uuid.uuid4().hex[:12]}")
    try:
        for one in (source, target):
            batch = Batch()
            batch.node("tel:+8613812345678", 1, "t/1")
            one.write(batch)
        with pytest.raises(transfer.TransferError, match="already holds 1 nodes"):
            transfer.migrate(source, target, state_dir=tmp_path)
        with pytest.raises(transfer.TransferError, match="same store"):
            transfer.migrate(source, source, state_dir=tmp_path)
    finally:
        for one in (source, target):
            one.drop_all()
            one.close()


@pytest.mark.slow
def test_demo_world_copied_exactly_then_source_refuses_to_serve(
    demo_hub: Path, tmp_path: Path
) -> None:
    target_dir = tmp_path / "copy"
    done = _migrate(demo_hub, f"embedded:{target_dir}")
    assert done.returncode == 0, done.stderr
    assert "verified: counts per kind and type equal" in done.stdout
    source, target = FalkorDBStore(demo_hub), FalkorDBStore(target_dir)
    try:
        left, right = everything(source), everything(target)
        assert len(left[0]) > 10_000 and len(left[1]) > 10_000
        assert {"IntakeRecord", "Receipt", "AuditEvent"} <= set(left[2])
        assert left == right  # every node, relationship and document, property by property
        assert transfer.counts(source) == transfer.counts(target)
    finally:
        source.shutdown_server()
        target.shutdown_server()
    refused = subprocess.run(
        [CLUEHUB, "jobs", "run", "--data-dir", str(demo_hub)],
        env=_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "was migrated to embedded:" in " ".join(refused.stderr.split())
    EmbeddedServer(demo_hub.resolve()).shutdown()


@pytest.mark.slow
def test_migration_killed_mid_way_resumes_without_loss_or_doubling(
    demo_hub: Path, tmp_path: Path
) -> None:
    target_dir = tmp_path / "resumed"
    assert CLUEHUB
    process = subprocess.Popen(
        [CLUEHUB, "migrate", "--to", f"embedded:{target_dir}", "--data-dir", str(demo_hub),
         "--batch", "500"],
        env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    state = demo_hub / "migrations"
    before = {p.name for p in state.glob("migrate-*.json")} if state.exists() else set()
    deadline = time.monotonic() + 300
    checkpoint: dict = {}
    while time.monotonic() < deadline and process.poll() is None:
        fresh = [p for p in state.glob("migrate-*.json") if p.name not in before]
        if fresh:
            try:
                checkpoint = json.loads(fresh[0].read_text())
            except (json.JSONDecodeError, FileNotFoundError):
                continue
            if checkpoint["phase"] == "relationships":
                break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert checkpoint.get("phase") == "relationships", "the migration ended before the kill"

    target = FalkorDBStore(target_dir)  # the target's server outlived the killed migration
    nodes, rels = target.counts()
    source = FalkorDBStore(demo_hub)
    try:
        total_nodes, total_rels = source.counts()
        assert nodes == total_nodes and 0 < rels < total_rels  # killed half way

        rerun = _migrate(demo_hub, f"embedded:{target_dir}")
        assert rerun.returncode == 0, rerun.stderr
        assert rerun.stdout.startswith("resumed")
        left, right = everything(source), everything(target)
        assert left == right
        sightings = [sum(e.props["sightings"] for e in side[1]) for side in (left, right)]
        assert sightings[0] == sightings[1] > 0  # nothing doubled
    finally:
        source.shutdown_server()
        target.shutdown_server()


def _small_world(store: GraphStore, n: int = 300) -> None:
    batch = Batch()
    for i in range(n):
        waybill = batch.node(f"waybill:SF:SF13{i:011d}", 1_000 + i, f"t/{i}", "350304")
        phone = batch.node("tel:+8613812345678", 2_000 + i, f"t/{i}")
        batch.rel(waybill, "SENT_BY", phone, 3_000 + i, f"t/{i}")
        batch.doc("Receipt", f"rcpt-{i}", partner="sf", accepted=i)
    store.write(batch)


def test_finished_migration_run_again_changes_nothing(falkordb_dir: Path, tmp_path: Path) -> None:
    source = FalkorDBStore(falkordb_dir, graph=f"t_{uuid.uuid4().hex[:12]}")
    target = FalkorDBStore(falkordb_dir, graph=f"t_{uuid.uuid4().hex[:12]}")
    try:
        _small_world(source)
        first = transfer.migrate(source, target, state_dir=tmp_path, batch_size=50)
        assert first.verification.ok and not first.resumed
        assert first.copied == {"nodes": 301, "relationships": 300, "documents": 300}
        copy = everything(target)
        again = transfer.migrate(source, target, state_dir=tmp_path, batch_size=50)
        assert again.verification.ok and again.copied == first.copied
        assert everything(target) == copy == everything(source)
        assert target.get("tel:+8613812345678").props["sightings"] == 300
    finally:
        for one in (source, target):
            one.drop_all()
            one.close()


@pytest.mark.neo4j
def test_migrate_to_neo4j_and_back(falkordb_dir: Path, tmp_path: Path) -> None:
    if not os.environ.get("NEO4J_URI"):
        pytest.skip(NEO4J_SKIP)
    from cluehub.graph.neo4j_store import Neo4jStore

    neo4j = Neo4jStore(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    source = FalkorDBStore(falkordb_dir, graph=f"t_{uuid.uuid4().hex[:12]}")
    back = FalkorDBStore(falkordb_dir, graph=f"t_{uuid.uuid4().hex[:12]}")
    try:
        neo4j.drop_all()
        _small_world(source)
        there = transfer.migrate(source, neo4j, state_dir=tmp_path, batch_size=64)
        assert there.verification.ok, there.verification.mismatches
        home = transfer.migrate(neo4j, back, state_dir=tmp_path, batch_size=64)
        assert home.verification.ok, home.verification.mismatches
        assert everything(back) == everything(source)
    finally:
        neo4j.drop_all()
        neo4j.close()
        for one in (source, back):
            one.drop_all()
            one.close()
