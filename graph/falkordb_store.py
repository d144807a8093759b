"""The embedded default backend: FalkorDB over the launcher's unix socket.

Each statement is one FalkorDB query, which the engine runs atomically. Reads go
through ``GRAPH.RO_QUERY`` so they can run alongside writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB

from . import falkordb_result, model, queries
from .embedded import DEFAULT_STALL_SECONDS, EmbeddedServer, Fsync, OnLoading, ensure_server
from .store import GraphStore, StoreError

GRAPH_NAME = "cluehub"


def cypher_literal(value: Any) -> str:
    """A parameter value as a Cypher literal for FalkorDB's ``CYPHER name=value`` header.

    Same escaping as the client's own ``stringify_param_value`` (backslash and double
    quote), with type dispatch in order of frequency instead of isinstance chains, and
    strings without anything to escape passed as they are: large batches spend most of
    their client time here. FalkorDB strings cannot hold NUL (its parser stops there), so
    a NUL becomes U+FFFD rather than failing the whole batch.
    """
    kind = type(value)
    if kind is str:
        if "\\" in value or '"' in value or "\x00" in value:
            value = value.replace("\x00", "\ufffd").replace("\\", "\\\\").replace('"', '\\"')
        return '"' + value + '"'
    if kind is dict:
        try:
            return (
                "{" + ",".join(["`" + k + "`:" + cypher_literal(v) for k, v in value.items()]) + "}"
            )
        except TypeError:  # a key that is not a string: the general form below
            pass
    if kind is list or kind is tuple:
        return "[" + ",".join([cypher_literal(v) for v in value]) + "]"
    if kind is int or kind is float:
        return repr(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if isinstance(value, Mapping):  # also a dict with keys that are not strings
        return "{" + ",".join(f"`{k}`:{cypher_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):  # a StrEnum member (a record's status, kind…): its value
        return cypher_literal(str(value))
    raise StoreError(f"cannot pass a {kind.__name__} as a query parameter")


class FalkorDBStore(GraphStore):
    dialect = "falkordb"
    backend = "falkordb-embedded"

    def __init__(
        self,
        data_dir: Path,
        *,
        fsync: Fsync = "everysec",
        graph: str = GRAPH_NAME,
        start: bool = True,
        on_loading: OnLoading | None = None,
        stall_seconds: float = DEFAULT_STALL_SECONDS,
    ) -> None:
        super().__init__()
        if start:
            self.server, self.started_server = ensure_server(
                data_dir, fsync, on_loading=on_loading, stall_seconds=stall_seconds
            )
        else:
            self.server, self.started_server = (
                EmbeddedServer(Path(data_dir).resolve(), fsync),
                False,
            )
        self.graph_name = graph
        self._db = FalkorDB(unix_socket_path=str(self.server.socket_path))
        self._graph = self._db.select_graph(graph)
        self.ensure_schema()

    def describe(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "data_dir": str(self.server.data_dir),
            "socket": str(self.server.socket_path),
            "graph": self.graph_name,
            "fsync": self.server.fsync,
        }

    def _run(self, text: str, params: Mapping[str, Any], *, write: bool) -> list[dict[str, Any]]:
        try:
            if params:
                header = " ".join(f"{k}={cypher_literal(v)}" for k, v in params.items())
                text = f"CYPHER {header} {text}"
            command = "GRAPH.QUERY" if write else "GRAPH.RO_QUERY"
            response = self._db.connection.execute_command(
                command, self.graph_name, text, "--compact"
            )
            return falkordb_result.rows(response)
        except falkordb_result.GraphObjectInResult as exc:
            raise StoreError(str(exc)) from exc
        except redis.exceptions.ResponseError as exc:
            raise StoreError(f"FalkorDB refused the statement: {exc}") from exc
        except (redis.exceptions.ConnectionError, OSError) as exc:
            raise StoreError(
                f"cannot reach the embedded FalkorDB at {self.server.socket_path}: {exc}"
            ) from exc

    def ensure_schema(self) -> None:
        # GRAPH.QUERY, not RO_QUERY: a read-only query fails on a graph not created yet.
        indexed = {
            (row["label"], prop)
            for row in self.run(queries.FALKORDB_INDEXES, write=True)
            for prop in row["properties"]
        }
        for query, prop in (
            (queries.SCHEMA, "key"),
            (queries.REGIONS_INDEX, "regions"),
            (queries.GRANTS_INDEX, "grants"),
        ):
            if ("Entity", prop) not in indexed:
                self.run(query, write=True)
        constraints = self.run(queries.FALKORDB_CONSTRAINTS)
        if not any(r["label"] == "Entity" and r["properties"] == ["key"] for r in constraints):
            try:
                self._db.connection.execute_command(
                    "GRAPH.CONSTRAINT", "CREATE", self.graph_name,
                    "UNIQUE", "NODE", "Entity", "PROPERTIES", 1, "key",
                )  # fmt: skip
            except redis.exceptions.ResponseError as exc:
                if "already exists" not in str(exc).lower():
                    raise
        if any((k.label, p) not in indexed for k in model.NODE_KINDS for p in k.indexes):
            self._ensure_kind_indexes()

    def components(
        self,
        labels: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
        *,
        of: Sequence[str] | None = None,
    ) -> dict[str, int]:
        config: dict[str, Any] = {"nodeLabels": list(labels) if labels else ["Entity"]}
        if types:
            config["relationshipTypes"] = list(types)
        if of:
            rows = self.run(queries.COMPONENTS_OF, {"config": config, "labels": list(of)})
        else:
            rows = self.run(queries.COMPONENTS, {"config": config})
        return {row["key"]: int(row["component"]) for row in rows}

    def compact(self) -> None:
        """Rewrite the append-only file (after large imports) so restarts replay less."""
        self.server.client(timeout=30).bgrewriteaof()

    def drop_all(self) -> None:
        """Delete the whole graph (tests and ``cluehub reset``)."""
        try:
            self._graph.delete()
        except redis.exceptions.ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise
        self._graph = self._db.select_graph(self.graph_name)
        self.ensure_schema()

    def close(self) -> None:
        self._db.connection.close()

    def shutdown_server(self) -> None:
        """Stop the embedded server (only the process that owns it should)."""
        self.close()
        self.server.shutdown()
