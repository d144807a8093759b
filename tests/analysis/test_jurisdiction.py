"""The one jurisdiction engine (``analysis.jurisdiction.decide``), table-driven from the seeds.

Each row cites the seed section that gives the answer (the seeds win over DOMAIN.md):

- 003 §3.1 "对于跨市、县的案件线索，由省、市市场监管部门协调查处；对于跨省（区、市）的案件
  线索，由相关省级市场监管部门协调办理，重大跨省（区、市）案件线索可上报市场监管总局协调
  处理或提请挂牌督办";
- 003 §3.4 "属地市场监管部门在查处违法行为过程中，及时将涉案商品的生产、销售及商标标识印制
  等情况通报相关地方市场监管部门";
- 004 §4.1 "市、县级市场监管部门要发挥执法办案主力军作用" (city and county bureaus handle
  cases; provinces coordinate);
- 004 §4.2 "查办个案要深挖生产源头和销售网络，发现违法行为涉及外地的，要将有关情况及时通报
  涉案地市场监管部门 … 对于重大跨区域案件，上级市场监管部门要统一组织执法行动，协调开展
  '集群作战' … 重大跨省域线索上报总局协调处置".
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from cluehub.analysis.jurisdiction import (
    CaseFacts,
    ChainRole,
    Footprint,
    JurisdictionError,
    Level,
    Place,
    decide,
    seat,
)
from cluehub.analysis.params import CaseParams

P, L, S, SALE, REG = (
    ChainRole.PRODUCTION,
    ChainRole.LABEL_PRINTING,
    ChainRole.STORAGE,
    ChainRole.SALE,
    ChainRole.REGISTRATION,
)
# 11 counties of Fujian over 9 cities: one province, many places.
FUJIAN_11 = (
    "350102", "350103", "350104", "350203", "350205", "350302",
    "350503", "350583", "350602", "350702", "350802",
)  # fmt: skip


def fp(*places: tuple[str, ChainRole], shops: int = 0, waybills: int = 0, **facts) -> Footprint:
    return Footprint(
        tuple(Place(r, role) for r, role in places), shops, waybills, CaseFacts(**facts)
    )


TABLE = [
    # id, footprint, level, coordinators, lead, notify, major, report_to_samr
    pytest.param(
        # 003 §3.1 (a contrario) and 属地管辖: nothing crosses a border, the county handles it.
        fp(("350304", P), ("350304", SALE)),
        Level.COUNTY, ("350304",), "350304", (), False, False,
        id="within-one-county",
    ),
    pytest.param(
        # 003 §3.1 跨县 → the city bureau coordinates; 004 §4.1 the county handles (主办);
        # 003 §3.4 the sale's county is notified.
        fp(("350302", SALE), ("350304", P)),
        Level.CITY, ("350300",), "350304", ("350302",), False, False,
        id="counties-of-one-city",
    ),
    pytest.param(
        # 003 §3.1 跨市 → the province bureau; 003 §3.4 / 004 §4.2 storage and sale notified.
        fp(("350203", SALE), ("350304", L), ("350583", S)),
        Level.PROVINCE, ("350000",), "350304", ("350583", "350203"), False, False,
        id="cities-of-one-province",
    ),
    pytest.param(
        # 003 §3.1: Beijing's districts have no city bureau (市辖区): the municipality coordinates.
        fp(("110101", SALE), ("110105", P)),
        Level.PROVINCE, ("110000",), "110105", ("110101",), False, False,
        id="districts-of-a-municipality",
    ),
    pytest.param(
        # 003 §3.1 跨省 → the provincial bureaus involved, the lead's province first.
        fp(("440111", SALE), ("350304", P)),
        Level.INTER_PROVINCIAL, ("350000", "440000"), "350304", ("440111",), False, False,
        id="across-provinces",
    ),
    pytest.param(
        # The chain the two former engines disagreed on. 3 provinces is major: 003 §3.1 重大
        # 跨省 → SAMR with the provinces; lead is the production county's bureau (004 §4.1,
        # §4.2 源头), not 350000 (provinces coordinate, they do not 主办); 003 §3.4 / 004 §4.2
        # 涉案地: the storage county 330782 is notified too.
        fp(("350304", P), ("330782", S), ("440111", SALE)),
        Level.NATIONAL, ("100000", "350000", "330000", "440000"), "350304",
        ("330782", "440111"), True, True,
        id="disagreeing-chain-major-cross-province",
    ),
    pytest.param(
        # 003 §3.1 重大跨省 by the amount involved (涉案金额): SAMR may coordinate or list it.
        fp(("350304", P), ("440305", SALE), amount_yuan=2_500_000),
        Level.NATIONAL, ("100000", "350000", "440000"), "350304", ("440305",), True, True,
        id="major-cross-province-by-amount",
    ),
    pytest.param(
        # 003 §3.1 重大跨省 by the number of shops selling.
        fp(("350304", P), ("330106", SALE), shops=25),
        Level.NATIONAL, ("100000", "350000", "330000"), "350304", ("330106",), True, True,
        id="major-cross-province-by-shops",
    ),
    pytest.param(
        # The other disagreement: one province, 11 counties. 004 §4.2 "重大跨区域案件" is not
        # only cross-province: 11 places is major, the province organises 集群作战; only a
        # major *cross-province* clue goes to SAMR (003 §3.1), so not reported.
        fp(("350102", P), *((c, SALE) for c in FUJIAN_11[1:])),
        Level.PROVINCE, ("350000",), "350102", FUJIAN_11[1:], True, False,
        id="one-province-eleven-counties-major-not-samr",
    ),
    pytest.param(
        # 004 §4.2: many parcels make a major case; inside one province it stays provincial.
        fp(("350304", P), ("350102", SALE), waybills=5_000),
        Level.PROVINCE, ("350000",), "350304", ("350102",), True, False,
        id="major-inside-one-province-stays-provincial",
    ),
    pytest.param(
        # 004 §4.2 源头: production leads wherever it is listed.
        fp(("330106", SALE), ("440306", S), ("350304", P)),
        Level.NATIONAL, ("100000", "350000", "330000", "440000"), "350304",
        ("440306", "330106"), True, True,
        id="production-leads-when-listed-last",
    ),
    pytest.param(
        # Without production, label printing (商标标识印制, 003 §3.2) is the nearest source.
        fp(("330106", SALE), ("330302", L)),
        Level.PROVINCE, ("330000",), "330302", ("330106",), False, False,
        id="label-printing-leads-without-production",
    ),
    pytest.param(
        # A city with no counties (东莞) is its own seat; the province coordinates.
        fp(("441900", P), ("440111", SALE)),
        Level.PROVINCE, ("440000",), "441900", ("440111",), False, False,
        id="city-without-counties",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("footprint", "level", "coordinators", "lead", "notify", "major", "samr"), TABLE
)
def test_jurisdiction_table(
    footprint: Footprint,
    level: Level,
    coordinators: tuple[str, ...],
    lead: str,
    notify: tuple[str, ...],
    major: bool,
    samr: bool,
) -> None:
    decided = decide(footprint)
    assert decided.level is level
    assert decided.coordinators == coordinators
    assert decided.coordinator == coordinators[0]
    assert decided.lead == lead and decided.participants[0] == lead
    assert decided.notify == notify
    assert decided.major is major and decided.report_to_samr is samr
    assert decided.cross_region is (level is not Level.COUNTY)
    assert decided.reasons, "every decision explains itself"
    assert any("主办" in r and lead in r for r in decided.reasons)
    assert all(any("通报" in r and code in r for r in decided.reasons) for code in notify)
    if samr:
        assert any("SAMR" in r and "挂牌督办" in r for r in decided.reasons)
    elif major and decided.cross_region:
        assert any("集群作战" in r for r in decided.reasons)


def test_notify_every_region_of_production_labels_storage_and_sale() -> None:
    # 003 §3.4 / 004 §4.2: the investigating bureau (here the sale's, which found it) tells
    # every other place of the chain; a company's registration region is no place of it.
    decided = decide(
        fp(("350304", P), ("330302", L), ("330106", S), ("310101", SALE), ("440303", REG)),
        investigating="310101",
    )
    assert decided.lead == "350304"
    assert decided.notify == ("350304", "330302", "330106")
    assert set(decided.participants) == {"350304", "330302", "330106", "310101", "440303"}
    assert any("not notified for registration" in r for r in decided.reasons)


def test_the_investigating_bureau_does_not_notify_its_own_territory() -> None:
    chain = fp(("350304", P), ("350203", SALE), ("440111", SALE))
    assert decide(chain).notify == ("350203", "440111")  # the lead sends
    assert decide(chain, investigating="350000").notify == ("440111",)  # Fujian's own
    assert decide(chain, investigating="440111").notify == ("350304", "350203")


def test_ties_go_to_the_place_listed_first() -> None:
    # Analysis lists its best-scoring source first; that one leads.
    assert decide(fp(("350583", P), ("350304", P), ("440111", SALE))).lead == "350583"
    assert decide(fp(("350304", P), ("350583", P), ("440111", SALE))).lead == "350304"


@pytest.mark.parametrize(
    ("change", "major"),
    [
        ({}, False),
        ({"params": CaseParams(major_provinces=2)}, True),
        ({"facts": CaseFacts(declared_major=True)}, True),
        ({"facts": CaseFacts(amount_yuan=999_999)}, False),
        ({"waybills": 500}, True),
        ({"shops": 19}, False),
    ],
)
def test_major_thresholds_are_one_params_object(change: dict, major: bool) -> None:
    chain = fp(("350304", P), ("440305", SALE))
    params = change.pop("params", CaseParams())
    decided = decide(replace(chain, **change), params)
    assert decided.major is major
    assert decided.level is (Level.NATIONAL if major else Level.INTER_PROVINCIAL)


def test_hong_kong_is_reported_not_routed() -> None:
    decided = decide(fp(("440305", P), ("810000", SALE)))
    assert decided.outside_mainland == ("810000",)
    assert (decided.level, decided.notify, decided.cross_region) == (Level.COUNTY, (), False)
    assert any("区域协同" in r for r in decided.reasons)


def test_seats_and_errors() -> None:
    assert seat("110100") == "110000" and seat("350304") == "350304"
    with pytest.raises(JurisdictionError, match="no place"):
        decide(Footprint(()))
    with pytest.raises(JurisdictionError, match="on the mainland"):
        decide(fp(("810000", SALE)))
    with pytest.raises(JurisdictionError, match="place 1: region '350399'"):
        decide(fp(("350304", P), ("350399", SALE)))
