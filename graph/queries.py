"""Every Cypher statement the hub runs, by name, with per-dialect overrides.

The shared text comes first; an override exists only where FalkorDB and Neo4j really
differ (constraint DDL, shortest path, connected components). Labels and relationship
types cannot be query parameters in Cypher, so templates take them from the model
registry (never from user input) through :func:`render`.

Dialects: ``falkordb`` (embedded default) and ``neo4j``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from . import model

Dialect = Literal["falkordb", "neo4j"]


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    text: str
    overrides: dict[str, str] = field(default_factory=dict)

    def text_for(self, dialect: Dialect) -> str:
        return self.overrides.get(dialect, self.text)


REGISTRY: dict[str, Query] = {}


def register(query: Query) -> Query:
    """Add a query to the one registry; rooms above keep theirs in their own module."""
    if query.name in REGISTRY and REGISTRY[query.name] != query:
        raise ValueError(f"a different query is already registered as '{query.name}'")
    REGISTRY[query.name] = query
    return query


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def _safe_name(name: str) -> str:
    """Labels, types and property names come from registries; refuse anything else."""
    known = (
        name in model.KIND_BY_LABEL
        or name in model.REL_BY_NAME
        or name in model.DOCUMENT_BY_LABEL
        or name == model.ENTITY_LABEL
    )
    if not known:
        raise model.UnknownModelElement(f"'{name}' is not a node kind, relationship or document")
    return name


def safe_property(name: str) -> str:
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"'{name}' is not a plain property name")
    return name


def render(query: Query, dialect: Dialect, *, max_hops: int = 0, **names: str) -> str:
    """Fill a template's ``{label}``/``{type}`` from the registry and its numeric limits."""
    safe = {k: _safe_name(v) for k, v in names.items()}
    return query.text_for(dialect).format(
        max_sources=model.MAX_SOURCES, max_hops=int(max_hops), **safe
    )


# --- writes -------------------------------------------------------------------------

# One part per label in a batch. ``{label}`` from the registry, rows in ``$n_{label}``.
# A new node takes the row as it is (the common case, kept cheap); an existing one takes
# properties only from an observation at least as new as its last, and merges provenance.
UPSERT_NODES = Query(
    "upsert_nodes",
    """UNWIND $n_{label} AS r
MERGE (n:Entity:{label} {{key: r.key}})
ON CREATE SET n += r.props, n.first_seen = r.first, n.last_seen = r.last, n.sightings = r.count,
              n.sources = r.sources, n.regions = r.regions
ON MATCH SET n += CASE WHEN r.last >= n.last_seen THEN r.props ELSE {{}} END,
             n.sightings = n.sightings + r.count,
             n.first_seen = CASE WHEN r.first < n.first_seen THEN r.first ELSE n.first_seen END,
             n.last_seen = CASE WHEN r.last > n.last_seen THEN r.last ELSE n.last_seen END,
             n.sources = CASE WHEN size(n.sources) >= {max_sources} THEN n.sources
                         ELSE n.sources + [s IN r.sources WHERE NOT s IN n.sources] END,
             n.regions = n.regions + [c IN r.regions WHERE NOT c IN n.regions]""",
)

UPSERT_RELS = Query(
    "upsert_rels",
    """UNWIND $r_{type} AS r
MATCH (a:Entity {{key: r.src}})
MATCH (b:Entity {{key: r.dst}})
MERGE (a)-[e:{type}]->(b)
ON CREATE SET e += r.props, e.first_seen = r.first, e.last_seen = r.last, e.sightings = r.count,
              e.sources = r.sources
ON MATCH SET e += CASE WHEN r.last >= e.last_seen THEN r.props ELSE {{}} END,
             e.sightings = e.sightings + r.count,
             e.first_seen = CASE WHEN r.first < e.first_seen THEN r.first ELSE e.first_seen END,
             e.last_seen = CASE WHEN r.last > e.last_seen THEN r.last ELSE e.last_seen END,
             e.sources = CASE WHEN size(e.sources) >= {max_sources} THEN e.sources
                         ELSE e.sources + [s IN r.sources WHERE NOT s IN e.sources] END""",
)

# Keys among ``$keys`` that are not in the graph (relationship ends must exist).
MISSING_KEYS = Query(
    "missing_keys",
    """UNWIND $keys AS k
OPTIONAL MATCH (n:Entity {key: k})
WITH k, n WHERE n IS NULL
RETURN collect(k) AS missing""",
)


UPSERT_DOCS = Query(
    "upsert_docs",
    """UNWIND $d_{label} AS r
MERGE (x:{label} {{key: r.key}})
ON CREATE SET x += r.props
ON MATCH SET x += r.props""",
)
CREATE_DOCS = Query(  # append-only kinds: the first version stays
    "create_docs",
    """UNWIND $d_{label} AS r
MERGE (x:{label} {{key: r.key}})
ON CREATE SET x += r.props""",
)


# Visibility granted to bureaus beyond the node's own regions (a notified clue, a joint
# case's members): ``grants`` holds the grantee bureau codes with their superiors.
GRANT = Query(
    "grant",
    """UNWIND $grants AS g
MATCH (n:Entity {key: g.key})
SET n.grants = coalesce(n.grants, []) + [c IN g.codes WHERE NOT c IN coalesce(n.grants, [])]""",
)

# The one visibility rule, for queries of the rooms above: ``n`` visible to ``$scope``.
VISIBLE = "($scope IS NULL OR $scope IN {var}.regions OR $scope IN coalesce({var}.grants, []))"


def visible(var: str) -> str:
    """The visibility predicate for node variable ``var`` (national scope is null)."""
    return VISIBLE.format(var=safe_property(var))


# Claim documents that must not exist yet, at the start of a batch statement: each key is
# MERGEd with this statement's ``$claim``; if any was there before (no claim of ours on
# it), ``1 / 0`` aborts the statement, so nothing of the batch is written. The engine
# runs a write statement atomically (FalkorDB serialises write queries; Neo4j locks the
# MERGEd documents), so of two statements claiming one key exactly one goes through.
CLAIM_ABSENT_DOCS = Query(
    "claim_absent_docs",
    """UNWIND $guard AS k
MERGE (g:{label} {{key: k}})
ON CREATE SET g._claim = $claim
WITH collect(g) AS claimed, count(CASE WHEN g._claim = $claim THEN NULL ELSE 1 END) AS taken
WITH claimed, 1 / CASE WHEN taken = 0 THEN 1 ELSE 0 END AS _absent
UNWIND claimed AS g
SET g._claim = NULL""",
)
GUARD_FAILED = ("division by zero", "/ by zero")  # how each engine reports the abort


def write_batch_text(
    labels: list[str],
    types: list[str],
    dialect: Dialect,
    docs: Sequence[str] = (),
    grants: bool = False,
    absent: str | None = None,
) -> str:
    """One statement for a whole batch: node parts, relationship parts, document parts.

    Parts are chained with ``WITH count(*) AS _`` so the batch runs as a single
    transaction on both engines; empty groups must be left out by the caller, since
    UNWIND of an empty list would end the chain. ``absent`` (a document label) puts
    :data:`CLAIM_ABSENT_DOCS` first.
    """
    parts = [render(CLAIM_ABSENT_DOCS, dialect, label=absent)] if absent else []
    parts += [render(UPSERT_NODES, dialect, label=label) for label in labels]
    parts += [render(UPSERT_RELS, dialect, type=type_) for type_ in types]
    parts += [
        render(
            CREATE_DOCS if model.document(label).append_only else UPSERT_DOCS, dialect, label=label
        )
        for label in docs
    ]
    if grants:
        parts.append(GRANT.text_for(dialect))
    return "\nWITH count(*) AS _\n".join(parts) + "\nRETURN count(*) AS written"


# --- schema -------------------------------------------------------------------------

# FalkorDB needs an exact-match index before a unique constraint; the constraint itself
# is created with GRAPH.CONSTRAINT (not Cypher) by the FalkorDB backend.
SCHEMA = Query(
    "schema",
    "CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE",
    {"falkordb": "CREATE INDEX FOR (n:Entity) ON (n.key)"},
)
GRANTS_INDEX = Query(
    "grants_index",
    "CREATE INDEX entity_grants IF NOT EXISTS FOR (n:Entity) ON (n.grants)",
    {"falkordb": "CREATE INDEX FOR (n:Entity) ON (n.grants)"},
)
REGIONS_INDEX = Query(
    "regions_index",
    "CREATE INDEX entity_regions IF NOT EXISTS FOR (n:Entity) ON (n.regions)",
    {"falkordb": "CREATE INDEX FOR (n:Entity) ON (n.regions)"},
)

# --- reads --------------------------------------------------------------------------

GET_NODES = Query(
    "get_nodes",
    """UNWIND $keys AS k
MATCH (n:Entity {key: k})
RETURN n.key AS key, labels(n) AS labels, properties(n) AS props""",
)

# One hop of a breadth-first expansion: keys and edge provenance counts only (node
# properties are fetched once per kept node; an edge's sources come with ``subgraph``).
# ``$scope`` (a region code or null) keeps only neighbours the viewer may see;
# ``$labels``/``$types`` (lists or null) filter kinds.
EXPAND = Query(
    "expand",
    """UNWIND $keys AS k
MATCH (a:Entity {key: k})-[e]-(b)
WITH a, e, b  // filters after the match, or FalkorDB's planner starts from a scan of b
WHERE ($types IS NULL OR type(e) IN $types)
  AND ($labels IS NULL OR any(l IN labels(b) WHERE l IN $labels))
  AND ($scope IS NULL OR $scope IN b.regions OR $scope IN coalesce(b.grants, []))
RETURN a.key AS src, type(e) AS type, startNode(e) = a AS outgoing, b.key AS dst,
       e.first_seen AS first_seen, e.last_seen AS last_seen, e.sightings AS sightings
LIMIT $limit""",
)

# Relationships among a set of nodes (for subgraph export).
EDGES_AMONG = Query(
    "edges_among",
    """UNWIND $keys AS k
MATCH (a:Entity {key: k})-[e]->(b)
WHERE b.key IN $keys
RETURN a.key AS src, type(e) AS type, b.key AS dst, properties(e) AS props""",
)

SHORTEST_PATH = Query(
    "shortest_path",
    """MATCH (a:Entity {{key: $src}}), (b:Entity {{key: $dst}})
MATCH p = shortestPath((a)-[*..{max_hops}]-(b))
RETURN [n IN nodes(p) | n.key] AS nodes,
       [e IN relationships(p) | [startNode(e).key, type(e), endNode(e).key]] AS rels""",
    {
        "falkordb": """MATCH (a:Entity {{key: $src}}), (b:Entity {{key: $dst}})
CALL algo.SPpaths({{sourceNode: a, targetNode: b, maxLen: {max_hops},
                   relDirection: 'both', pathCount: 1}}) YIELD path
RETURN [n IN nodes(path) | n.key] AS nodes,
       [e IN relationships(path) | [startNode(e).key, type(e), endNode(e).key]] AS rels"""
    },
)

# Weakly connected components over all Entity nodes.
COMPONENTS = Query(
    "components",
    # Neo4j without Graph Data Science: the backend streams edges and unions them itself.
    """MATCH (a:Entity)-[e]->(b:Entity)
WHERE ($types IS NULL OR type(e) IN $types)
RETURN a.key AS src, b.key AS dst""",
    {
        "falkordb": """CALL algo.WCC($config) YIELD node, componentId
RETURN node.key AS key, componentId AS component"""
    },
)
ALL_KEYS = Query("all_keys", "MATCH (n:Entity) RETURN n.key AS key")

COUNTS = Query(
    "counts",
    """MATCH (n:Entity)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[e]->()
RETURN nodes, count(e) AS relationships""",
)


# Documents: a key index per kind plus the declared ones; reads by equality filters.
DOC_INDEX = Query(
    "doc_index",
    "CREATE INDEX {label}_{{prop}} IF NOT EXISTS FOR (x:{label}) ON (x.{{prop}})",
    {"falkordb": "CREATE INDEX FOR (x:{label}) ON (x.{{prop}})"},
)
GET_DOCS = Query(
    "get_docs",
    """UNWIND $keys AS k
MATCH (x:{label} {{key: k}})
RETURN properties(x) AS props""",
)


def find_docs_text(
    label: str, fields: list[str], order_by: str | None, descending: bool, dialect: Dialect
) -> str:
    """Documents of one kind whose ``fields`` equal ``$f0, $f1…``, ordered, ``$limit``."""
    _safe_name(label)
    where = " AND ".join(f"x.{safe_property(f)} = $f{i}" for i, f in enumerate(fields))
    text = f"MATCH (x:{label})" + (f" WHERE {where}" if where else "")
    text += " RETURN properties(x) AS props"
    if order_by:
        text += f" ORDER BY x.{safe_property(order_by)}" + (" DESC" if descending else "")
    return text + " SKIP $skip LIMIT $limit"


for _query in [v for v in list(globals().values()) if isinstance(v, Query)]:
    register(_query)
