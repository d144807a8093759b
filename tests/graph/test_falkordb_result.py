"""The compact-format decoder: every value type the hub's queries return, errors kept.

The response below is what FalkorDB answered (``--compact``) to
``RETURN 1 AS a, 'x' AS b, null AS c, [1,'y',[2.5]] AS d, {k: true, m: [1]} AS e,
1.5 AS f, false AS g``; the store contract tests run the same decoder on every read.
"""

from __future__ import annotations

import pytest
from redis.exceptions import ResponseError

from cluehub.graph import falkordb_result

ANSWER = [
    [[1, "a"], [1, "b"], [1, "c"], [1, "d"], [1, "e"], [1, "f"], [1, "g"]],
    [
        [
            [3, 1],
            [2, "x"],
            [1, None],
            [6, [[3, 1], [2, "y"], [6, [[5, "2.5"]]]]],
            [10, ["k", [4, "true"], "m", [6, [[3, 1]]]]],
            [5, "1.5"],
            [4, "false"],
        ]
    ],
    ["Cached execution: 0", "Query internal execution time: 0.4 milliseconds"],
]


def test_every_scalar_and_container_type() -> None:
    assert falkordb_result.rows(ANSWER) == [
        {"a": 1, "b": "x", "c": None, "d": [1, "y", [2.5]], "e": {"k": True, "m": [1]},
         "f": 1.5, "g": False}
    ]  # fmt: skip


def test_statements_without_rows() -> None:
    assert falkordb_result.rows([["Nodes created: 1"]]) == []
    assert falkordb_result.rows([[[1, "k"]], [], ["Cached execution: 1"]]) == []


def test_bytes_are_text() -> None:
    assert falkordb_result.cell([2, "名".encode()]) == "名"
    assert falkordb_result.cell([10, [b"k", [2, b"v"]]]) == {"k": "v"}


@pytest.mark.parametrize("kind", [7, 8, 9])
def test_graph_objects_are_refused(kind: int) -> None:
    with pytest.raises(falkordb_result.GraphObjectInResult):
        falkordb_result.cell([kind, [1, [], []]])


def test_a_run_time_error_is_raised() -> None:
    with pytest.raises(ResponseError, match="division"):
        falkordb_result.rows([[[1, "a"]], [], ResponseError("division by zero")])
