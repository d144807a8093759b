"""FalkorDB's compact result format decoded straight into rows of plain Python values.

``GRAPH.QUERY … --compact`` answers ``[header, rows, statistics]`` (or only
``[statistics]`` for a statement that returns nothing), each cell a ``[type, value]``
pair. The client library decodes that cell by cell through a dispatch table into its own
objects, which the store then had to turn back into plain values — on wide reads (a trace
probe, a neighbourhood) that was most of the client's time. Our queries return only
maps and scalars (never nodes, edges or paths), so one small recursive function does it.
"""

from __future__ import annotations

from typing import Any

from redis.exceptions import ResponseError

# Value types of the compact format (FalkorDB's ``ValueType``).
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY = 1, 2, 3, 4, 5, 6
_EDGE, _NODE, _PATH, _MAP = 7, 8, 9, 10


class GraphObjectInResult(ValueError):
    """A statement returned a node, edge or path (queries must return maps and scalars)."""


def cell(value: list[Any]) -> Any:
    """One ``[type, value]`` cell as a plain value.

    Null, string and integer cells (most of any answer) carry their value as it is, so
    the containers and :func:`rows` take it inline and call this only for the rest: a
    500-node neighbourhood hop decodes in about two thirds of the time.
    """
    kind, raw = value
    if kind < _BOOLEAN:  # null, string, integer
        return raw.decode() if type(raw) is bytes else raw
    if kind == _ARRAY:
        return [v[1] if v[0] < _BOOLEAN and type(v[1]) is not bytes else cell(v) for v in raw]
    if kind == _MAP:
        pairs = iter(raw)
        return {
            (k.decode() if type(k) is bytes else k): v[1]
            if v[0] < _BOOLEAN and type(v[1]) is not bytes
            else cell(v)
            for k, v in zip(pairs, pairs, strict=True)
        }
    if kind == _DOUBLE:
        return float(raw)
    if kind == _BOOLEAN:
        return raw in ("true", b"true")
    if kind in (_EDGE, _NODE, _PATH):
        raise GraphObjectInResult("queries must return maps and scalars, not graph objects")
    raise ValueError(f"FalkorDB returned a value of type {kind} the hub does not read")


def rows(response: list[Any]) -> list[dict[str, Any]]:
    """The rows of one response as dicts keyed by column name; errors re-raised."""
    if response and isinstance(response[-1], ResponseError):
        raise response[-1]
    if len(response) < 3:
        return []  # statistics only: a statement that returns nothing
    header, records = response[0], response[1]
    if not header:
        return []
    names = [column[1] for column in header]
    return [
        dict(
            zip(
                names,
                [v[1] if v[0] < _BOOLEAN and type(v[1]) is not bytes else cell(v) for v in record],
                strict=True,
            )
        )
        for record in records
    ]
