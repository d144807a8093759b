"""Generate a demo world and load it through intake: what ``cluehub demo`` and
``cluehub serve --demo`` run. Records are written to JSONL per kind first, then streamed
into the store, so even the large world loads in constant memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from cluehub.graph.store import GraphStore
from cluehub.ingest.pipeline import default_enrichment

from .export import cli_main, read_kind
from .loader import LoadSummary, load
from .truth import GroundTruth, read_truth


def _read_texts(texts: list[str]) -> Iterable[list[tuple[str, str, str]]]:
    from cluehub.ingest.extract import extract_many

    return ([(e.type, e.value, e.role) for e in found] for found in extract_many(texts))


def build_demo(
    store: GraphStore,
    out_dir: Path,
    *,
    size: str = "small",
    seed: int = 7,
    on_progress: Callable[[str, int], None] | None = None,
) -> tuple[LoadSummary, GroundTruth, Path]:
    """Generate the world into ``out_dir`` and load it; returns the summary, the ground
    truth and where the truth file is."""
    records_dir, truth_path = cli_main(size, seed, out_dir)
    summary = load(
        store,
        lambda kind: read_kind(records_dir, kind),
        enrichment=default_enrichment(),
        read_texts=_read_texts,
        on_progress=on_progress,
    )
    return summary, read_truth(truth_path), truth_path
