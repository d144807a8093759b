"""Many texts at once: a process pool whose workers build the pipeline once each.

Small inputs (fewer than :data:`SMALL_BATCH` texts) run in this process: starting workers
costs more than it saves. Larger inputs go to a ``ProcessPoolExecutor`` in chunks, with a
bounded number of chunks in flight so a large stream (``cluehub extract`` on a big file or
stdin) is never read into memory at once. Output order is input order.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from .entity import Entity, to_json
from .pipeline import extract, pipeline

SMALL_BATCH = 200
CHUNK = 64


def _init_worker() -> None:
    """Pool initializer: build the pipeline once per worker, before the first chunk."""
    pipeline()


_Row = tuple[str, str, str, int, int, str]


def _extract_chunk(texts: list[str]) -> list[list[_Row]]:
    """Worker side: plain tuples cross the process boundary (pickling frozen dataclasses
    costs ten times more)."""
    return [[(e.type, e.value, e.text, e.start, e.end, e.role) for e in extract(t)] for t in texts]


def _entities(chunk: list[list[_Row]]) -> Iterator[list[Entity]]:
    for rows in chunk:
        yield [Entity(*row) for row in rows]


def _chunks(texts: Iterator[str], size: int) -> Iterator[list[str]]:
    while chunk := list(islice(texts, size)):
        yield chunk


def extract_many(texts: Iterable[str], processes: int | None = None) -> Iterator[list[Entity]]:
    """Entities of each text, in input order.

    ``processes``: worker count for large inputs (default: CPU count); 1 keeps everything
    in this process.
    """
    stream = iter(texts)
    head = list(islice(stream, SMALL_BATCH))
    workers = processes or os.cpu_count() or 1
    if len(head) < SMALL_BATCH or workers <= 1:
        yield from (extract(text) for text in chain(head, stream))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        pending: deque[Future[list[list[_Row]]]] = deque()
        for chunk in _chunks(chain(head, stream), CHUNK):
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= 4 * workers:
                yield from _entities(pending.popleft().result())
        while pending:
            yield from _entities(pending.popleft().result())


def extract_lines(lines: Iterable[str], processes: int | None = None) -> Iterator[str]:
    """One JSON object per input line (``{"entities": [...]}``, UTF-8, not ASCII-escaped).

    Line endings are dropped before extraction; an empty line gives an empty list, so
    output line N always belongs to input line N.
    """
    texts = (line.rstrip("\r\n") for line in lines)
    for entities in extract_many(texts, processes=processes):
        yield json.dumps(to_json(entities), ensure_ascii=False)
