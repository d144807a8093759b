"""Source tracing on the hand-built world: the workshop is found, the hub is not."""

from __future__ import annotations

import pytest

from cluehub.analysis import AnalysisError, TraceParams, trace_sources
from cluehub.analysis.results import Trace
from cluehub.graph.store import GraphStore
from tests.support.world import World, build_world


@pytest.fixture
def world(store: GraphStore) -> World:
    return build_world(store)


def _trace_from_complaint(store: GraphStore, world: World, **kwargs: object) -> Trace:
    complaint = world.complaints[world.shops[0].key][0]
    return trace_sources(store, complaint, **kwargs)  # type: ignore[arg-type]


def test_workshop_is_the_top_source_of_a_complained_shop(store: GraphStore, world: World) -> None:
    trace = _trace_from_complaint(store, world)
    top = trace.candidates[0]
    assert top.role == "workshop"
    assert set(top.members) == world.workshop.keys
    assert top.regions == ("350304",)
    assert top.facts.depth == 2  # shop <- warehouse <- workshop
    roles = {c.key: c.role for c in trace.candidates}
    assert roles[world.warehouse_hz.phone] == "warehouse"
    assert roles[world.label_printer.phone] == "label_printer"
    assert roles[world.workshop_company] == "company"
    company = next(c for c in trace.candidates if c.key == world.workshop_company)
    assert company.behind == (top.key,)


def test_hub_and_legitimate_merchant_do_not_rank_as_sources(
    store: GraphStore, world: World
) -> None:
    trace = _trace_from_complaint(store, world)
    top5 = [k for c in trace.candidates[:5] for k in (c.key, *c.members)]
    assert world.hub not in top5
    assert all(world.hub not in c.members for c in trace.candidates)
    assert [h.key for h in trace.hubs] == [world.hub]
    assert trace.hubs[0].partners >= TraceParams().hub.min_partners
    merchant = next(c for c in trace.candidates if c.key == world.merchant.phone)
    assert merchant.role == "sender"
    assert merchant.facts.trade_share < 0.05  # it ships to consumers, not to the chain
    assert merchant.score < 0.3 * trace.candidates[0].score


def test_scores_are_explained_by_their_components(store: GraphStore, world: World) -> None:
    trace = _trace_from_complaint(store, world)
    weights = TraceParams().weights
    for c in trace.candidates:
        if c.role == "company":
            continue
        parts = c.components
        base = (
            weights.volume * parts.volume
            + weights.reach * parts.reach
            + weights.concentration * parts.concentration
            + weights.shared * parts.shared
            + weights.recency * parts.recency
            + weights.flagged * parts.flagged
        )
        assert c.score == pytest.approx(
            parts.role_weight * (1 - parts.hub_penalty) * base, abs=1e-3
        )
    workshop = trace.candidates[0]
    assert workshop.facts.shops_reached == 10  # the 杭州 warehouse's shops
    assert workshop.facts.flagged_shops == 8  # shops A0..A7 have complaints
    assert workshop.facts.waybills == 60
    assert trace.candidates == tuple(sorted(trace.candidates, key=lambda c: (-c.score, c.key)))


def test_evidence_paths_are_real_paths_with_record_refs(store: GraphStore, world: World) -> None:
    trace = _trace_from_complaint(store, world)
    for candidate in trace.candidates[:4]:
        assert candidate.paths, candidate.key
        for path in candidate.paths:
            assert path.nodes[0] in (*candidate.members, candidate.key)
            assert path.nodes[-1] == trace.start
            assert len(path.hops) == len(path.nodes) - 1
            for hop, a, b in zip(path.hops, path.nodes[:-1], path.nodes[1:], strict=True):
                assert (hop.from_key, hop.to_key) == (a, b)
                src, dst = (a, b) if hop.direction == "out" else (b, a)
                stored = [
                    e
                    for e in store.subgraph([src, dst]).edges
                    if (e.src, e.type, e.dst) == (src, hop.rel, dst)
                ]
                assert stored, f"{src} -{hop.rel}-> {dst} is not in the graph"
                assert hop.sources and set(hop.sources) == set(stored[0].props["sources"])
                assert hop.first_seen == stored[0].props["first_seen"]
    workshop_path = trace.candidates[0].paths[0]
    assert [h.rel for h in workshop_path.hops][-1] == "MENTIONS"
    assert any(
        world.warehouse_hz.phone in p.nodes or world.warehouse_hz.address in p.nodes
        for p in trace.candidates[0].paths
    )


def test_trace_reads_a_bounded_number_of_round_trips(store: GraphStore, world: World) -> None:
    params = TraceParams()
    trace = _trace_from_complaint(store, world, params=params)
    assert trace.round_trips <= params.max_depth + 5
    assert trace.waybills_read < world.waybills / 2


def test_trace_from_a_shop_a_waybill_and_a_phone(store: GraphStore, world: World) -> None:
    from_shop = trace_sources(store, world.shops[12].key)  # served by the 广州 warehouse
    assert from_shop.candidates[0].role == "workshop"
    assert set(from_shop.candidates[0].members) == world.workshop.keys
    assert any(
        c.key == world.warehouse_gz.phone and c.role == "warehouse" for c in from_shop.candidates
    )
    parcel = store.neighbourhood(world.shops[3].return_address, 1, types=["DELIVERED_TO"])
    waybill = next(k for k in parcel.nodes if k.startswith("waybill:"))
    from_waybill = trace_sources(store, waybill)
    assert {world.workshop.phone, world.warehouse_hz.phone} <= {
        c.key for c in from_waybill.candidates
    }
    from_phone = trace_sources(store, world.shops[3].phone)
    assert from_phone.candidates[0].key == world.workshop.phone


def test_scope_hides_nodes_outside_the_viewers_region(store: GraphStore, world: World) -> None:
    national = _trace_from_complaint(store, world)
    assert national.candidates
    shanghai = _trace_from_complaint(store, world, scope="310000")
    keys = {shanghai.start}
    for c in shanghai.candidates:
        keys |= {c.key, *c.members, *c.companies}
        keys |= {n for p in c.paths for n in p.nodes}
    keys |= {h.key for h in shanghai.hubs} | {s.key for s in shanghai.shops}
    nodes = store.get_many(keys)
    assert all("310000" in nodes[k].props["regions"] for k in keys)
    assert world.workshop.phone not in keys  # the workshop sits in 福建
    with pytest.raises(AnalysisError, match="not visible in region 330000"):
        _trace_from_complaint(store, world, scope="330000")


def test_unknown_start_says_what_to_start_from(store: GraphStore, world: World) -> None:
    with pytest.raises(AnalysisError, match="start from a complaint"):
        trace_sources(store, "complaint:12315:nope")


def test_trace_to_dict_is_plain_data(store: GraphStore, world: World) -> None:
    data = _trace_from_complaint(store, world).to_dict()
    top = data["candidates"][0]
    assert top["role"] == "workshop"
    assert top["components"]["concentration"] == 1.0
    assert top["paths"][0]["hops"][0]["sources"]
