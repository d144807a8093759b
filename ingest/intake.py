"""The intake pipeline: validate a batch of partner records, map them, write them durably.

One call, one transaction: the accepted records' graph facts, the idempotency ledger
(``IntakeRecord`` per accepted record), every rejected record with its reasons
(``Rejection``, payload kept so nothing is lost), the ``Receipt`` and its ``AuditEvent``
are written in a single store statement. Only after it returns is anything
acknowledged, so an acknowledged record is durable and a crash leaves nothing half-written.

Per record the answer is ``accepted``, ``duplicate`` ((partner, kind, record_id) was
accepted before — re-sending is safe) or ``rejected`` with the field path and reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from cluehub.graph import identifiers as ids
from cluehub.graph.model import DocumentKind, register_document
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from . import feeds, learned, mentions
from .mapping import Extract, Locate, map_record, no_extract, no_locate

Status = Literal["accepted", "duplicate", "rejected"]
MAX_KEPT_PAYLOAD = 64 * 1024

register_document(
    DocumentKind(
        "Rejection",
        "A rejected partner record, kept with its reasons and payload (nothing is lost).",
        ("receipt", "partner"),
    )
)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A record that could not even be read (bad UTF-8, bad JSON); its text is kept."""

    reason: str
    text: str


class BatchTooLarge(ValueError):
    """More records than one push may carry."""


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class RecordResult:
    index: int
    record_id: str | None
    status: Status
    errors: tuple[FieldError, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "record_id": self.record_id,
            "status": self.status,
            "errors": [e.to_dict() for e in self.errors],
        }

    def message(self, kind: str) -> str:
        """One line for logs and rejects files: which record, which field, why."""
        what = f"record {self.index} ({kind} {self.record_id or 'without record_id'})"
        return what + ": " + "; ".join(f"{e.field}: {e.reason}" for e in self.errors)


@dataclass(slots=True)
class Receipt:
    receipt_id: str
    partner: str
    kind: str
    received_at: int
    results: list[RecordResult] = field(default_factory=list)
    keys: tuple[str, ...] = ()  # graph nodes the accepted records wrote (not in to_dict)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "receipt_id": self.receipt_id,
            "partner": self.partner,
            "kind": self.kind,
            "received_at": self.received_at,
            "accepted": self.count("accepted"),
            "duplicate": self.count("duplicate"),
            "rejected": self.count("rejected"),
            "results": [r.to_dict() for r in self.results],
        }


@dataclass(frozen=True, slots=True)
class Enrichment:
    """How addresses are placed in regions and complaint texts read; passed in."""

    locate: Locate = no_locate
    extract: Extract = no_extract


def ledger_key(partner: str, kind: str, record_id: str) -> str:
    return f"{partner}/{kind}/{record_id}"


def _digest(raw: Any) -> str:
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def _raw_record_id(raw: Any) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get("record_id"), str):
        return raw["record_id"][:128]
    return None


def _payload(raw: Any) -> str:
    if isinstance(raw, Unreadable):
        return raw.text[:MAX_KEPT_PAYLOAD]
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
    return text[:MAX_KEPT_PAYLOAD]


def validate(kind: str, raw: Any, index: int) -> tuple[feeds.Record | None, RecordResult | None]:
    """The parsed record, or the rejection that says why not."""
    if isinstance(raw, Unreadable):
        return None, RecordResult(index, None, "rejected", (FieldError("(line)", raw.reason),))
    if not isinstance(raw, dict):
        error = FieldError("(record)", f"must be a JSON object, got {type(raw).__name__}")
        return None, RecordResult(index, None, "rejected", (error,))
    try:
        return feeds.parse(kind, raw), None
    except ValidationError as exc:
        errors = tuple(FieldError(f, r) for f, r in feeds.describe_errors(exc))
        return None, RecordResult(index, _raw_record_id(raw), "rejected", errors)


def process_batch(
    store: GraphStore,
    partner: str,
    kind: str,
    raw_records: Sequence[Any],
    *,
    receipt_id: str,
    now_ms: int,
    enrichment: Enrichment = Enrichment(),
    actor: str | None = None,
) -> Receipt:
    """Validate, map and durably write one batch; the receipt says what became of each."""
    if kind not in feeds.MODELS:
        raise ValueError(f"unknown feed kind '{kind}' (known: {', '.join(feeds.KINDS)})")
    if len(raw_records) > feeds.MAX_BATCH:
        raise BatchTooLarge(
            f"a batch carries at most {feeds.MAX_BATCH} records, this one has {len(raw_records)}"
        )
    receipt = Receipt(receipt_id, partner, kind, now_ms)
    results: dict[int, RecordResult] = {}
    parsed: dict[int, feeds.Record] = {}
    first_index: dict[str, int] = {}
    for index, raw in enumerate(raw_records):
        record, rejection = validate(kind, raw, index)
        if rejection is not None:
            results[index] = rejection
            continue
        assert record is not None
        if record.record_id in first_index:
            error = FieldError(
                "record_id",
                f"'{record.record_id}' repeats record {first_index[record.record_id]} "
                "of this batch",
            )
            results[index] = RecordResult(index, record.record_id, "rejected", (error,))
            continue
        first_index[record.record_id] = index
        parsed[index] = record

    seen_before = store.get_docs(
        "IntakeRecord", [ledger_key(partner, kind, r.record_id) for r in parsed.values()]
    )
    batch = Batch()
    feed = f"{partner}.{kind}"
    extract, known = enrichment.extract, mentions.Known()
    if kind == "complaint":
        texts = [r.text for r in parsed.values() if isinstance(r, feeds.ComplaintRecord)]
        extract, known = mentions.prepare(store, texts, enrichment.extract)
    for index, record in parsed.items():
        key = ledger_key(partner, kind, record.record_id)
        if key in seen_before:
            results[index] = RecordResult(index, record.record_id, "duplicate")
            continue
        try:
            mapped = map_record(
                record, feed, locate=enrichment.locate, extract=extract, known=known
            )
            mapped.batch.validate()
        except (ids.InvalidIdentifier, ValueError) as exc:
            error = FieldError("(record)", str(exc))
            results[index] = RecordResult(index, record.record_id, "rejected", (error,))
            continue
        batch.extend(mapped.batch)
        batch.doc(
            "IntakeRecord",
            key,
            partner=partner,
            kind=kind,
            record_id=record.record_id,
            receipt=receipt_id,
            accepted_at=now_ms,
            digest=_digest(raw_records[index]),
        )
        results[index] = RecordResult(index, record.record_id, "accepted")

    if kind == "waybill":
        mentions.relink(store, batch)
    receipt.results = [results[i] for i in range(len(raw_records))]
    for result in receipt.results:
        if result.status == "rejected":
            batch.doc(
                "Rejection",
                f"{receipt_id}/{result.index}",
                partner=partner,
                kind=kind,
                receipt=receipt_id,
                index=result.index,
                record_id=result.record_id,
                at=now_ms,
                reason=result.message(kind),
                errors=json.dumps([e.to_dict() for e in result.errors], ensure_ascii=False),
                payload=_payload(raw_records[result.index]),
            )
    summary = receipt.to_dict()
    batch.doc(
        "Receipt",
        receipt_id,
        partner=partner,
        kind=kind,
        at=now_ms,
        accepted=summary["accepted"],
        duplicate=summary["duplicate"],
        rejected=summary["rejected"],
        results=json.dumps(summary["results"], ensure_ascii=False),
    )
    batch.doc(
        "AuditEvent",
        f"intake/{receipt_id}",
        at=now_ms,
        actor=actor or f"partner:{partner}",
        bureau=None,
        operation=f"intake.{kind}",
        object_keys=[receipt_id],
        reason=f"{summary['accepted']} accepted, {summary['duplicate']} duplicate, "
        f"{summary['rejected']} rejected",
    )
    store.write(batch)
    receipt.keys = tuple(dict.fromkeys(n.key for n in batch.nodes))
    if kind == "listing":  # complaints read after this in this process find these names
        learned.SHOP_NAMES.add(str(n.props.get("name_key") or "") for n in batch.nodes)
    return receipt


def read_receipt(store: GraphStore, partner: str, receipt_id: str) -> dict[str, Any] | None:
    """A partner's own receipt (None for another partner's, so ids cannot be probed)."""
    doc = store.get_doc("Receipt", receipt_id)
    if doc is None or doc.get("partner") != partner:
        return None
    return {
        "receipt_id": receipt_id,
        "partner": partner,
        "kind": doc["kind"],
        "received_at": doc["at"],
        "accepted": doc["accepted"],
        "duplicate": doc["duplicate"],
        "rejected": doc["rejected"],
        "results": json.loads(doc["results"]),
    }
