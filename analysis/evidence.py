"""Evidence paths: real paths in the graph along which goods flowed, with record refs.

A *flow graph* orients every relationship read the way goods (or, for complaints and
declarations, attention) move: a sender passes a parcel to its waybill, the waybill to
its receiver, an address to the shop that declares it, a shop to the complaint naming
it. Each flow edge remembers the stored relationship (its direction and provenance), so
a path in the flow graph is a path in the store, hop by hop, with the feed records that
asserted each hop. Hubs are left out, so no path runs through a sorting centre.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from itertools import islice, pairwise

import networkx as nx

from .fetch import Rel
from .results import EvidencePath, Hop
from .shipments import Shipment


class FlowGraph:
    """A directed graph of goods flow over the relationships read.

    Kept as plain adjacency maps (a trace adds every parcel it read, most of them leading
    to consumers); only the part that reaches the start becomes a networkx graph, once,
    for the k shortest paths."""

    def __init__(self, hubs: Collection[str] = ()) -> None:
        self.succ: dict[str, dict[str, tuple[Rel, str]]] = {}
        self.pred: dict[str, set[str]] = {}
        self.hubs = set(hubs)
        self._towards: dict[str, tuple[dict[str, int], nx.DiGraph]] = {}

    def _add(self, a: str, b: str, rel: Rel, direction: str) -> None:
        if a in self.hubs or b in self.hubs:
            return
        out = self.succ.setdefault(a, {})
        if b not in out:
            out[b] = (rel, direction)
            self.pred.setdefault(b, set()).add(a)
            self._towards.clear()

    def along(self, rel: Rel) -> None:
        """Flow goes the way the relationship points (waybill -> receiver)."""
        self._add(rel.src, rel.dst, rel, "out")

    def against(self, rel: Rel) -> None:
        """Flow goes against the relationship (sender -> waybill, address -> shop)."""
        self._add(rel.dst, rel.src, rel, "in")

    def add_shipments(self, shipments: Iterable[Shipment]) -> None:
        for shipment in shipments:
            for end in shipment.ends:
                rel = Rel(shipment.key, end.type, end.key)
                if end.is_sender:
                    self.against(rel)
                else:
                    self.along(rel)

    def __contains__(self, node: str) -> bool:
        return node in self.succ or node in self.pred

    def whole(self) -> nx.DiGraph:
        """The whole flow graph as networkx (for searches from many sources at once)."""
        graph = nx.DiGraph()
        graph.add_edges_from((a, b) for a, out in self.succ.items() for b in out)
        return graph

    def _toward(self, target: str) -> tuple[dict[str, int], nx.DiGraph]:
        """Hops from each node to ``target`` and the flow graph of the nodes that reach it."""
        if target not in self._towards:
            distance = {target: 0}
            frontier = [target]
            while frontier:
                step = []
                for node in frontier:
                    for before in self.pred.get(node, ()):
                        if before not in distance:
                            distance[before] = distance[node] + 1
                            step.append(before)
                frontier = step
            graph = nx.DiGraph()
            graph.add_edges_from(
                (a, b) for a in distance for b in self.succ.get(a, {}) if b in distance
            )
            self._towards[target] = (distance, graph)
        return self._towards[target]

    def paths(self, sources: Iterable[str], target: str, limit: int) -> list[list[str]]:
        """Up to ``limit`` shortest flow paths (node keys) from the nearest of ``sources``."""
        if target not in self.pred:
            return []
        distance, graph = self._toward(target)
        reachable = [s for s in sources if s in distance and s != target]
        if not reachable:
            return []
        start = min(reachable, key=lambda s: (distance[s], s))
        return list(islice(nx.shortest_simple_paths(graph, start, target), limit))

    def rels(self, path: list[str]) -> list[Rel]:
        """The stored relationships a path walks, in order."""
        return [self.succ[a][b][0] for a, b in pairwise(path)]

    def evidence(
        self, path: list[str], provenance: Mapping[tuple[str, str, str], Rel]
    ) -> EvidencePath:
        """The path with each hop's provenance (read beforehand, see ``fetch.rel_props``)."""
        hops = []
        for a, b in pairwise(path):
            rel, direction = self.succ[a][b]
            if not rel.sources:
                rel = provenance.get((rel.src, rel.type, rel.dst), rel)
            hops.append(Hop(a, rel.type, b, direction, rel.sources, rel.first_seen, rel.last_seen))
        return EvidencePath(tuple(path), tuple(hops))
