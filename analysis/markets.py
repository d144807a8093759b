"""The key markets list (重点市场名录, 003 §2.2): physical markets with many cases and
complaints over the last three years, as ``Market`` nodes.

A market counts the clues (complaints 投诉举报 and clues 线索) first seen in the window
(``RiskParams.window_days``) that are about it: linked to it, naming it or one of its
stalls (addresses ``IN_MARKET``), or naming a shop shipping from or returning to a stall;
and the joint cases with work there in the window (tasks at the market, or the market a
member of the case), which the coordination room passes in (cases are not in the graph;
it passes only cases the viewer may see).
Score: ``clues + weight_case × cases``; listed with at least ``min_market_clues``
clues and cases together. Every entry says why (``reasons``) and carries its counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Set

from cluehub.graph.store import GraphStore

from . import queries as q
from .params import DAY_MS, RiskParams
from .results import RiskEntry


def _date(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).date().isoformat()


def key_markets(
    store: GraphStore,
    now_ms: int,
    params: RiskParams = RiskParams(),  # noqa: B008 (frozen, never mutated)
    *,
    case_markets: Mapping[str, Set[str]] | None = None,
) -> tuple[RiskEntry, ...]:
    """The key markets as of ``now_ms``, highest score first (``params.top_n``), in the
    viewer's ``params.scope``. ``case_markets``: market key -> ids of the joint cases with
    work there in the window."""
    since = now_ms - params.window_days * DAY_MS
    clues: dict[str, set[str]] = defaultdict(set)
    for row in store.run(q.MARKET_CLUES, {"since": since, "scope": params.scope}):
        clues[row["key"]].add(row["clue"])
    seen = set(clues)
    cases = {k: set(v) for k, v in (case_markets or {}).items()}
    ranked = []
    for key in sorted(seen | set(cases)):
        n_clues, n_cases = len(clues.get(key, ())), len(cases.get(key, ()))
        if n_clues + n_cases < params.min_market_clues:
            continue
        reasons = []
        if n_clues:
            reasons.append(f"{n_clues} complaints/clues since {_date(since)}")
        if n_cases:
            shown = ", ".join(sorted(cases[key]))
            reasons.append(f"{n_cases} joint cases with work there: {shown}")
        score = n_clues + params.weight_case * n_cases
        ranked.append(
            RiskEntry(
                key,
                "Market",
                round(score, 3),
                tuple(reasons),
                {"clues": n_clues, "cases": n_cases},
            )
        )
    ranked.sort(key=lambda e: (-e.score, e.key))
    return tuple(ranked[: params.top_n])
