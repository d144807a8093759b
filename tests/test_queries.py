"""The query registry, walked whole: every statement the hub runs, on both engines.

- Every registered query (the graph room's and those of ``ingest``, ``analysis``,
  ``cases`` and ``api``), rendered for FalkorDB with every slot value the model allows,
  goes through ``GRAPH.EXPLAIN`` on the embedded engine with representative parameters
  (passed the way real runs pass them: the ``CYPHER name=value`` header). FalkorDB plans
  only a statement it parsed, whose functions and procedures exist and whose parameters
  have values of a usable type.
- Every Neo4j-dialect statement goes through Neo4j's own Cypher parser and semantic
  analysis, npm ``@neo4j-cypher/language-support`` (``lintCypherQuery``, run by node from
  ``tests/js/lint-cypher.mjs``), with parameter-only diagnostics left out: no errors,
  and no warnings but the deprecations listed in :data:`ALLOWED_NEO4J_WARNINGS`. Results
  are cached in pytest's cache by linter version and text (linting is slow). Skipped,
  saying why, when node or ``tests/js/node_modules`` are missing — except under
  ``CI=true``, where that fails.
- A statement that bypasses the registry fails: the stores refuse anything not rendered
  from a registered query, and no module outside the query modules holds Cypher text,
  builds queries or statements, or calls a backend's primitives.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import itertools
import json
import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cluehub.graph import model, queries
from cluehub.graph.falkordb_store import FalkorDBStore, cypher_literal
from cluehub.graph.queries import Dialect, Query, Statement, UnregisteredStatement
from cluehub.graph.store import GraphStore
from tests import ROOT

JS = ROOT / "tests" / "js"
ROOMS = ("graph", "ingest", "analysis", "cases", "api", "cluehub", "demo")
# The modules that hold the hub's Cypher; importing the API loads every room (and the
# document kinds the rooms register).
QUERY_MODULES = (
    "cluehub.graph.queries",
    "cluehub.ingest.queries",
    "cluehub.analysis.queries",
    "cluehub.cases.queries",
    "cluehub.api.queries",
)
for _module in (*QUERY_MODULES, "cluehub.api.app"):
    importlib.import_module(_module)

# Representative parameter values, by parameter name. A new parameter needs one here.
PARAMS: dict[str, Any] = {
    "keys": ["tel:+8613812345678", "shop:tmall:1"],
    "known": ["tel:+8613812345678"],
    "after": 0,
    "guard": ["p1/waybill/w1"],
    "claim": "rcpt-1",
    "name": "jobs",
    "holder": "worker-1",
    "expires": 10,
    "resolution": 0.02,
    "seed": 7,
    "samples": 16,
    "weight": 1.0,
    "key": "tel:+8613812345678",
    "scope": "350000",
    "limit": 10,
    "skip": 0,
    "cap": 5,
    "listing_cap": 5,
    "received_cap": 5,
    "sent_cap": 5,
    "names": ["莆田鞋业旗舰店"],
    "numbers": ["1311234567890"],
    "min_size": 3,
    "id": "ring-1",
    "granted": ["tel:+8613812345678"],
    "rels": [["waybill:SF:SF1", "SENT_BY", "tel:+8613812345678"]],
    "since": 0,
    "start": 0,
    "end": 10,
    "until": 10,
    "now": 5,
    "labels": ["Phone", "Shop"],
    "pii_labels": ["Person", "Phone"],
    "types": ["HAS_PHONE"],
    "text": "tmall",
    "text_lower": "tmall",
    "direction": "OUT",
    "config": {"nodeLabels": ["Entity"], "relationshipTypes": ["HAS_PHONE"]},
    "src": "tel:+8613812345678",
    "dst": "shop:tmall:1",
    "grants": [{"key": "tel:+8613812345678", "codes": ["350300", "350000"]}],
    "items": [{"listing": "listing:tmall:1", "after": 0}],
    "prefix": "35",
    "actor": "lin",
    "operation": "notification.send",
    "object": "tel:+8613812345678",
    "after_at": 5,
    "after_key": "audit/1",
    "bureau": "350300",
    "to_bureau": "350300",
    "from_bureau": "440300",
    "decider": "350000",
    "supervisor": "350000",
    "status": "open",
    "case_id": "case-1",
    "notice": "notice-1",
    "action": "removed",
    "supervision": "supervision-1",
    "platform": "tmall",
    "subject": "ntf-1",
    "requested_by": "bureau:350300",
    "request": "auth-1",
    "partner_id": "rh-nike",
    "quarter": "2026Q3",
    "region": "350300",
}
_NODE_ROW = {
    "key": "tel:+8613812345678",
    "props": {"number": "+8613812345678"},
    "first": 1,
    "last": 2,
    "count": 1,
    "sources": ["test/1"],
    "regions": ["350300", "350000"],
}
_REL_ROW = {
    "src": "waybill:SF:SF1",
    "dst": "tel:+8613812345678",
    "props": {},
    "first": 1,
    "last": 2,
    "count": 1,
    "sources": ["test/1"],
}
_DOC_ROW = {"key": "doc-1", "props": {"at": 1, "status": "open"}}
PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

# Neo4j warnings the shared texts keep on purpose, with why.
ALLOWED_NEO4J_WARNINGS = {
    # ``CALL { WITH n … }`` (importing WITH): FalkorDB has no ``CALL (n) { … }`` scope
    # clause, and Neo4j 5 runs the older form. Deprecated, not an error.
    "CALL subquery without a variable scope clause is deprecated",
}


def _params(text: str) -> dict[str, Any]:
    """Representative values for every parameter a statement names."""
    return _params_or(text, {})


def _params_or(text: str, given: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in dict.fromkeys(PARAMETER.findall(text)):
        if name in given:
            values[name] = given[name]
        elif name.startswith("n_"):
            values[name] = [_NODE_ROW]
        elif name.startswith("r_"):
            values[name] = [_REL_ROW]
        elif name.startswith("d_"):
            values[name] = [_DOC_ROW]
        elif name in PARAMS:
            values[name] = PARAMS[name]
        else:
            pytest.fail(f"${name} has no representative value: add one to PARAMS")
    return values


def _slot_values(slot: str) -> list[str | int]:
    """Every value the model allows in a template slot."""
    if slot == "label":
        return sorted({k.label for k in model.NODE_KINDS} | set(model.DOCUMENT_BY_LABEL))
    if slot == "type":
        return sorted(model.REL_BY_NAME)
    if slot == "prop":
        return ["key", "at"]
    if slot == "max_hops":
        return [1, 6]
    raise AssertionError(f"slot {{{{{slot}}}}} has no values in this test")


def _renderings(query: Query, dialect: Dialect, *, every: bool) -> Iterator[Statement]:
    """The query for ``dialect`` with every slot value (``every``) or one of each."""
    slots = sorted(query.slots - set(queries._CONSTANT_SLOTS))
    choices = [_slot_values(s) if every else _slot_values(s)[:1] for s in slots]
    for combination in itertools.product(*choices):
        yield queries.statement(query, dialect, **dict(zip(slots, combination, strict=True)))


def _batch(dialect: Dialect, *, every: bool) -> Statement:
    """The composed write statement: every part kind, chained as ``GraphStore.write`` does."""
    nodes = sorted(k.label for k in model.NODE_KINDS)
    rels = sorted(model.REL_BY_NAME)
    docs = sorted(model.DOCUMENT_BY_LABEL)
    if not every:
        appended = next(d for d in docs if model.document(d).append_only)
        replaced = next(d for d in docs if not model.document(d).append_only)
        nodes, rels, docs = nodes[:1], rels[:1], [appended, replaced]
    return queries.write_batch(nodes, rels, dialect, docs, grants=True)


def _registered(dialect: Dialect) -> list[Query]:
    return [q for q in queries.REGISTRY.values() if dialect in q.dialects]


def test_the_registry_holds_every_rooms_queries() -> None:
    prefixes = {"analysis_", "cases_", "api_", "resolution_", "ingest_", "intake_"}
    found = {p for p in prefixes if any(name.startswith(p) for name in queries.REGISTRY)}
    assert found == prefixes
    for query in queries.REGISTRY.values():
        assert query.dialects, query.name
        if query.document is not None:
            model.document(query.document)  # a declared document kind


# --- FalkorDB: GRAPH.EXPLAIN of everything ------------------------------------------------


@pytest.fixture(scope="module")
def falkordb(falkordb_dir: Path) -> Iterator[FalkorDBStore]:
    """A graph of its own on the session's engine, for the whole module."""
    store = FalkorDBStore(falkordb_dir, graph=f"registry_{uuid.uuid4().hex[:8]}")
    yield store
    store.drop_all()
    store.close()


def _explain(
    store: FalkorDBStore, statement: Statement, params: dict[str, Any] | None = None
) -> list[str]:
    params = {**_params_or(statement.text, params or {}), **(params or {})}
    header = " ".join(f"{k}={cypher_literal(v)}" for k, v in params.items())
    text = f"CYPHER {header} {statement.text}" if header else statement.text
    connection = store._db.connection  # the engine's own EXPLAIN, no client parsing
    try:
        plan = connection.execute_command("GRAPH.EXPLAIN", store.graph_name, text)
    except Exception as exc:  # the engine's message is the finding
        pytest.fail(f"FalkorDB cannot plan {statement.name}: {exc}\n{statement.text}")
    return [plan] if isinstance(plan, (str, bytes)) else list(plan)


@pytest.mark.parametrize("name", [q.name for q in _registered("falkordb")])
def test_falkordb_plans_every_statement(falkordb: FalkorDBStore, name: str) -> None:
    query = queries.REGISTRY[name]
    for statement in _renderings(query, "falkordb", every=True):
        assert _explain(falkordb, statement), statement.name


def test_falkordb_plans_a_batch_of_every_kind(falkordb: FalkorDBStore) -> None:
    plan = _explain(falkordb, _batch("falkordb", every=True))
    assert any("Merge" in str(step) for step in plan)


def test_falkordb_plans_ad_hoc_document_reads(falkordb: FalkorDBStore) -> None:
    """``find_docs`` registers its shape on first use; each such shape plans too."""
    for label in sorted(model.DOCUMENT_BY_LABEL):
        kind = model.document(label)
        query = queries.documents(label, list(kind.indexes[:2]), order_by="key", descending=True)
        params = {f: "x" for f in kind.indexes[:2]}
        assert falkordb.find_docs(label, params, order_by="key", descending=True) == []
        assert _explain(falkordb, queries.statement(query, "falkordb"), params)


# --- Neo4j: its own parser and semantic analysis ---------------------------------------------


def _linter_or_skip() -> tuple[str, str]:
    """node and the installed linter, with its version; skip (fail under CI) without."""
    node = shutil.which("node")
    package = JS / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"
    why = None
    if not node:
        why = "node is missing (scripts/setup.sh dev installs nodejs and npm)"
    elif not package.exists():
        why = "tests/js/node_modules is missing (run `npm ci` in tests/js, or scripts/setup.sh dev)"
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the Neo4j Cypher lint must run in CI: {why}")
        pytest.skip(why)
    assert node
    return node, json.loads(package.read_text())["version"]


def _neo4j_statements() -> dict[str, str]:
    found: dict[str, str] = {}
    for query in _registered("neo4j"):
        for statement in _renderings(query, "neo4j", every=False):  # one of each slot
            found[query.name] = statement.text
    found["write_batch"] = _batch("neo4j", every=False).text
    return found


# Statements the linter must judge wrong (or right), linted with the registry's: proof
# that the lint can fail.
PROBES = {
    "probe:unknown_variable": "MATCH (n:Entity {key: $key}) RETURN m.key AS key",
    "probe:syntax": "MATCH (n:Entity {key: $key} RETURN n.key AS key",
    "probe:falkordb_function": "MATCH (n:Entity {key: $key}) RETURN indegree(n, ['A']) AS d",
    "probe:misspelt_label": "MATCH (n:Shopp {key: $key}) RETURN n.key AS key",
    "probe:fine": "MATCH (n:Entity {key: $key}) RETURN n.key AS key",
}


def _lint_schema() -> dict[str, list[str]]:
    labels = {model.ENTITY_LABEL, queries.LEASE_LABEL} | {k.label for k in model.NODE_KINDS}
    return {
        "labels": sorted(labels | set(model.DOCUMENT_BY_LABEL)),
        "relationshipTypes": sorted(model.REL_BY_NAME),
    }


@pytest.fixture(scope="module")
def neo4j_lint(request: pytest.FixtureRequest) -> dict[str, list[dict[str, Any]]]:
    """Diagnostics per statement id, from the cache or one node run for the rest."""
    node, version = _linter_or_skip()
    statements = _neo4j_statements() | PROBES
    schema = _lint_schema()
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    salt = f"{version}\0{json.dumps(schema, sort_keys=True)}\0"

    def cache_key(text: str) -> str:
        return "cluehub/neo4j-lint/" + hashlib.sha256((salt + text).encode()).hexdigest()

    found: dict[str, list[dict[str, Any]]] = {}
    todo = []
    for sid, text in statements.items():
        cached = cache.get(cache_key(text), None) if cache else None
        if cached is None:
            todo.append({"id": sid, "text": text})
        else:
            found[sid] = cached
    if todo:
        result = subprocess.run(
            [node, str(JS / "lint-cypher.mjs")],
            input=json.dumps({"schema": schema, "statements": todo}),
            capture_output=True,
            text=True,
            cwd=JS,
            timeout=1200,
        )
        assert result.returncode == 0, f"the Cypher linter failed: {result.stderr[-2000:]}"
        answer = json.loads(result.stdout)
        assert answer["catalogue"], f"{version} has no recorded Neo4j function catalogue"
        for item in answer["results"]:
            found[item["id"]] = item["diagnostics"]
            if cache:
                cache.set(cache_key(statements[item["id"]]), item["diagnostics"])
    return found


def _findings(text: str, diagnostics: list[dict[str, Any]]) -> list[str]:
    """Errors, and warnings not allowed, each with the text it points at."""
    bad = []
    for d in diagnostics:
        allowed = d["severity"] != 1 and any(a in d["message"] for a in ALLOWED_NEO4J_WARNINGS)
        if not allowed:
            bad.append(f"{d['message']} at «{text[d['start'] : d['end']][:120]}»")
    return bad


@pytest.mark.slow  # node, and Neo4j's analysis is slow on a cold cache
@pytest.mark.parametrize("sid", sorted(_neo4j_statements()))
def test_neo4j_accepts_every_statement(neo4j_lint: dict[str, list[dict]], sid: str) -> None:
    text = _neo4j_statements()[sid]
    assert sid in neo4j_lint, f"{sid} was not linted"
    assert _findings(text, neo4j_lint[sid]) == [], text


@pytest.mark.slow
def test_the_neo4j_lint_can_fail(neo4j_lint: dict[str, list[dict]]) -> None:
    """Wrong statements get findings, a right one none ("$key is not defined" aside)."""
    messages = {sid: " | ".join(d["message"] for d in neo4j_lint[sid]) for sid in PROBES}
    assert "not defined" in messages["probe:unknown_variable"]
    assert any(d["severity"] == 1 for d in neo4j_lint["probe:syntax"])
    assert "Function indegree is not present" in messages["probe:falkordb_function"]
    assert "Shopp is not present" in messages["probe:misspelt_label"]
    assert neo4j_lint["probe:fine"] == []


# --- nothing bypasses the registry ------------------------------------------------------------


def test_stores_refuse_statements_not_from_the_registry(falkordb: FalkorDBStore) -> None:
    with pytest.raises(UnregisteredStatement, match=r"made by cluehub\.graph\.queries"):
        Statement("MATCH (n) DETACH DELETE n", (queries.GET_NODES,))
    with pytest.raises(UnregisteredStatement, match="bypasses the query registry"):
        falkordb._execute("MATCH (n) RETURN count(n) AS n", {}, write=False)  # type: ignore[arg-type]
    stray = Query("stray", "MATCH (n) RETURN count(n) AS n")
    with pytest.raises(UnregisteredStatement, match="not in the registry"):
        falkordb.run(stray)
    with pytest.raises(UnregisteredStatement, match="has no neo4j form"):
        queries.statement(queries.FALKORDB_INDEXES, "neo4j")
    assert falkordb.run(queries.COUNT_NODES) == [{"n": 0}]


def test_slots_take_only_model_names() -> None:
    with pytest.raises(model.UnknownModelElement):
        queries.statement(queries.UPSERT_NODES, "falkordb", label="Phone) DETACH DELETE (n")
    with pytest.raises(ValueError, match="needs a value"):
        queries.statement(queries.UPSERT_NODES, "falkordb")
    with pytest.raises(ValueError, match="unknown template slots"):
        queries.register(Query("bad_slot", "MATCH (n:{{kind}}) RETURN n.key AS key"))


def _room_modules() -> Iterator[Path]:
    for room in ROOMS:
        yield from sorted((ROOT / room).rglob("*.py"))


# Cypher in a string literal: a clause and what follows it in every statement we write.
CYPHER = re.compile(
    r"\b(?:OPTIONAL MATCH|MATCH|MERGE)\s*\(|\bUNWIND\s+[\[$]|\bDETACH DELETE\b"
    r"|\bCREATE\s+(?:INDEX|CONSTRAINT|\()|\bCALL\s+(?:db|algo|gds)\.|\bRETURN\s+\S+\s+AS\s"
)
QUERY_MODULE_FILES = {
    f"{room}/queries.py" for room in ("graph", "ingest", "analysis", "cases", "api")
}
BACKENDS = {"graph/store.py", "graph/falkordb_store.py", "graph/neo4j_store.py"}
BUILDERS = {"Query", "Statement", "documents", "register", "render", "write_batch"}
MAKERS = BUILDERS | {"statement", "_MAKER"}
PRIMITIVES = {"_run", "_execute", "_graph", "_db", "_driver"}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_no_cypher_outside_the_query_modules() -> None:
    """Statements are written in the query modules and run only through the store's API."""
    offences = []
    scanned = 0
    for path in _room_modules():
        scanned += 1
        rel = path.relative_to(ROOT).as_posix()
        if rel in QUERY_MODULE_FILES:
            continue
        tree = ast.parse(path.read_text(), rel)
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            where = f"{rel}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in docstrings and CYPHER.search(node.value):
                    offences.append(f"{where}: Cypher in a string: {node.value[:80]!r}")
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in BUILDERS:
                    offences.append(f"{where}: {func.id}() outside a query module")
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr in MAKERS
                    and isinstance(func.value, ast.Name)
                    and func.value.id in {"queries", "q"}
                    and rel not in BACKENDS
                ):
                    offences.append(f"{where}: queries.{func.attr}() outside the store")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in PRIMITIVES
                and rel not in BACKENDS
                and "store" in ast.unparse(node.value)
            ):
                offences.append(f"{where}: calls the store's primitive {node.attr}")
    assert scanned > 100 and offences == []


def test_the_guard_test_catches_cypher_and_primitives(tmp_path: Path) -> None:
    """The grep-style check above would fail on a room module that ran its own text."""
    sample = 'def f(store):\n    return store._run("MATCH (n) RETURN n.key AS key", {})\n'
    tree = ast.parse(sample)
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert any(isinstance(s, str) and CYPHER.search(s) for s in strings)
    assert any(isinstance(n, ast.Attribute) and n.attr in PRIMITIVES for n in ast.walk(tree))


def test_every_store_operation_runs_through_the_registry(store: GraphStore) -> None:
    """The store's own operations, on each backend, all pass the guard."""
    from cluehub.graph.records import Batch

    batch = Batch()
    batch.node("tel:+8613812345678", 1, "test/1", region="350300")
    batch.node("shop:tmall:1", 1, "test/1", region="350300", name="莆田鞋业旗舰店")
    batch.rel("shop:tmall:1", "HAS_PHONE", "tel:+8613812345678", 1, "test/1")
    batch.doc("AuditEvent", "audit/1", at=1, actor="lin", operation="test", object_keys=[])
    store.write(batch)
    assert store.get("tel:+8613812345678") is not None
    assert store.neighbourhood("tel:+8613812345678", 1).nodes
    assert store.find_docs("AuditEvent", {"actor": "lin"}) != []
    assert store.get_doc("AuditEvent", "audit/1") is not None
    assert store.counts() == (2, 1)
    assert len(set(store.components().values())) == 1
    assert store.shortest_path("shop:tmall:1", "tel:+8613812345678") is not None
    assert len(store.subgraph(["shop:tmall:1", "tel:+8613812345678"]).edges) == 1
