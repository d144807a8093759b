"""Rings kept as documents (``RingRecord``), so bureaus read them instead of recomputing.

Ring detection reads the whole graph (``find_rings``) or the area of new entities
(``RingIndex.update_for``); neither belongs in a request. Here the results are written
beside the graph, one ``RingRecord`` per ring, and read back by who may see them:

- :func:`rebuild` (``cluehub analyze``) finds every ring and retires the records of rings
  that no longer exist (``active`` false, ``retired_at``; nothing is deleted);
- :func:`refresh` (after each push or import) re-reads only the area of the keys a batch
  wrote, starting from the membership the records hold;
- :func:`visible` lists the rings a bureau sees: those with **any member** placed in its
  region subtree (``regions``: every member's regions, with superiors) or granted to it,
  not only those whose complaint it received. The bureau where the workshop sits is the
  one that must raid it, so it must see the ring. Members outside its scope are left out
  by the API's scoped loader, not here.

Each record carries the ring's summary (``Ring.to_dict``), its ``score`` (the best
source's confidence, 0 when no source stands out) and a one-line ``reason``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable

from cluehub.graph import regions as region_table
from cluehub.graph.model import DocumentKind, register_document
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from . import queries as q
from .algorithms import DEFAULT_ALGORITHMS, Algorithms
from .params import RingParams
from .results import Ring
from .rings import RingIndex, find_rings

LABEL = "RingRecord"
register_document(
    DocumentKind(
        LABEL,
        "A ring (团伙) found by analysis: members, summary, score; retired when it changes.",
        ("regions", "active", "size"),
    )
)
_ROLE_NAMES = {
    "workshop": "workshop (生产窝点)",
    "warehouse": "warehouse (仓储)",
    "label_printer": "label printer (标识印制)",
    "sender": "sender",
    "company": "company",
}
_lock = threading.Lock()  # one writer per process; records are idempotent across processes


def score_of(ring: Ring) -> float:
    """The ring's confidence: its best source candidate's score (0 without one)."""
    return round(max((s.score for s in ring.sources), default=0.0), 4)


def reason_of(ring: Ring) -> str:
    """One line on why these entities form a ring."""
    platforms = ", ".join(p for p, _ in ring.platforms) or "no platform"
    provinces = len(ring.regions.provinces)
    parts = [
        f"{len(ring.shops)} shops on {platforms}",
        f"{ring.waybills} parcels",
        f"{len(ring.complaints)} complaints or clues",
        f"{provinces} province{'s' if provinces != 1 else ''}",
    ]
    if ring.sources:
        best = ring.sources[0]
        where = ", ".join(region_table.full_name(c) for c in best.regions[:1]) or "unplaced"
        parts.append(f"source: {_ROLE_NAMES.get(best.role, best.role)} in {where}")
    return "; ".join(parts)


def _record(batch: Batch, ring: Ring, member_regions: dict[str, list[str]], now_ms: int) -> None:
    codes = sorted({c for k in ring.members for c in member_regions.get(k, ())})
    batch.doc(
        LABEL,
        ring.id,
        members=list(ring.members),
        complaints=list(ring.complaints),
        regions=codes,
        size=ring.size,
        score=score_of(ring),
        reason=reason_of(ring),
        summary=json.dumps(ring.to_dict(), ensure_ascii=False),
        updated_at=now_ms,
        active=True,
    )


def _regions_of(store: GraphStore, rings: Iterable[Ring]) -> dict[str, list[str]]:
    keys = sorted({k for r in rings for k in r.members})
    out: dict[str, list[str]] = {}
    for start in range(0, len(keys), 2_000):
        for row in store.run(q.NODE_FACTS, {"keys": keys[start : start + 2_000]}):
            out[row["key"]] = list(row.get("regions") or ())
    return out


def _write(store: GraphStore, rings: list[Ring], retired: Iterable[str], now_ms: int) -> None:
    batch = Batch()
    member_regions = _regions_of(store, rings)
    for ring in rings:
        _record(batch, ring, member_regions, now_ms)
    for ring_id in retired:
        batch.doc(LABEL, ring_id, active=False, retired_at=now_ms)
    store.write(batch)


def active_ids(store: GraphStore) -> list[str]:
    return [row["key"] for row in store.run(q.ACTIVE_RINGS)]


def rebuild(
    store: GraphStore,
    *,
    now_ms: int,
    params: RingParams = RingParams(),  # noqa: B008 (frozen, never mutated)
    algorithms: Algorithms = DEFAULT_ALGORITHMS,
) -> list[Ring]:
    """Find every ring and make the records say exactly that."""
    with _lock:
        rings = find_rings(store, params, algorithms=algorithms)
        current = {r.id for r in rings}
        _write(store, rings, [k for k in active_ids(store) if k not in current], now_ms)
        return rings


def _index(store: GraphStore, params: RingParams, algorithms: Algorithms) -> RingIndex:
    """A ring index holding the active records' rings."""
    index = RingIndex(store, params, algorithms)
    for record in store.get_docs(LABEL, active_ids(store)).values():
        index.add(Ring.from_dict(json.loads(record["summary"])))
    return index


def refresh(
    store: GraphStore,
    keys: Iterable[str],
    *,
    now_ms: int,
    params: RingParams = RingParams(),  # noqa: B008 (frozen, never mutated)
    algorithms: Algorithms = DEFAULT_ALGORITHMS,
) -> tuple[int, int]:
    """Recompute only the rings the area of ``keys`` touches; (written, retired)."""
    keys = sorted(set(keys))
    if not keys:
        return 0, 0
    with _lock:
        index = _index(store, params, algorithms)
        update = index.update_for(keys)
        wanted = {*update.refreshed, *(a.id for a in update.added)}
        changed = [r for r in index.rings if r.id in wanted]
        _write(store, changed, update.removed, now_ms)
        return len(changed), len(update.removed)


def visible(
    store: GraphStore,
    scope: str | None,
    *,
    min_size: int = 1,
    limit: int = 1_000,
    ring_id: str | None = None,
) -> list[Ring]:
    """Active rings with a member in ``scope``'s regions or granted to it, largest first
    (only ``ring_id`` when given)."""
    granted = [r["key"] for r in store.run(q.GRANTED_KEYS, {"scope": scope})] if scope else []
    params = {
        "scope": scope, "granted": granted, "min_size": min_size, "limit": limit, "id": ring_id,
    }  # fmt: skip
    return [
        Ring.from_dict(json.loads(row["summary"])) for row in store.run(q.VISIBLE_RINGS, params)
    ]


def ring_of(store: GraphStore, ring_id: str, scope: str | None) -> Ring | None:
    """One active ring, if ``scope`` may see it."""
    found = visible(store, scope, ring_id=ring_id, limit=1)
    return found[0] if found else None
