"""Store benchmark: our upsert path against a raw ``UNWIND … CREATE`` ceiling, same run.

    python bench/store.py [--nodes 100000] [--batch 5000] [--samples 300]

Builds a logistics-shaped graph (waybills -> sender/receiver phones and addresses,
3 relationships per node on average) twice in fresh graphs of one embedded FalkorDB:
once with raw CREATE statements (no MERGE, no provenance: the ceiling) and once through
``GraphStore.write`` (validation, MERGE, provenance, missing-end check). Then measures
3-hop neighbourhoods (p50/p99) and connected components on the upserted graph.
The machine is shared and noisy: read the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cluehub.graph import identifiers as ids
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch, NodeAssertion, RelAssertion

# The ceiling stores the same properties as an upsert would, without MERGE or merging.
# It runs raw text on the backend primitive (`_run`), outside the query registry on purpose.
RAW_NODES = (
    "UNWIND $rows AS r CREATE (n:Entity:{label} {{key: r.key, first_seen: r.first, "
    "last_seen: r.last, sightings: r.count, sources: r.sources, regions: r.regions}}) "
    "SET n += r.props"
)
RAW_RELS = (
    "UNWIND $rows AS r MATCH (a:Entity {{key: r.src}}) MATCH (b:Entity {{key: r.dst}}) "
    "CREATE (a)-[e:{type} {{first_seen: r.first, last_seen: r.last, sightings: r.count, "
    "sources: r.sources}}]->(b) SET e += r.props"
)


def world(n_nodes: int, seed: int = 7) -> tuple[list[NodeAssertion], list[RelAssertion]]:
    """75% waybills, 12.5% phones, 12.5% addresses; each waybill has 4 relationships."""
    rng = random.Random(seed)
    n_waybills = n_nodes * 3 // 4
    n_phones = n_addresses = (n_nodes - n_waybills) // 2
    phones = [ids.PHONE.key_of(f"139{i:08d}") for i in range(n_phones)]
    addresses = [ids.ADDRESS.key_of(f"浙江省金华市义乌市测试路{i}号") for i in range(n_addresses)]
    nodes = [NodeAssertion(k, 1, "bench/p") for k in phones]
    nodes += [NodeAssertion(k, 1, "bench/a", region="330782") for k in addresses]
    rels: list[RelAssertion] = []
    for i in range(n_waybills):
        waybill = ids.WAYBILL.key_of(f"SF{i:013d}")
        source = f"bench/{i}"
        nodes.append(NodeAssertion(waybill, 1 + i, source, {"weight_kg": 1.0}, "350304"))
        rels += [
            RelAssertion(waybill, "SENT_BY", rng.choice(phones), 1 + i, source),
            RelAssertion(waybill, "RECEIVED_BY", rng.choice(phones), 1 + i, source),
            RelAssertion(waybill, "SENT_FROM", rng.choice(addresses), 1 + i, source),
            RelAssertion(waybill, "DELIVERED_TO", rng.choice(addresses), 1 + i, source),
        ]
    return nodes, rels


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def raw_load(store: FalkorDBStore, nodes: list[NodeAssertion], rels: list[RelAssertion], size: int):
    """The ceiling: the same rows (built by the same code) sent with plain CREATE."""
    start = time.perf_counter()
    for chunk in chunks(nodes, size):
        for label, rows in Batch(nodes=chunk).grouped_nodes().items():
            store._run(RAW_NODES.format(label=label), {"rows": rows}, write=True)
    node_s = time.perf_counter() - start
    start = time.perf_counter()
    for chunk in chunks(rels, size):
        for type_, rows in Batch(rels=chunk).grouped_rels().items():
            store._run(RAW_RELS.format(type=type_), {"rows": rows}, write=True)
    return node_s, time.perf_counter() - start


def upsert_load(store: FalkorDBStore, nodes, rels, size: int):
    start = time.perf_counter()
    for chunk in chunks(nodes, size):
        store.write(Batch(nodes=chunk))
    node_s = time.perf_counter() - start
    start = time.perf_counter()
    for chunk in chunks(rels, size):
        store.write(Batch(rels=chunk))
    return node_s, time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    console = Console()
    nodes, rels = world(args.nodes)
    console.print(f"graph: {len(nodes):,} nodes, {len(rels):,} relationships, batch {args.batch}")

    with tempfile.TemporaryDirectory() as tmp:
        raw = FalkorDBStore(Path(tmp), graph="raw")
        ours = FalkorDBStore(Path(tmp), graph="upsert", start=False)
        try:
            raw_n, raw_r = raw_load(raw, nodes, rels, args.batch)
            up_n, up_r = upsert_load(ours, nodes, rels, args.batch)
            phones = [n.key for n in nodes if n.key.startswith("tel:")]
            rng = random.Random(1)
            latencies = []
            sizes = []
            for key in rng.sample(phones, min(args.samples, len(phones))):
                start = time.perf_counter()
                sub = ours.neighbourhood(key, 3, limit=500)
                latencies.append((time.perf_counter() - start) * 1000)
                sizes.append(len(sub.nodes))
            start = time.perf_counter()
            components = ours.components()
            wcc_s = time.perf_counter() - start
        finally:
            raw.close()
            ours.shutdown_server()

    table = Table(title="cluehub store benchmark (embedded FalkorDB)")
    for column in ("measure", "raw CREATE ceiling", "cluehub upsert", "ratio (ours/ceiling)"):
        table.add_column(column, justify="right")
    table.add_row(
        "nodes/s", f"{len(nodes) / raw_n:,.0f}", f"{len(nodes) / up_n:,.0f}", f"{raw_n / up_n:.2f}"
    )
    table.add_row(
        "relationships/s",
        f"{len(rels) / raw_r:,.0f}",
        f"{len(rels) / up_r:,.0f}",
        f"{raw_r / up_r:.2f}",
    )
    total_raw, total_up = raw_n + raw_r, up_n + up_r
    table.add_row(
        "all assertions/s",
        f"{(len(nodes) + len(rels)) / total_raw:,.0f}",
        f"{(len(nodes) + len(rels)) / total_up:,.0f}",
        f"{total_raw / total_up:.2f}",
    )
    console.print(table)
    detail = Table(title="reads on the upserted graph")
    detail.add_column("measure")
    detail.add_column("value", justify="right")
    detail.add_row("3-hop neighbourhood p50 (ms, limit 500)", f"{statistics.median(latencies):.2f}")
    detail.add_row("3-hop neighbourhood p99 (ms, limit 500)", f"{percentile(latencies, 0.99):.2f}")
    detail.add_row("3-hop mean nodes returned", f"{statistics.mean(sizes):.0f}")
    detail.add_row("connected components (s)", f"{wcc_s:.2f}")
    detail.add_row("components found", f"{len(set(components.values())):,}")
    console.print(detail)


if __name__ == "__main__":
    main()
