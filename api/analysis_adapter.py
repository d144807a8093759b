"""The thin seam between the API and the analysis room (``cluehub.analysis``).

The analysis room is written in parallel; this module imports it lazily, at call time,
finds its entry points by name and turns its results into the few shapes the API shows.
When an entry point is not there, the call raises :class:`NotAvailableYet` (GraphQL
error code ``NOT_AVAILABLE_YET``): results are never faked.

Entry points looked for (first found wins):

- sources (溯源): ``cluehub.analysis.trace.trace_sources(store, key, *, scope)`` ->
  ``Trace`` with ``candidates`` (``key``, ``score``, ``role``, ``paths``);
- sales network: ``cluehub.analysis.sales.sales_network(store, key, *, scope)`` or
  ``cluehub.analysis.network.sales_network`` -> ``SalesNetwork`` with ``warehouses``,
  ``receivers`` (``key``, ``role``, ``waybills``) and ``shops`` (``key``, ``path``);
- rings (团伙): ``cluehub.analysis.rings.find_rings(store, RingParams(scope=…))`` ->
  ``Ring`` objects (``id``, ``members``, ``size``).

Evidence paths may be ``graph.store.Path`` (``nodes``, ``edges``) or the analysis
room's ``EvidencePath`` (``nodes``, ``hops`` with ``from_key``, ``rel``, ``to_key``,
``direction``). ``scope`` is passed on; the API also loads every key through the scoped
loader, so nothing outside the viewer's scope is shown even if an analysis ignores it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cluehub.graph import model
from cluehub.graph.store import Edge, GraphStore

from .errors import NotAvailableYet, NotFound

PACKAGE = "cluehub.analysis"
SOURCES = (("trace", "trace_sources"), ("", "trace_sources"))
SALES = (("sales", "sales_network"), ("network", "sales_network"), ("", "sales_network"))
RINGS = (("rings", "find_rings"), ("", "find_rings"))


@dataclass(frozen=True, slots=True)
class Evidence:
    nodes: list[str]
    edges: list[Edge]


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str
    score: float | None
    role: str | None
    paths: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RingResult:
    id: str
    members: list[str]
    score: float | None
    reason: str | None


def _get(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _find(places: Sequence[tuple[str, str]]) -> Callable[..., Any] | None:
    for module_name, name in places:
        full = f"{PACKAGE}.{module_name}" if module_name else PACKAGE
        try:
            module = importlib.import_module(full)
        except ImportError:
            continue
        fn = getattr(module, name, None)
        if callable(fn):
            return fn
    return None


def _function(places: Sequence[tuple[str, str]], feature: str) -> Callable[..., Any]:
    fn = _find(places)
    if fn is None:
        wanted = " or ".join(f"{PACKAGE}.{m + '.' if m else ''}{n}" for m, n in places)
        raise NotAvailableYet(
            f"{feature} is not available yet: the analysis room does not provide {wanted} "
            "(it is being built)"
        )
    return fn


def evidence(path: Any) -> Evidence:
    """A graph ``Path`` or an analysis ``EvidencePath`` as nodes and stored edges."""
    nodes = [str(k) for k in _get(path, "nodes", ())]
    edges = _get(path, "edges", None)
    if edges is not None:
        return Evidence(nodes, list(edges))
    converted = []
    for hop in _get(path, "hops", ()):
        a, b = str(_get(hop, "from_key")), str(_get(hop, "to_key"))
        src, dst = (a, b) if _get(hop, "direction", "out") == "out" else (b, a)
        props = {
            "sources": list(_get(hop, "sources", ()) or ()),
            "first_seen": _get(hop, "first_seen"),
            "last_seen": _get(hop, "last_seen"),
        }
        converted.append(Edge(src, str(_get(hop, "rel")), dst, props))
    return Evidence(nodes, converted)


def _call_on_start(fn: Callable[..., Any], store: GraphStore, key: str, scope: str | None) -> Any:
    try:
        return fn(store, key, scope=scope)
    except LookupError:  # the analysis room's AnalysisError: start missing or hidden
        raise NotFound(
            "the analysis found no start node in your scope (it does not exist, or belongs "
            "to a region your bureau does not cover)"
        ) from None


def trace_sources(store: GraphStore, key: str, *, scope: str | None, limit: int) -> list[Candidate]:
    fn = _function(SOURCES, "traceSources")
    result = _call_on_start(fn, store, key, scope)
    rows = _get(result, "candidates", result) or []
    return [
        Candidate(
            key=str(_get(row, "key")),
            score=_get(row, "score"),
            role=_get(row, "role"),
            paths=[evidence(p) for p in _get(row, "paths", ()) or ()],
        )
        for row in list(rows)[:limit]
    ]


def sales_network(store: GraphStore, key: str, *, scope: str | None, limit: int) -> list[Candidate]:
    fn = _function(SALES, "salesNetwork")
    result = _call_on_start(fn, store, key, scope)
    found: list[Candidate] = []
    for group in ("warehouses", "receivers"):
        for row in _get(result, group, ()) or ():
            found.append(Candidate(str(_get(row, "key")), None, _get(row, "role", group[:-1])))
    for row in _get(result, "shops", ()) or ():
        path = _get(row, "path")
        found.append(
            Candidate(str(_get(row, "key")), None, "shop", [evidence(path)] if path else [])
        )
    return found[:limit]


def rings(
    store: GraphStore, *, scope: str | None, min_size: int, labels: list[str] | None, limit: int
) -> list[RingResult]:
    fn = _function(RINGS, "rings")
    params_type = _find((("params", "RingParams"),))
    if params_type is None:
        raise NotAvailableYet("rings is not available yet: cluehub.analysis.params.RingParams")
    params = replace(params_type(), scope=scope, min_members=min_size)  # type: ignore[type-var]
    result = []
    for ring in fn(store, params):
        members = [str(k) for k in _get(ring, "members", ()) or ()]
        if labels:
            members = [k for k in members if model.kind_of_key(k).label in labels]
        if members:
            result.append(RingResult(str(_get(ring, "id")), members, None, None))
        if len(result) >= limit:
            break
    return result


def available() -> bool:
    """Whether the analysis room provides all three entry points yet."""
    return all(_find(p) is not None for p in (SOURCES, SALES, RINGS))
