"""The production backend: Neo4j through the official driver.

Writes run in managed transactions (``execute_write``), which the driver retries on
transient errors (leader changes, deadlocks). Connected components use Graph Data
Science when the server has it (``gds.wcc`` on a named projection of the asked labels
and types, dropped after the run) and fall back to a union-find over streamed edges.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

import neo4j
import neo4j.graph
import neo4j.spatial
import neo4j.time
import networkx as nx
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

from . import queries
from .store import GraphStore, StoreError

_GRAPH_OBJECTS = (neo4j.graph.Node, neo4j.graph.Relationship, neo4j.graph.Path)
_TEMPORAL = (neo4j.time.DateTime, neo4j.time.Date, neo4j.time.Time)


def _plain(value: Any) -> Any:
    """Neo4j's result values as plain Python: the shapes the FalkorDB backend returns.

    Maps and lists convert recursively. ``DateTime``/``Date``/``Time`` become Python's
    ``datetime``/``date``/``time`` (nanoseconds cut to microseconds, time zones kept); a
    ``Duration`` without months becomes a ``timedelta``. Nodes, relationships and paths
    are refused, as FalkorDB's are (statements return maps and scalars); so are spatial
    points and durations in months, which have no plain Python form. Graph objects are
    checked first: the driver's nodes and relationships are mappings of their properties.
    """
    if isinstance(value, _GRAPH_OBJECTS):
        raise StoreError(
            f"queries must return maps and scalars, not graph objects ({type(value).__name__})"
        )
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, neo4j.time.Duration):  # a tuple: before lists
        if value.months:
            raise StoreError(f"a duration in months ({value.iso_format()}) has no plain form")
        return timedelta(
            days=value.days, seconds=value.seconds, microseconds=value.nanoseconds // 1000
        )
    if isinstance(value, neo4j.spatial.Point):  # a tuple too
        raise StoreError("queries must return maps and scalars, not spatial points")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, _TEMPORAL):
        return value.to_native()
    return value


class Neo4jStore(GraphStore):
    dialect = "neo4j"
    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j") -> None:
        super().__init__()
        self.uri = uri
        self.database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            self._driver.verify_connectivity()
        except (ServiceUnavailable, Neo4jError, ValueError) as exc:
            raise StoreError(f"cannot connect to Neo4j at {uri}: {exc}") from exc
        self.ensure_schema()

    def _run(self, text: str, params: Mapping[str, Any], *, write: bool) -> list[dict[str, Any]]:
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [{k: _plain(v) for k, v in record.items()} for record in tx.run(text, params)]

        try:
            with self._driver.session(database=self.database) as session:
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except ClientError as exc:
            raise StoreError(f"Neo4j refused the statement: {exc.message}") from exc

    def ensure_schema(self) -> None:
        for query in (
            queries.SCHEMA,
            queries.REGIONS_INDEX,
            queries.GRANTS_INDEX,
            queries.LEASE_KEY,
        ):
            self.run(query, write=True)
        self._ensure_kind_indexes()

    def gds_version(self) -> str | None:
        if not hasattr(self, "_gds"):
            try:
                self._gds: str | None = str(self.run(queries.GDS_VERSION)[0]["version"])
            except StoreError:
                self._gds = None
        return self._gds

    def describe(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "uri": self.uri,
            "database": self.database,
            "gds": self.gds_version(),
        }

    def components(
        self,
        labels: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
        *,
        of: Sequence[str] | None = None,
    ) -> dict[str, int]:
        found = self._components(labels, types)
        if not of:
            return found
        kept = {k for k, n in self.get_many(found).items() if n.kind in of}
        return {k: c for k, c in found.items() if k in kept}

    def _components(
        self, labels: Sequence[str] | None, types: Sequence[str] | None
    ) -> dict[str, int]:
        if self.gds_version():
            return self._gds_components(labels, types)
        rows = self.run(queries.COMPONENTS, {"types": list(types) if types else None})
        graph = nx.Graph()
        graph.add_nodes_from(r["key"] for r in self.run(queries.ALL_KEYS))
        graph.add_edges_from((r["src"], r["dst"]) for r in rows)
        if labels:
            keep = {k for k, n in self.get_many(graph.nodes).items() if n.kind in labels}
            graph = graph.subgraph(keep)
        return {
            key: index
            for index, members in enumerate(nx.connected_components(graph))
            for key in members
        }

    def _gds_components(
        self, labels: Sequence[str] | None, types: Sequence[str] | None
    ) -> dict[str, int]:
        """WCC in GDS on a projection of just these labels and types, dropped after."""
        name = f"cluehub-wcc-{uuid.uuid4().hex[:12]}"
        params = {
            "name": name,
            "labels": list(labels) if labels else "Entity",
            "types": list(types) if types else "*",  # GDS: a list of names, or '*' for all
        }
        self.run(queries.GDS_PROJECT_STORED, params, write=True)
        try:
            rows = self.run(queries.GDS_WCC, {"name": name})
        finally:
            self.run(queries.GDS_DROP, {"name": name}, write=True)
        return {row["key"]: int(row["value"]) for row in rows}

    def drop_all(self) -> None:
        """Delete every node (tests). Batched in an auto-commit transaction, as Neo4j needs."""
        with self._driver.session(database=self.database) as session:
            session.run(queries.statement(queries.NEO4J_DROP_ALL, self.dialect).text)

    def close(self) -> None:
        self._driver.close()
