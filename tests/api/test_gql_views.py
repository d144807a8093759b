"""The coordination views' own rules, without a store: ``fill`` (a type from a record, by
name and field type), the one generic connection, the domain enums in the schema, and
that every resolver method of the views loads something (no passthrough methods), and
the declarations that write a field's arguments or body once (``spread``, ``command``)."""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from types import SimpleNamespace
from typing import Any

import pytest
import strawberry
from graphql import GraphQLEnumType, build_schema, print_ast
from strawberry.types.base import get_object_definition

from cluehub.api.gql.arguments import Page, Start, spread
from cluehub.api.gql.cases import (
    bridge,
    jointcase,
    notification,
    stats,
    supervision,
    takedown,
    task,
)
from cluehub.api.gql.cases.shapes import fill
from cluehub.api.gql.connection import Connection
from cluehub.api.gql.permissions import offset_cursor
from cluehub.api.gql.schema import export_sdl
from cluehub.api.gql.types import Bureau, RegionLevel
from cluehub.api.opaque_ids import OpaqueIds
from cluehub.cases.jointcase.models import Offence
from cluehub.cases.jointcase.models import Status as CaseStatus
from cluehub.cases.notification.models import Notification
from cluehub.cases.permissions import Relation
from cluehub.cases.task import service as task_service
from cluehub.cases.task.models import Kind, Status, Task

T0 = 1_767_225_600_000  # 2026-01-01 00:00 UTC


@strawberry.type
class Sample:
    id: strawberry.ID
    title: str
    due: datetime | None
    lead: Bureau | None
    participants: list[Bureau]
    reasons: list[str]
    note: str | None
    status: Status
    secret: strawberry.Private[tuple[str, ...]]


@dataclass(frozen=True)
class Record:
    key: str
    title: str
    due: int | None
    lead_bureau: str
    participants: tuple[str, ...]
    reasons: tuple[str, ...]
    note: str | None
    status: str
    secret: tuple[str, ...]


def test_fill_converts_by_field_type_and_takes_what_is_given() -> None:
    record = Record(
        key="jc-1",
        title="Ring of 3",
        due=T0,
        lead_bureau="bureau:350304",
        participants=("bureau:350304", "bureau:440111", "bureau:999999"),
        reasons=("a", "b"),
        note=None,
        status="open",
        secret=("tel:+8613905941234",),
    )
    shown = fill(Sample, record, lead=Bureau.of("350304"))
    assert shown.id == "jc-1"  # the record's key
    assert shown.title == "Ring of 3" and shown.note is None
    assert shown.due == datetime(2026, 1, 1, tzinfo=UTC)  # epoch ms -> DateTime
    assert shown.lead is not None and shown.lead.code == "350304"
    assert [b.code for b in shown.participants] == ["350304", "440111"]  # unknown dropped
    assert shown.reasons == ["a", "b"]  # tuple -> list
    assert shown.status == "open"  # strawberry shows it as the enum value OPEN
    assert shown.secret == ("tel:+8613905941234",)  # private fields are copied as they are
    assert fill(Sample, record, due=None, lead=None).due is None  # what is given wins


def test_fill_names_the_missing_attribute() -> None:
    with pytest.raises(AttributeError, match=r"Sample\.lead: a Record has no 'lead'"):
        fill(Sample, Record("k", "t", None, "bureau:350304", (), (), None, "open", ()))


def test_views_fill_real_records() -> None:
    t = Task(
        key="task-1",
        case_id="jc-1",
        bureau="bureau:440111",
        kind=Kind.RAID,
        title="现场检查",
        due=T0,
        created_at=T0 - 1000,
        created_by="lin",
        updated_at=T0 - 1000,
    )
    shown = task.Task.of(t)
    assert (shown.id, shown.case_id, shown.kind, shown.status) == ("task-1", "jc-1", "raid", "open")
    assert shown.bureau is not None and shown.bureau.code == "440111"
    assert shown.done_at is None and shown.created_at == datetime(
        2025, 12, 31, 23, 59, 59, tzinfo=UTC
    )
    n = Notification(
        key="ntf-1",
        clue_key="clue:1",
        from_bureau="bureau:350300",
        to_bureau="bureau:440100",
        deadline=T0,
        created_at=T0 - 1,
        created_by="lin",
        batch="ntfb-1",
    )
    unanswered = notification.Notification.of(n)
    assert unanswered.reply is None and unanswered.from_ is not None
    assert (unanswered.from_.code, unanswered.to.code if unanswered.to else None) == (
        "350300",
        "440100",
    )


def test_one_generic_connection_pages_by_offset() -> None:
    page = Connection.page(["a", "b", "c"], skip=4, size=2)
    assert [e.node for e in page.edges] == ["a", "b"]
    assert [e.cursor for e in page.edges] == [offset_cursor(4), offset_cursor(5)]
    info = page.page_info
    assert info.has_next_page and info.has_previous_page
    assert (info.start_cursor, info.end_cursor) == (offset_cursor(4), offset_cursor(5))
    last = Connection.page(["a"], skip=0, size=2)
    assert not last.page_info.has_next_page and not last.page_info.has_previous_page
    empty = Connection.page([], skip=0, size=2)
    assert empty.edges == [] and empty.page_info.end_cursor is None
    counted = task.TaskConnection.page([], skip=0, size=5, total_count=7)
    assert counted.total_count == 7


def test_connections_keep_their_schema_names() -> None:
    sdl = export_sdl()
    assert "totalCount: Int!" in sdl.split("type TaskConnection {")[1].split("}")[0]
    for name in ("JointCase", "Task", "Ring", "Entity", "AuditEvent"):
        assert f"type {name}Connection {{\n  edges: [{name}Edge!]!\n  pageInfo: PageInfo!" in sdl
        assert f"type {name}Edge {{\n  cursor: String!\n  node: {name}!" in sdl


SCHEMA = build_schema(export_sdl())


@pytest.mark.parametrize(
    ("name", "enum"),
    [
        ("JointCaseStatus", CaseStatus),
        ("CaseRelation", Relation),
        ("Offence", Offence),
        ("TaskKind", Kind),
        ("TaskStatus", Status),
    ],
)
def test_schema_enums_are_the_domain_enums(name: str, enum: type[StrEnum]) -> None:
    shown = SCHEMA.type_map[name]
    assert isinstance(shown, GraphQLEnumType)
    assert list(shown.values) == [member.name for member in enum]


VIEW_TYPES = [
    cls
    for module in (jointcase, notification, stats, supervision, takedown, task)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if cls.__module__ == module.__name__ and get_object_definition(cls) is not None
]


@pytest.mark.parametrize("cls", VIEW_TYPES, ids=lambda c: c.__name__)
def test_resolver_methods_of_the_views_load_something(cls: type) -> None:
    """A field with a resolver is there to load or check through a service: it takes
    ``info`` and awaits. Everything else is a plain field filled by ``of``."""
    definition = get_object_definition(cls, strict=True)
    for field in definition.fields:
        resolver = field.base_resolver
        if resolver is None or definition.name.endswith(("Query", "Mutation")):
            continue
        assert resolver.is_async, f"{cls.__name__}.{field.python_name} is not a load"
        assert "info" in inspect.signature(resolver.wrapped_func).parameters, field.python_name


@strawberry.input
class SampleInput:
    id: strawberry.ID = bridge.term("task_id")
    due: datetime
    member_ids: list[strawberry.ID] = bridge.term("member_keys", bridge.KEYS)
    note: str = ""
    level: RegionLevel | None = None
    hours: float | None = bridge.term(None, default=None)


def test_terms_turn_an_input_into_the_services_keyword_arguments() -> None:
    codec = OpaqueIds(b"k" * 32)
    info = SimpleNamespace(context=SimpleNamespace(ids=codec))
    sample = SampleInput(
        id=strawberry.ID("task-1"),
        due=datetime(2026, 1, 1, tzinfo=UTC),
        member_ids=[strawberry.ID(codec.encode("tel:+8613905941234"))],
        level=RegionLevel.CITY,
        hours=2.0,
    )
    assert bridge.terms(info, sample, note="given wins") == {
        "task_id": "task-1",  # renamed where the field is declared
        "due_ms": T0,  # a DateTime `x` as epoch ms `x_ms`
        "member_keys": ["tel:+8613905941234"],  # opaque ids as node keys
        "note": "given wins",
        "level": "city",  # an enum that is not the room's StrEnum: its value
    }  # `hours` (term None) is the resolver's to pass


def _field(type_name: str, field_name: str) -> Any:
    schema = build_schema(export_sdl())
    return schema.get_type(type_name).fields[field_name]  # type: ignore[union-attr]


def _default(argument: Any) -> str:
    return print_ast(argument.ast_node.default_value)


def test_spread_lays_argument_groups_out_one_by_one_in_order() -> None:
    view = _field("Query", "graphView")
    assert list(view.args) == ["id", "key", "hops", "kinds", "types", "first", "after"]
    assert _default(view.args["first"]) == "200"  # the group instance holds the default
    assert _default(view.args["hops"]) == "2"
    search = _field("Query", "search")
    assert list(search.args) == ["text", "identifier", "kinds", "first", "after"]
    assert _default(search.args["first"]) == "20"


def test_spread_hands_the_resolver_one_object_per_group() -> None:
    seen: dict[str, object] = {}

    @spread(start=Start(), page=Page(first=5))
    async def resolver(info: object, start: Start, page: Page, other: int = 0) -> None:
        seen.update(start=start, page=page, other=other)

    assert list(inspect.signature(resolver).parameters) == [
        "info",
        "id",
        "key",
        "first",
        "after",
        "other",
    ]
    asyncio.run(resolver(None, key="tel:+8613905941234", after="b2Zmc2V0OjQ", other=3))
    assert seen == {
        "start": Start(id=None, key="tel:+8613905941234"),
        "page": Page(first=5, after="b2Zmc2V0OjQ"),
        "other": 3,
    }


def test_spread_refuses_a_group_the_resolver_does_not_take() -> None:
    with pytest.raises(TypeError, match="no parameter"):

        @spread(page=Page())
        async def resolver(info: object) -> None: ...


def test_command_declares_a_mutation_by_its_signature_and_docstring() -> None:
    decide = _field("Mutation", "decideDesignatedJurisdiction")
    assert list(decide.args) == ["id", "reason", "designated"]
    assert _default(decide.args["designated"]) == "null"
    assert decide.description is not None and decide.description.startswith(
        "Decide a designated-jurisdiction request (the common superior's supervisor): "
        "`designated` names the bureau"
    )  # the docstring, on one line
    assert str(decide.type) == "DesignationRequest"


def test_command_refuses_a_rename_of_no_parameter_and_a_missing_docstring() -> None:
    with pytest.raises(TypeError, match="no parameter"):

        @bridge.command(task_service.update_task, task_key="task_id")
        def update(self: object, input: task.UpdateTaskInput) -> task.Task | None:
            """Update."""

    with pytest.raises(TypeError, match="needs a docstring"):

        @bridge.command(task_service.update_task)
        def undocumented(self: object, input: task.UpdateTaskInput) -> task.Task | None: ...
