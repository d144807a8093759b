"""The store port: what every room may ask of the graph, whichever engine holds it.

:class:`GraphStore` implements every operation once, in shared Cypher from ``queries``;
a backend supplies only how to run a statement (``_run``), its schema set-up and its
connected-components call. Results are plain dicts, lists and scalars, so callers see
the same shapes from FalkorDB and Neo4j.
"""

from __future__ import annotations

import abc
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from . import model, queries
from .queries import Dialect, Query, Statement, UnregisteredStatement
from .records import Batch, NodeAssertion, RelAssertion

HARD_NEIGHBOURHOOD_CAP = 5_000
MAX_HOPS = 4
MAX_PATH_HOPS = 10


class StoreError(RuntimeError):
    """The store could not do what was asked; the message says why."""


class DocumentsExist(StoreError):
    """A guarded write found documents that had to be absent; nothing was written."""


class MissingEndpoints(StoreError):
    """Relationships whose end nodes are neither in the batch nor in the graph."""

    def __init__(self, keys: Sequence[str]):
        self.keys = list(keys)
        shown = ", ".join(self.keys[:5]) + (" …" if len(self.keys) > 5 else "")
        super().__init__(f"{len(self.keys)} relationship end(s) not in the graph: {shown}")


@dataclass(frozen=True, slots=True)
class Node:
    """A node of the graph. ``brief``: read with only what a picture needs (regions,
    when seen, the caption properties; ``queries.BRIEF``), ``personal`` then telling
    whether one of the personal properties it was read without is set."""

    key: str
    kind: str
    props: dict[str, Any]
    brief: bool = False
    personal: bool = False

    @property
    def sources(self) -> list[str]:
        return list(self.props.get("sources", []))


@dataclass(frozen=True, slots=True)
class Edge:
    src: str
    type: str
    dst: str
    props: dict[str, Any]


@dataclass(slots=True)
class Subgraph:
    """Nodes and the relationships between them; ``truncated`` when a cap cut it short."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False
    hops: dict[str, int] = field(default_factory=dict)  # key -> distance from the start


@dataclass(frozen=True, slots=True)
class Path:
    nodes: list[str]
    edges: list[Edge]

    def __len__(self) -> int:
        return len(self.edges)


def is_visible(node: Node, scope: str | None) -> bool:
    """The visibility rule (same as ``queries.visible``) for a node already fetched."""
    return (
        scope is None
        or scope in node.props.get("regions", ())
        or scope in node.props.get("grants", ())
    )


def _kind(labels: Iterable[str]) -> str:
    return next((label for label in labels if label != model.ENTITY_LABEL), model.ENTITY_LABEL)


def _node(row: Mapping[str, Any]) -> Node:
    return Node(row["key"], _kind(row["labels"]), dict(row["props"]))


def _summary(key: str, labels: Iterable[str], props: dict[str, Any]) -> Node:
    """A node read without its ``sources`` (``queries.SUMMARY`` sends them as null)."""
    props.pop("sources", None)
    return Node(key, _kind(labels), props)


def _brief(key: str, labels: Iterable[str], props: dict[str, Any]) -> Node:
    """A node read as ``queries.BRIEF`` projects it (no unset property kept)."""
    personal = bool(props.pop(queries.PERSONAL, False))
    shown = {name: value for name, value in props.items() if value is not None}
    return Node(key, _kind(labels), shown, brief=True, personal=personal)


_EDGE_COUNTS = ("first_seen", "last_seen", "sightings", "source_count")


class GraphStore(abc.ABC):
    """Operations over the property graph. Thread-safe; one instance per process."""

    dialect: Dialect
    backend: str

    def __init__(self) -> None:
        self._round_trips = 0
        self._lock = threading.Lock()
        self._indexed_docs: set[str] = set()

    # --- what a backend provides ------------------------------------------------------

    @abc.abstractmethod
    def _run(self, text: str, params: Mapping[str, Any], *, write: bool) -> list[dict[str, Any]]:
        """Run one statement in one transaction; rows as dicts of plain values."""

    @abc.abstractmethod
    def ensure_schema(self) -> None:
        """Create the key constraint and indexes if they are missing."""

    @abc.abstractmethod
    def components(
        self,
        labels: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
        *,
        of: Sequence[str] | None = None,
    ) -> dict[str, int]:
        """Weakly connected component id of every node (restricted to labels/types);
        with ``of``, only of the nodes with one of those labels (the engine still joins
        components through all the others, but does not send them)."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def describe(self) -> dict[str, Any]:
        """What /healthz shows: backend name and where its data lives."""
        return {"backend": self.backend}

    def gds_version(self) -> str | None:
        """The Neo4j Graph Data Science version the server has, or None (no GDS)."""
        return None

    # --- shared operations -------------------------------------------------------------

    @property
    def round_trips(self) -> int:
        """How many statements this store has run (tests count these for N+1 checks)."""
        return self._round_trips

    def run(
        self,
        query: Query,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        slots: Mapping[str, str | int] | None = None,
    ) -> list[dict[str, Any]]:
        """Run a registered query, its ``{{slots}}`` filled from ``slots``; its rows."""
        statement = queries.statement(query, self.dialect, **(slots or {}))
        return self._execute(statement, params or {}, write=write)

    def docs(
        self,
        query: Query,
        params: Mapping[str, Any] | None = None,
        *,
        limit: int = 100,
        skip: int = 0,
    ) -> list[dict[str, Any]]:
        """The documents a registered document query (``queries.documents``) finds."""
        if query.document is None:
            raise UnregisteredStatement(f"query '{query.name}' is not a document query")
        self._ensure_doc_indexes(query.document)
        paged = {**(params or {}), "limit": int(limit), "skip": int(skip)}
        return [row["props"] for row in self.run(query, paged)]

    def _execute(
        self, statement: Statement, params: Mapping[str, Any], *, write: bool
    ) -> list[dict[str, Any]]:
        """The one way to a backend: only statements the registry rendered run."""
        if not queries.is_registered(statement):
            raise UnregisteredStatement(
                f"refusing a statement that bypasses the query registry: {statement!r:.200}"
            )
        with self._lock:
            self._round_trips += 1
        return self._run(statement.text, params, write=write)

    def write(self, batch: Batch, *, absent: tuple[str, Sequence[str]] | None = None) -> int:
        """Upsert every node and relationship of ``batch`` in one transaction.

        Idempotent except for provenance: writing the same batch again only adds
        sightings. Relationship ends must be in the batch or already in the graph
        (:class:`MissingEndpoints` otherwise, and nothing is written). Returns the
        number of assertions written.

        ``absent=(label, keys)``: the documents ``keys`` of ``label`` must not exist yet;
        the check and the write are one atomic statement, so of concurrent writers
        (threads or processes) claiming one key exactly one succeeds and the others get
        :class:`DocumentsExist` with nothing written (the intake ledger's idempotency).
        """
        if not len(batch):
            return 0
        batch.validate()
        node_groups = batch.grouped_nodes()
        rel_groups = batch.grouped_rels()
        doc_groups = batch.grouped_docs()
        for label in doc_groups:
            self._ensure_doc_indexes(label)
        if rel_groups:
            in_batch = {n.key for n in batch.nodes}
            ends = {k for r in batch.rels for k in (r.src, r.dst)} - in_batch
            if ends:
                missing = self.run(queries.MISSING_KEYS, {"keys": sorted(ends)})[0]["missing"]
                if missing:
                    raise MissingEndpoints(missing)
        labels = sorted(node_groups)
        types = sorted(rel_groups)
        params: dict[str, Any] = {f"n_{label}": node_groups[label] for label in labels}
        params |= {f"r_{type_}": rel_groups[type_] for type_ in types}
        docs = sorted(doc_groups)
        params |= {f"d_{label}": doc_groups[label] for label in docs}
        if batch.grants:
            params["grants"] = batch.grant_rows()
        guard = None
        if absent and absent[1]:
            guard, keys = absent
            self._ensure_doc_indexes(guard)
            params |= {"guard": list(dict.fromkeys(keys)), "claim": uuid.uuid4().hex}
        statement = queries.write_batch(
            labels, types, self.dialect, docs, bool(batch.grants), absent=guard
        )
        try:
            self._execute(statement, params, write=True)
        except StoreError as exc:
            if guard and any(m in str(exc).lower() for m in queries.GUARD_FAILED):
                raise DocumentsExist(f"some {guard} documents exist already") from exc
            raise
        return len(batch)

    def restore(
        self,
        nodes: Sequence[Node] = (),
        edges: Sequence[Edge] = (),
        docs: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    ) -> int:
        """Write elements read from another store exactly as they were, in one transaction.

        The restore mode of :meth:`write` (migration, ``graph.transfer``): properties,
        provenance included, are set rather than merged, so writing the same elements
        again changes nothing. ``docs`` maps a document label to its property maps (each
        with its ``key``). Relationship ends must be in the batch or in the graph, as for
        :meth:`write`. Returns the number of elements written.
        """
        docs = {label: list(rows) for label, rows in (docs or {}).items() if rows}
        total = len(nodes) + len(edges) + sum(map(len, docs.values()))
        if not total:
            return 0
        node_groups: dict[str, list[dict[str, Any]]] = {}
        for node in nodes:
            model.kind(node.kind)
            node_groups.setdefault(node.kind, []).append(
                {"key": node.key, "props": {**node.props, "key": node.key}}
            )
        rel_groups: dict[str, list[dict[str, Any]]] = {}
        for edge in edges:
            model.check_relationship(edge.type, edge.src, edge.dst)
            rel_groups.setdefault(edge.type, []).append(
                {"src": edge.src, "dst": edge.dst, "props": dict(edge.props)}
            )
        for label in docs:
            self._ensure_doc_indexes(label)
        ends = {k for e in edges for k in (e.src, e.dst)} - {n.key for n in nodes}
        if ends:
            missing = self.run(queries.MISSING_KEYS, {"keys": sorted(ends)})[0]["missing"]
            if missing:
                raise MissingEndpoints(missing)
        labels, types, doc_labels = sorted(node_groups), sorted(rel_groups), sorted(docs)
        params: dict[str, Any] = {f"n_{label}": node_groups[label] for label in labels}
        params |= {f"r_{type_}": rel_groups[type_] for type_ in types}
        params |= {
            f"d_{label}": [{"key": d["key"], "props": dict(d)} for d in docs[label]]
            for label in doc_labels
        }
        statement = queries.restore_batch(labels, types, doc_labels, self.dialect)
        self._execute(statement, params, write=True)
        return total

    def grant(self, keys: Iterable[str], bureau: str) -> None:
        """Let ``bureau`` and its superiors see these nodes (see ``Batch.grant``)."""
        batch = Batch()
        batch.grant(keys, bureau)
        self.write(batch)

    def upsert_nodes(self, nodes: Iterable[NodeAssertion]) -> int:
        return self.write(Batch(nodes=list(nodes)))

    def upsert_relationships(self, rels: Iterable[RelAssertion]) -> int:
        return self.write(Batch(rels=list(rels)))

    def claim_lease(self, name: str, holder: str, now_ms: int, ttl_ms: int) -> bool:
        """Hold lease ``name`` for ``ttl_ms`` if it is free, expired or ours already.

        One holder at a time across every process on the store (API workers, CLI): the
        scheduled jobs run only in the worker holding ``jobs``. A holder renews by
        claiming again before expiry; when it dies, another takes over after the ttl.
        """
        row = self.run(
            queries.CLAIM_LEASE,
            {"name": name, "holder": holder, "now": int(now_ms), "expires": int(now_ms + ttl_ms)},
            write=True,
        )[0]
        return row["holder"] == holder

    def release_lease(self, name: str, holder: str) -> None:
        """Give a lease up at once (a clean shutdown), if ``holder`` holds it."""
        self.run(queries.RELEASE_LEASE, {"name": name, "holder": holder}, write=True)

    def get_many(self, keys: Iterable[str]) -> dict[str, Node]:
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        rows = self.run(queries.GET_NODES, {"keys": keys})
        return {row["key"]: _node(row) for row in rows}

    def get(self, key: str) -> Node | None:
        return self.get_many([key]).get(key)

    def summaries(self, keys: Iterable[str], *, brief: bool = False) -> dict[str, Node]:
        """Nodes by key with every property but ``sources``, or ``brief`` ones (see
        :meth:`neighbourhood`)."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        query, make = (queries.GET_BRIEFS, _brief) if brief else (queries.GET_SUMMARIES, _summary)
        rows = self.run(query, {"keys": keys})
        return {row["key"]: make(row["key"], row["labels"], row["props"]) for row in rows}

    def neighbourhood(
        self,
        key: str,
        hops: int = 2,
        *,
        labels: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
        limit: int = 500,
        scope: str | None = None,
        brief: bool = False,
    ) -> Subgraph:
        """Nodes within ``hops`` of ``key``, breadth first, at most ``limit`` of them.

        ``labels``/``types`` keep only those node kinds and relationship types along the
        way; ``scope`` (a region code) keeps only nodes tagged with that region.
        ``limit`` is capped at :data:`HARD_NEIGHBOURHOOD_CAP` and ``hops`` at
        :data:`MAX_HOPS`; the result says when a cap cut it short.

        What a picture needs, in one statement per hop: nodes come with every property
        but ``sources`` (the provenance records, up to 32 a node: :meth:`get_many` has
        them), edges with first/last seen, sightings and ``source_count`` (their
        ``sources`` come with :meth:`subgraph` or :meth:`shortest_path`, where evidence
        is asked for). Each node's properties come once, with the hop that found it.
        ``brief``: nodes come as :class:`Node` ``brief`` ones (what a picture or a list of
        names needs), the rest with :meth:`get_many` when it is asked for.
        """
        if not 1 <= hops <= MAX_HOPS:
            raise ValueError(f"hops must be 1..{MAX_HOPS}, got {hops}")
        limit = max(1, min(limit, HARD_NEIGHBOURHOOD_CAP))
        for label in labels or ():
            model.kind(label)
        for type_ in types or ():
            model.rel_type(type_)
        expand, make = (queries.EXPAND_BRIEF, _brief) if brief else (queries.EXPAND, _summary)
        start = self.summaries([key], brief=brief).get(key)
        result = Subgraph()
        if start is None or not is_visible(start, scope):
            return result
        result.nodes[key] = start
        result.hops[key] = 0
        frontier: list[str] = [key]
        previous: list[str] = []
        seen_edges: set[tuple[str, str, str]] = set()
        for depth in range(1, hops + 1):
            if not frontier:
                break
            edge_budget = limit * 4
            rows = self.run(
                expand,
                {
                    "keys": frontier,
                    "types": list(types) if types else None,
                    "labels": list(labels) if labels else None,
                    "scope": scope,
                    "limit": edge_budget + 1,
                    # a frontier's neighbours already held are in its level or the last
                    "known": previous + frontier,
                },
            )
            if len(rows) > edge_budget:
                result.truncated = True
                rows = rows[:edge_budget]
            next_frontier: list[str] = []
            for row in rows:
                other = row["dst"]
                if other not in result.hops:
                    if len(result.hops) >= limit:
                        result.truncated = True
                        continue
                    result.hops[other] = depth
                    next_frontier.append(other)
                if other not in result.nodes and row["props"] is not None:
                    result.nodes[other] = make(other, row["labels"], row["props"])
                src, dst = (row["src"], other) if row["outgoing"] else (other, row["src"])
                if (src, row["type"], dst) not in seen_edges:
                    seen_edges.add((src, row["type"], dst))
                    props = {p: row[p] for p in _EDGE_COUNTS}
                    result.edges.append(Edge(src, row["type"], dst, props))
            previous, frontier = frontier, next_frontier
        missing = [k for k in result.hops if k not in result.nodes]
        if missing:  # held by the caller's reckoning but not sent: never expected
            result.nodes.update(self.summaries(missing, brief=brief))
        result.nodes = {k: result.nodes[k] for k in result.hops if k in result.nodes}
        return result

    def shortest_path(self, src: str, dst: str, max_hops: int = 6) -> Path | None:
        """One shortest undirected path between two nodes, or None within ``max_hops``."""
        if not 1 <= max_hops <= MAX_PATH_HOPS:
            raise ValueError(f"max_hops must be 1..{MAX_PATH_HOPS}, got {max_hops}")
        if src == dst:
            node = self.get(src)
            return Path([src], []) if node else None
        rows = self.run(
            queries.SHORTEST_PATH, {"src": src, "dst": dst}, slots={"max_hops": max_hops}
        )
        if not rows:
            return None
        row = rows[0]
        edges = self._edge_props([tuple(r) for r in row["rels"]])
        return Path(list(row["nodes"]), edges)

    def _edge_props(self, triples: Sequence[tuple[str, str, str]]) -> list[Edge]:
        keys = list(dict.fromkeys(k for s, _, d in triples for k in (s, d)))
        found = {(e.src, e.type, e.dst): e for e in self.subgraph(keys, with_nodes=False).edges}
        return [found.get(t) or Edge(t[0], t[1], t[2], {}) for t in triples]

    def subgraph(self, keys: Iterable[str], *, with_nodes: bool = True) -> Subgraph:
        """The given nodes and every relationship among them."""
        keys = list(dict.fromkeys(keys))
        result = Subgraph()
        if not keys:
            return result
        if with_nodes:
            result.nodes = self.get_many(keys)
        rows = self.run(queries.EDGES_AMONG, {"keys": keys})
        result.edges = [Edge(r["src"], r["type"], r["dst"], dict(r["props"])) for r in rows]
        return result

    # --- documents ------------------------------------------------------------------------

    def _ensure_doc_indexes(self, label: str) -> None:
        if label in self._indexed_docs:
            return
        kind = model.document(label)
        for prop in ("key", *kind.indexes):
            self._create_index(label, queries.safe_property(prop))
        self._indexed_docs.add(label)

    def _ensure_kind_indexes(self) -> None:
        for kind in model.NODE_KINDS:
            for prop in kind.indexes:
                self._create_index(kind.label, queries.safe_property(prop))

    def _create_index(self, label: str, prop: str) -> None:
        try:
            self.run(queries.DOC_INDEX, write=True, slots={"label": label, "prop": prop})
        except StoreError as exc:
            if "already indexed" not in str(exc).lower():
                raise

    def get_docs(self, label: str, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Documents of one kind by key."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        self._ensure_doc_indexes(label)
        rows = self.run(queries.GET_DOCS, {"keys": keys}, slots={"label": label})
        return {row["props"]["key"]: row["props"] for row in rows}

    def get_doc(self, label: str, key: str) -> dict[str, Any] | None:
        return self.get_docs(label, [key]).get(key)

    def find_docs(
        self,
        label: str,
        where: Mapping[str, Any] | None = None,
        *,
        order_by: str | None = None,
        descending: bool = False,
        limit: int = 100,
        skip: int = 0,
    ) -> list[dict[str, Any]]:
        """Documents whose properties equal ``where``, ordered, paged.

        An ad-hoc filter: its shape is registered on first use (``queries.documents``).
        A room's fixed reads are declared by name in its ``queries`` module instead and
        run with :meth:`docs`.
        """
        where = dict(where or {})
        model.document(label)
        query = queries.documents(label, sorted(where), order_by=order_by, descending=descending)
        return self.docs(query, where, limit=limit, skip=skip)

    def counts(self) -> tuple[int, int]:
        """(entities, relationships): two statements, each answered without a scan."""
        nodes = self.run(queries.COUNT_NODES)[0]["n"]
        return int(nodes), int(self.run(queries.COUNT_RELS)[0]["n"])


def to_networkx(subgraph: Subgraph) -> nx.MultiDiGraph:
    """A networkx view of a subgraph: node attrs ``kind`` + props, edge attrs ``type`` + props."""
    graph = nx.MultiDiGraph()
    for node in subgraph.nodes.values():
        graph.add_node(node.key, kind=node.kind, **node.props)
    for edge in subgraph.edges:
        graph.add_edge(edge.src, edge.dst, key=edge.type, type=edge.type, **edge.props)
    return graph
