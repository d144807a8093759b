"""Pure rules of the coordination room: bureaus, routing, permissions, quarters."""

from __future__ import annotations

from datetime import date

import pytest

from cluehub.analysis.params import CaseParams
from cluehub.cases import bureaus, periods, permissions
from cluehub.cases.context import Actor
from cluehub.cases.errors import InvalidInput, PermissionDenied
from cluehub.cases.permissions import Action, Parties
from cluehub.cases.routing import CaseFacts, ChainRole, Place, route

# --- bureaus -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "name", "long_name", "level"),
    [
        ("bureau:100000", "国家市场监督管理总局", "国家市场监督管理总局", "national"),
        ("350000", "福建省市场监督管理局", "福建省市场监督管理局", "province"),
        ("bureau:350300", "莆田市市场监督管理局", "福建省莆田市市场监督管理局", "city"),
        ("bureau:350304", "荔城区市场监督管理局", "莆田市荔城区市场监督管理局", "county"),
        ("bureau:110101", "东城区市场监督管理局", "北京市东城区市场监督管理局", "county"),
    ],
)
def test_bureau_names_and_levels(ref: str, name: str, long_name: str, level: str) -> None:
    bureau = bureaus.get(ref)
    assert (bureau.name, bureau.long_name, bureau.level) == (name, long_name, level)
    assert bureau.id == "bureau:" + bureaus.code_of(ref)


@pytest.mark.parametrize(
    ("ref", "superior"),
    [
        ("bureau:350304", "bureau:350300"),
        ("bureau:350300", "bureau:350000"),
        ("bureau:350000", "bureau:100000"),
        ("bureau:110101", "bureau:110000"),  # Beijing districts answer to the municipality
        ("bureau:429004", "bureau:420000"),  # 仙桃市: a province-administered county
        ("bureau:100000", None),
    ],
)
def test_superior(ref: str, superior: str | None) -> None:
    found = bureaus.superior(ref)
    assert (found.id if found else None) == superior


@pytest.mark.parametrize(
    ("refs", "common"),
    [
        (("350304", "350302"), "bureau:350300"),  # two counties of 莆田 → the city
        (("350304", "350203"), "bureau:350000"),  # counties of two cities → the province
        (("350304", "350300"), "bureau:350000"),  # a county and its own city → above both
        (("350304", "440305"), "bureau:100000"),  # two provinces → SAMR
        (("350304",), "bureau:350300"),  # a single bureau asks its superior
    ],
)
def test_common_superior(refs: tuple[str, ...], common: str) -> None:
    assert bureaus.common_superior(*refs).id == common


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("bureau:110100", "placeholder"),
        ("bureau:810000", "no mainland"),
        ("bureau:999999", "not in the GB/T 2260 table"),
        ("fj-bureau", "expected bureau:<6-digit region code>"),
    ],
)
def test_bureau_errors_say_what_is_accepted(ref: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        bureaus.get(ref)


def test_blocs() -> None:
    assert [b.id for b in bureaus.blocs_of("440304")] == ["pprd", "gba"]  # 深圳福田
    assert [b.id for b in bureaus.blocs_of("320102")] == ["yrd"]  # 南京玄武
    assert [b.id for b in bureaus.blocs_of("440500")] == ["pprd"]  # 汕头: not in the GBA
    assert [b.id for b in bureaus.shared_blocs(["310000", "330000", "340000"])] == ["yrd"]
    assert bureaus.shared_blocs(["310000", "110000"]) == ()
    gba = bureaus.bloc("gba")
    assert {"440100", "440300", "441900", "442000"} <= set(gba.members)


# --- routing -----------------------------------------------------------------------------
# The rules themselves are table-tested in tests/analysis/test_jurisdiction.py; here: the room's
# parsing of hand-given chains, bureau ids and the regional blocs.

ROUTING_TABLE = [
    pytest.param(
        [("350304", "production"), ("350304", "sale")],
        "county", "bureau:350304", ("bureau:350304",), "bureau:350304", False,
        id="same-county",
    ),
    pytest.param(
        [("350302", "sale"), ("350304", "production")],
        "city", "bureau:350300", ("bureau:350300",), "bureau:350304", False,
        id="same-city",
    ),
    pytest.param(
        [("110101", "sale"), ("110105", "production")],
        "province", "bureau:110000", ("bureau:110000",), "bureau:110105", False,
        id="districts-of-a-municipality",
    ),
    pytest.param(
        [("440305", "sale"), ("350304", "production")],
        "inter_provincial", "bureau:350000", ("bureau:350000", "bureau:440000"),
        "bureau:350304", False,
        id="two-provinces-lead-production",
    ),
    pytest.param(
        [("440305", "sale"), ("330102", "storage"), ("350304", "production")],
        "national", "bureau:100000",
        ("bureau:100000", "bureau:350000", "bureau:330000", "bureau:440000"),
        "bureau:350304", True,
        id="major-three-provinces-national",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("involvement", "level", "coordinator", "coordinators", "lead", "major"), ROUTING_TABLE
)
def test_routing_names_the_bureaus_of_the_decision(
    involvement: list[tuple[str, str]],
    level: str,
    coordinator: str,
    coordinators: tuple[str, ...],
    lead: str,
    major: bool,
) -> None:
    routing = route(involvement)
    assert routing.level == level
    assert routing.coordinator == coordinator
    assert routing.coordinators == coordinators
    assert routing.lead == lead
    assert routing.major is major
    assert routing.participants[0] == lead
    assert routing.reasons[: len(routing.jurisdiction.reasons)] == routing.jurisdiction.reasons


def test_notification_from_the_investigating_bureau() -> None:
    routing = route(
        [
            Place("350304", ChainRole.PRODUCTION),
            {"region": "350583", "role": "label_printing"},
            ("330102", "storage"),
            ("440305", "sale"),
            ("440303", "registration"),
        ],
        investigating="bureau:440305",
    )
    # The investigating bureau does not notify itself; storage is notified (003 §3.4
    # "等", 004 §4.2 涉案地), registration is not a place of the chain.
    assert routing.notify == ("bureau:350304", "bureau:350583", "bureau:330102")
    assert any("通报" in r and "南安市" in r for r in routing.reasons)
    assert any("not notified for registration" in r for r in routing.reasons)
    assert set(routing.participants) == {
        "bureau:350304",
        "bureau:350583",
        "bureau:330102",
        "bureau:440305",
        "bureau:440303",
    }


def test_facts_make_a_clue_major() -> None:
    chain = [("350304", "production"), ("440305", "sale")]
    assert not route(chain).major
    routing = route(chain, facts=CaseFacts(amount_yuan=2_500_000))
    assert routing.major and routing.coordinator == "bureau:100000"
    assert any("amount ¥2,500,000" in r and "挂牌督办" in r for r in routing.reasons)
    assert route(chain, params=CaseParams(major_provinces=2)).major


def test_shared_bloc_is_named() -> None:
    routing = route([("310101", "production"), ("330102", "sale")])
    assert routing.blocs == ("yrd",)
    assert any("长三角" in r for r in routing.reasons)


def test_hong_kong_is_reported_not_routed() -> None:
    routing = route([("440305", "production"), ("810000", "sale")])
    assert routing.outside_mainland == ("810000",)
    assert routing.notify == ()  # the lead is the only mainland bureau: it notifies no one
    assert routing.level == "county"


@pytest.mark.parametrize(
    ("involvement", "investigating", "message"),
    [
        ([], None, "involvement is empty"),
        ([("350399", "sale")], None, r"involvement\[0\]: region '350399' is not a GB/T 2260 code"),
        ([("350304", "smuggling")], None, "role 'smuggling' is unknown"),
        ([("350304", "sales")], None, "role 'sales' is unknown"),
        ([("350304",)], None, "is not a \\(region code, role\\) pair"),
        ([("100000", "sale")], None, "national root 100000 is not a place"),
        ([("810000", "sale")], None, "no involved region is on the mainland"),
        ([("350304", "sale")], "bureau:810000", "no mainland market-regulation bureau"),
    ],
)
def test_routing_input_errors(involvement: list, investigating: str | None, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        route(involvement, investigating=investigating)


# --- permissions -------------------------------------------------------------------------

PARTIES = Parties(
    case_id="jc-1",
    lead="bureau:350304",
    coordinators=("bureau:350000",),
    participants=("bureau:350304", "bureau:440305"),
)


@pytest.mark.parametrize(
    ("bureau", "role", "action", "allowed"),
    [
        ("350304", "investigator", Action.COORDINATE, True),  # lead
        ("350000", "investigator", Action.COORDINATE, True),  # coordinator
        ("440305", "investigator", Action.COORDINATE, False),  # participant
        ("440305", "investigator", Action.VIEW, True),
        ("440300", "investigator", Action.VIEW, True),  # superior of a participant
        ("440300", "investigator", Action.COORDINATE, False),
        ("350203", "investigator", Action.VIEW, False),  # outsider
        ("350203", "supervisor", Action.COMMENT, False),
        ("350300", "supervisor", Action.SUPERVISE, True),  # above the lead
        ("350300", "investigator", Action.SUPERVISE, False),  # a supervisor's decision
        ("350300", "coordinator", Action.SUPERVISE, False),
        ("440000", "supervisor", Action.SUPERVISE, False),  # above a participant only
        ("100000", "admin", Action.SUPERVISE, True),
        ("350300", "investigator", Action.ORGANISE_JOINT_ACTION, True),
        ("440305", "coordinator", Action.UPDATE_TASK, True),
        ("440305", "investigator", Action.TRANSFER_TO_POLICE, True),
        ("440300", "supervisor", Action.TRANSFER_TO_POLICE, False),
    ],
)
def test_permission_table(bureau: str, role: str, action: Action, allowed: bool) -> None:
    actor = Actor("u1", bureau, role)  # type: ignore[arg-type]
    assert bool(permissions.decide(actor, action, PARTIES)) is allowed


def test_outsider_learns_nothing_about_the_case() -> None:
    outsider = Actor("u1", "bureau:350203")
    decision = permissions.decide(outsider, Action.VIEW, PARTIES)
    assert not decision
    assert "350304" not in decision.reason and "not visible" in decision.reason
    with pytest.raises(PermissionDenied):
        permissions.require(outsider, Action.VIEW, PARTIES)


def test_participants_update_only_their_own_tasks() -> None:
    shenzhen = Actor("u2", "bureau:440305")
    own = permissions.decide(shenzhen, Action.UPDATE_TASK, PARTIES, task_bureau="bureau:440305")
    other = permissions.decide(shenzhen, Action.UPDATE_TASK, PARTIES, task_bureau="bureau:350304")
    assert own and not other
    assert "荔城区" in other.reason


def test_designation_is_decided_by_the_common_superior_only() -> None:
    requesters = ["bureau:350304", "bureau:350302"]
    assert permissions.may_decide_designation(Actor("l", "bureau:350300", "supervisor"), requesters)
    refused = permissions.may_decide_designation(
        Actor("l", "bureau:350000", "supervisor"), requesters
    )
    assert not refused and "莆田市市场监督管理局" in refused.reason
    assert not permissions.may_decide_designation(Actor("i", "bureau:350300"), requesters)


# --- quarters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2026Q1", date(2026, 4, 10)),
        ("2026Q3", date(2026, 10, 10)),
        ("2026-q4", date(2027, 1, 10)),
    ],
)
def test_report_due_date_is_the_10th_of_the_next_quarters_first_month(text: str, due: date) -> None:
    assert periods.report_due_date(text) == due


def test_quarter_period_in_china_standard_time() -> None:
    period = periods.parse_quarter("2026Q3").period()
    assert period.start_ms == periods.cst_ms(2026, 7, 1)
    assert period.end_ms == periods.cst_ms(2026, 10, 1)
    assert periods.quarter_of(periods.cst_ms(2026, 9, 30, 23, 59)).label == "2026Q3"
    assert periods.quarter_of(periods.cst_ms(2026, 10, 1)).label == "2026Q4"


@pytest.mark.parametrize("text", ["2026Q5", "26Q3", "Q3-2026", "", "2026"])
def test_bad_quarters_say_what_is_expected(text: str) -> None:
    with pytest.raises(InvalidInput, match="expected YYYYQn"):
        periods.parse_quarter(text)
