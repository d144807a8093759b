"""Ring algorithms in Neo4j Graph Data Science when the server has it, networkx otherwise."""

from __future__ import annotations

import os
from itertools import pairwise

import networkx as nx
import pytest

from cluehub.analysis.algorithms import GdsAlgorithms, NetworkxAlgorithms, algorithms_for
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from tests.conftest import NEO4J_SKIP


def test_embedded_store_runs_the_networkx_path(falkordb_store: FalkorDBStore) -> None:
    assert falkordb_store.gds_version() is None
    assert algorithms_for(falkordb_store).name == "networkx"


def _two_rings() -> nx.Graph:
    graph = nx.Graph()
    for ring in ("a", "b"):
        digit = 1 if ring == "a" else 2
        keys = [f"tel:+86138{digit}00000{i:02d}" for i in range(6)]
        graph.add_weighted_edges_from((keys[0], k, 5.0) for k in keys[1:])
        graph.add_edges_from(pairwise(keys[1:]), weight=1.0)
    graph.add_node("tel:+8613900000000")  # alone
    return graph


@pytest.mark.neo4j
def test_gds_path_agrees_with_networkx() -> None:
    if not os.environ.get("NEO4J_URI"):
        pytest.skip(NEO4J_SKIP)
    from cluehub.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    try:
        if not store.gds_version():
            pytest.skip("the Neo4j server at NEO4J_URI has no Graph Data Science plugin")
        store.drop_all()
        graph = _two_rings()
        batch = Batch()
        for key in graph:
            batch.node(key, 1, "t/1")
        store.write(batch)
        gds, local = GdsAlgorithms(store), NetworkxAlgorithms()
        assert algorithms_for(store).name == "gds"
        assert gds.components(graph) == local.components(graph)
        assert gds.communities(graph, resolution=0.1, seed=7) == local.communities(
            graph, resolution=0.1, seed=7
        )
        rank_gds, rank_local = gds.pagerank(graph), local.pagerank(graph)
        assert max(rank_gds, key=rank_gds.get) == max(rank_local, key=rank_local.get)
        between = gds.betweenness(graph, samples=100, seed=7)
        assert max(between, key=between.get) in {"tel:+8613810000000", "tel:+8613820000000"}
        assert len(set(store.components(labels=["Phone"]).values())) == graph.number_of_nodes()
    finally:
        store.drop_all()
        store.close()
