"""Source tracing and ring detection measured against a demo world's ground truth.

The small demo world (seed 7) is generated and loaded through the real intake path into
the embedded store; every complaint that the generator aimed at a ring is traced and
the planted workshop must rank in the top 3, while no shared logistics hub (express
outlet, sorting centre) may. Ring detection is compared with the planted rings.
"""

from __future__ import annotations

from collections import Counter

import pytest

from cluehub.analysis import find_rings, propose_joint_case, trace_sources
from cluehub.demo.truth import GroundTruth
from cluehub.graph.falkordb_store import FalkorDBStore
from tests.conftest import DemoWorld

pytestmark = pytest.mark.slow  # loads whole demo worlds


@pytest.fixture
def demo(
    small_demo: FalkorDBStore, small_demo_world: DemoWorld
) -> tuple[FalkorDBStore, GroundTruth]:
    return small_demo, small_demo_world.truth


def test_tracing_finds_planted_workshops_and_rings_keep_rings_apart(
    demo: tuple[FalkorDBStore, GroundTruth],
) -> None:
    store, truth = demo
    hubs = truth.hub_keys()
    assert truth.complaints and hubs
    hits, firsts, hub_hits, misses = 0, 0, 0, []
    for case in truth.complaints:
        trace = trace_sources(store, case.complaint)
        top = trace.candidates[:3]
        hit = any(c.key in case.workshop for c in top)
        hits += hit
        firsts += bool(top) and top[0].key in case.workshop
        hub_hits += any(c.key in hubs or set(c.members) & hubs for c in top)
        if not hit:
            misses.append(case.complaint)
        assert not {h.key for h in trace.hubs} & set().union(*(c.members for c in top))
    # Seed 7 reaches 77/77 at the time of writing; 0.95 leaves room for one or two
    # complaints of a changed generator, not for a regression to the former 70%.
    assert hits / len(truth.complaints) >= 0.95, misses
    assert firsts / len(truth.complaints) >= 0.9  # 75/77 ranked first at the time of writing
    assert hub_hits == 0

    label = {key: ring.id for ring in truth.rings for key in ring.all_keys()}
    rings = find_rings(store)
    # Purity: the planted members a found ring holds all come from one planted ring.
    held = [Counter(label[m] for m in r.members if m in label) for r in rings]
    planted = sum(sum(c.values()) for c in held)
    purity = sum(max(c.values()) for c in held if c) / planted
    assert purity >= 0.9
    # Every planted workshop is in a found ring, with shops of its own ring beside it, and
    # that ring's proposed joint case is led from the production county (seed 7: all 3).
    for ring in truth.rings:
        found = [r for r in rings if set(ring.workshop) & set(r.members)]
        assert found, f"{ring.id}: workshop in no ring"
        assert any(set(ring.shops) & set(r.members) for r in found), ring.id
        best = max(found, key=lambda r: len(set(ring.all_keys()) & set(r.members)))
        case = propose_joint_case(best)
        assert case is not None and case.jurisdiction.origin == ring.lead_region, ring.id
        assert case.jurisdiction.lead == ring.lead_region  # the county bureau leads (主办)
