"""Graph algorithms behind one small interface, so the engine can take them over at scale.

Ring detection needs four algorithms on a weighted undirected graph of entities:
connected components, communities (Louvain), PageRank and betweenness. They run here in
Python with networkx on extracted subgraphs (a ring is hundreds of entities, not
millions). :class:`Algorithms` is the seam: :class:`GdsAlgorithms` runs the same four in
Neo4j Graph Data Science on a named projection of the graph it is given (created and
dropped per call), and :func:`algorithms_for` picks it when the store's server has GDS,
networkx otherwise (see ``analysis/README.md`` for the mapping and which path ran).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Hashable
from typing import Any, Protocol

import networkx as nx
import numpy as np

from cluehub.graph import queries
from cluehub.graph.queries import Query
from cluehub.graph.store import GraphStore

log = logging.getLogger("cluehub.analysis")


class Algorithms(Protocol):
    name: str  # "networkx" or "gds": which path ran

    def components(self, graph: nx.Graph) -> list[set[str]]:
        """Connected components, largest first (ties by smallest member)."""
        ...

    def communities(self, graph: nx.Graph, *, resolution: float, seed: int) -> list[set[str]]:
        """Modularity communities on edge attribute ``weight``, deterministic for a seed."""
        ...

    def pagerank(self, graph: nx.Graph) -> dict[str, float]:
        """PageRank on edge attribute ``weight``."""
        ...

    def betweenness(self, graph: nx.Graph, *, samples: int, seed: int) -> dict[str, float]:
        """Betweenness centrality, from ``samples`` sources when the graph is larger."""
        ...


def _ordered(groups: list[set[Hashable]]) -> list[set[str]]:
    return sorted((set(map(str, g)) for g in groups), key=lambda g: (-len(g), min(g) if g else ""))


class NetworkxAlgorithms:
    """The in-process implementation (networkx; PageRank through scipy)."""

    name = "networkx"

    def components(self, graph: nx.Graph) -> list[set[str]]:
        return _ordered(list(nx.connected_components(graph)))

    def communities(self, graph: nx.Graph, *, resolution: float, seed: int) -> list[set[str]]:
        if graph.number_of_edges() == 0:
            return _ordered([{n} for n in graph.nodes])
        found = nx.community.louvain_communities(
            graph, weight="weight", resolution=resolution, seed=seed
        )
        return _ordered(found)

    def pagerank(self, graph: nx.Graph) -> dict[str, float]:
        if graph.number_of_nodes() == 0:
            return {}
        if graph.number_of_nodes() <= DENSE_PAGERANK_UP_TO:
            return dense_pagerank(graph)
        return nx.pagerank(graph, weight="weight")

    def betweenness(self, graph: nx.Graph, *, samples: int, seed: int) -> dict[str, float]:
        n = graph.number_of_nodes()
        if n <= 2:
            return dict.fromkeys(graph.nodes, 0.0)
        k = samples if samples < n else None
        return nx.betweenness_centrality(graph, k=k, seed=seed, normalized=True)


# A ring's subgraph is tens to hundreds of nodes: there a dense matrix beats scipy's
# sparse one, whose setup costs ~10 ms a call (500 rings at 1M nodes: 5 s).
DENSE_PAGERANK_UP_TO = 1_000


def dense_pagerank(
    graph: nx.Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6
) -> dict[str, float]:
    """``nx.pagerank(graph, weight="weight")`` (its ``_pagerank_scipy`` iteration, same
    defaults and convergence test) on a dense matrix."""
    nodes = list(graph)
    n = len(nodes)
    matrix = nx.to_numpy_array(graph, nodelist=nodes, weight="weight", dtype=float)
    out = matrix.sum(axis=1)
    dangling = out == 0
    out[~dangling] = 1.0 / out[~dangling]
    matrix *= out[:, None]
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ matrix + x[dangling].sum() * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * tol:
            return dict(zip(nodes, map(float, x), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


DEFAULT_ALGORITHMS: Algorithms = NetworkxAlgorithms()


class GdsAlgorithms:
    """The same four in Neo4j Graph Data Science, each on a projection of the given graph
    (its nodes matched by key, its links with their ``weight``), dropped after the call.
    Nodes the store does not hold are left to networkx's answer for them (alone)."""

    name = "gds"

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def _stream(self, graph: nx.Graph, query: Query, **params: Any) -> dict[str, Any]:
        rows = [{"src": str(a), "dst": str(b), "weight": float(w)}
                for a, b, w in graph.edges(data="weight", default=1.0)]  # fmt: skip
        linked = {k for r in rows for k in (r["src"], r["dst"])}
        rows += [
            {"src": str(n), "dst": None, "weight": None} for n in graph if str(n) not in linked
        ]
        name = f"cluehub-{query.name}-{uuid.uuid4().hex[:12]}"
        self.store.run(queries.GDS_PROJECT_ROWS, {"name": name, "rows": rows}, write=True)
        try:
            found = self.store.run(query, {"name": name, **params})
        finally:
            self.store.run(queries.GDS_DROP, {"name": name}, write=True)
        return {row["key"]: row["value"] for row in found}

    def _groups(self, graph: nx.Graph, labels: dict[str, Any]) -> list[set[str]]:
        groups: dict[Any, set[str]] = {}
        for node in graph:
            key = str(node)
            groups.setdefault(labels.get(key, ("alone", key)), set()).add(key)
        return _ordered(list(groups.values()))

    def components(self, graph: nx.Graph) -> list[set[str]]:
        if graph.number_of_nodes() == 0:
            return []
        return self._groups(graph, self._stream(graph, queries.GDS_WCC))

    def communities(self, graph: nx.Graph, *, resolution: float, seed: int) -> list[set[str]]:
        if graph.number_of_edges() == 0:
            return _ordered([{n} for n in graph.nodes])
        found = self._stream(graph, queries.GDS_LEIDEN, resolution=resolution, seed=seed)
        return self._groups(graph, found)

    def pagerank(self, graph: nx.Graph) -> dict[str, float]:
        if graph.number_of_nodes() == 0:
            return {}
        found = self._stream(graph, queries.GDS_PAGERANK)
        total = sum(found.values()) or 1.0  # networkx's scores sum to 1; GDS's do not
        return {str(n): found.get(str(n), 0.0) / total for n in graph}

    def betweenness(self, graph: nx.Graph, *, samples: int, seed: int) -> dict[str, float]:
        n = graph.number_of_nodes()
        if n <= 2:
            return dict.fromkeys(graph.nodes, 0.0)
        found = self._stream(graph, queries.GDS_BETWEENNESS, samples=min(samples, n), seed=seed)
        scale = 2.0 / ((n - 1) * (n - 2))  # networkx's normalisation of undirected scores
        return {str(node): found.get(str(node), 0.0) * scale for node in graph}


def algorithms_for(store: GraphStore) -> Algorithms:
    """GDS when the store's server has it, else networkx; logs which path runs."""
    version = store.gds_version()
    chosen: Algorithms = GdsAlgorithms(store) if version else DEFAULT_ALGORITHMS
    log.info("ring algorithms: %s%s", chosen.name, f" (GDS {version})" if version else "")
    return chosen
