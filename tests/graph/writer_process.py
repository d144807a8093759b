"""A separate writer process for the durability and concurrency tests.

Usage: python tests/graph/writer_process.py DATA_DIR GRAPH PREFIX COUNT
Writes COUNT small batches (a waybill, its sender phone and the relationship between
them) and prints "ack N" after each write the store acknowledged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cluehub.graph import identifiers as ids
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch


def main() -> None:
    data_dir, graph, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = FalkorDBStore(Path(data_dir), graph=graph)
    shared_phone = ids.PHONE.key_of("13812345678")
    for i in range(count):
        batch = Batch()
        waybill = ids.WAYBILL.key_of(f"SF{prefix}{i:010d}")
        batch.node(waybill, 1_000 + i, f"{prefix}/{i}")
        batch.node(shared_phone, 1_000 + i, f"{prefix}/{i}")
        batch.rel(waybill, "SENT_BY", shared_phone, 1_000 + i, f"{prefix}/{i}")
        store.write(batch)
        print(f"ack {i}", flush=True)


if __name__ == "__main__":
    main()
