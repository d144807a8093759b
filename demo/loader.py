"""Load a generated demo world through the real intake path.

The records go through :func:`cluehub.ingest.intake.process_batch` exactly as a partner's
push would — validation, mapping, idempotency ledger, receipts, audit — as partner
``demo``. Complaint texts are read with the extraction pipeline in a process pool first
(one pipeline per worker), then handed to intake. Loading the same world twice changes
nothing: every record comes back ``duplicate``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from cluehub.graph.store import GraphStore
from cluehub.ingest.intake import Enrichment, process_batch

PARTNER = "demo"
ORDER = ("listing", "waybill", "complaint", "takedown")  # takedowns name listings


@dataclass(slots=True)
class LoadSummary:
    accepted: dict[str, int] = field(default_factory=dict)
    duplicate: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)  # the first few rejections, verbatim

    def total(self, status: str) -> int:
        return sum(getattr(self, status).values())


def _chunks(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def load(
    store: GraphStore,
    records: Callable[[str], Iterable[dict]],
    *,
    enrichment: Enrichment,
    read_texts: Callable[[list[str]], Iterable[list[tuple[str, str, str]]]] | None = None,
    chunk_size: int = 1_000,
    on_progress: Callable[[str, int], None] | None = None,
) -> LoadSummary:
    """Push every record of every kind (``records(kind)`` yields them) through intake.

    ``read_texts`` extracts many complaint texts at once (e.g. a process pool); without
    it complaints are read one by one with ``enrichment.extract``.
    """
    summary = LoadSummary()
    for kind in ORDER:
        for number, chunk in enumerate(_chunks(records(kind), chunk_size)):
            chunk_enrichment = enrichment
            if kind == "complaint" and read_texts is not None:
                texts = [r.get("text", "") for r in chunk]
                found = dict(zip(texts, read_texts(texts), strict=True))
                chunk_enrichment = Enrichment(enrichment.locate, lambda t, f=found: f.get(t, []))
            receipt = process_batch(
                store, PARTNER, kind, chunk,
                receipt_id=f"demo-{kind}-{number}", now_ms=int(time.time() * 1000),
                enrichment=chunk_enrichment, actor="demo-loader",
            )  # fmt: skip
            for status in ("accepted", "duplicate", "rejected"):
                counts = getattr(summary, status)
                counts[kind] = counts.get(kind, 0) + receipt.count(status)
            for result in receipt.results:
                if result.status == "rejected" and len(summary.reasons) < 10:
                    summary.reasons.append(result.message(kind))
            if on_progress:
                on_progress(kind, len(chunk))
    return summary
