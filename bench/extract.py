"""Extraction benchmark: complaint texts per second, against a bare NFKC + regex pass, same run.

    python bench/extract.py [--texts 5000] [--processes 2]

Texts are the annotated corpus (``tests/corpus/extract_corpus.jsonl``, about 90 characters
of Chinese each) repeated to ``--texts``, each with a distinct ticket suffix so no two texts
are equal. Rows:

- baseline: NFKC with the offset map plus the phone and 18-character code regexes, no spaCy
  (the floor any extractor pays);
- spaCy tokenizer only (``spacy.blank("zh")``, character segmentation);
- ``extract`` in this process (the pipeline built before timing);
- ``extract_many`` over a pool of ``--processes`` workers, pool start-up included.

Repeated place names hit the region resolver's cache, as repeated addresses do in real
intake. The machine is shared and noisy: read the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cluehub.ingest.extract import extract, extract_many
from cluehub.ingest.extract.normalise import normalise
from cluehub.ingest.extract.numbers import _CODE_TIGHT, _LANDLINE, _MOBILE
from cluehub.ingest.extract.pipeline import pipeline

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "extract_corpus.jsonl"


def texts(n: int) -> list[str]:
    base = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines() if line]
    return [f"{base[i % len(base)]}（工单{i:06d}）" for i in range(n)]


def baseline(items: Iterable[str]) -> int:
    found = 0
    for text in items:
        norm = normalise(text).text
        for pattern in (_MOBILE, _LANDLINE, _CODE_TIGHT):
            found += sum(1 for _ in pattern.finditer(norm))
    return found


def tokenizer_only(items: Iterable[str]) -> int:
    make_doc = pipeline().make_doc
    return sum(len(make_doc(normalise(t).text)) for t in items)


def in_process(items: Iterable[str]) -> int:
    return sum(len(extract(t)) for t in items)


def pooled(processes: int) -> Callable[[Iterable[str]], int]:
    def run(items: Iterable[str]) -> int:
        return sum(len(entities) for entities in extract_many(items, processes=processes))

    return run


def timed(run: Callable[[list[str]], int], items: list[str]) -> tuple[float, float, int]:
    """Wall seconds, this process's CPU seconds, entities found."""
    start, cpu = time.perf_counter(), time.process_time()
    count = run(items)
    return time.perf_counter() - start, time.process_time() - cpu, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    items = texts(args.texts)
    started = time.perf_counter()
    pipeline()
    build = time.perf_counter() - started
    extract(items[0])  # warm the lazy tables (regions, automaton) outside the timing

    rows = [
        ("baseline: NFKC + regexes, no spaCy", baseline),
        ("spaCy tokenizer only", tokenizer_only),
        ("extract, in process", in_process),
        (f"extract_many, pool of {args.processes}", pooled(args.processes)),
    ]
    table = Table(
        title=f"Extraction: {len(items)} complaint texts, pipeline built in {build:.2f} s"
    )
    table.add_column("path")
    table.add_column("seconds", justify="right")
    table.add_column("texts/s", justify="right")
    table.add_column("texts per CPU s", justify="right")
    table.add_column("found", justify="right")
    table.add_column("vs baseline", justify="right")
    base_rate = 0.0
    for name, run in rows:
        seconds, cpu, count = timed(run, items)
        rate = len(items) / seconds
        base_rate = base_rate or rate
        per_cpu = "" if name.startswith("extract_many") else f"{len(items) / cpu:,.0f}"
        table.add_row(
            name,
            f"{seconds:.2f}",
            f"{rate:,.0f}",
            per_cpu,
            f"{count:,}",
            f"{rate / base_rate:.2f}x",
        )
    console = Console(width=140)
    console.print(f"load average at start: {load:.1f} ({os.cpu_count()} cores)")
    console.print(table)
    chars = sum(len(t) for t in items) / len(items)
    console.print(
        f"mean text length {chars:.0f} characters; goal: 5,000 texts/s with 2 processes "
        "(texts per CPU second is the fairer figure on a shared machine; the pool's CPU "
        "is in its workers)"
    )


if __name__ == "__main__":
    main()
