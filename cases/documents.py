"""Dataclass records to store documents and back.

Store documents hold scalars and lists of scalars only; records here are frozen
dataclasses whose list fields are tuples. ``None`` fields are not written (the store drops
them), so a record's optional fields only ever go from unset to set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, TypeVar

from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .errors import NotFound

T = TypeVar("T")


def from_doc(cls: type[T], doc: Mapping[str, Any]) -> T:
    """A record from a stored document (unknown properties ignored, lists to tuples)."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in doc.items() if k in names}
    return cls(**values)


def to_props(record: Any) -> dict[str, Any]:
    """A record's properties for ``Batch.doc`` (tuples to lists, the key left out)."""
    props: dict[str, Any] = {}
    for f in fields(record):
        if f.name == "key":
            continue
        value = getattr(record, f.name)
        props[f.name] = list(value) if isinstance(value, tuple) else value
    return props


def put(batch: Batch, label: str, record: Any) -> None:
    """Add a record to a batch as a document of ``label``."""
    batch.doc(label, record.key, **to_props(record))


def load(store: GraphStore, cls: type[T], label: str, key: str, what: str) -> T:
    """One record by key, or :class:`NotFound` naming what was looked for."""
    doc = store.get_doc(label, key)
    if doc is None:
        raise NotFound(f"{what} '{key}' does not exist")
    return from_doc(cls, doc)
