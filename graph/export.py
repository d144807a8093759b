"""The graph to files (``cluehub export``): neo4j-admin import CSV, GraphML, JSON lines.

Streamed in pages through the store port (``transfer.pages``), so memory stays constant
whatever the graph size; a case's subgraph (its member nodes and the relationships among
them) is read by key instead.

- ``neo4j-csv``: a directory of files for ``neo4j-admin database import full`` (the fast
  path for a first bulk load of tens of millions): one ``nodes-<Kind>.csv`` per node
  kind (``key:ID(Entity)``, ``:LABEL``), one ``relationships-<TYPE>.csv`` per type
  (``:START_ID(Entity)``, ``:END_ID(Entity)``, ``:TYPE``), one ``documents-<Kind>.csv``
  per document kind (own ID space), typed columns (``sightings:long``,
  ``regions:string[]``) and ``import.sh``, the exact command with the array delimiter
  chosen so that no array element contains it.
- ``graphml``: one GraphML file (Gephi, yEd, ``networkx.read_graphml``); node attribute
  ``kind``, edge attribute ``type``; list values as JSON text (GraphML has no lists).
- ``jsonl``: one JSON object per line: ``{"element": "node", "key", "kind", "props"}``,
  ``{"element": "relationship", "src", "type", "dst", "props"}``, ``{"element":
  "document", "label", "props"}``.

CSV and GraphML headers need every column before the first row, so those formats read
the store twice: once for the property names and types (the schema, small), once to
write. Documents are exported by ``neo4j-csv`` and ``jsonl`` for the whole graph only.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal
from xml.sax.saxutils import escape, quoteattr

from . import model, transfer
from .store import Edge, GraphStore, Node

Format = Literal["neo4j-csv", "graphml", "jsonl"]
FORMATS: tuple[Format, ...] = ("neo4j-csv", "graphml", "jsonl")
ARRAY_DELIMITERS = (";", "|", "\x1f")  # the first one no array element contains
ENTITY_ID_SPACE = "Entity"
PAGE = 2_000

Progress = Callable[[str, int], None]  # (element kind, how many just written)


class ExportError(ValueError):
    """The export cannot be written as asked; the message says why."""


# --- property types ---------------------------------------------------------------------

_SCALAR = {bool: "boolean", int: "long", float: "double", str: "string"}


def value_type(value: Any) -> str | None:
    """The neo4j-admin type of a value (``long``, ``string[]``…); None for an empty list."""
    if isinstance(value, list):
        kinds = {value_type(v) for v in value}
        if not kinds:
            return None
        merged = _merge_all(kinds)
        return None if merged is None else merged.removesuffix("[]") + "[]"
    return _SCALAR.get(type(value), "string")


def _merge(a: str | None, b: str | None) -> str | None:
    if a is None or a == b:
        return b
    if b is None:
        return a
    if {a, b} == {"long", "double"}:
        return "double"
    if {a, b} == {"long[]", "double[]"}:
        return "double[]"
    if a.endswith("[]") and b.endswith("[]"):
        return "string[]"
    return "string"  # a scalar meets a list, or two scalar kinds: text


def _merge_all(kinds: set[str | None]) -> str | None:
    merged: str | None = None
    for kind in sorted(k for k in kinds if k is not None):
        merged = _merge(merged, kind)
    return merged


@dataclass(slots=True)
class Schema:
    """Property names and types per file, and the array delimiter, found in a first pass."""

    columns: dict[str, dict[str, str | None]] = field(default_factory=dict)  # file -> prop -> type
    array_chars: set[str] = field(default_factory=set)  # delimiter candidates seen in elements

    def see(self, file: str, props: dict[str, Any]) -> None:
        columns = self.columns.setdefault(file, {})
        for name, value in props.items():
            columns[name] = _merge(columns.get(name), value_type(value))
            if isinstance(value, list):
                for item in value:
                    text = str(item)
                    self.array_chars.update(c for c in ARRAY_DELIMITERS if c in text)

    def delimiter(self) -> str:
        for candidate in ARRAY_DELIMITERS:
            if candidate not in self.array_chars:
                return candidate
        raise ExportError(
            "every array delimiter neo4j-admin could use (; | \\x1f) occurs inside some "
            "list value; export as jsonl instead"
        )

    def props(self, file: str, skip: Sequence[str] = ()) -> list[tuple[str, str]]:
        columns = self.columns.get(file, {})
        return [(n, t or "string[]") for n, t in sorted(columns.items()) if n not in skip]


# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selection:
    """The whole graph, or the given node keys (a case's members) and the relationships
    among them."""

    keys: tuple[str, ...] | None = None

    @property
    def whole(self) -> bool:
        return self.keys is None


def nodes(store: GraphStore, selection: Selection) -> Iterator[list[Node]]:
    if selection.keys is None:
        for _, page in transfer.node_pages(store, None, PAGE):
            yield page
        return
    for start in range(0, len(selection.keys), PAGE):
        found = store.get_many(selection.keys[start : start + PAGE])
        if found:
            yield list(found.values())


def edges(store: GraphStore, selection: Selection) -> Iterator[list[Edge]]:
    if selection.keys is None:
        for _, page in transfer.edge_pages(store, None, PAGE):
            if page:
                yield page
        return
    yield store.subgraph(selection.keys, with_nodes=False).edges


def document_pages(store: GraphStore, selection: Selection) -> Iterator[tuple[str, list[dict]]]:
    if not selection.whole:
        return
    for label in transfer.document_labels(store):
        for _, page in transfer.doc_pages(store, label, None, PAGE):
            yield label, page


def _node_file(node: Node) -> str:
    return f"nodes-{node.kind}.csv"


def _edge_file(edge: Edge) -> str:
    return f"relationships-{edge.type}.csv"


def _doc_file(label: str) -> str:
    return f"documents-{label}.csv"


def scan(store: GraphStore, selection: Selection, *, with_docs: bool) -> Schema:
    """The first pass: every file's property names and types."""
    schema = Schema()
    for page in nodes(store, selection):
        for node in page:
            schema.see(_node_file(node), node.props)
    for page in edges(store, selection):
        for edge in page:
            schema.see(_edge_file(edge), edge.props)
    if with_docs:
        for label, docs in document_pages(store, selection):
            for doc in docs:
                schema.see(_doc_file(label), doc)
    return schema


# --- neo4j-admin CSV --------------------------------------------------------------------


def _cell(value: Any, kind: str, delimiter: str) -> str:
    if value is None:
        return ""
    if kind.endswith("[]"):
        items = value if isinstance(value, list) else [value]
        return delimiter.join(_scalar(v) for v in items)
    if isinstance(value, list):  # a column that is text because kinds disagree
        return json.dumps(value, ensure_ascii=False)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_neo4j_csv(
    store: GraphStore, out: Path, selection: Selection, on_progress: Progress | None = None
) -> list[Path]:
    """The files for ``neo4j-admin database import full``; returns the paths written."""
    schema = scan(store, selection, with_docs=True)
    delimiter = schema.delimiter()
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[str, tuple[Any, list[tuple[str, str]]]] = {}
    written: list[Path] = []
    with ExitStack() as files:

        def writer(name: str, fixed: list[str], skip: Sequence[str]) -> tuple[Any, list]:
            if name not in writers:
                handle = files.enter_context((out / name).open("w", encoding="utf-8", newline=""))
                row_writer = csv.writer(handle)
                props = schema.props(name, skip)
                row_writer.writerow(fixed + [f"{n}:{t}" for n, t in props])
                writers[name] = (row_writer, props)
                written.append(out / name)
            return writers[name]

        for page in nodes(store, selection):
            for node in page:
                rows, props = writer(
                    _node_file(node), [f"key:ID({ENTITY_ID_SPACE})", ":LABEL"], ("key",)
                )
                labels = delimiter.join((model.ENTITY_LABEL, node.kind))
                rows.writerow(
                    [node.key, labels] + [_cell(node.props.get(n), t, delimiter) for n, t in props]
                )
            if on_progress:
                on_progress("nodes", len(page))
        for page in edges(store, selection):
            for edge in page:
                fixed = [f":START_ID({ENTITY_ID_SPACE})", f":END_ID({ENTITY_ID_SPACE})", ":TYPE"]
                rows, props = writer(_edge_file(edge), fixed, ())
                rows.writerow(
                    [edge.src, edge.dst, edge.type]
                    + [_cell(edge.props.get(n), t, delimiter) for n, t in props]
                )
            if on_progress:
                on_progress("relationships", len(page))
        for label, docs in document_pages(store, selection):
            for doc in docs:
                rows, props = writer(_doc_file(label), [f"key:ID({label})", ":LABEL"], ("key",))
                rows.writerow(
                    [doc["key"], label] + [_cell(doc.get(n), t, delimiter) for n, t in props]
                )
            if on_progress:
                on_progress("documents", len(docs))
    script = out / "import.sh"
    script.write_text(_import_script(written, delimiter), encoding="utf-8")
    return [*written, script]


def _import_script(files: list[Path], delimiter: str) -> str:
    shown = {";": "';'", "|": "'|'", "\x1f": "$'\\x1f'"}[delimiter]
    args = [f"  --array-delimiter={shown} --multiline-fields=true --id-type=string"]
    for path in files:
        flag = "--relationships" if path.name.startswith("relationships-") else "--nodes"
        args.append(f'  {flag}="$HERE/{path.name}"')
    body = " \\\n".join(["neo4j-admin database import full", *args, '  "${1:-neo4j}"'])
    return (
        "#!/bin/sh\n# Bulk load into an empty, stopped Neo4j database (default: neo4j).\n"
        "# `cluehub serve` creates the key constraint and indexes on its first start.\n"
        'set -e\nHERE="$(cd "$(dirname "$0")" && pwd)"\n' + body + "\n"
    )


# --- GraphML ------------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GRAPHML_TYPE = {"boolean": "boolean", "long": "long", "double": "double", "string": "string"}


def _xml(text: str) -> str:
    return escape(_XML_INVALID.sub("\ufffd", text))


def _graphml_value(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if isinstance(value, list):
        return _xml(json.dumps(value, ensure_ascii=False))
    return _xml(str(value))


def _graphml_keys(schema: Schema, prefix: str) -> dict[str, str]:
    """Attribute name -> GraphML type over every file of one element kind."""
    merged: dict[str, str | None] = {}
    for file, columns in schema.columns.items():
        if file.startswith(prefix):
            for name, kind in columns.items():
                merged[name] = _merge(merged.get(name), kind) if name in merged else kind
    return {n: _GRAPHML_TYPE.get(k or "string[]", "string") for n, k in sorted(merged.items())}


def write_graphml(
    store: GraphStore, out: Path, selection: Selection, on_progress: Progress | None = None
) -> list[Path]:
    schema = scan(store, selection, with_docs=False)
    node_keys = {"kind": "string", **_graphml_keys(schema, "nodes-")}
    edge_keys = {"type": "string", **_graphml_keys(schema, "relationships-")}
    node_ids = {name: f"n{i}" for i, name in enumerate(node_keys)}
    edge_ids = {name: f"e{i}" for i, name in enumerate(edge_keys)}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        )
        for scope, keys, ids in (("node", node_keys, node_ids), ("edge", edge_keys, edge_ids)):
            for name, kind in keys.items():
                handle.write(
                    f'  <key id="{ids[name]}" for="{scope}" attr.name={quoteattr(name)} '
                    f'attr.type="{kind}"/>\n'
                )
        handle.write('  <graph id="cluehub" edgedefault="directed">\n')
        for page in nodes(store, selection):
            for node in page:
                _element(handle, f"<node id={quoteattr(node.key)}>", "</node>",
                         {"kind": node.kind, **node.props}, node_keys, node_ids)  # fmt: skip
            if on_progress:
                on_progress("nodes", len(page))
        count = 0
        for page in edges(store, selection):
            for edge in page:
                opening = (
                    f'<edge id="r{count}" source={quoteattr(edge.src)} '
                    f"target={quoteattr(edge.dst)}>"
                )
                count += 1
                _element(handle, opening, "</edge>",
                         {"type": edge.type, **edge.props}, edge_keys, edge_ids)  # fmt: skip
            if on_progress:
                on_progress("relationships", len(page))
        handle.write("  </graph>\n</graphml>\n")
    return [out]


def _element(
    handle: IO[str],
    opening: str,
    closing: str,
    props: dict[str, Any],
    keys: dict[str, str],
    ids: dict[str, str],
) -> None:
    data = "".join(
        f'<data key="{ids[name]}">{_graphml_value(value, keys[name])}</data>'
        for name, value in props.items()
        if value is not None and name in ids
    )
    handle.write(f"    {opening}{data}{closing}\n")


# --- JSON lines ---------------------------------------------------------------------------


def write_jsonl(
    store: GraphStore, out: Path, selection: Selection, on_progress: Progress | None = None
) -> list[Path]:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:

        def line(obj: dict[str, Any]) -> None:
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")

        for page in nodes(store, selection):
            for node in page:
                line({"element": "node", "key": node.key, "kind": node.kind, "props": node.props})
            if on_progress:
                on_progress("nodes", len(page))
        for page in edges(store, selection):
            for edge in page:
                line({"element": "relationship", "src": edge.src, "type": edge.type,
                      "dst": edge.dst, "props": edge.props})  # fmt: skip
            if on_progress:
                on_progress("relationships", len(page))
        for label, docs in document_pages(store, selection):
            for doc in docs:
                line({"element": "document", "label": label, "props": doc})
            if on_progress:
                on_progress("documents", len(docs))
    return [out]


WRITERS = {"neo4j-csv": write_neo4j_csv, "graphml": write_graphml, "jsonl": write_jsonl}


def export(
    store: GraphStore,
    fmt: Format,
    out: Path,
    *,
    keys: Sequence[str] | None = None,
    on_progress: Progress | None = None,
) -> list[Path]:
    """Write the graph (or the subgraph of ``keys``) in ``fmt`` to ``out``; the files."""
    if fmt not in WRITERS:
        raise ExportError(f"format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    for key in keys or ():
        model.kind_of_key(key)
    selection = Selection(tuple(dict.fromkeys(keys)) if keys is not None else None)
    return WRITERS[fmt](store, Path(out), selection, on_progress)
