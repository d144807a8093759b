"""File import: stream a JSONL or CSV file of partner records through the intake pipeline.

Same validation, idempotency and durability as the push API, chunk by chunk (constant
memory). Resumable: after each committed chunk a checkpoint (next line, rejects-file size)
is written beside the data; a re-run skips what was committed and truncates the rejects
file to its checkpointed size, so an importer killed at any moment re-runs to exactly the
same store and rejects file. Records committed but not checkpointed come back as
``duplicate``, never twice.

The rejects file usually sits beside the input, possibly in a directory others can
write to: it is opened without following symlinks and refused unless it is a plain
file of ours (``graph.files``); the checkpoint is written to a fresh temporary file and
renamed into place.

CSV: one record per row; nested fields as dotted column names (``sender.phone``,
``ship_from.text``); empty cells are absent fields.

The rejects file (``FILE.rejects.jsonl``) also lists accepted records that carry
warnings (optional fields left out by field-level quarantine): one line each, with
``"status": "accepted"`` and the ``warnings``; rejected lines have ``"status":
"rejected"`` and the ``errors``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cluehub.graph.files import UnsafeFileError, open_append, write_replacing
from cluehub.graph.store import GraphStore

from . import safe_json
from .intake import Enrichment, RecordResult, Unreadable, process_batch

Format = Literal["jsonl", "csv"]


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based line (JSONL) or row (CSV, header is row 1)
    record: Any  # the parsed object, or an ``Unreadable``
    end_offset: int  # bytes read so far, for the progress bar


@dataclass(slots=True)
class ImportSummary:
    path: str
    kind: str
    lines: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    warned: int = 0  # accepted with warnings (quarantined optional fields)
    skipped: int = 0  # lines committed by an earlier run
    rejects_path: str | None = None


def _nest(row: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for column, value in row.items():
        if column is None or value is None or value == "":
            continue
        target = record
        *parents, leaf = column.strip().split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = value
    return record


def _parse_line(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8: {exc.reason} at byte {exc.start}"
        return Unreadable(reason, raw.decode("utf-8", "replace").rstrip("\n"))
    try:
        return safe_json.loads(text)
    except safe_json.JsonRefused as exc:
        return Unreadable(str(exc), safe_json.safe_text(text.rstrip("\n"), 65536))


def read_records(path: Path, fmt: Format) -> Iterator[Line]:
    """Records one by one; unreadable lines (bad UTF-8, bad JSON) come as ``Unreadable``."""
    with path.open("rb") as handle:
        if fmt == "jsonl":
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield Line(number, _parse_line(raw), handle.tell())
            return
        text_stream = io.TextIOWrapper(handle, encoding="utf-8", errors="strict", newline="")
        reader = csv.DictReader(text_stream)
        number = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise ValueError(f"{path}: not UTF-8 near row {number + 1}: {exc.reason}") from exc
            number += 1
            yield Line(number, _nest(row), handle.tell())


def file_digest(path: Path) -> str:
    """Identity of an import: the file's size and the hash of its first and last MiB."""
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as handle:
        digest.update(handle.read(1 << 20))
        if size > 1 << 20:
            handle.seek(max(0, size - (1 << 20)))
            digest.update(handle.read())
    return digest.hexdigest()[:16]


def _fsync_write(path: Path, text: str) -> None:
    write_replacing(path, lambda handle: handle.write(text.encode("utf-8")))


def import_file(
    store: GraphStore,
    path: Path,
    *,
    kind: str,
    partner: str,
    fmt: Format,
    state_dir: Path,
    now_ms: Callable[[], int],
    enrichment: Enrichment = Enrichment(),  # noqa: B008
    chunk_size: int = 1_000,
    rejects_path: Path | None = None,
    on_progress: Callable[[int, ImportSummary], None] | None = None,
) -> ImportSummary:
    """Import ``path``; ``on_progress(bytes_read, summary)`` after each committed chunk."""
    path = Path(path)
    digest = file_digest(path)
    state_dir.mkdir(parents=True, exist_ok=True)
    checkpoint_path = state_dir / f"import-{digest}-{partner}-{kind}.json"
    rejects_path = rejects_path or path.with_name(path.name + ".rejects.jsonl")
    checkpoint = {"next_line": 0, "rejects_bytes": 0, "chunk": 0}
    if checkpoint_path.is_symlink():
        raise UnsafeFileError(f"{checkpoint_path} is a symlink; refusing to read or write it")
    if checkpoint_path.exists():
        checkpoint = json.loads(checkpoint_path.read_text())
    summary = ImportSummary(str(path), kind, rejects_path=str(rejects_path))
    with open_append(rejects_path) as rejects:  # never through a planted symlink
        rejects.truncate(checkpoint["rejects_bytes"])

        def commit(lines: list[Line]) -> None:
            receipt_id = f"import:{digest}:{partner}:{kind}:{checkpoint['chunk']}"
            receipt = process_batch(
                store,
                partner,
                kind,
                [line.record for line in lines],
                receipt_id=receipt_id,
                now_ms=now_ms(),
                enrichment=enrichment,
                actor=f"import:{partner}",
            )
            for result, line in zip(receipt.results, lines, strict=True):
                if result.status == "rejected" or result.warnings:
                    row = safe_json.dumps(_reject_row(result, line, kind))
                    rejects.write((row + "\n").encode("utf-8"))
            rejects.flush()
            os.fsync(rejects.fileno())
            summary.accepted += receipt.count("accepted")
            summary.duplicate += receipt.count("duplicate")
            summary.rejected += receipt.count("rejected")
            summary.warned += sum(1 for r in receipt.results if r.warnings)
            checkpoint["next_line"] = lines[-1].number + 1
            checkpoint["rejects_bytes"] = os.fstat(rejects.fileno()).st_size
            checkpoint["chunk"] += 1
            _fsync_write(checkpoint_path, json.dumps(checkpoint))

        pending: list[Line] = []
        offset = 0
        for line in read_records(path, fmt):
            offset = line.end_offset
            summary.lines += 1
            if line.number < checkpoint["next_line"]:
                summary.skipped += 1
                continue
            pending.append(line)
            if len(pending) >= chunk_size:
                commit(pending)
                pending = []
                if on_progress:
                    on_progress(offset, summary)
        if pending:
            commit(pending)
        if on_progress:
            on_progress(offset, summary)
        empty = os.fstat(rejects.fileno()).st_size == 0
    if summary.rejected == 0 and empty:
        rejects_path.unlink()
        summary.rejects_path = None
    return summary


def _reject_row(result: RecordResult, line: Line, kind: str) -> dict[str, Any]:
    """One line of the rejects file: a rejected record, or an accepted one with warnings."""
    record = line.record.text if isinstance(line.record, Unreadable) else line.record
    if result.status != "rejected":
        warnings = [w.to_dict() for w in result.warnings]
        return {
            "line": line.number,
            "record_id": result.record_id,
            "status": result.status,
            "warnings": warnings,
            "message": f"line {line.number}: accepted without "
            + "; ".join(f"{w['field']}: {w['reason']}" for w in warnings),
        }
    errors = [e.to_dict() for e in result.errors]
    return {
        "line": line.number,
        "record_id": result.record_id,
        "status": "rejected",
        "errors": errors,
        "message": f"line {line.number}: "
        + "; ".join(f"{e['field']}: {e['reason']}" for e in errors),
        "record": record,
    }
