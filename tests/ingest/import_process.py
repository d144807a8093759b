"""A separate importer process for the crash test: import_file with small chunks.

Usage: python tests/ingest/import_process.py DATA_DIR GRAPH FILE STATE_DIR
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.ingest.importer import import_file


def main() -> None:
    data_dir, graph, file, state_dir = sys.argv[1:5]
    store = FalkorDBStore(Path(data_dir), graph=graph)
    summary = import_file(
        store,
        Path(file),
        kind="waybill",
        partner="sf",
        fmt="jsonl",
        state_dir=Path(state_dir),
        now_ms=lambda: int(time.time() * 1000),
        chunk_size=100,
        on_progress=lambda offset, s: print(
            f"chunk {s.accepted + s.duplicate + s.rejected}", flush=True
        ),
    )
    print(
        f"done {summary.accepted} {summary.duplicate} {summary.rejected} {summary.skipped}",
        flush=True,
    )


if __name__ == "__main__":
    main()
