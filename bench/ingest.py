"""Intake benchmark: structured records/s end to end (durable) against the store ceiling.

    python bench/ingest.py [--records 20000] [--batch 1000] [--texts 5000]
                           [--partners 4] [--http-batch 500] [--workers 2]

Ways to put the same records in fresh graphs of one embedded FalkorDB, same run:

1. raw ceiling   — the mapped rows sent with plain ``UNWIND … CREATE`` (no MERGE, no ledger)
2. store.write   — the mapped batches through the store's upsert path (no validation)
3. end to end    — ``process_batch``: validation, mapping, ledger, receipt, audit, durable
4. in process, batches of ``--http-batch`` with the hub's own enrichment (addresses placed
   in regions, as ``cluehub serve`` does): the figure the HTTP row is read against
5. HTTP          — ``--partners`` partners pushing batches of ``--http-batch`` at once to a
   real ``cluehub serve --workers N`` (subprocess, same embedded server, its own graph),
   clock from the first push to the last answer (ring updates after pushes included)

and complaint texts/s through the extraction pipeline (in-process and the process pool)
against a bare NFKC + regex pass. Read the ratios: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import copy
import functools
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.hub from a checkout

from bench.hub import cluehub_script
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.ingest import feeds
from cluehub.ingest.intake import Enrichment, process_batch
from cluehub.ingest.mapping import map_record
from cluehub.ingest.partners import add_partner
from cluehub.ingest.pipeline import default_enrichment

# The ceiling: raw text on the backend primitive (`_run`), outside the query registry on purpose.
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
PROVINCES = ["350304", "330782", "440111", "130684", "330110", "320506", "370102"]


def records(n: int, seed: int = 3) -> list[tuple[str, dict]]:
    """Half waybills, half listings, with phones and addresses shared at a realistic rate."""
    rng = random.Random(seed)
    out: list[tuple[str, dict]] = []
    for i in range(n):
        region = rng.choice(PROVINCES)
        if i % 2 == 0:
            record = copy.deepcopy(feeds.EXAMPLES["waybill"])
            record["waybill_no"] = f"SF{1300000000000 + i}"
            record["sender"]["phone"] = f"139{rng.randrange(2_000):08d}"
            record["sender"]["address"] = {
                "text": f"测试省测试市工业路{rng.randrange(1_000)}号",
                "region": region,
            }
            record["receiver"]["phone"] = f"138{rng.randrange(200_000):08d}"
            record["receiver"]["address"] = {
                "text": f"收货路{rng.randrange(50_000)}号",
                "region": rng.choice(PROVINCES),
            }
            out.append(("waybill", {**record, "record_id": f"w{i}"}))
        else:
            record = copy.deepcopy(feeds.EXAMPLES["listing"])
            record["listing_id"] = str(600_000_000 + i)
            record["shop_id"] = str(rng.randrange(5_000))
            record["seller_phone"] = f"137{rng.randrange(5_000):08d}"
            record["ship_from"] = {"text": f"发货路{rng.randrange(3_000)}号", "region": region}
            record.pop("url")
            out.append(("listing", {**record, "record_id": f"l{i}"}))
    return out


Chunk = tuple[str, list[dict]]  # a feed kind and its raw records: one push


def chunks(items: list[tuple[str, dict]], size: int) -> list[Chunk]:
    """The records as pushes of one kind each, ``size`` records at most."""
    out: list[Chunk] = []
    for kind in ("waybill", "listing"):
        of_kind = [raw for k, raw in items if k == kind]
        out += [(kind, of_kind[o : o + size]) for o in range(0, len(of_kind), size)]
    return out


def mapped(chunk: Chunk) -> Batch:
    kind, raws = chunk
    batch = Batch()
    for raw in raws:
        batch.extend(map_record(feeds.parse(kind, raw), f"bench.{kind}").batch)
    return batch


def raw_write(store: FalkorDBStore, batch: Batch, made: set) -> None:
    """Each node and relationship created once (CREATE cannot meet an existing one)."""
    for label, rows in batch.grouped_nodes().items():
        fresh = [r for r in rows if r["key"] not in made]
        made.update(r["key"] for r in fresh)
        if fresh:
            store._run(RAW_NODES.format(label=label), {"rows": fresh}, write=True)
    for type_, rows in batch.grouped_rels().items():
        fresh = [r for r in rows if (r["src"], type_, r["dst"]) not in made]
        made.update((r["src"], type_, r["dst"]) for r in fresh)
        if fresh:
            store._run(RAW_RELS.format(type=type_), {"rows": fresh}, write=True)


def push(
    store: FalkorDBStore,
    chunk: Chunk,
    receipt_id: str,
    enrichment: Enrichment = Enrichment(),  # noqa: B008 (frozen)
) -> None:
    kind, raws = chunk
    receipt = process_batch(
        store, "bench", kind, raws, receipt_id=receipt_id,
        now_ms=int(time.time() * 1000), enrichment=enrichment,
    )  # fmt: skip
    assert receipt.count("accepted") == len(raws), receipt.to_dict()["results"][:3]


@dataclass(slots=True)
class Clock:
    """Wall and client-CPU seconds spent on one path."""

    wall: float = 0.0
    cpu: float = 0.0

    def time(self, run: Callable[[], object]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu


def interleaved(
    raw: FalkorDBStore, up: FalkorDBStore, e2e: FalkorDBStore, pushes: list[Chunk]
) -> tuple[Clock, Clock, Clock]:
    """The three paths batch by batch, taking turns in a rotating order, so the load other
    work puts on the machine falls on all three alike."""
    clocks = Clock(), Clock(), Clock()
    made: set = set()
    for n, chunk in enumerate(pushes):
        batch = mapped(chunk)  # the ceiling's and store.write's input, mapped untimed
        runs = [
            functools.partial(raw_write, raw, batch, made),
            functools.partial(up.write, batch),
            functools.partial(push, e2e, chunk, f"{chunk[0]}-{n}"),
        ]
        for i in range(3):
            which = (n + i) % 3
            clocks[which].time(runs[which])
    return clocks


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """``cluehub serve`` on ``data_dir`` (the embedded server this process started)."""
    cluehub = cluehub_script()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUEHUB_", "NEO4J_"))}
    env["CLUEHUB_JOBS_INTERVAL_S"] = "0"  # no scheduled jobs competing with the pushes
    process = subprocess.Popen(
        [str(cluehub), "serve", "--port", str(port), "--data-dir", str(data_dir),
         "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"cluehub serve exited: {process.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    process.kill()
    raise SystemExit("cluehub serve did not answer /healthz within 180 s")


def http_push(
    store: FalkorDBStore, items: list[tuple[str, dict]], size: int, partners: int, workers: int
) -> float:
    """``partners`` partners at once, each pushing its share in batches of ``size``; the
    seconds from the first push to the last answer. Every record must come back accepted."""
    keys = [
        add_partner(
            store,
            f"bench-{i}",
            f"bench {i}",
            ["waybill", "listing"],
            now_ms=int(time.time() * 1000),
            actor="bench",
            rate_limit="100000/minute",
        )
        for i in range(partners)
    ]
    pushes: list[list[tuple[str, str, list[dict]]]] = [[] for _ in range(partners)]
    for kind in ("waybill", "listing"):
        of_kind = [raw for k, raw in items if k == kind]
        for n, offset in enumerate(range(0, len(of_kind), size)):
            pushes[n % partners].append((keys[n % partners], kind, of_kind[offset : offset + size]))
    port = _free_port()
    process = _serve(store.server.data_dir, port, workers)

    def partner(mine: list[tuple[str, str, list[dict]]]) -> int:
        accepted = 0
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            for key, kind, records in mine:
                for _ in range(5):  # a 503 means nothing was written: the API says retry
                    answer = client.post(
                        f"/intake/v1/{kind}",
                        json={"records": records},
                        headers={"Authorization": f"Bearer {key}"},
                    )
                    if answer.status_code != 503:
                        break
                    time.sleep(float(answer.headers.get("Retry-After", "1")))
                answer.raise_for_status()
                accepted += answer.json()["accepted"]
        return accepted

    try:
        start = time.perf_counter()
        with ThreadPoolExecutor(partners) as pool:
            accepted = sum(pool.map(partner, pushes))
        seconds = time.perf_counter() - start
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
    assert accepted == len(items), f"{accepted} of {len(items)} records accepted over HTTP"
    return seconds


def texts_per_second(n: int) -> list[tuple[str, float]]:
    corpus_path = (
        Path(__file__).resolve().parent.parent / "tests" / "corpus" / "extract_corpus.jsonl"
    )
    import json

    corpus = [json.loads(line)["text"] for line in corpus_path.read_text("utf-8").splitlines()]
    texts = (corpus * (n // len(corpus) + 1))[:n]
    from cluehub.ingest.extract import extract, extract_many

    results = []
    phone = re.compile(r"1[3-9]\d{9}")
    start = time.perf_counter()
    for text in texts:
        phone.findall(unicodedata.normalize("NFKC", text))
    results.append(("baseline: NFKC + one regex", n / (time.perf_counter() - start)))
    extract(texts[0])  # build the pipeline outside the timing
    start = time.perf_counter()
    for text in texts:
        extract(text)
    results.append(("extract(), in-process", n / (time.perf_counter() - start)))
    start = time.perf_counter()
    for _ in extract_many(texts, processes=2):
        pass
    results.append(("extract_many(), 2 processes", n / (time.perf_counter() - start)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--texts", type=int, default=5_000)
    parser.add_argument("--partners", type=int, default=4, help="HTTP row; 0 skips it")
    parser.add_argument("--http-batch", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="cluehub serve --workers")
    args = parser.parse_args()
    console = Console(width=160)
    console.print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    items = records(args.records)
    http_s = local_s = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        raw = FalkorDBStore(Path(tmp), graph="raw")
        up = FalkorDBStore(Path(tmp), graph="upsert", start=False)
        e2e = FalkorDBStore(Path(tmp), graph="e2e", start=False)
        local = FalkorDBStore(Path(tmp), graph="local", start=False)
        hub = FalkorDBStore(Path(tmp), start=False)  # the graph `cluehub serve` opens
        try:
            clocks = interleaved(raw, up, e2e, chunks(items, args.batch))
            nodes, rels = e2e.counts()
            if args.partners:
                hub_enrichment = default_enrichment()
                start = time.perf_counter()
                for n, chunk in enumerate(chunks(items, args.http_batch)):
                    push(local, chunk, f"local-{n}", hub_enrichment)
                local_s = time.perf_counter() - start
                http_s = http_push(hub, items, args.http_batch, args.partners, args.workers)
        finally:
            for store in (up, e2e, local, hub):
                store.close()
            raw.shutdown_server()
    raw_s = clocks[0].wall
    table = Table(
        title=f"intake: {len(items):,} records (waybills + listings), batches of {args.batch}"
    )
    for column in (
        "path", "records/s", "ratio to raw ceiling", "ratio to in-process", "client CPU µs/record"
    ):  # fmt: skip
        table.add_column(column, justify="right")
    rows = [
        ("raw UNWIND…CREATE ceiling (mapped rows)", raw_s, "", clocks[0].cpu),
        ("store.write upsert (mapped batches)", clocks[1].wall, "", clocks[1].cpu),
        ("end to end: validate+map+ledger+receipt", clocks[2].wall, "", clocks[2].cpu),
    ]
    if args.partners:
        rows += [
            (f"in process, batches of {args.http_batch}, hub enrichment", local_s, "1.00", None),
            (
                f"HTTP: {args.partners} partners, batches of {args.http_batch}, "
                f"serve --workers {args.workers}",
                http_s,
                f"{local_s / http_s:.2f}",
                None,
            ),
        ]
    for name, seconds, vs_local, cpu in rows:
        table.add_row(
            name,
            f"{len(items) / seconds:,.0f}",
            f"{raw_s / seconds:.2f}",
            vs_local,
            "" if cpu is None else f"{cpu / len(items) * 1e6:,.0f}",
        )
    console.print(table)
    console.print(f"graph after end-to-end load: {nodes:,} nodes, {rels:,} relationships")
    if not args.texts:
        return
    try:
        speeds = texts_per_second(args.texts)
    except (ImportError, FileNotFoundError) as exc:
        console.print(f"[yellow]extraction not available: {exc}[/]")
        return
    texts = Table(title=f"complaint texts ({args.texts:,}, from tests/corpus)")
    texts.add_column("path", justify="right")
    texts.add_column("texts/s", justify="right")
    texts.add_column("ratio to baseline", justify="right")
    for name, speed in speeds:
        texts.add_row(name, f"{speed:,.0f}", f"{speed / speeds[0][1]:.3f}")
    console.print(texts)


if __name__ == "__main__":
    main()
