"""Trace and ring quality on evaluation worlds: the hub's demo world and the outside world.

    python bench/trace_quality.py [--world demo|outside|all] [--seeds 1,2,3] [--size small]
                                  [--misses]

Each world is built into a temporary embedded store through the real intake path: the
demo world with ``cluehub.demo.run.build_demo``, the outside world (``bench/worlds/outside``,
written independently of ``demo/``) as three partner files imported with the importer that
``cluehub import`` runs. Then ``trace_sources`` runs for every complaint the truth ties to a
ring, and ``find_rings`` once. Per world and seed the table shows:

- ``r@1`` / ``r@3``: the true workshop is the first / among the first three candidates (a
  candidate is the workshop when its key, or one of its members, is one of the workshop's
  canonical keys: phone, address (``ingest.addresses.address_key``), USCC; a company known
  only by name has no global key);
- ``none``: complaints with no candidate at all;
- ``hub@1``: a shared logistics park / hub is the first candidate;
- ``self@3``: the complainant's own phone (named in the text) is among the first three
  candidates (outside world only; the demo truth does not name complainants);
- ``p50`` / ``p95``: trace latency in ms;
- ``CPU ms``: mean CPU time per trace of this process plus the embedded store's server
  (on a machine busy with other work, latency stretches; this much less);
- ``rej`` / ``warn``: import rejects and per-field warnings (warnings once intake has them);
- ``ARI``: adjusted Rand index of the found rings against the planted rings, over every
  planted ring member present in the graph plus the shared hubs (each its own group).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from math import comb
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.worlds from a checkout

from bench.procstat import cpu_seconds
from bench.worlds import outside
from cluehub.analysis import find_rings
from cluehub.analysis.trace import trace_sources
from cluehub.graph import identifiers as ids
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.store import GraphStore
from cluehub.ingest.addresses import address_key
from cluehub.ingest.importer import import_file
from cluehub.ingest.pipeline import default_enrichment


@dataclass(frozen=True, slots=True)
class Case:
    """One ring complaint to trace and the canonical keys of its ring's workshop."""

    complaint: str
    workshop: frozenset[str]
    complainant: frozenset[str] = frozenset()  # the complainant's own keys (never a lead)
    style: str = ""  # how the complaint is written, when the truth says


@dataclass(slots=True)
class Built:
    """A world in a store: its ring complaints, hubs, ring labels and import counts."""

    cases: list[Case]
    hubs: set[str]
    labels: dict[str, str]  # planted ring member key -> ring id
    rejected: int = 0
    warnings: int | None = None
    notes: list[str] = field(default_factory=list)


def _keys(kind: ids.IdentifierType, raws: Iterable[str | None]) -> set[str]:
    found = set()
    for raw in raws:
        if raw and kind.is_valid(raw):
            found.add(kind.key_of(raw))
    return found


def outside_keys(part: dict[str, Any]) -> set[str]:
    """Canonical keys of a workshop, warehouse, printer or park in the outside truth
    (addresses keyed as intake keys them: canonical form in the part's region)."""
    keys = _keys(ids.PHONE, part.get("phones", ()))
    keys |= {address_key(text, part.get("region")) for text in part.get("addresses", ())}
    company = part.get("company") or {}
    return keys | _keys(ids.USCC, [company.get("uscc")])


def outside_ring_keys(ring: dict[str, Any]) -> set[str]:
    keys = outside_keys(ring["workshop"])
    for part in ring["warehouses"] + ring["label_printers"] + ring["stalls"]:
        keys |= outside_keys(part)
    for shop in ring["shops"]:
        keys.add(ids.SHOP.key(ids.SHOP.clean(shop["shop_id"], platform=shop["platform"])))
        keys |= _keys(ids.PHONE, [shop.get("phone")]) | _keys(ids.USCC, [shop.get("uscc")])
    return keys


def build_outside(store: GraphStore, work: Path, seed: int, size: str) -> Built:
    truth = outside.generate(work, seed, size)
    built = Built([], set(), {})
    for name, feed in truth["feeds"].items():
        summary = import_file(
            store,
            work / name,
            kind=feed["kind"],
            partner=feed["partner"],
            fmt="jsonl",
            state_dir=work / "state",
            now_ms=lambda: int(time.time() * 1000),
            enrichment=default_enrichment(),
        )
        built.rejected += summary.rejected
        if hasattr(summary, "warnings"):  # per-field warnings, once intake reports them
            built.warnings = (built.warnings or 0) + summary.warnings
    rings = {r["id"]: r for r in truth["rings"]}
    shared = Counter(k for r in truth["rings"] for k in outside_ring_keys(r))
    for ring in truth["rings"]:
        for key in outside_ring_keys(ring):
            if shared[key] == 1:  # a key two rings share (a reused phone) labels neither
                built.labels[key] = ring["id"]
    for park in truth["parks"]:
        built.hubs |= outside_keys(park)
    for complaint in truth["complaints"]:
        if complaint["ring"]:
            workshop = frozenset(outside_keys(rings[complaint["ring"]]["workshop"]))
            own = frozenset(_keys(ids.PHONE, [complaint["complainant_phone"]]))
            key = ids.COMPLAINT.key_of(complaint["ticket_id"])
            built.cases.append(Case(key, workshop, own, complaint.get("style", "")))
    return built


def build_demo_world(store: GraphStore, work: Path, seed: int, size: str) -> Built:
    from cluehub.demo.run import build_demo

    summary, truth, _ = build_demo(store, work, size=size, seed=seed)
    built = Built(
        [Case(c.complaint, frozenset(c.workshop)) for c in truth.complaints],
        set(truth.hub_keys()),
        {key: ring.id for ring in truth.rings for key in ring.all_keys()},
        rejected=sum(summary.rejected.values()),  # per feed kind
    )
    built.warnings = getattr(summary, "warnings", None)
    return built


WORLDS = {"demo": build_demo_world, "outside": build_outside}


def adjusted_rand_index(truth: dict[str, str], found: dict[str, str]) -> float:
    """ARI of two labelings of the same items (pair counting, Hubert & Arabie 1985)."""
    items = sorted(truth)
    if len(items) < 2:
        return 1.0
    pairs = Counter((truth[i], found[i]) for i in items)
    a = Counter(truth[i] for i in items)
    b = Counter(found[i] for i in items)
    index = sum(comb(n, 2) for n in pairs.values())
    sum_a = sum(comb(n, 2) for n in a.values())
    sum_b = sum(comb(n, 2) for n in b.values())
    expected = sum_a * sum_b / comb(len(items), 2)
    top = (sum_a + sum_b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def ring_ari(store: GraphStore, built: Built) -> float:
    present = set(store.get_many(set(built.labels) | built.hubs))
    truth = {k: v for k, v in built.labels.items() if k in present}
    truth |= {k: f"hub:{k}" for k in built.hubs if k in present and k not in truth}
    found = {k: f"none:{k}" for k in truth}
    for ring in find_rings(store):
        for key in ring.members:
            if key in found:
                found[key] = ring.id
    return adjusted_rand_index(truth, found)


@dataclass(frozen=True, slots=True)
class Row:
    world: str
    seed: int
    complaints: int
    first: int
    top3: int
    empty: int
    hub_first: int
    self_top3: int | None  # None: the world's truth names no complainant
    p50: float
    p95: float
    cpu: float  # mean CPU ms per trace: this process plus the store's server
    rejected: int
    warnings: int | None
    ari: float
    seconds: float


def _server_cpu_ms(store: GraphStore) -> float:
    """CPU time the embedded FalkorDB server has used (user + system), from /proc.

    With the client's own CPU time it gives the work per trace, which a machine busy
    with other jobs stretches less than it stretches wall-clock latency."""
    pid = store.server.pid() if isinstance(store, FalkorDBStore) else None
    if not pid:
        return 0.0
    return cpu_seconds(pid) * 1000


def _is(candidate: Any, keys: Iterable[str]) -> bool:
    keys = set(keys)
    return candidate.key in keys or bool(set(candidate.members) & keys)


def measure(world: str, seed: int, size: str, *, misses: bool = False) -> Row:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = FalkorDBStore(Path(tmp) / "data")
        try:
            built = WORLDS[world](store, Path(tmp) / world, seed, size)
            first = top3 = empty = hub_first = 0
            self_top3: int | None = 0
            latencies = []
            cpu = time.process_time() * 1000 + _server_cpu_ms(store)
            for case in built.cases:
                start = time.perf_counter()
                trace = trace_sources(store, case.complaint)
                latencies.append((time.perf_counter() - start) * 1000)
                top = list(trace.candidates[:3])
                empty += not top
                first += bool(top) and _is(top[0], case.workshop)
                hit = any(_is(c, case.workshop) for c in top)
                top3 += hit
                hub_first += bool(top) and _is(top[0], built.hubs)
                self_top3 += any(_is(c, case.complainant) for c in top)  # type: ignore[operator]
                if misses and not hit:
                    keys = [c.key for c in top]
                    print(f"miss {world}/{seed} {case.complaint} {case.style}: {keys}")
            cpu = time.process_time() * 1000 + _server_cpu_ms(store) - cpu
            ari = ring_ari(store, built)
            if not any(case.complainant for case in built.cases):
                self_top3 = None
        finally:
            store.shutdown_server()
    latencies.sort()
    n = len(latencies)
    return Row(
        world,
        seed,
        n,
        first,
        top3,
        empty,
        hub_first,
        self_top3,
        statistics.median(latencies) if n else 0.0,
        latencies[int(0.95 * (n - 1))] if n else 0.0,
        cpu / n if n else 0.0,
        built.rejected,
        built.warnings,
        ari,
        time.perf_counter() - started,
    )


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def table(rows: list[Row]) -> str:
    head = (
        "| world | seed | complaints | r@1 | r@3 | none | hub@1 | self@3 | p50 ms | p95 ms "
        "| CPU ms | rej | warn | ARI | s |"
    )
    lines = [head, "|" + "---|" * 15]
    for r in rows:
        own = "-" if r.self_top3 is None else _share(r.self_top3, r.complaints)
        lines.append(
            f"| {r.world} | {r.seed} | {r.complaints} | {_share(r.first, r.complaints)} "
            f"| {_share(r.top3, r.complaints)} | {_share(r.empty, r.complaints)} "
            f"| {_share(r.hub_first, r.complaints)} | {own} "
            f"| {r.p50:.0f} | {r.p95:.0f} | {r.cpu:.0f} | {r.rejected} "
            f"| {'-' if r.warnings is None else r.warnings} | {r.ari:.2f} | {r.seconds:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--world", choices=("demo", "outside", "all"), default="all")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds")
    parser.add_argument("--size", default="small")
    parser.add_argument("--misses", action="store_true", help="print every top-3 miss")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args()
    worlds = list(WORLDS) if args.world == "all" else [args.world]
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    rows = []
    for world in worlds:
        for seed in seeds:
            rows.append(measure(world, seed, args.size, misses=args.misses))
            print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(f"trace quality, size {args.size}")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([_row(r) for r in rows], indent=1))


def _row(row: Row) -> dict[str, Any]:
    return {name: getattr(row, name) for name in Row.__slots__}


if __name__ == "__main__":
    main()
