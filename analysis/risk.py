"""Risk lists (名录): high-risk enterprises and products, key markets, repeat infringers.

:func:`risk_lists` reads every clue (complaints 投诉举报 and clues 线索) first seen in the
window (``RiskParams.window_days``, three years by default, 003 §2.2) and what they
mention, then scores in Python. Every entry says why it is listed (``reasons``) and
carries its counts.

- **High-risk enterprises** (高风险企业): shops, companies and sellers. Clues count for
  the shop they name and for its operator (the seller or company behind the shop).
  Score: ``weight_clue × clues + weight_ring × rings + weight_repeat × repeat``, listed
  with at least ``min_enterprise_clues`` clues, or when in a ring, or when repeating.
- **High-risk products** (高风险商品): brands, by clues claiming them and by rings whose
  listings claim them.
- **Key markets** (重点市场名录): ``Market`` nodes by the clues about them and the joint
  cases with work there (``markets.key_markets``; cases passed in as ``case_markets``).
- **Repeat infringers** (重复侵权): entities of a closed case (given as
  ``closed_cases``: key -> close time in ms; cases are not in the graph yet) named by new
  clues after the close; and entities whose clues fall in at least two episodes more than
  ``repeat_gap_days`` apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import replace

from cluehub.graph import model
from cluehub.graph.store import GraphStore

from . import fetch
from . import queries as q
from .markets import key_markets
from .params import DAY_MS, RiskParams
from .results import Ring, RiskEntry, RiskLists
from .rings import find_rings
from .shipments import kind_of

# Who the high-risk list names: the model's actors (shops, companies, persons).
ENTERPRISE_KINDS = frozenset(model.labels(model.Group.ACTOR))


def _date(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).date().isoformat()


def episodes(times: Sequence[int], gap_ms: int) -> int:
    """How many bursts the times fall into, a burst ending after ``gap_ms`` of quiet."""
    count, last = 0, None
    for t in sorted(times):
        if last is None or t - last > gap_ms:
            count += 1
        last = t
    return count


def _entries(
    items: Mapping[str, tuple[float, list[str], dict[str, int]]], top_n: int
) -> tuple[RiskEntry, ...]:
    ranked = sorted(items.items(), key=lambda item: (-item[1][0], item[0]))[:top_n]
    return tuple(
        RiskEntry(key, kind_of(key), round(score, 3), tuple(reasons), counts)
        for key, (score, reasons, counts) in ranked
    )


def risk_lists(
    store: GraphStore,
    now_ms: int,
    params: RiskParams = RiskParams(),  # noqa: B008 (frozen, never mutated)
    *,
    rings: Sequence[Ring] | None = None,
    closed_cases: Mapping[str, int] | None = None,
    case_markets: Mapping[str, Set[str]] | None = None,
) -> RiskLists:
    """The four lists as of ``now_ms`` (module docstring). ``rings`` default to
    :func:`~.rings.find_rings` with ``params.rings`` in the viewer's ``params.scope``."""
    since = now_ms - params.window_days * DAY_MS
    gap = params.repeat_gap_days * DAY_MS
    closed = dict(closed_cases or {})
    window = {"since": since, "scope": params.scope}
    clues_of: dict[str, dict[str, int]] = defaultdict(dict)
    for row in store.run(q.CLUE_MENTIONS, window):
        clues_of[row["key"]][row["clue"]] = int(row["at"])
    if rings is None:
        rings = find_rings(store, replace(params.rings, scope=params.scope))
    rings_of: dict[str, list[Ring]] = defaultdict(list)
    for ring in rings:
        for member in ring.members:
            rings_of[member].append(ring)

    # clues of a shop count for its operator too
    shops = sorted(k for k in clues_of if kind_of(k) == "Shop")
    operators: dict[str, set[str]] = defaultdict(set)
    for part in fetch.chunks(shops):
        for row in store.run(q.SHOP_LINKS, {"keys": part, "scope": params.scope}):
            if row["type"] == "OPERATED_BY":
                operators[row["key"]].add(row["other"])
    enterprise_clues: dict[str, dict[str, int]] = defaultdict(dict)
    via: dict[str, set[str]] = defaultdict(set)
    for key, clues in clues_of.items():
        if kind_of(key) in ENTERPRISE_KINDS:
            enterprise_clues[key].update(clues)
        for operator in operators.get(key, ()):
            enterprise_clues[operator].update(clues)
            via[operator].add(key)

    enterprises: dict[str, tuple[float, list[str], dict[str, int]]] = {}
    repeaters: dict[str, tuple[float, list[str], dict[str, int]]] = {}
    candidates = (
        set(enterprise_clues)
        | {k for k in rings_of if kind_of(k) in ENTERPRISE_KINDS}
        | {k for k in closed if kind_of(k) in ENTERPRISE_KINDS}
    )
    for key in sorted(candidates):
        clues = enterprise_clues.get(key, {})
        in_rings = rings_of.get(key, [])
        after = sum(1 for t in clues.values() if key in closed and t > closed[key])
        bursts = episodes(list(clues.values()), gap)
        reasons = []
        if clues:
            shown = f" (through {', '.join(sorted(via[key]))})" if via.get(key) else ""
            reasons.append(f"{len(clues)} complaints/clues since {_date(since)}{shown}")
        for ring in in_rings:
            provinces = len(ring.regions.provinces)
            reasons.append(
                f"member of ring {ring.id} ({ring.size} entities, {provinces} provinces)"
            )
        if after:
            reasons.append(f"{after} new clues after its case closed on {_date(closed[key])}")
        if bursts >= 2:
            gap_days = params.repeat_gap_days
            reasons.append(f"complaints in {bursts} separate episodes (over {gap_days} days apart)")
        counts = {
            "clues": len(clues),
            "rings": len(in_rings),
            "clues_after_close": after,
            "episodes": bursts,
        }
        score = (
            params.weight_clue * len(clues)
            + params.weight_ring * len(in_rings)
            + params.weight_repeat * (1 if after else 0)
        )
        if len(clues) >= params.min_enterprise_clues or in_rings or after:
            enterprises[key] = (score, reasons, counts)
        if after or bursts >= 2:
            repeat_score = params.weight_repeat * (after > 0) + params.weight_clue * bursts
            repeaters[key] = (repeat_score, reasons, counts)
    for key, close_ms in closed.items():  # non-enterprise entities of closed cases
        if key in repeaters or key in candidates:
            continue
        after = sum(1 for t in clues_of.get(key, {}).values() if t > close_ms)
        if after:
            reasons = [f"{after} new clues after its case closed on {_date(close_ms)}"]
            counts = {"clues": len(clues_of[key]), "clues_after_close": after}
            repeaters[key] = (params.weight_repeat + params.weight_clue * after, reasons, counts)

    # products: brands claimed by clues, and by rings' listings
    brand_clues: dict[str, set[str]] = defaultdict(set)
    for row in store.run(q.CLUE_BRANDS, window):
        brand_clues[row["key"]].add(row["clue"])
    brand_rings: dict[str, set[str]] = defaultdict(set)
    for ring in rings:
        for brand, _ in ring.brands:
            brand_rings[brand].add(ring.id)
    products = {}
    for brand in sorted(set(brand_clues) | set(brand_rings)):
        n_clues, n_rings = len(brand_clues.get(brand, ())), len(brand_rings.get(brand, ()))
        if n_clues < params.min_brand_clues and not n_rings:
            continue
        reasons = []
        if n_clues:
            reasons.append(f"{n_clues} complaints/clues claim it since {_date(since)}")
        if n_rings:
            reasons.append(f"sold by {n_rings} rings: {', '.join(sorted(brand_rings[brand]))}")
        score = params.weight_clue * n_clues + params.weight_ring * n_rings
        products[brand] = (score, reasons, {"clues": n_clues, "rings": n_rings})

    return RiskLists(
        generated_at=now_ms,
        since=since,
        enterprises=_entries(enterprises, params.top_n),
        products=_entries(products, params.top_n),
        markets=key_markets(store, now_ms, params, case_markets=case_markets),
        repeat_infringers=_entries(repeaters, params.top_n),
    )
