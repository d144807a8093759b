"""Link-analysis benchmark: trace latency, ring detection time and memory at scale.

    python bench/analysis.py [--nodes 100000] [--sizes 100000,1000000] [--starts 100]
                             [--data DIR]

Generates a synthetic logistics graph through ``GraphStore.write`` (embedded FalkorDB in a
temporary directory): counterfeit rings (label printer -> workshop -> two warehouses ->
shops, complaints on some shops, buyers from the consumer pool), legitimate merchants
shipping to consumers, consumers shipping to each other, and express outlets (hubs)
used by a large share of all parcels. About 3 relationships per node, 70% waybills.

Measures: trace latency (p50/p95/max over ``--starts`` complaint starts, and how often
the planted workshop is the top source), full ring detection (``RingIndex.build``: engine
components + areas + Louvain + summaries) with its adjusted Rand index against the planted
rings, one incremental update, and peak memory (this process's ``ru_maxrss``, the FalkorDB
server's ``VmHWM`` and its allocator's ``used_memory_peak``). Next to the wall time of the
rings it gives the CPU time of this process and of the server (``/proc``), which a shared
machine stretches less, and the engine's bare ``algo.WCC`` over the whole graph as the
baseline of the same run. With ``--sizes`` it runs each size in turn and prints the growth
ratios. The machine is shared and noisy: read ratios and orders of magnitude.

``--data DIR`` keeps the worlds: the server's data directory is DIR and is left compacted
(the append-only file rewritten) after a build; a later run finds graph ``bench_<size>``
there and reuses it (the planted truth is generated again without writing, and "build s"
is then that generation). The incremental update's few entities stay in the kept world.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from math import comb
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cluehub.analysis import RingIndex, RingParams, trace_sources
from cluehub.graph import regions
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch

T0 = 1_700_000_000_000
DAY = 86_400_000
BATCH = 8_000


@dataclass
class Planted:
    workshop_of: dict[str, str] = field(default_factory=dict)  # complaint -> workshop phone
    ring_of: dict[str, int] = field(default_factory=dict)  # planted ring entity -> ring no
    warehouses: list[tuple[str, str, str]] = field(default_factory=list)
    nodes: int = 0
    rels: int = 0


class Generator:
    """Streams batches of a synthetic world of about ``n_nodes`` nodes."""

    def __init__(self, n_nodes: int, seed: int = 7) -> None:
        self.n = n_nodes
        self.rng = random.Random(seed)
        counties = sorted(r.code for r in regions.all_regions() if r.level == "county")
        self.counties = counties[:: max(1, len(counties) // 400)]
        self.n_rings = max(5, n_nodes // 2_000)
        self.n_hubs = max(5, n_nodes // 50_000)
        self.n_merchants = max(10, n_nodes // 500)
        self.n_consumers = n_nodes // 10
        self.waybill_no = 0
        self.planted = Planted()

    def county(self) -> str:
        return self.rng.choice(self.counties)

    # --- keys (already canonical: no parsing cost in the generator) ---------------------
    @staticmethod
    def consumer(i: int) -> tuple[str, str]:
        return f"tel:+86150{i:08d}", f"addr:消费者地址{i}号"

    @staticmethod
    def hub(i: int) -> str:
        return f"addr:快递网点{i}号驿站"

    @staticmethod
    def merchant(i: int) -> tuple[str, str]:
        return f"tel:+86136{i:08d}", f"addr:正规商贸{i}号楼"

    def batches(self) -> Iterator[Batch]:
        yield from self._static()
        yield from self._parcels()

    def _static(self) -> Iterator[Batch]:
        b = Batch()
        self.consumer_region = [self.county() for _ in range(self.n_consumers)]
        for i in range(self.n_consumers):
            tel, addr = self.consumer(i)
            b.node(tel, T0, "bench/c", region=self.consumer_region[i])
            b.node(addr, T0, "bench/c", region=self.consumer_region[i])
            if len(b) >= BATCH:
                yield b
                b = Batch()
        for i in range(self.n_hubs):
            b.node(self.hub(i), T0, "bench/h", region=self.county())
        for i in range(self.n_merchants):
            tel, addr = self.merchant(i)
            company = f"company:bench/正规商贸{i}有限公司"
            region = self.county()
            for key in (tel, addr, company):
                b.node(key, T0, "bench/m", region=region)
            b.rel(company, "HAS_PHONE", tel, T0, "bench/m")
        b.node("platform:taobao", T0, "bench/p")
        b.node("brand:nike", T0, "bench/p")
        yield b

    def _parcel(
        self,
        b: Batch,
        s: tuple[str, str],
        r: tuple[str, str],
        at: int,
        what: str,
        regions_: tuple[str, str],
    ) -> None:
        self.waybill_no += 1
        key = f"waybill:SF:SF{1_300_000_000_000 + self.waybill_no:013d}"
        source = f"sf/{self.waybill_no}"
        b.node(key, at, source, region=regions_[0], contents=what)
        b.node(key, at, source, region=regions_[1])
        b.rel(key, "SENT_BY", s[0], at, source)
        b.rel(key, "SENT_FROM", s[1], at, source)
        b.rel(key, "RECEIVED_BY", r[0], at, source)
        b.rel(key, "DELIVERED_TO", r[1], at, source)

    def _ring(self, k: int) -> Batch:
        b = Batch()
        rng = self.rng
        src = f"bench/ring{k}"
        region = {name: self.county() for name in ("printer", "workshop", "wh0", "wh1")}
        party = {
            name: (f"tel:+8613{k:05d}{j:04d}", f"addr:团伙{k}-{name}")
            for j, name in enumerate(("printer", "workshop", "wh0", "wh1"))
        }
        for name, (tel, addr) in party.items():
            b.node(tel, T0, src, region=region[name])
            b.node(addr, T0, src, region=region[name])
            self.planted.ring_of[tel] = self.planted.ring_of[addr] = k
        for _ in range(10):
            self._parcel(
                b,
                party["printer"],
                party["workshop"],
                T0 + rng.randrange(300) * DAY,
                "鞋标签 吊牌",
                (region["printer"], region["workshop"]),
            )
        for wh in ("wh0", "wh1"):
            for _ in range(30):
                self._parcel(
                    b,
                    party["workshop"],
                    party[wh],
                    T0 + rng.randrange(300) * DAY,
                    "运动鞋",
                    (region["workshop"], region[wh]),
                )
            self.planted.warehouses.append((*party[wh], region[wh]))
        shops = []
        for j in range(8):
            shop_region = self.county()
            shop = f"shop:taobao:R{k}S{j}"
            listing = f"listing:taobao:R{k}L{j}"
            ret = f"addr:团伙{k}店{j}退货地址"
            tel = f"tel:+86137{k:05d}{j:03d}"
            seller = f"person:taobao/R{k}S{j}/卖家"
            for key in (shop, listing, ret, tel, seller):
                b.node(key, T0, src, region=shop_region)
                self.planted.ring_of[key] = k
            b.rel(shop, "RETURNS_TO", ret, T0, src)
            b.rel(shop, "HAS_PHONE", tel, T0, src)
            b.rel(shop, "OPERATED_BY", seller, T0, src)
            b.rel(seller, "HAS_PHONE", tel, T0, src)
            b.rel(shop, "ON_PLATFORM", "platform:taobao", T0, src)
            b.rel(listing, "LISTED_IN", shop, T0, src)
            b.rel(listing, "SHIPS_FROM", ret, T0, src)
            b.rel(listing, "CLAIMS_BRAND", "brand:nike", T0, src)
            wh = "wh0" if j < 4 else "wh1"
            for p in range(3):
                sender = party[wh] if p else (party[wh][0], self.hub(rng.randrange(self.n_hubs)))
                self._parcel(
                    b,
                    sender,
                    (tel, ret),
                    T0 + rng.randrange(300) * DAY,
                    "运动鞋",
                    (region[wh], shop_region),
                )
            for _ in range(3):
                buyer = rng.randrange(self.n_consumers)
                self._parcel(
                    b,
                    (tel, ret),
                    self.consumer(buyer),
                    T0 + rng.randrange(300) * DAY,
                    "运动鞋",
                    (shop_region, self.consumer_region[buyer]),
                )
            shops.append((shop, shop_region))
        for c in range(3):
            shop, shop_region = shops[rng.randrange(len(shops))]
            complaint = f"complaint:12315:R{k}-{c}"
            at = T0 + rng.randrange(300) * DAY
            b.node(complaint, at, f"12315/R{k}-{c}", region=shop_region, text="假冒运动鞋")
            b.rel(complaint, "MENTIONS", shop, at, f"12315/R{k}-{c}")
            b.rel(complaint, "CLAIMS_BRAND", "brand:nike", at, f"12315/R{k}-{c}")
            self.planted.workshop_of[complaint] = party["workshop"][0]
        return b

    def _parcels(self) -> Iterator[Batch]:
        rng = self.rng
        for k in range(self.n_rings):
            yield self._ring(k)
        ring_nodes = self.n_rings * 175
        static = 2 * self.n_consumers + self.n_hubs + 3 * self.n_merchants
        background = max(0, self.n - ring_nodes - static)
        b = Batch()
        for i in range(background):
            at = T0 + rng.randrange(365) * DAY
            roll = rng.random()
            c1, c2 = rng.randrange(self.n_consumers), rng.randrange(self.n_consumers)
            r1, r2 = self.consumer_region[c1], self.consumer_region[c2]
            if roll < 0.45:
                m = rng.randrange(self.n_merchants)
                self._parcel(b, self.merchant(m), self.consumer(c2), at, "日用品", (r1, r2))
            elif roll < 0.70:
                sender = (self.consumer(c1)[0], self.hub(rng.randrange(self.n_hubs)))
                self._parcel(b, sender, self.consumer(c2), at, "文件", (r1, r2))
            elif roll < 0.90:
                receiver = (self.consumer(c2)[0], self.hub(rng.randrange(self.n_hubs)))
                self._parcel(b, self.consumer(c1), receiver, at, "日用品", (r1, r2))
            else:
                self._parcel(b, self.consumer(c1), self.consumer(c2), at, "礼物", (r1, r2))
            if i % 1_000 == 0 and rng.random() < 0.2:  # complaints about legitimate merchants
                m = rng.randrange(self.n_merchants)
                key = f"complaint:12315:M{i}"
                b.node(key, at, f"12315/M{i}", region=r1, text="质量问题")
                b.rel(key, "MENTIONS", self.merchant(m)[0], at, f"12315/M{i}")
            if len(b) >= BATCH:
                yield b
                b = Batch()
        if len(b):
            yield b


def adjusted_rand_index(truth: dict[str, int], found: dict[str, str]) -> float:
    items = sorted(truth)
    pairs = Counter((truth[i], found[i]) for i in items)
    sum_n = sum(comb(n, 2) for n in pairs.values())
    sum_a = sum(comb(n, 2) for n in Counter(truth[i] for i in items).values())
    sum_b = sum(comb(n, 2) for n in Counter(found[i] for i in items).values())
    expected = sum_a * sum_b / comb(len(items), 2)
    top = (sum_a + sum_b) / 2
    return 1.0 if top == expected else (sum_n - expected) / (top - expected)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def server_peak_mb(store: FalkorDBStore) -> float:
    info = store.server.client(timeout=30).info("memory")
    return info["used_memory_peak"] / 1e6


def server_hwm_mb(store: FalkorDBStore) -> float:
    """The server process's resident high-water mark (``VmHWM``), in MB."""
    for line in Path(f"/proc/{store.server.pid()}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int | str = "self") -> float:
    """User + system CPU seconds a process has used so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Timed:
    wall_s: float = 0.0
    client_cpu_s: float = 0.0
    server_cpu_s: float = 0.0


class timed:
    """Wall time and the CPU time of this process and of the server over a block."""

    def __init__(self, store: FalkorDBStore) -> None:
        self.pid = store.server.pid()
        self.result = Timed()

    def __enter__(self) -> Timed:
        self.marks = (time.perf_counter(), cpu_s(), cpu_s(self.pid))
        return self.result

    def __exit__(self, *exc: object) -> None:
        wall, client, server = self.marks
        self.result.wall_s = time.perf_counter() - wall
        self.result.client_cpu_s = cpu_s() - client
        self.result.server_cpu_s = cpu_s(self.pid) - server


def run(
    size: int, starts: int, data: Path, console: Console, *, keep: bool
) -> dict[str, float | str]:
    store = FalkorDBStore(data, graph=f"bench_{size}")
    try:
        generator = Generator(size)
        kept = store.counts()[0] > 0
        started = time.perf_counter()
        assertions = 0
        for batch in generator.batches():
            assertions += len(batch) if kept else store.write(batch)
        if not kept:
            store.compact()
        build_s = time.perf_counter() - started
        nodes, rels = store.counts()
        console.print(
            f"[bold]{size:,}[/]: {nodes:,} nodes, {rels:,} relationships "
            + ("kept from an earlier run" if kept else "written")
            + f" in {build_s:.0f}s ({assertions / build_s:,.0f} assertions/s)"
        )
        planted = generator.planted
        rng = random.Random(1)
        complaints = sorted(planted.workshop_of)
        sample = rng.sample(complaints, min(starts, len(complaints)))
        for key in sample[:5]:  # warm the engine's query cache
            trace_sources(store, key)
        latencies, hits, trips = [], 0, []
        for key in sample:
            t = time.perf_counter()
            trace = trace_sources(store, key)
            latencies.append((time.perf_counter() - t) * 1000)
            trips.append(trace.round_trips)
            top = trace.candidates[0] if trace.candidates else None
            hits += bool(top and planted.workshop_of[key] in top.members)
        with timed(store) as wcc:
            components = store.components()
        index = RingIndex(store, RingParams())
        with timed(store) as full:
            rings = index.build()
        found = {k: f"none:{k}" for k in planted.ring_of}
        for ring in rings:
            for key in ring.members:
                if key in found:
                    found[key] = ring.id
        ari = adjusted_rand_index(planted.ring_of, found)
        # one incremental update: a new shop supplied by a planted warehouse
        tel, addr, region = planted.warehouses[0]
        b = Batch()
        shop, ret, stel = "shop:taobao:NEW", "addr:新店退货地址", "tel:+8613999999999"
        for key in (shop, ret, stel):
            b.node(key, T0, "bench/new", region=region)
        b.rel(shop, "RETURNS_TO", ret, T0, "bench/new")
        b.rel(shop, "HAS_PHONE", stel, T0, "bench/new")
        for _ in range(3):
            generator._parcel(
                b, (tel, addr), (stel, ret), T0 + 320 * DAY, "运动鞋", (region, region)
            )
        store.write(b)
        with timed(store) as incremental:
            update = index.update_for([shop])
        loaded = RingIndex(store, RingParams())  # as ``ring_docs.refresh``: from records,
        for ring in rings:  # without the hub verdicts the build's index kept
            loaded.add(ring)
        with timed(store) as cold:
            cold_update = loaded.update_for([shop])
        return {
            "nodes": nodes,
            "relationships": rels,
            "build s": build_s,
            "trace p50 ms": statistics.median(latencies),
            "trace p95 ms": percentile(latencies, 0.95),
            "trace max ms": max(latencies),
            "trace round trips": statistics.mean(trips),
            "top-1 workshop %": 100 * hits / len(sample),
            "engine WCC s (baseline)": wcc.wall_s,
            "engine WCC CPU s (server)": wcc.server_cpu_s,
            "components": len(set(components.values())),
            "rings s": full.wall_s,
            "rings / engine WCC": full.wall_s / wcc.wall_s,
            "rings CPU s (bench)": full.client_cpu_s,
            "rings CPU s (FalkorDB)": full.server_cpu_s,
            "rings": len(rings),
            "planted rings": generator.n_rings,
            "ring ARI": ari,
            "update ms": update.elapsed_ms,
            "update CPU ms (bench)": incremental.client_cpu_s * 1000,
            "update CPU ms (FalkorDB)": incremental.server_cpu_s * 1000,
            "update entities read": update.entities_read,
            "update ms, index from records": cold_update.elapsed_ms,
            "  its CPU ms (bench / FalkorDB)": f"{cold.client_cpu_s * 1000:.0f} / "
            f"{cold.server_cpu_s * 1000:.0f}",
            "peak RSS MB (bench)": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "peak VmHWM MB (FalkorDB)": server_hwm_mb(store),
            "peak used_memory MB (FalkorDB)": server_peak_mb(store),
        }
    finally:
        if not keep:
            store.drop_all()
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--sizes", type=str, default=None, help="e.g. 100000,1000000")
    parser.add_argument("--starts", type=int, default=100)
    parser.add_argument("--data", type=Path, default=None, help="keep and reuse worlds here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.nodes]
    console = Console()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        first = FalkorDBStore(data, graph="bench_server")
        try:
            for size in sizes:
                results.append(run(size, args.starts, data, console, keep=args.data is not None))
        finally:
            first.shutdown_server()
    table = Table(title="cluehub link analysis benchmark (embedded FalkorDB)")
    table.add_column("measure")
    for size in sizes:
        table.add_column(f"{size:,}", justify="right")
    if len(sizes) > 1:
        table.add_column(f"growth x{sizes[-1] / sizes[0]:g}", justify="right")
    for name in results[0]:
        row = [name] + [
            f"{r[name]:,.2f}"
            if isinstance(r[name], float)
            else r[name]
            if isinstance(r[name], str)
            else f"{r[name]:,}"
            for r in results
        ]
        if len(sizes) > 1:
            base = results[0][name]
            numeric = not isinstance(base, str)
            row.append(f"{results[-1][name] / base:.2f}" if numeric and base else "-")
        table.add_row(*row)
    console.print(table)


if __name__ == "__main__":
    main()
