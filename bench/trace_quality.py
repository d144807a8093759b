"""Trace quality on a demo world: is the planted workshop in the top 3 for each complaint
that targets a ring, and is a shared logistics hub ever in the top 3?

    python bench/trace_quality.py [--size small] [--seed 7] [--misses]

Loads the world through the real intake path into a temporary embedded store, traces
every ring complaint from the ground truth and prints the hit rate and latencies.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from cluehub.analysis.trace import trace_sources
from cluehub.demo.run import build_demo
from cluehub.graph.falkordb_store import FalkorDBStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="small")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = FalkorDBStore(Path(tmp) / "data")
        try:
            _, truth, _ = build_demo(store, Path(tmp) / "demo", size=args.size, seed=args.seed)
            hubs = {k for h in truth.hubs for k in h.keys}
            hits = hub_hits = 0
            latencies = []
            for case in truth.complaints:
                start = time.perf_counter()
                trace = trace_sources(store, case.complaint)
                latencies.append((time.perf_counter() - start) * 1000)
                top = [c.key for c in trace.candidates[:3]]
                hit = any(k in case.workshop for k in top)
                hits += hit
                hub_hits += any(k in hubs for k in top)
                if args.misses and not hit:
                    print("miss", case.complaint, case.channel, top)
        finally:
            store.shutdown_server()
    n = len(truth.complaints)
    latencies.sort()
    print(f"{args.size} world, seed {args.seed}: {n} ring complaints")
    print(f"planted workshop in top 3: {hits}/{n} = {hits / n:.0%}")
    print(f"a shared hub in top 3:     {hub_hits}/{n}")
    print(
        f"trace latency ms: p50 {statistics.median(latencies):.0f}, "
        f"p95 {latencies[int(0.95 * (n - 1))]:.0f}"
    )


if __name__ == "__main__":
    main()
