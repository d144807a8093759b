"""Copy a whole hub from one store to another (``cluehub migrate``), resumably, then verify.

Everything goes across: entity nodes, their relationships and every document kind
(intake ledger, receipts, audit events, cases, rings…), read in keyset pages (key order,
constant memory on both sides) and written through the store port's restore mode
(:meth:`GraphStore.restore`): the same one-transaction-per-batch write path as normal
writes, but provenance (first/last seen, sightings, sources, regions) is *set* to the
source's values rather than merged, since a migration observes nothing new.

Order: all nodes, then relationships (outgoing, page by page of their start nodes, so
both ends exist), then documents label by label. After each committed page a checkpoint
(phase, cursor) is written and fsynced beside the hub's data; a re-run, even after
``kill -9``, resumes there. A page committed but not checkpointed is written again with
the same values, so nothing is lost or doubled. A finished migration re-run copies
everything again (the source may have taken writes meanwhile): idempotent.

The target must be empty when a migration starts (no checkpoint): a restore over
another hub's data would overwrite its provenance. The end is a verification: counts per
node kind, relationship type and document kind on both sides, and a random sample of
nodes, relationships and documents compared property by property.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import model, queries
from .store import Edge, GraphStore, Node, StoreError, _kind

Phase = Literal["nodes", "relationships", "documents", "done"]
PHASES: tuple[Phase, ...] = ("nodes", "relationships", "documents")
LEASE_LABEL = "Lease"  # process state (``GraphStore.claim_lease``), not hub data: not copied


class TransferError(StoreError):
    """A migration cannot start or go on; the message says why and what to do."""


@dataclass(slots=True)
class Checkpoint:
    source: str
    target: str
    phase: Phase = "nodes"
    after: str | int | None = None  # cursor of the last page committed in this phase
    doc_label: str = ""
    copied: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PHASES, 0))
    runs: int = 1


@dataclass(frozen=True, slots=True)
class Counts:
    """What a store holds, per node kind, relationship type and document kind."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    documents: dict[str, int]

    def totals(self) -> dict[str, int]:
        return {
            "nodes": sum(self.nodes.values()),
            "relationships": sum(self.relationships.values()),
            "documents": sum(self.documents.values()),
        }


@dataclass(frozen=True, slots=True)
class Verification:
    source: Counts
    target: Counts
    sampled: int
    mismatches: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.mismatches


@dataclass(frozen=True, slots=True)
class MigrationReport:
    copied: dict[str, int]  # elements written by this run (pages redone after a crash count)
    resumed: bool
    verification: Verification
    checkpoint_path: Path


Progress = Callable[[Phase, int], None]  # (phase, elements just written)


def store_id(store: GraphStore) -> str:
    """A stable name for a store: where its data lives, not how it is reached now."""
    described = store.describe()
    keep = ("backend", "data_dir", "graph", "uri", "database")
    return json.dumps({k: described[k] for k in keep if k in described}, sort_keys=True)


def document_labels(store: GraphStore) -> list[str]:
    """Labels of the documents a store holds (every label that is not an entity's)."""
    labels = {row["label"] for row in store.run(queries.ALL_LABELS)}
    labels -= {model.ENTITY_LABEL, *model.KIND_BY_LABEL, LEASE_LABEL}
    unknown = sorted(label for label in labels if label not in model.DOCUMENT_BY_LABEL)
    if unknown:
        raise TransferError(
            f"the source holds nodes labelled {', '.join(unknown)}, which are neither entity "
            "nor document kinds of this hub version; upgrade cluehub (or install the room "
            "that registers them) before migrating"
        )
    return sorted(label for label in labels if label in model.DOCUMENT_BY_LABEL)


def _count(store: GraphStore, label: str) -> int:
    return int(store.run(queries.COUNT_LABEL, slots={"label": label})[0]["n"])


def counts(store: GraphStore, doc_labels: list[str] | None = None) -> Counts:
    """Counts per node kind, relationship type and document kind (zeros left out)."""
    nodes = {k.label: _count(store, k.label) for k in model.NODE_KINDS}
    rels = {r["type"]: int(r["n"]) for r in store.run(queries.COUNT_TYPES)}
    labels = document_labels(store) if doc_labels is None else doc_labels
    docs = {label: _count(store, label) for label in labels}
    return Counts(
        {k: v for k, v in nodes.items() if v},
        {k: v for k, v in rels.items() if v},
        {k: v for k, v in docs.items() if v},
    )


# --- reading pages ----------------------------------------------------------------------

Cursor = str | int  # the last key (Neo4j) or the next id window (FalkorDB)


def pages(
    store: GraphStore,
    query: queries.Query,
    after: Cursor | None,
    size: int,
    slots: dict[str, str] | None = None,
) -> Iterator[tuple[Cursor, list[dict[str, Any]]]]:
    """Rows of a page query (``queries.PAGE_*``), ``size`` elements at a time, with the
    cursor to resume after each page. Empty pages are left out."""
    if store.dialect == "falkordb":
        top = store.run(queries.MAX_ID)[0]["top"]
        low = int(after or 0)
        while top is not None and low <= top:
            rows = store.run(query, {"after": low, "limit": size}, slots=slots)
            low += size
            if rows:
                yield low, rows
        return
    key = str(after or "")
    while True:
        rows = store.run(query, {"after": key, "limit": size}, slots=slots)
        if not rows:
            return
        key = max(r["key"] for r in rows)
        yield key, rows


def node_pages(
    store: GraphStore, after: Cursor | None, size: int
) -> Iterator[tuple[Cursor, list[Node]]]:
    """Entity nodes, ``size`` at a time, with the cursor after each page."""
    for cursor, rows in pages(store, queries.PAGE_NODES, after, size):
        yield cursor, [Node(r["key"], _kind(r["labels"]), dict(r["props"])) for r in rows]


def edge_pages(
    store: GraphStore, after: Cursor | None, size: int
) -> Iterator[tuple[Cursor, list[Edge]]]:
    """Outgoing relationships of ``size`` start nodes at a time."""
    for cursor, rows in pages(store, queries.PAGE_RELS, after, size):
        yield (
            cursor,
            [Edge(r["key"], r["type"], r["dst"], dict(r["props"])) for r in rows if r["type"]],
        )


def doc_pages(
    store: GraphStore, label: str, after: Cursor | None, size: int
) -> Iterator[tuple[Cursor, list[dict[str, Any]]]]:
    """Documents of one kind, ``size`` at a time."""
    for cursor, rows in pages(store, queries.PAGE_DOCS, after, size, {"label": label}):
        yield cursor, [dict(r["props"]) for r in rows]


# --- the migration ---------------------------------------------------------------------


def _save(path: Path, checkpoint: Checkpoint) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(checkpoint)))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def checkpoint_path(state_dir: Path, source: GraphStore, target: GraphStore) -> Path:
    digest = hashlib.sha256(f"{store_id(source)}→{store_id(target)}".encode()).hexdigest()
    return Path(state_dir) / f"migrate-{digest[:16]}.json"


def _load(path: Path, source: str, target: str) -> Checkpoint | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Checkpoint(**data) if data["source"] == source and data["target"] == target else None


def migrate(
    source: GraphStore,
    target: GraphStore,
    *,
    state_dir: Path,
    batch_size: int = 2_000,
    sample: int = 200,
    on_progress: Progress | None = None,
    on_checkpoint: Callable[[Checkpoint], None] | None = None,
) -> MigrationReport:
    """Copy everything in ``source`` to ``target``, resuming from a checkpoint, then verify.

    ``on_progress(phase, n)`` after each committed page; ``on_checkpoint`` after each
    checkpoint is durable (tests stop a migration there).
    """
    if store_id(source) == store_id(target):
        raise TransferError("source and target are the same store")
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    path = checkpoint_path(state_dir, source, target)
    src_id, dst_id = store_id(source), store_id(target)
    doc_labels = document_labels(source)
    checkpoint = _load(path, src_id, dst_id)
    resumed = checkpoint is not None and checkpoint.phase != "done"
    if checkpoint is None:
        held = counts(target).totals()
        if any(held.values()):
            raise TransferError(
                f"the target already holds {held['nodes']} nodes, {held['relationships']} "
                f"relationships and {held['documents']} documents; a migration copies into an "
                "empty store (or resumes its own checkpoint, which is not there: "
                f"{path})"
            )
        checkpoint = Checkpoint(src_id, dst_id)
    elif checkpoint.phase == "done":  # a finished migration, run again: copy it all again
        checkpoint = Checkpoint(src_id, dst_id, runs=checkpoint.runs + 1)
    else:
        checkpoint.runs += 1
    copied = dict.fromkeys(PHASES, 0)

    def committed(phase: Phase, n: int, after: Cursor, doc_label: str = "") -> None:
        checkpoint.phase, checkpoint.after, checkpoint.doc_label = phase, after, doc_label
        checkpoint.copied[phase] += n
        copied[phase] += n
        _save(path, checkpoint)
        if on_progress:
            on_progress(phase, n)
        if on_checkpoint:
            on_checkpoint(checkpoint)

    start = PHASES.index(checkpoint.phase)
    if start <= 0:
        for cursor, page in node_pages(source, checkpoint.after, batch_size):
            committed("nodes", target.restore(nodes=page), cursor)
    if start <= 1:
        after = checkpoint.after if checkpoint.phase == "relationships" else None
        for cursor, edges in edge_pages(source, after, batch_size):
            committed("relationships", target.restore(edges=edges), cursor)
    resume_label = checkpoint.doc_label if checkpoint.phase == "documents" else ""
    for label in doc_labels:
        if resume_label and label < resume_label:
            continue
        after = checkpoint.after if label == resume_label else None
        for cursor, page in doc_pages(source, label, after, batch_size):
            committed("documents", target.restore(docs={label: page}), cursor, label)
    checkpoint.phase, checkpoint.after, checkpoint.doc_label = "done", None, ""
    _save(path, checkpoint)
    return MigrationReport(copied, resumed, verify(source, target, sample, doc_labels), path)


# --- verification ----------------------------------------------------------------------


def _diff(what: str, left: dict[str, int], right: dict[str, int]) -> list[str]:
    return [
        f"{what} {name}: {left.get(name, 0)} in the source, {right.get(name, 0)} in the target"
        for name in sorted(set(left) | set(right))
        if left.get(name, 0) != right.get(name, 0)
    ]


def verify(
    source: GraphStore, target: GraphStore, sample: int = 200, doc_labels: list[str] | None = None
) -> Verification:
    """Counts on both sides and a random sample of elements compared property by property."""
    labels = document_labels(source) if doc_labels is None else doc_labels
    left, right = counts(source, labels), counts(target, labels)
    problems = _diff("nodes", left.nodes, right.nodes)
    problems += _diff("relationships", left.relationships, right.relationships)
    problems += _diff("documents", left.documents, right.documents)
    keys = [r["key"] for r in source.run(queries.SAMPLE_NODES, {"limit": sample})]
    theirs, ours = source.get_many(keys), target.get_many(keys)
    for key in keys:
        if key not in ours:
            problems.append(f"node {key}: missing in the target")
        elif (ours[key].kind, ours[key].props) != (theirs[key].kind, theirs[key].props):
            problems.append(f"node {key}: properties differ")
    rels = source.run(queries.SAMPLE_RELS, {"limit": sample})
    probe = [{"src": r["src"], "type": r["type"], "dst": r["dst"]} for r in rels]
    found = {
        (r["src"], r["type"], r["dst"]): r["props"]
        for r in (target.run(queries.GET_RELS, {"rels": probe}) if probe else [])
    }
    for r in rels:
        triple = (r["src"], r["type"], r["dst"])
        if triple not in found:
            problems.append(f"relationship {'-'.join(triple)}: missing in the target")
        elif found[triple] != r["props"]:
            problems.append(f"relationship {'-'.join(triple)}: properties differ")
    sampled = len(keys) + len(rels)
    per_label = max(1, sample // max(1, len(labels)))
    for label in labels:
        found = source.run(queries.SAMPLE_DOCS, {"limit": per_label}, slots={"label": label})
        doc_keys = [r["key"] for r in found]
        theirs_docs, ours_docs = source.get_docs(label, doc_keys), target.get_docs(label, doc_keys)
        sampled += len(doc_keys)
        for key in doc_keys:
            if ours_docs.get(key) != theirs_docs[key]:
                state = "missing in the target" if key not in ours_docs else "properties differ"
                problems.append(f"{label} {key}: {state}")
    return Verification(left, right, sampled, tuple(problems))
