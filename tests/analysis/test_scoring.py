"""The pure core of tracing: hubs, parties, roles and scores on hand-built parcels."""

from __future__ import annotations

import itertools

import pytest

from cluehub.analysis.params import HubParams, RoleParams, ScoreWeights
from cluehub.analysis.places import leaf_regions, spread
from cluehub.analysis.scoring import ChainInput, rank_sources
from cluehub.analysis.shipments import End, Shipment, ShipmentGraph, group_parties

_numbers = itertools.count(1)
DAY = 86_400_000


def tel(n: int) -> str:
    return f"tel:+86139{n:08d}"


def addr(name: str) -> str:
    return f"addr:{name}"


def parcel(sender: tuple[str, ...], receiver: tuple[str, ...], contents: str = "鞋", at: int = 0):
    ends = [End("SENT_BY" if k.startswith(("tel", "person")) else "SENT_FROM", k) for k in sender]
    ends += [
        End("RECEIVED_BY" if k.startswith(("tel", "person")) else "DELIVERED_TO", k)
        for k in receiver
    ]
    return Shipment(f"waybill:SF:SF{next(_numbers):013d}", tuple(ends), contents, at, at)


def record(graph: ShipmentGraph, shipments: list[Shipment]) -> None:
    """Every party is probed with everything it is on (a complete read)."""
    parties = {e.key for s in shipments for e in s.ends}
    for key in parties:
        sent = [s for s in shipments if key in s.senders]
        received = [s for s in shipments if key in s.receivers]
        graph.record_probe(key, "sent", len(sent), sent)
        graph.record_probe(key, "received", len(received), received)


def test_a_hub_stands_beside_many_parties_a_workshop_beside_one() -> None:
    graph = ShipmentGraph()
    outlet = addr("驿站")
    people = [parcel((tel(i), outlet), (tel(100 + i), addr(f"家{i}"))) for i in range(30)]
    workshop = [parcel((tel(500), addr("工厂")), (tel(600), addr("仓库"))) for _ in range(30)]
    record(graph, people + workshop)
    params = HubParams(min_partners=25, max_degree=1_000)
    assert "30 distinct parties" in (graph.hub_reason(outlet, params) or "")
    assert graph.hub_reason(tel(500), params) is None
    assert graph.hub_reason(addr("工厂"), params) is None
    assert "more than 10" in (graph.hub_reason(tel(500), HubParams(max_degree=10)) or "")
    named = [parcel((f"person:rec{i}/张三", addr("工厂2")), (tel(700),)) for i in range(30)]
    record(graph, named)  # names scoped to one record are not partners
    assert graph.hub_reason(addr("工厂2"), params) is None


def test_parties_are_never_joined_through_a_hub() -> None:
    outlet = addr("驿站")
    shipments = [
        parcel((tel(1), addr("甲")), (tel(9),)),
        parcel((tel(1), outlet), (tel(9),)),
        parcel((tel(2), outlet), (tel(9),)),
    ]
    parties = group_parties(shipments, {outlet}, {})
    assert parties.group_of[tel(1)] == parties.group_of[addr("甲")]
    assert parties.group_of[tel(1)] != parties.group_of[tel(2)]
    assert outlet not in parties.group_of
    assert parties.group_of[tel(1)] == tel(1)  # a phone names its group
    joined_only_if_known = group_parties(shipments[:1], set(), {}, joinable={tel(1)})
    assert joined_only_if_known.group_of[addr("甲")] == addr("甲")


def _chain() -> tuple[ShipmentGraph, dict[str, tuple[str, str]]]:
    """printer -> workshop -> warehouse -> shop; merchant -> consumers and once -> shop;
    a fabric mill -> workshop."""
    p = {
        "printer": (tel(1), addr("印刷厂")),
        "workshop": (tel(2), addr("工厂")),
        "warehouse": (tel(3), addr("仓库")),
        "shop": (tel(4), addr("退货地址")),
        "merchant": (tel(5), addr("商贸公司")),
        "mill": (tel(6), addr("面料厂")),
    }
    now = 1_000 * DAY
    s = [parcel(p["printer"], p["workshop"], "鞋标签", now) for _ in range(5)]
    s += [parcel(p["mill"], p["workshop"], "面料", now) for _ in range(5)]
    s += [parcel(p["workshop"], p["warehouse"], "运动鞋", now) for _ in range(40)]
    s += [parcel(p["warehouse"], p["shop"], "运动鞋", now) for _ in range(10)]
    s += [parcel(p["merchant"], (tel(1000 + i),), "日用品", now) for i in range(100)]
    s += [parcel(p["merchant"], p["shop"], "日用品", now)]
    graph = ShipmentGraph()
    record(graph, s)
    return graph, p


def _rank(graph: ShipmentGraph, p: dict, **extra: object):
    parties = group_parties(graph.shipments.values(), set(), {})
    shop = parties.group_of[p["shop"][0]]
    data = ChainInput(
        graph=graph,
        parties=parties,
        hubs={},
        targets=frozenset({shop}),
        shops_of={p["shop"][1]: frozenset({"shop:taobao:1"})},
        shop_complaints={"shop:taobao:1": 2},
        **extra,  # type: ignore[arg-type]
    )
    ranked = rank_sources(data, weights=ScoreWeights(), roles=RoleParams(), hub=HubParams())
    return {c.key: c for c in ranked}, ranked


def test_roles_follow_what_moves_along_the_chain() -> None:
    graph, p = _chain()
    by_key, ranked = _rank(graph, p)
    assert by_key[tel(2)].role == "workshop"  # fabric in, labels in, goods out
    assert by_key[tel(1)].role == "label_printer"
    assert by_key[tel(3)].role == "warehouse"
    assert by_key[tel(5)].role == "sender"
    assert by_key[tel(6)].role == "sender"  # the mill supplies, it does not make a warehouse
    assert ranked[0].key == tel(2)
    assert by_key[tel(2)].facts.depth == 0 and by_key[tel(2)].facts.shops_reached == 1


def test_the_merchant_scores_low_for_its_consumer_parcels() -> None:
    graph, p = _chain()
    by_key, _ = _rank(graph, p)
    merchant, workshop = by_key[tel(5)], by_key[tel(2)]
    assert merchant.facts.sent_total > workshop.facts.sent_total  # busier ...
    assert merchant.components.concentration == pytest.approx(1 / 101, abs=1e-3)
    assert merchant.score < workshop.score / 3  # ... but not a source


def test_shared_identifiers_and_recency_count() -> None:
    graph, p = _chain()
    base, _ = _rank(graph, p)
    shared, _ = _rank(graph, p, start_identities=frozenset({tel(3)}))
    assert shared[tel(3)].components.shared == 1.0
    assert shared[tel(3)].facts.shared_identifiers == (tel(3),)
    assert shared[tel(3)].score > base[tel(3)].score
    late, _ = _rank(graph, p, now_ms=1_180 * DAY)  # half a year after the last parcel
    assert late[tel(2)].components.recency == pytest.approx(0.5, abs=0.01)


def test_regions_leaves_and_spread() -> None:
    assert leaf_regions(["350304", "350300", "350000", "330106", "330100"]) == (
        "330106",
        "350304",
    )
    assert leaf_regions(["999999", "100000"]) == ()
    found = spread([["350304", "350300", "350000"], ["350303"], ["330106"]])
    assert found.provinces == (("350000", 2), ("330000", 1))
    assert ("350300", 2) in found.cities
    assert len(found.counties) == 3
