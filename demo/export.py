"""Writing a demo world to disk and reading it back: JSONL per feed kind, truth as JSON.

``cli_main(size, seed, out_dir)`` is what ``cluehub demo`` calls before loading: it
streams the world into ``out_dir/listing.jsonl``, ``takedown.jsonl``, ``waybill.jsonl`` and
``complaint.jsonl`` (one record per line, UTF-8) and writes ``out_dir/truth.json``, in
constant memory whatever the size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

from .plan import REFERENCE_NOW
from .truth import GroundTruth, write_truth
from .world import KINDS, iter_records

TRUTH_FILE = "truth.json"


def write_world(
    records: Iterable[tuple[str, dict[str, Any]]], out_dir: Path | str
) -> dict[str, int]:
    """Write ``(kind, record)`` pairs as ``out_dir/<kind>.jsonl``; returns records per kind."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = dict.fromkeys(KINDS, 0)
    with ExitStack() as stack:
        files = {
            kind: stack.enter_context((out / f"{kind}.jsonl").open("w", encoding="utf-8"))
            for kind in KINDS
        }
        for kind, record in records:
            files[kind].write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            files[kind].write("\n")
            written[kind] += 1
    return written


def read_kind(out_dir: Path | str, kind: str) -> Iterator[dict[str, Any]]:
    """The records of one feed kind of a written world (none when its file is missing)."""
    path = Path(out_dir) / f"{kind}.jsonl"
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path} line {number}: not JSON ({exc.msg})") from exc


def read_records(out_dir: Path | str) -> Iterator[tuple[str, dict[str, Any]]]:
    """All records of a written world as ``(kind, record)``, kind by kind."""
    for kind in KINDS:
        for record in read_kind(out_dir, kind):
            yield kind, record


def cli_main(
    size: str, seed: int, out_dir: Path | str, *, now: datetime = REFERENCE_NOW
) -> tuple[Path, Path]:
    """Generate a world into ``out_dir``; returns (the records directory, the truth file)."""
    out = Path(out_dir)
    truth = GroundTruth(size, seed, now.isoformat())
    written = write_world(iter_records(size, seed, now=now, truth=truth), out)
    if written != truth.counts:
        raise RuntimeError(f"demo world wrote {written} records but planned {truth.counts}")
    return out, write_truth(truth, out / TRUTH_FILE)
