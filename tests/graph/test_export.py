"""`cluehub export` on the demo world: GraphML that networkx reads back, neo4j-admin CSV
whose headers follow the import tool's documented rules, JSON lines, case subgraphs."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from cluehub.graph import export, transfer
from cluehub.graph.falkordb_store import FalkorDBStore

# neo4j-admin database import, "CSV header format": a header field is `name:FIELD_TYPE`;
# the special fields are :ID (with an optional ID space in parentheses), :LABEL, :START_ID,
# :END_ID and :TYPE; property types are these, an array type ends in [] and its values are
# split by the array delimiter.
PROPERTY_TYPES = {
    "int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
    "point", "date", "localtime", "time", "localdatetime", "datetime", "duration",
}  # fmt: skip
FIELD = re.compile(
    r"^(?P<name>[^:]*):(?P<type>[A-Za-z_]+)(?:\((?P<space>[^)]+)\))?(?P<array>\[\])?$"
)


def parse_header(header: list[str]) -> list[tuple[str, str, str | None, bool]]:
    """(name, type, id space, is array) per column, by the documented rules."""
    fields = []
    for column in header:
        match = FIELD.match(column)
        if match is None:  # a bare name is a string property
            assert ":" not in column, f"malformed header field {column!r}"
            fields.append((column, "string", None, False))
            continue
        name, kind = match["name"], match["type"]
        special = kind.upper() in {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
        assert special or kind in PROPERTY_TYPES, f"unknown type in {column!r}"
        assert match["space"] is None or kind.upper() in {"ID", "START_ID", "END_ID"}, column
        assert not (special and match["array"]), f"{column!r}: special fields are not arrays"
        assert special or name, f"{column!r}: a property needs a name"
        fields.append(
            (name, kind.upper() if special else kind, match["space"], bool(match["array"]))
        )
    return fields


def check_value(value: str, kind: str, array: bool, delimiter: str, where: str) -> None:
    if value == "":
        return
    for item in value.split(delimiter) if array else [value]:
        if kind in ("long", "int", "short", "byte"):
            int(item)
        elif kind in ("double", "float"):
            float(item)
        elif kind == "boolean":
            assert item in ("true", "false"), f"{where}: {item!r} is not a boolean"


def validate_import_dir(directory: Path) -> dict[str, int]:
    """Apply neo4j-admin's header rules to every file; every relationship end must exist."""
    script = (directory / "import.sh").read_text()
    delimiter = {"';'": ";", "'|'": "|", "$'\\x1f'": "\x1f"}[
        re.search(r"--array-delimiter=(\S+)", script)[1]
    ]
    ids: dict[str, set[str]] = {}
    relationships: list[tuple[str, str, str, str, Path]] = []
    counts = {"nodes": 0, "relationships": 0}
    listed = set(re.findall(r'--(?:nodes|relationships)="\$HERE/([^"]+)"', script))
    assert listed == {p.name for p in directory.glob("*.csv")}
    for path in sorted(directory.glob("*.csv")):
        relationship_file = f'--relationships="$HERE/{path.name}"' in script
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            fields = parse_header(next(rows))
            kinds = [f[1] for f in fields]
            if relationship_file:
                assert kinds.count("START_ID") == 1 and kinds.count("END_ID") == 1, path
                assert kinds.count("TYPE") == 1 and "ID" not in kinds and "LABEL" not in kinds
            else:
                assert kinds.count("ID") == 1, f"{path.name}: a node file has exactly one :ID"
                assert not {"START_ID", "END_ID", "TYPE"} & set(kinds), path
            names = [f[0] for f in fields if f[1] not in ("START_ID", "END_ID", "TYPE", "LABEL")]
            assert len(names) == len(set(names)), f"{path.name}: repeated property"
            for number, row in enumerate(rows, start=2):
                assert len(row) == len(fields), f"{path.name}:{number}: column count"
                record = {}
                for (_, kind, space, array), value in zip(fields, row, strict=True):
                    check_value(value, kind, array, delimiter, f"{path.name}:{number}")
                    record[kind] = (value, space)
                if relationship_file:
                    (start, start_space), (end, end_space) = record["START_ID"], record["END_ID"]
                    relationships.append((start_space, start, end_space, end, path))
                    counts["relationships"] += 1
                else:
                    value, space = record["ID"]
                    group = ids.setdefault(space or "", set())
                    assert value not in group, f"{path.name}:{number}: duplicate id {value}"
                    group.add(value)
                    assert record.get("LABEL", ("x", None))[0], f"{path.name}:{number}: no label"
                    counts["nodes"] += 1
    for start_space, start, end_space, end, path in relationships:
        assert start in ids.get(start_space or "", ()), f"{path.name}: no node {start}"
        assert end in ids.get(end_space or "", ()), f"{path.name}: no node {end}"
    return counts


@pytest.fixture
def demo_store(small_demo: FalkorDBStore) -> FalkorDBStore:
    return small_demo


@pytest.mark.slow
def test_graphml_read_back_by_networkx(demo_store: FalkorDBStore, tmp_path: Path) -> None:
    nodes, relationships = demo_store.counts()
    [path] = export.export(demo_store, "graphml", tmp_path / "demo.graphml")
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == nodes
    assert graph.number_of_edges() == relationships
    phone = next(n for n, data in graph.nodes(data=True) if data["kind"] == "Phone")
    stored = demo_store.get(phone)
    assert graph.nodes[phone]["sightings"] == stored.props["sightings"]
    assert json.loads(graph.nodes[phone]["regions"]) == stored.props["regions"]
    types = {data["type"] for *_, data in graph.edges(data=True)}
    assert {"SENT_BY", "LISTED_IN", "ON_PLATFORM"} <= types


@pytest.mark.slow
def test_neo4j_csv_follows_the_import_header_rules(
    demo_store: FalkorDBStore, tmp_path: Path
) -> None:
    files = export.export(demo_store, "neo4j-csv", tmp_path / "csv")
    counts = validate_import_dir(tmp_path / "csv")
    held = transfer.counts(demo_store).totals()
    assert counts == {
        "nodes": held["nodes"] + held["documents"],
        "relationships": held["relationships"],
    }
    header = (tmp_path / "csv" / "nodes-Waybill.csv").read_text().splitlines()[0].split(",")
    assert {"key:ID(Entity)", ":LABEL", "sightings:long", "regions:string[]"} <= set(header)
    assert tmp_path / "csv" / "import.sh" in files


@pytest.mark.slow
def test_jsonl_and_a_case_subgraph(demo_store: FalkorDBStore, tmp_path: Path) -> None:
    [path] = export.export(demo_store, "jsonl", tmp_path / "all.jsonl")
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    held = transfer.counts(demo_store).totals()
    elements = {
        e: sum(1 for x in lines if x["element"] == e) for e in ("node", "relationship", "document")
    }
    assert elements == {"node": held["nodes"], "relationship": held["relationships"],
                        "document": held["documents"]}  # fmt: skip

    waybill = next(x for x in lines if x["element"] == "node" and x["kind"] == "Waybill")
    around = demo_store.neighbourhood(waybill["key"], 1)
    members = [*around.nodes, "tel:+8613800000000"]  # a key not in the graph is left out
    [sub] = export.export(demo_store, "graphml", tmp_path / "case.graphml", keys=members)
    graph = nx.read_graphml(sub)
    assert set(graph.nodes) == set(around.nodes)
    assert graph.number_of_edges() == len(demo_store.subgraph(list(around.nodes)).edges) > 0
