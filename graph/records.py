"""What goes into the store: node and relationship assertions, grouped as one atomic batch.

An assertion says "source S, at time T, saw this node (with these properties)" or "saw
this relationship". The store turns assertions into provenance (see ``model``). A
:class:`Batch` is written in one transaction: all of it or none of it. A node's
properties are the ones its kind declares in the model; anything else is refused when
the node is asserted, before any store is involved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import model, regions

_PROP_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
Scalar = str | int | float | bool
PropValue = Scalar | list[str] | list[int] | list[float] | None


def source_ref(feed: str, record_id: str) -> str:
    """How a source record is named in provenance: ``feed/record-id``."""
    return f"{feed}/{record_id}"


_ENTITY_RESERVED = model.STORE_PROPS
_DOCUMENT_RESERVED = frozenset({"key"})
_SCALARS = frozenset({str, int, float, bool})
# Property names already checked, per reserved set (a batch repeats a few dozen names).
_ACCEPTED_NAMES: dict[frozenset[str], set[str]] = {}
# (type, source prefix, target prefix) of relationships found allowed by the model.
_ALLOWED_RELS: set[tuple[str, str, str]] = set()


def _clean_props(
    props: Mapping[str, Any], reserved: frozenset[str] = _ENTITY_RESERVED
) -> dict[str, PropValue]:
    clean: dict[str, PropValue] = {}
    accepted = _ACCEPTED_NAMES.setdefault(reserved, set())
    for name, value in props.items():
        if name not in accepted:
            if not _PROP_NAME.fullmatch(name):
                raise ValueError(f"property name '{name}' must be a plain identifier")
            if name in reserved:
                raise ValueError(f"property '{name}' is reserved for the store")
            accepted.add(name)
        if value is None:
            continue
        if (
            type(value) in _SCALARS
            or isinstance(value, (str, int, float, bool))
            or (isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value))
        ):
            clean[name] = value
        else:
            raise ValueError(f"property '{name}' has unsupported type {type(value).__name__}")
    return clean


@lru_cache(maxsize=65_536)
def _lineages(region: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """Every code of ``region`` (one or several) with its superiors, first seen first;
    memoised: a batch tags thousands of nodes with a handful of region combinations."""
    if not region:
        return ()
    if isinstance(region, str):
        return regions.lineage(region)
    return tuple(dict.fromkeys(c for code in region for c in regions.lineage(code)))


@dataclass(frozen=True, slots=True)
class NodeAssertion:
    key: str
    seen: int  # epoch ms of the observation
    source: str  # feed/record-id
    props: Mapping[str, PropValue] = field(default_factory=dict)
    region: str | tuple[str, ...] | None = None  # region code(s) the source places it in

    def __post_init__(self) -> None:
        model.kind_of_key(self.key).check_props(self.props)

    @property
    def kind(self) -> model.NodeKind:
        return model.kind_of_key(self.key)


@dataclass(frozen=True, slots=True)
class RelAssertion:
    src: str
    type: str
    dst: str
    seen: int
    source: str
    props: Mapping[str, PropValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """A side record (see ``model.DocumentKind``): created if its key is new; a mutable
    kind takes the new properties, an append-only kind keeps the first version."""

    label: str
    key: str
    props: Mapping[str, PropValue]

    def row(self) -> dict[str, Any]:
        return {"key": self.key, "props": _clean_props(self.props, _DOCUMENT_RESERVED)}


@dataclass(slots=True)
class Batch:
    """Nodes, relationships and documents written together in one transaction."""

    nodes: list[NodeAssertion] = field(default_factory=list)
    rels: list[RelAssertion] = field(default_factory=list)
    docs: list[Document] = field(default_factory=list)
    grants: list[tuple[str, str]] = field(default_factory=list)  # (node key, bureau code)

    def node(
        self,
        key: str,
        seen: int,
        source: str,
        region: str | tuple[str, ...] | None = None,
        **props: PropValue,
    ) -> str:
        """Assert a node; its properties must be ones its kind declares
        (``model.NodeKind.props``), with values of their types, else
        :class:`model.UndeclaredProperty` names the kind and the property (checked by
        :class:`NodeAssertion`, however it is made)."""
        self.nodes.append(NodeAssertion(key, seen, source, props, region))
        return key

    def rel(self, src: str, type_: str, dst: str, seen: int, source: str, **props: Any) -> None:
        self.rels.append(RelAssertion(src, type_, dst, seen, source, props))

    def doc(self, label: str, key: str, **props: PropValue) -> str:
        self.docs.append(Document(label, key, props))
        return key

    def grant(self, keys: Iterable[str], bureau: str) -> None:
        """Let ``bureau`` (and its superiors) see these existing nodes: a notified clue,
        a joint case's members. Grants are never withdrawn by a later batch."""
        self.grants.extend((key, bureau) for key in keys)

    def extend(self, other: Batch) -> None:
        self.nodes.extend(other.nodes)
        self.rels.extend(other.rels)
        self.docs.extend(other.docs)
        self.grants.extend(other.grants)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.rels) + len(self.docs) + len(self.grants)

    def grant_rows(self) -> list[dict[str, Any]]:
        codes: dict[str, list[str]] = {}
        for key, bureau in self.grants:
            merged = codes.setdefault(key, [])
            merged.extend(c for c in regions.lineage(bureau) if c not in merged)
        return [{"key": key, "codes": value} for key, value in codes.items()]

    def validate(self) -> None:
        """Every key has a known kind, every relationship is allowed and has both ends
        either in this batch or (checked by the store) already in the graph."""
        for node in self.nodes:
            model.kind_of_key(node.key)
        for rel in self.rels:  # the check depends only on the type and the key prefixes
            shape = (rel.type, rel.src.partition(":")[0], rel.dst.partition(":")[0])
            if shape not in _ALLOWED_RELS:
                model.check_relationship(rel.type, rel.src, rel.dst)
                _ALLOWED_RELS.add(shape)
        for doc in self.docs:
            model.document(doc.label)
        for key, bureau in self.grants:
            model.kind_of_key(key)
            if not regions.get(bureau):
                raise ValueError(f"cannot grant to '{bureau}': not a known region code")

    # Rows for the engine. Repeated assertions of one node or relationship in a batch are
    # folded into one row (count, first/last seen, sources, newest properties): a MERGE of
    # the same relationship twice in one FalkorDB query crashes the server (4.x), and one
    # row per element is less work for both engines anyway.

    def grouped_nodes(self) -> dict[str, list[dict[str, Any]]]:
        folded: dict[str, list[NodeAssertion]] = {}
        for node in self.nodes:
            folded.setdefault(node.key, []).append(node)
        groups: dict[str, list[dict[str, Any]]] = {}
        for key, assertions in folded.items():
            row = _fold(assertions)
            row["key"] = key
            if len(assertions) == 1:
                row["regions"] = list(_lineages(assertions[0].region))
            else:
                row["regions"] = list(
                    dict.fromkeys(c for a in assertions for c in _lineages(a.region))
                )
            groups.setdefault(assertions[0].kind.label, []).append(row)
        return groups

    def grouped_rels(self) -> dict[str, list[dict[str, Any]]]:
        folded: dict[tuple[str, str, str], list[RelAssertion]] = {}
        for rel in self.rels:
            folded.setdefault((rel.src, rel.type, rel.dst), []).append(rel)
        groups: dict[str, list[dict[str, Any]]] = {}
        for (src, type_, dst), assertions in folded.items():
            row = _fold(assertions)
            row["src"], row["dst"] = src, dst
            groups.setdefault(type_, []).append(row)
        return groups

    def grouped_docs(self) -> dict[str, list[dict[str, Any]]]:
        folded: dict[tuple[str, str], dict[str, Any]] = {}
        for doc in self.docs:  # later versions of a document in one batch win, per property
            row = folded.setdefault((doc.label, doc.key), {"key": doc.key, "props": {}})
            row["props"].update(doc.row()["props"])
        groups: dict[str, list[dict[str, Any]]] = {}
        for (label, _), row in folded.items():
            groups.setdefault(label, []).append(row)
        return groups


def _fold(assertions: Sequence[NodeAssertion | RelAssertion]) -> dict[str, Any]:
    """One row for all assertions of one element: provenance and newest-wins properties."""
    if len(assertions) == 1:  # the common case: no ordering or merging to do
        only = assertions[0]
        seen = int(only.seen)
        return {
            "first": seen,
            "last": seen,
            "count": 1,
            "sources": [only.source],
            "props": _clean_props(only.props),
        }
    ordered = sorted(assertions, key=lambda a: a.seen)
    props: dict[str, PropValue] = {}
    for assertion in ordered:
        props.update(_clean_props(assertion.props))
    sources = list(dict.fromkeys(a.source for a in assertions))[: model.MAX_SOURCES]
    return {
        "first": int(ordered[0].seen),
        "last": int(ordered[-1].seen),
        "count": len(assertions),
        "sources": sources,
        "props": props,
    }
