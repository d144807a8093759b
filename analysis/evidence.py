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
    """A directed graph of goods flow over the relationships read."""

    def __init__(self, hubs: Collection[str] = ()) -> None:
        self.graph = nx.DiGraph()
        self.hubs = set(hubs)

    def _add(self, a: str, b: str, rel: Rel, direction: str) -> None:
        if a in self.hubs or b in self.hubs or self.graph.has_edge(a, b):
            return
        self.graph.add_edge(a, b, rel=rel, direction=direction)

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

    def paths(self, sources: Iterable[str], target: str, limit: int) -> list[list[str]]:
        """Up to ``limit`` shortest flow paths (node keys) from the nearest of ``sources``."""
        if target not in self.graph:
            return []
        distance = nx.single_source_shortest_path_length(self.graph.reverse(copy=False), target)
        reachable = [s for s in sources if s in distance]
        if not reachable:
            return []
        start = min(reachable, key=lambda s: (distance[s], s))
        return list(islice(nx.shortest_simple_paths(self.graph, start, target), limit))

    def rels(self, path: list[str]) -> list[Rel]:
        """The stored relationships a path walks, in order."""
        return [self.graph.edges[a, b]["rel"] for a, b in pairwise(path)]

    def evidence(
        self, path: list[str], provenance: Mapping[tuple[str, str, str], Rel]
    ) -> EvidencePath:
        """The path with each hop's provenance (read beforehand, see ``fetch.rel_props``)."""
        hops = []
        for a, b in pairwise(path):
            data = self.graph.edges[a, b]
            rel: Rel = data["rel"]
            if not rel.sources:
                rel = provenance.get((rel.src, rel.type, rel.dst), rel)
            hops.append(
                Hop(a, rel.type, b, data["direction"], rel.sources, rel.first_seen, rel.last_seen)
            )
        return EvidencePath(tuple(path), tuple(hops))
