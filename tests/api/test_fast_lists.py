"""Lists of plain objects completed in one pass (``api.gql.execution``): the same answer
as graphql-core's own completion, errors and their paths included, and faster only
where every asked field is a plain attribute."""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import Any

import pytest
import strawberry
from graphql import ExecutionResult

from cluehub.api.gql.execution import FastListsExecutionContext


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.interface
class Thing:
    name: str


@strawberry.type
class Box(Thing):
    size: int
    tags: list[str]
    colour: Colour


@strawberry.type
class Bag(Thing):
    weight: float | None


@strawberry.type
class Slot:
    index: int
    thing: Thing
    maybe: Box | None

    @strawberry.field
    def doubled(self) -> int:
        return self.index * 2


@strawberry.type
class Query:
    @strawberry.field
    def slots(self, broken: bool = False) -> list[Slot]:
        found = [
            Slot(
                index=i,
                thing=Box(name=f"box{i}", size=i, tags=["a", str(i)], colour=Colour.RED)
                if i % 2
                else Bag(name=f"bag{i}", weight=None if i == 2 else i / 2),
                maybe=None if i % 3 else Box(name="m", size=0, tags=[], colour=Colour.BLUE),
            )
            for i in range(6)
        ]
        if broken:
            found[4].thing = Box(name=None, size=1, tags=[], colour=Colour.BLUE)  # type: ignore[arg-type]
        return found


FAST = strawberry.Schema(Query, types=[Box, Bag], execution_context_class=FastListsExecutionContext)
PLAIN = strawberry.Schema(Query, types=[Box, Bag])

QUERIES = {
    "plain fields, aliases, typename, fragments": """{ slots { i: index __typename
        thing { __typename name ... on Box { size tags colour } ... on Bag { weight } }
        maybe { size colour } } }""",
    "a resolver among them": "{ slots { index doubled thing { name } } }",
    "include and skip": """query($yes: Boolean!) { slots { index @include(if: $yes)
        thing @skip(if: $yes) { name } maybe @include(if: $yes) { tags } } }""",
    "a null where it may not be": "{ slots(broken: true) { index thing { name } } }",
}


def run(schema: strawberry.Schema, query: str) -> ExecutionResult:
    return asyncio.run(schema.execute(query, variable_values={"yes": True}))


def shape(result: Any) -> tuple[Any, list[tuple[str, Any]]]:
    return result.data, [(e.message, e.path) for e in result.errors or ()]


@pytest.mark.parametrize("name", list(QUERIES))
def test_the_same_answer_as_graphql_core(name: str) -> None:
    fast, plain = run(FAST, QUERIES[name]), run(PLAIN, QUERIES[name])
    assert shape(fast) == shape(plain)
    assert fast.data is not None or fast.errors


def test_an_error_keeps_its_path() -> None:
    result = run(FAST, QUERIES["a null where it may not be"])
    assert result.errors and result.errors[0].path == ["slots", 4, "thing", "name"]
    assert result.data is None  # non-null all the way up to the root, as the spec says


def test_plain_lists_take_the_short_way(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = FastListsExecutionContext.execute_field

    def counted(self: Any, parent_type: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(parent_type.name)
        return original(self, parent_type, *args, **kwargs)

    monkeypatch.setattr(FastListsExecutionContext, "execute_field", counted)
    run(FAST, QUERIES["plain fields, aliases, typename, fragments"])
    assert calls == ["Query"]  # only `slots` itself: its items complete in one pass
    calls.clear()
    run(FAST, QUERIES["a resolver among them"])
    assert "Slot" in calls  # a resolver: graphql-core completes the list
