"""The thin seam between the API and the analysis room (``cluehub.analysis``).

It calls the room's entry points and turns their results into the few shapes the API
shows: sources (溯源) from ``trace_sources``, the sales network from ``sales_network``,
and the joint case the rules propose for a trace (``trace_case``).
``scope`` is passed on, and the API also loads every
key through the scoped loader, so nothing outside the viewer's scope is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cluehub.analysis import AnalysisError, propose_joint_case
from cluehub.analysis import sales_network as analysis_sales_network
from cluehub.analysis import trace_sources as analysis_trace_sources
from cluehub.analysis.results import EvidencePath, ProposedCase
from cluehub.graph.store import Edge, GraphStore

from .errors import NotFound


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


def _get(item: Any, name: str, default: Any = None) -> Any:
    return getattr(item, name, default)


def evidence(path: EvidencePath) -> Evidence:
    """An analysis ``EvidencePath`` as nodes and stored edges."""
    nodes = [str(k) for k in path.nodes]
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


def _call_on_start(fn: Any, store: GraphStore, key: str, scope: str | None) -> Any:
    try:
        return fn(store, key, scope=scope)
    except AnalysisError:  # the start is missing or hidden from this viewer
        raise NotFound(
            "the analysis found no start node in your scope (it does not exist, or belongs "
            "to a region your bureau does not cover)"
        ) from None


def trace_sources(store: GraphStore, key: str, *, scope: str | None, limit: int) -> list[Candidate]:
    result = _call_on_start(analysis_trace_sources, store, key, scope)
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
    result = _call_on_start(analysis_sales_network, store, key, scope)
    found: list[Candidate] = []  # shops first: they are what a sales network is asked for
    for row in _get(result, "shops", ()) or ():
        path = _get(row, "path")
        found.append(
            Candidate(str(_get(row, "key")), None, "shop", [evidence(path)] if path else [])
        )
    for group in ("warehouses", "receivers"):
        for row in _get(result, group, ()) or ():
            found.append(Candidate(str(_get(row, "key")), None, _get(row, "role", group[:-1])))
    return found[:limit]


@dataclass(frozen=True, slots=True)
class TraceCase:
    """The joint case proposed for a trace, and the nodes its parties should see: the
    start, the sources and shops the proposal names, and the evidence paths between."""

    proposal: ProposedCase
    member_keys: list[str]


def trace_case(store: GraphStore, key: str, *, scope: str | None) -> TraceCase | None:
    """The joint case the jurisdiction rules propose for the trace to production sources
    from ``key`` (the analysis room's ``propose_joint_case``), or None when the chain
    stays in one county."""
    trace = _call_on_start(analysis_trace_sources, store, key, scope)
    proposal = propose_joint_case(trace)
    if proposal is None:
        return None
    named = {k for part in proposal.participants for k in part.keys}
    paths = [n for c in trace.candidates if c.key in named for p in c.paths for n in p.nodes]
    members = dict.fromkeys([key, *sorted(named), *(str(n) for n in paths)])
    return TraceCase(proposal, list(members))
