"""Every Cypher statement the hub runs, by name, with per-dialect overrides.

One registry (:data:`REGISTRY`) holds the statements of every room: this module's, and
those each room above keeps in its own ``queries`` module (``ingest``, ``analysis``,
``cases``, ``api``) and adds with :func:`register` at import. The stores run only what
the registry produced: :meth:`GraphStore.run` takes a registered :class:`Query`, renders
it here into a :class:`Statement` that remembers the queries it came from, and the store
refuses any statement whose queries are not the registered ones (``tests/test_queries.py``
walks the registry, and checks no module outside the query modules holds Cypher).

The shared text comes first; an override exists only where FalkorDB and Neo4j really
differ (constraint DDL, shortest path, connected components, degree counting); a query
that only one engine has (its catalogue calls) names its ``dialects``.

**One brace convention.** A text is Cypher exactly as Neo4j's manual writes it: single
braces for maps and subqueries (``{key: $key}``, ``CALL { … }``). The only template slots
are ``{{name}}`` (a label, relationship type or property name taken from the model
registry, never from user input, or a numeric limit), because labels and types cannot be
parameters in Cypher; :func:`statement` fills them and refuses anything the model does
not know. Values are always parameters (``$name``).

**One visibility rule.** A viewer with scope ``$scope`` (their bureau's region code, or
null for the national bureau, SAMR) sees node or document ``x`` iff :func:`visible`::

    $scope IS NULL OR $scope IN x.regions OR $scope IN coalesce(x.grants, [])

``regions`` holds the region codes a record was placed in with all their superiors;
``grants`` the bureaus (with superiors) it was notified to or whose joint case holds it.
Every room filters with this one predicate, including analysis: a bureau notified of a
clue may trace from it, and sees the granted entities on the way. (Statistics that count
records *by* a region, such as cases by lead region, are not visibility and say so.)

Dialects: ``falkordb`` (embedded default) and ``neo4j``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from . import model

Dialect = Literal["falkordb", "neo4j"]
DIALECTS: tuple[Dialect, ...] = ("falkordb", "neo4j")

# Template slots: ``{{name}}``. Which names exist, and what each may hold.
SLOT = re.compile(r"\{\{([a-z_]+)\}\}")
_NAME_SLOTS = frozenset({"label", "type"})  # node kinds, relationship types, documents
_PROPERTY_SLOTS = frozenset({"prop"})  # a plain property name
_INT_SLOTS = frozenset({"max_hops"})  # a numeric limit given by the caller
_CONSTANT_SLOTS = {"max_sources": model.MAX_SOURCES}  # filled from the model
SLOTS = _NAME_SLOTS | _PROPERTY_SLOTS | _INT_SLOTS | frozenset(_CONSTANT_SLOTS)


class UnregisteredStatement(ValueError):
    """A statement that did not come from the registry (or a query not registered)."""


@dataclass(frozen=True, slots=True)
class Query:
    """One named statement: its shared text and, where an engine differs, an override."""

    name: str
    text: str
    overrides: dict[str, str] = field(default_factory=dict)
    dialects: tuple[Dialect, ...] = DIALECTS  # the engines that run it
    document: str | None = None  # the document kind it reads (its indexes are ensured)

    def text_for(self, dialect: Dialect) -> str:
        if dialect not in self.dialects:
            raise UnregisteredStatement(f"query '{self.name}' has no {dialect} form")
        return self.overrides.get(dialect, self.text)

    @property
    def slots(self) -> frozenset[str]:
        """The template slots of its texts (``{{label}}`` → ``label``)."""
        texts = [self.text, *self.overrides.values()]
        return frozenset(m for text in texts for m in SLOT.findall(text))


@dataclass(frozen=True, slots=True)
class Statement:
    """A text ready to run, with the registered queries it was rendered from.

    Only this module makes statements (its private ``_MAKER`` token); the stores run
    nothing else.
    """

    text: str
    sources: tuple[Query, ...]
    maker: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.maker is not _MAKER:
            raise UnregisteredStatement(
                "statements are made by cluehub.graph.queries only (statement(), write_batch())"
            )

    @property
    def name(self) -> str:
        return "+".join(dict.fromkeys(q.name for q in self.sources))


_MAKER = object()
REGISTRY: dict[str, Query] = {}


def register(query: Query) -> Query:
    """Add a query to the one registry; rooms above keep theirs in their own module."""
    unknown = query.slots - SLOTS
    if unknown:
        raise ValueError(f"query '{query.name}' has unknown template slots {sorted(unknown)}")
    if query.name in REGISTRY and REGISTRY[query.name] != query:
        raise ValueError(f"a different query is already registered as '{query.name}'")
    return REGISTRY.setdefault(query.name, query)


def is_registered(statement: Statement) -> bool:
    """Whether every query a statement came from is the one registered under its name."""
    return (
        type(statement) is Statement
        and statement.maker is _MAKER
        and bool(statement.sources)
        and all(REGISTRY.get(q.name) is q for q in statement.sources)
    )


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def _safe_name(name: str) -> str:
    """Labels, types and document kinds come from registries; refuse anything else."""
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


def _slot_value(name: str, value: str | int) -> str:
    if name in _NAME_SLOTS:
        return _safe_name(str(value))
    if name in _PROPERTY_SLOTS:
        return safe_property(str(value))
    if name in _INT_SLOTS:
        return str(int(value))
    raise ValueError(f"'{name}' is not a template slot")


def render(query: Query, dialect: Dialect, **slots: str | int) -> str:
    """A query's text for ``dialect`` with its ``{{slots}}`` filled (all of them)."""
    values = {k: _slot_value(k, v) for k, v in slots.items()}
    values |= {k: str(v) for k, v in _CONSTANT_SLOTS.items()}

    def fill(match: re.Match[str]) -> str:
        try:
            return values[match.group(1)]
        except KeyError:
            raise ValueError(
                f"query '{query.name}' needs a value for slot {match.group(0)}"
            ) from None

    return SLOT.sub(fill, query.text_for(dialect))


def statement(query: Query, dialect: Dialect, **slots: str | int) -> Statement:
    """A registered query rendered for ``dialect``: what a store runs."""
    if REGISTRY.get(query.name) is not query:
        raise UnregisteredStatement(f"query '{query.name}' is not in the registry")
    if not query.slots and not slots:
        return _plain_statement(query, dialect)
    return Statement(render(query, dialect, **slots), (query,), _MAKER)


_PLAIN: dict[tuple[str, Dialect], Statement] = {}


def _plain_statement(query: Query, dialect: Dialect) -> Statement:
    """Slot-free statements are made once (their text's hash is then computed once)."""
    found = _PLAIN.get((query.name, dialect))
    if found is None:
        found = _PLAIN[(query.name, dialect)] = Statement(query.text_for(dialect), (query,), _MAKER)
    return found


def visible(var: str) -> str:
    """The one visibility predicate for variable ``var`` (see the module docstring)."""
    var = safe_property(var)
    return f"($scope IS NULL OR $scope IN {var}.regions OR $scope IN coalesce({var}.grants, []))"


# --- writes -------------------------------------------------------------------------

# One part per label in a batch. ``{{label}}`` from the registry, rows in ``$n_<label>``.
# A new node takes the row as it is (the common case, kept cheap); an existing one takes
# properties only from an observation at least as new as its last, and merges provenance.
UPSERT_NODES = Query(
    "upsert_nodes",
    """UNWIND $n_{{label}} AS r
MERGE (n:Entity:{{label}} {key: r.key})
ON CREATE SET n += r.props, n.first_seen = r.first, n.last_seen = r.last, n.sightings = r.count,
              n.sources = r.sources, n.regions = r.regions
ON MATCH SET n += CASE WHEN r.last >= n.last_seen THEN r.props ELSE {} END,
             n.sightings = n.sightings + r.count,
             n.first_seen = CASE WHEN r.first < n.first_seen THEN r.first ELSE n.first_seen END,
             n.last_seen = CASE WHEN r.last > n.last_seen THEN r.last ELSE n.last_seen END,
             n.sources = CASE WHEN size(n.sources) >= {{max_sources}} THEN n.sources
                         ELSE n.sources + [s IN r.sources WHERE NOT s IN n.sources] END,
             n.regions = n.regions + [c IN r.regions WHERE NOT c IN n.regions]""",
)

UPSERT_RELS = Query(
    "upsert_rels",
    """UNWIND $r_{{type}} AS r
MATCH (a:Entity {key: r.src})
MATCH (b:Entity {key: r.dst})
MERGE (a)-[e:{{type}}]->(b)
ON CREATE SET e += r.props, e.first_seen = r.first, e.last_seen = r.last, e.sightings = r.count,
              e.sources = r.sources
ON MATCH SET e += CASE WHEN r.last >= e.last_seen THEN r.props ELSE {} END,
             e.sightings = e.sightings + r.count,
             e.first_seen = CASE WHEN r.first < e.first_seen THEN r.first ELSE e.first_seen END,
             e.last_seen = CASE WHEN r.last > e.last_seen THEN r.last ELSE e.last_seen END,
             e.sources = CASE WHEN size(e.sources) >= {{max_sources}} THEN e.sources
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
    """UNWIND $d_{{label}} AS r
MERGE (x:{{label}} {key: r.key})
ON CREATE SET x += r.props
ON MATCH SET x += r.props""",
)
CREATE_DOCS = Query(  # append-only kinds: the first version stays
    "create_docs",
    """UNWIND $d_{{label}} AS r
MERGE (x:{{label}} {key: r.key})
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


# Claim documents that must not exist yet, at the start of a batch statement: each key is
# MERGEd with this statement's ``$claim``; if any was there before (no claim of ours on
# it), ``1 / 0`` aborts the statement, so nothing of the batch is written. The engine
# runs a write statement atomically (FalkorDB serialises write queries; Neo4j locks the
# MERGEd documents), so of two statements claiming one key exactly one goes through.
CLAIM_ABSENT_DOCS = Query(
    "claim_absent_docs",
    """UNWIND $guard AS k
MERGE (g:{{label}} {key: k})
ON CREATE SET g._claim = $claim
WITH collect(g) AS claimed, count(CASE WHEN g._claim = $claim THEN NULL ELSE 1 END) AS taken
WITH claimed, 1 / CASE WHEN taken = 0 THEN 1 ELSE 0 END AS _absent
UNWIND claimed AS g
SET g._claim = NULL""",
)
GUARD_FAILED = ("division by zero", "/ by zero")  # how each engine reports the abort


def write_batch(
    labels: Sequence[str],
    types: Sequence[str],
    dialect: Dialect,
    docs: Sequence[str] = (),
    grants: bool = False,
    absent: str | None = None,
) -> Statement:
    """One statement for a whole batch: node parts, relationship parts, document parts.

    Parts are chained with ``WITH count(*) AS _`` so the batch runs as a single
    transaction on both engines; empty groups must be left out by the caller, since
    UNWIND of an empty list would end the chain. ``absent`` (a document label) puts
    :data:`CLAIM_ABSENT_DOCS` first.
    """
    parts: list[tuple[Query, dict[str, str]]] = (
        [(CLAIM_ABSENT_DOCS, {"label": absent})] if absent else []
    )
    parts += [(UPSERT_NODES, {"label": label}) for label in labels]
    parts += [(UPSERT_RELS, {"type": type_}) for type_ in types]
    parts += [
        (CREATE_DOCS if model.document(label).append_only else UPSERT_DOCS, {"label": label})
        for label in docs
    ]
    if grants:
        parts.append((GRANT, {}))
    text = "\nWITH count(*) AS _\n".join(render(query, dialect, **slots) for query, slots in parts)
    sources = tuple(query for query, _ in parts)
    return Statement(text + "\nRETURN count(*) AS written", sources, _MAKER)


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

# A node without its ``sources`` (up to 32 record ids each, the bulk of a node's reply):
# what a neighbourhood carries; the list comes with ``get_many`` when it is asked for.
SUMMARY = "{var} {{.*, sources: null}}"

GET_SUMMARIES = Query(
    "get_summaries",
    f"""UNWIND $keys AS k
MATCH (n:Entity {{key: k}})
RETURN n.key AS key, labels(n) AS labels, {SUMMARY.format(var="n")} AS props""",
)

# Less again: what a picture or a list of names needs (regions, when seen, the caption
# properties) and whether any other personal property is set (``PERSONAL``: masking
# says so without the values; those properties are personal in every kind that has
# them); the rest comes with ``get_many`` when it is asked for.
PERSONAL = "_personal"
_SHOWN = ("regions", "first_seen", "last_seen", "sightings", *model.prop_names(caption=True))
_UNSHOWN_PII = tuple(n for n in model.prop_names(pii=True) if n not in _SHOWN)
if set(_UNSHOWN_PII) & set(model.prop_names(pii=False)):
    raise TypeError(f"personal in one kind, not in another: {sorted(_UNSHOWN_PII)}")
BRIEF = (
    "{var} {{"
    + ", ".join(f".{name}" for name in _SHOWN)
    + f", {PERSONAL}: "
    + " OR ".join(f"{{var}}.{name} IS NOT NULL" for name in _UNSHOWN_PII)
    + "}}"
)

GET_BRIEFS = Query(
    "get_briefs",
    f"""UNWIND $keys AS k
MATCH (n:Entity {{key: k}})
RETURN n.key AS key, labels(n) AS labels, {BRIEF.format(var="n")} AS props""",
)


# One hop of a breadth-first expansion: per relationship, its ends, type, direction and
# provenance counts (its sources come with ``subgraph``), and the far node's summary,
# except for the nodes in ``$known`` (the caller holds them: the last two levels, the
# only ones a frontier's neighbours can be already), so no second lookup by key is needed.
# ``$scope`` (a region code or null) keeps only neighbours the viewer may see;
# ``$labels``/``$types`` (lists or null) filter kinds. ``$limit`` bounds the rows
# before anything is projected.
def _expand(name: str, projection: str) -> Query:
    return Query(
        name,
        f"""UNWIND $keys AS k
MATCH (a:Entity {{key: k}})-[e]-(b)
WITH a, e, b  // filters after the match, or FalkorDB's planner starts from a scan of b
WHERE ($types IS NULL OR type(e) IN $types)
  AND ($labels IS NULL OR any(l IN labels(b) WHERE l IN $labels))
  AND {visible("b")}
WITH a, e, b LIMIT $limit
WITH a, e, b, b.key IN $known AS held
RETURN a.key AS src, type(e) AS type, startNode(e) = a AS outgoing, b.key AS dst,
       e.first_seen AS first_seen, e.last_seen AS last_seen, e.sightings AS sightings,
       size(e.sources) AS source_count,
       CASE WHEN held THEN null ELSE labels(b) END AS labels,
       CASE WHEN held THEN null ELSE {projection.format(var="b")} END AS props""",
    )


EXPAND = _expand("expand", SUMMARY)
EXPAND_BRIEF = _expand("expand_brief", BRIEF)

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
    """MATCH (a:Entity {key: $src})
MATCH (b:Entity {key: $dst})
MATCH p = shortestPath((a)-[*..{{max_hops}}]-(b))
RETURN [n IN nodes(p) | n.key] AS nodes,
       [e IN relationships(p) | [startNode(e).key, type(e), endNode(e).key]] AS rels""",
    {
        "falkordb": """MATCH (a:Entity {key: $src}), (b:Entity {key: $dst})
CALL algo.SPpaths({sourceNode: a, targetNode: b, maxLen: {{max_hops}},
                   relDirection: 'both', pathCount: 1}) YIELD path
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
# The same, sending only the nodes with one of $labels (ring detection wants the
# components of clues, not a row for each of a million parcels and parties). Neo4j
# streams the edges as for COMPONENTS and the backend filters.
COMPONENTS_OF = Query(
    "components_of",
    COMPONENTS.text,
    {
        "falkordb": """CALL algo.WCC($config) YIELD node, componentId
WITH node, componentId WHERE any(label IN labels(node) WHERE label IN $labels)
RETURN node.key AS key, componentId AS component"""
    },
)
ALL_KEYS = Query("all_keys", "MATCH (n:Entity) RETURN n.key AS key")

# Each a count the engines answer from their statistics, without a scan: FalkorDB does
# so only for a lone pattern (one statement with both counts walked all 3M relationships
# of a 1M-node graph: 15 s for /healthz).
COUNT_NODES = Query("count_nodes", "MATCH (n:Entity) RETURN count(n) AS n")
COUNT_RELS = Query("count_rels", "MATCH ()-[e]->() RETURN count(e) AS n")


# Documents: a key index per kind plus the declared ones; reads by equality filters.
DOC_INDEX = Query(
    "doc_index",
    "CREATE INDEX {{label}}_{{prop}} IF NOT EXISTS FOR (x:{{label}}) ON (x.{{prop}})",
    {"falkordb": "CREATE INDEX FOR (x:{{label}}) ON (x.{{prop}})"},
)
GET_DOCS = Query(
    "get_docs",
    """UNWIND $keys AS k
MATCH (x:{{label}} {key: k})
RETURN properties(x) AS props""",
)


PAGE_PARAMS = frozenset({"skip", "limit"})


def documents(
    label: str,
    where: Sequence[str] = (),
    *,
    order_by: str | None = None,
    descending: bool = False,
    name: str | None = None,
) -> Query:
    """The registered read of documents of kind ``label`` whose ``where`` properties equal
    the parameters of the same names (``$case_id``…), ordered, paged (``$skip``, ``$limit``).

    Rooms declare theirs by name in their ``queries`` module; :meth:`GraphStore.find_docs`
    (ad-hoc filters) registers its shape here under a name derived from it.
    """
    fields = [safe_property(f) for f in where]
    if PAGE_PARAMS & set(fields):
        raise ValueError(f"document filters cannot be named {sorted(PAGE_PARAMS)}")
    conditions = " AND ".join(f"x.{f} = ${f}" for f in fields)
    text = f"MATCH (x:{safe_property(label)})" + (f"\nWHERE {conditions}" if fields else "")
    text += "\nRETURN properties(x) AS props"
    if order_by:
        text += f" ORDER BY x.{safe_property(order_by)}" + (" DESC" if descending else "")
    text += " SKIP $skip LIMIT $limit"
    if name is None:
        name = f"docs_{label}" + "".join(f"_by_{f}" for f in fields)
        name += f"_order_{order_by}" + ("_desc" if descending else "") if order_by else ""
    return register(Query(name, text, document=label))


# --- engine catalogues: one engine each -----------------------------------------------

FALKORDB_INDEXES = Query(
    "falkordb_indexes",
    "CALL db.indexes() YIELD label, properties RETURN label, properties",
    dialects=("falkordb",),
)
FALKORDB_CONSTRAINTS = Query(
    "falkordb_constraints",
    "CALL db.constraints() YIELD label, properties RETURN label, properties",
    dialects=("falkordb",),
)
# Neo4j deletes in batches, in an auto-commit transaction (``CALL … IN TRANSACTIONS``).
NEO4J_DROP_ALL = Query(
    "neo4j_drop_all",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
    dialects=("neo4j",),
)


# --- transfer: migration between stores and export (graph/transfer.py, graph/export.py) ---

# Restore mode of the write path: the element's stored properties, provenance included,
# set exactly as they were in the source store (a migration copies first/last seen,
# sightings, sources and regions; it does not observe anything again). Same MERGE on
# key as the upsert, so a re-run sets the same values: idempotent, nothing doubled.
RESTORE_NODES = Query(
    "restore_nodes",
    """UNWIND $n_{{label}} AS r
MERGE (n:Entity:{{label}} {key: r.key})
SET n = r.props""",
)
RESTORE_RELS = Query(
    "restore_rels",
    """UNWIND $r_{{type}} AS r
MATCH (a:Entity {key: r.src})
MATCH (b:Entity {key: r.dst})
MERGE (a)-[e:{{type}}]->(b)
SET e = r.props""",
)
RESTORE_DOCS = Query(
    "restore_docs",
    """UNWIND $d_{{label}} AS r
MERGE (x:{{label}} {key: r.key})
SET x = r.props""",
)

# Pages for a whole-store copy or export, constant memory on both sides. Neo4j: keyset
# pages in key order (the key index serves ``>`` and the order). FalkorDB: windows of
# internal ids (``$after`` ≤ id < ``$after + $limit``, a seek with no sort), since a
# sort by key costs time linear in the graph for every page; ids are never reused here
# (the hub deletes no nodes). ``graph.transfer.pages`` drives both.
PAGE_NODES = Query(
    "page_nodes",
    """MATCH (n:Entity) WHERE n.key > $after
WITH n ORDER BY n.key LIMIT $limit
RETURN n.key AS key, labels(n) AS labels, properties(n) AS props""",
    {
        "falkordb": """MATCH (n:Entity) WHERE id(n) >= $after AND id(n) < $after + $limit
RETURN n.key AS key, labels(n) AS labels, properties(n) AS props"""
    },
)
# Outgoing relationships of a page of start nodes; a node without any comes as one row
# with a null type, so the page's last key is always known.
PAGE_RELS = Query(
    "page_rels",
    """MATCH (a:Entity) WHERE a.key > $after
WITH a ORDER BY a.key LIMIT $limit
OPTIONAL MATCH (a)-[e]->(b:Entity)
RETURN a.key AS key, type(e) AS type, b.key AS dst, properties(e) AS props""",
    {
        "falkordb": """MATCH (a:Entity) WHERE id(a) >= $after AND id(a) < $after + $limit
OPTIONAL MATCH (a)-[e]->(b:Entity)
RETURN a.key AS key, type(e) AS type, b.key AS dst, properties(e) AS props"""
    },
)
PAGE_DOCS = Query(
    "page_docs",
    """MATCH (x:{{label}}) WHERE x.key > $after
WITH x ORDER BY x.key LIMIT $limit
RETURN x.key AS key, properties(x) AS props""",
    {
        "falkordb": """MATCH (x:{{label}}) WHERE id(x) >= $after AND id(x) < $after + $limit
RETURN x.key AS key, properties(x) AS props"""
    },
)
# The highest internal id (FalkorDB id windows end there).
MAX_ID = Query("max_id", "MATCH (n) RETURN max(id(n)) AS top", dialects=("falkordb",))
ALL_LABELS = Query("all_labels", "CALL db.labels() YIELD label RETURN label")
COUNT_LABEL = Query("count_label", "MATCH (x:{{label}}) RETURN count(x) AS n")
COUNT_TYPES = Query(
    "count_types", "MATCH (:Entity)-[e]->(:Entity) RETURN type(e) AS type, count(e) AS n"
)
SAMPLE_NODES = Query(
    "sample_nodes",
    """MATCH (n:Entity) WITH n, rand() AS r ORDER BY r LIMIT $limit
RETURN n.key AS key""",
)
SAMPLE_RELS = Query(
    "sample_rels",
    """MATCH (a:Entity)-[e]->(b:Entity) WITH a, e, b, rand() AS r ORDER BY r LIMIT $limit
RETURN a.key AS src, type(e) AS type, b.key AS dst, properties(e) AS props""",
)
SAMPLE_DOCS = Query(
    "sample_docs",
    """MATCH (x:{{label}}) WITH x, rand() AS r ORDER BY r LIMIT $limit
RETURN x.key AS key""",
)
# One relationship by its ends and type (verification of a sampled relationship).
GET_RELS = Query(
    "get_rels",
    """UNWIND $rels AS r
MATCH (a:Entity {key: r.src})-[e]->(b:Entity {key: r.dst})
WHERE type(e) = r.type
RETURN a.key AS src, type(e) AS type, b.key AS dst, properties(e) AS props""",
)


# --- leases: one holder at a time across processes (the scheduled jobs' lock) ----------

# ``Lease`` nodes are process state, not hub data: no Entity label, not migrated.
LEASE_LABEL = "Lease"
LEASE_KEY = Query(  # Neo4j only: MERGE of a new lease is safe under this constraint
    "lease_key",
    "CREATE CONSTRAINT lease_key IF NOT EXISTS FOR (l:Lease) REQUIRE l.key IS UNIQUE",
    dialects=("neo4j",),
)
# Take the lease when it is free, expired or already ours; answer who holds it now. The
# first SET takes the node's write lock (Neo4j), so the test after it reads the latest
# committed holder; FalkorDB runs each write query alone.
CLAIM_LEASE = Query(
    "claim_lease",
    """MERGE (l:Lease {key: $name})
ON CREATE SET l.holder = $holder, l.expires = 0
SET l.claims = coalesce(l.claims, 0) + 1
WITH l, (l.holder = $holder OR l.expires < $now) AS free
SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
    l.expires = CASE WHEN free THEN $expires ELSE l.expires END
RETURN l.holder AS holder, l.expires AS expires""",
)
RELEASE_LEASE = Query(
    "release_lease",
    """MATCH (l:Lease {key: $name}) WHERE l.holder = $holder
SET l.expires = 0
RETURN count(l) AS released""",
)


# --- Neo4j Graph Data Science (used only when the server has it: ``gds_version``) --------

GDS_VERSION = Query("gds_version", "RETURN gds.version() AS version", dialects=("neo4j",))
# A named projection per run, dropped after it (``$name`` is unique per run).
GDS_PROJECT_STORED = Query(  # the stored graph, restricted to labels and types
    "gds_project_stored",
    """CALL gds.graph.project($name, $labels, $types)
YIELD graphName RETURN graphName AS name""",
    dialects=("neo4j",),
)
# A graph computed in Python (the ring graph: weighted party-to-party links) projected
# onto its stored nodes; rows with a null ``dst`` add a node without links.
GDS_PROJECT_ROWS = Query(
    "gds_project_rows",
    """UNWIND $rows AS r
MATCH (a:Entity {key: r.src})
OPTIONAL MATCH (b:Entity {key: r.dst})
WITH gds.graph.project($name, a, b,
       {relationshipProperties: {weight: coalesce(r.weight, 1.0)}},
       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS name""",
    dialects=("neo4j",),
)
GDS_DROP = Query(
    "gds_drop",
    "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName",
    dialects=("neo4j",),
)
GDS_WCC = Query(
    "gds_wcc",
    """CALL gds.wcc.stream($name) YIELD nodeId, componentId
RETURN gds.util.asNode(nodeId).key AS key, componentId AS value""",
    dialects=("neo4j",),
)
GDS_LEIDEN = Query(  # Louvain's refinement: GDS Louvain has no resolution, Leiden has gamma
    "gds_leiden",
    """CALL gds.leiden.stream($name, {relationshipWeightProperty: 'weight', gamma: $resolution,
                                  randomSeed: $seed})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).key AS key, communityId AS value""",
    dialects=("neo4j",),
)
GDS_PAGERANK = Query(
    "gds_pagerank",
    """CALL gds.pageRank.stream($name, {relationshipWeightProperty: 'weight'})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).key AS key, score AS value""",
    dialects=("neo4j",),
)
GDS_BETWEENNESS = Query(
    "gds_betweenness",
    """CALL gds.betweenness.stream($name, {samplingSize: $samples, samplingSeed: $seed})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).key AS key, score AS value""",
    dialects=("neo4j",),
)


def restore_batch(
    labels: Sequence[str], types: Sequence[str], docs: Sequence[str], dialect: Dialect
) -> Statement:
    """The restore counterpart of :func:`write_batch`: one statement, one transaction."""
    parts = [(RESTORE_NODES, {"label": label}) for label in labels]
    parts += [(RESTORE_RELS, {"type": type_}) for type_ in types]
    parts += [(RESTORE_DOCS, {"label": label}) for label in docs]
    text = "\nWITH count(*) AS _\n".join(render(query, dialect, **slots) for query, slots in parts)
    return Statement(text + "\nRETURN count(*) AS written", tuple(q for q, _ in parts), _MAKER)


for _query in [v for v in list(globals().values()) if isinstance(v, Query)]:
    register(_query)
