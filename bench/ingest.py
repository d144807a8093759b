"""Intake benchmark: structured records/s end to end (durable) against the store ceiling.

    python bench/ingest.py [--records 20000] [--batch 1000] [--texts 5000]

Three ways to put the same records in fresh graphs of one embedded FalkorDB, same run:

1. raw ceiling   — the mapped rows sent with plain ``UNWIND … CREATE`` (no MERGE, no ledger)
2. store.write   — the mapped batches through the store's upsert path (no validation)
3. end to end    — ``process_batch``: validation, mapping, ledger, receipt, audit, durable

and complaint texts/s through the extraction pipeline (in-process and the process pool)
against a bare NFKC + regex pass. Read the ratios: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import tempfile
import time
import unicodedata
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.ingest import feeds
from cluehub.ingest.intake import Enrichment, process_batch
from cluehub.ingest.mapping import map_record

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


def mapped_batches(items: list[tuple[str, dict]], size: int) -> list[Batch]:
    batches = []
    for start in range(0, len(items), size):
        batch = Batch()
        for kind, raw in items[start : start + size]:
            batch.extend(map_record(feeds.parse(kind, raw), f"bench.{kind}").batch)
        batches.append(batch)
    return batches


def raw_write(store: FalkorDBStore, batches: list[Batch]) -> float:
    """Each node and relationship created once (CREATE cannot meet an existing one)."""
    start = time.perf_counter()
    made: set = set()
    for batch in batches:
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
    return time.perf_counter() - start


def upsert_write(store: FalkorDBStore, batches: list[Batch]) -> float:
    start = time.perf_counter()
    for batch in batches:
        store.write(batch)
    return time.perf_counter() - start


def end_to_end(store: FalkorDBStore, items: list[tuple[str, dict]], size: int) -> float:
    start = time.perf_counter()
    for kind in ("waybill", "listing"):
        of_kind = [raw for k, raw in items if k == kind]
        for n, offset in enumerate(range(0, len(of_kind), size)):
            receipt = process_batch(
                store, "bench", kind, of_kind[offset : offset + size],
                receipt_id=f"{kind}-{n}", now_ms=int(time.time() * 1000), enrichment=Enrichment(),
            )  # fmt: skip
            assert receipt.count("accepted") == len(of_kind[offset : offset + size])
    return time.perf_counter() - start


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
    args = parser.parse_args()
    console = Console()
    items = records(args.records)
    batches = mapped_batches(items, args.batch)
    with tempfile.TemporaryDirectory() as tmp:
        raw = FalkorDBStore(Path(tmp), graph="raw")
        up = FalkorDBStore(Path(tmp), graph="upsert", start=False)
        e2e = FalkorDBStore(Path(tmp), graph="e2e", start=False)
        try:
            raw_s = raw_write(raw, batches)
            up_s = upsert_write(up, batches)
            e2e_s = end_to_end(e2e, items, args.batch)
            nodes, rels = e2e.counts()
        finally:
            raw.close()
            up.close()
            e2e.shutdown_server()
    table = Table(
        title=f"intake: {len(items):,} records (waybills + listings), batches of {args.batch}"
    )
    for column in ("path", "records/s", "ratio to raw ceiling"):
        table.add_column(column, justify="right")
    for name, seconds in (
        ("raw UNWIND…CREATE ceiling (mapped rows)", raw_s),
        ("store.write upsert (mapped batches)", up_s),
        ("end to end: validate+map+ledger+receipt", e2e_s),
    ):
        table.add_row(name, f"{len(items) / seconds:,.0f}", f"{raw_s / seconds:.2f}")
    console.print(table)
    console.print(f"graph after end-to-end load: {nodes:,} nodes, {rels:,} relationships")
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
