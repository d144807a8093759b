"""Risk lists on the hand-built world: who is listed, and why."""

from __future__ import annotations

import pytest

from cluehub.analysis import RiskParams, find_rings, risk_lists
from cluehub.analysis.risk import episodes
from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from tests.support.world import DAY, T0, World, build_world

NOW = T0 + 400 * DAY


@pytest.fixture
def world(store: GraphStore) -> World:
    return build_world(store, ring_b=True)


def test_episodes_split_on_quiet_gaps() -> None:
    assert episodes([], DAY) == 0
    assert episodes([0, DAY, 2 * DAY], DAY) == 1
    assert episodes([0, 10 * DAY, 11 * DAY, 30 * DAY], 5 * DAY) == 3


def test_shops_with_repeated_complaints_are_listed_with_reasons(
    store: GraphStore, world: World
) -> None:
    lists = risk_lists(store, NOW)
    enterprises = {e.key: e for e in lists.enterprises}
    first, second = world.shops[0].key, world.shops[1].key
    assert enterprises[first].counts["clues"] == 3
    assert any(r.startswith("3 complaints/clues since") for r in enterprises[first].reasons)
    assert any(r.startswith("member of ring ring:") for r in enterprises[first].reasons)
    seller = world.shops[0].seller
    assert {e.key for e in lists.enterprises[:2]} == {first, seller}  # most clues, in a ring
    assert enterprises[second].counts["clues"] == 2
    assert enterprises[seller].counts["clues"] == 3  # a shop's clues count for its operator
    assert any(first in r for r in enterprises[seller].reasons)
    repeat = {e.key: e for e in lists.repeat_infringers}
    assert repeat[first].counts["episodes"] == 3 and repeat[second].counts["episodes"] == 2
    assert world.shops[2].key not in repeat  # one complaint is no repetition
    assert world.merchant_company not in enterprises


def test_closed_cases_mark_repeat_infringement(store: GraphStore, world: World) -> None:
    second = world.shops[1].key
    lists = risk_lists(store, NOW, closed_cases={second: T0 + 100 * DAY})
    entry = next(e for e in lists.repeat_infringers if e.key == second)
    assert entry.counts["clues_after_close"] == 1
    assert any("new clues after its case closed on" in r for r in entry.reasons)
    enterprise = next(e for e in lists.enterprises if e.key == second)
    assert (
        enterprise.score
        > next(e for e in risk_lists(store, NOW).enterprises if e.key == second).score
    )


def test_products_and_markets(store: GraphStore, world: World) -> None:
    rings = find_rings(store)
    lists = risk_lists(store, NOW, rings=rings)
    nike = lists.products[0]
    assert nike.key == "brand:nike"
    assert nike.counts == {"clues": 14, "rings": 2}
    assert lists.markets == ()  # no Market nodes in this world yet


def test_key_markets_are_market_nodes_by_clues_and_cases(store: GraphStore, world: World) -> None:
    # Shop A0's return address is a stall of a market; its 3 complaints count for it. A
    # second market has no clues but two joint cases with tasks there, and one clue.
    market = ids.MARKET.key(ids.MARKET.clean("七浦路服装市场", region="310101"))
    quiet = ids.MARKET.key(ids.MARKET.clean("城隍庙小商品市场", region="310101"))
    batch = Batch()
    for key in (market, quiet):
        batch.node(key, T0, "market/310101", region="310101", name=key.rsplit("/", 1)[-1])
    batch.rel(world.shops[0].return_address, "IN_MARKET", market, T0, "market/310101")
    complaint = ids.COMPLAINT.key_of("12315:mk-1")
    batch.node(complaint, T0 + 10 * DAY, "12315/mk-1", region="310101", text="城隍庙售假")
    batch.rel(complaint, "AT_MARKET", quiet, T0 + 10 * DAY, "12315/mk-1")
    store.write(batch)
    cases = {quiet: {"jc-1", "jc-2"}, market: {"jc-1"}}
    lists = risk_lists(store, NOW, rings=[], case_markets=cases)
    found = {m.key: m for m in lists.markets}
    assert found[market].counts == {"clues": 3, "cases": 1}
    assert found[quiet].counts == {"clues": 1, "cases": 2}
    assert found[market].kind == "Market" and "3 complaints/clues" in found[market].reasons[0]
    assert [m.key for m in lists.markets] == [market, quiet]  # both 5 (3 + 2×1, 1 + 2×2): by key
    # Without the cases the quiet market has one clue: under the threshold of three.
    assert [m.key for m in risk_lists(store, NOW, rings=[]).markets] == [market]
    # The three-year window: past it, the clues no longer count.
    assert risk_lists(store, T0 + (3 * 365 + 400) * DAY, rings=[]).markets == ()
    # A bureau outside the market's region does not see it.
    assert risk_lists(store, NOW, RiskParams(scope="320000"), rings=[]).markets == ()


def test_the_window_and_the_scope_filter(store: GraphStore, world: World) -> None:
    later = risk_lists(store, T0 + (3 * 365 + 100) * DAY, rings=[])
    assert {e.key for e in later.enterprises} == {world.shops[0].key, world.shops[0].seller}
    shanghai = risk_lists(store, NOW, RiskParams(scope="310000"), rings=[])
    keys = {e.key for e in shanghai.enterprises}
    assert world.shops[0].key in keys
    assert world.shops[1].key not in keys  # 江苏
