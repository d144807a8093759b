"""Graph algorithms behind one small interface, so the engine can take them over at scale.

Ring detection needs four algorithms on a weighted undirected graph of entities:
connected components, communities (Louvain), PageRank and betweenness. They run here in
Python with networkx on extracted subgraphs (a ring is hundreds of entities, not
millions). :class:`Algorithms` is the seam: an implementation backed by Neo4j Graph Data
Science or FalkorDB's ``algo.*`` procedures can replace :class:`NetworkxAlgorithms`
without touching the ring logic (see ``analysis/README.md`` for the mapping).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Protocol

import networkx as nx


class Algorithms(Protocol):
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
        return nx.pagerank(graph, weight="weight")

    def betweenness(self, graph: nx.Graph, *, samples: int, seed: int) -> dict[str, float]:
        n = graph.number_of_nodes()
        if n <= 2:
            return dict.fromkeys(graph.nodes, 0.0)
        k = samples if samples < n else None
        return nx.betweenness_centrality(graph, k=k, seed=seed, normalized=True)


DEFAULT_ALGORITHMS: Algorithms = NetworkxAlgorithms()
