"""Cross-region detection: a trace's or ring's footprint, the joint case it calls for, and
the one decision both ``cluehub analyze`` and ``createJointCaseFromRing`` show.

The rules are table-tested in tests/analysis/test_jurisdiction.py; here they meet analysed graphs.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from cluehub.analysis import CaseParams, find_rings, propose_joint_case, trace_sources
from cluehub.analysis.joint_case import footprint_of, propose
from cluehub.analysis.jurisdiction import ChainRole, Footprint, Level, Place
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.open import open_store
from cluehub.graph.store import GraphStore
from cluehub.settings import load
from tests import CLUEHUB
from tests.support.gql import Hub
from tests.support.world import build_world


def test_one_county_needs_no_joint_case() -> None:
    here = Footprint((Place("350304", ChainRole.PRODUCTION), Place("350304", ChainRole.SALE)))
    assert propose(here) is None
    assert propose(Footprint(())) is None
    assert propose(Footprint((Place("810000", ChainRole.SALE),))) is None  # no mainland bureau


def test_participants_group_the_places_by_region() -> None:
    case = propose(
        Footprint(
            (
                Place("350304", ChainRole.PRODUCTION, "tel:a"),
                Place("330302", ChainRole.LABEL_PRINTING, "tel:b"),
                Place("330106", ChainRole.STORAGE, "addr:c"),
                Place("330106", ChainRole.SALE, "shop:d"),
                Place("330106", ChainRole.SALE, "shop:e"),
            )
        )
    )
    assert case is not None
    assert [(p.region, p.roles, p.keys) for p in case.participants] == [
        ("330106", ("storage", "sale"), ("addr:c", "shop:d", "shop:e")),
        ("330302", ("label_printing",), ("tel:b",)),
        ("350304", ("production",), ("tel:a",)),
    ]
    assert case.jurisdiction.notify == ("330302", "330106")
    json.dumps(case.to_dict(), ensure_ascii=False)  # the CLI prints it


def test_trace_of_the_world_is_a_national_case_led_by_the_workshop_county(
    store: GraphStore,
) -> None:
    world = build_world(store)
    trace = trace_sources(store, world.complaints[world.shops[0].key][0])
    footprint = footprint_of(trace)
    assert footprint.shops == len(trace.shops) and footprint.waybills > 0
    case = propose_joint_case(trace)
    assert case is not None
    decided = case.jurisdiction
    assert decided.level is Level.NATIONAL and decided.report_to_samr
    assert decided.coordinators[:2] == ("100000", "350000")
    assert (decided.lead, decided.lead_role, decided.origin) == ("350304", "production", "350304")
    roles = {p.region: set(p.roles) for p in case.participants}
    assert roles["350304"] == {"production"}
    assert roles["330302"] == {"label_printing"}
    assert "storage" in roles["330106"]
    assert roles["310101"] == {"sale"}
    assert "350304" not in decided.notify
    assert {"330302", "330106", "310101"} <= set(decided.notify)  # storage is notified too


def test_rings_become_cases_at_their_level(store: GraphStore) -> None:
    world = build_world(store, ring_b=True)
    rings = {r.id: r for r in find_rings(store)}
    ring_b = next(r for r in rings.values() if world.ring_b["workshop"].phone in r.members)  # type: ignore[union-attr]
    case_b = propose_joint_case(ring_b)
    assert case_b is not None
    decided = case_b.jurisdiction
    assert (decided.level, decided.coordinators, decided.lead) == (
        "province",
        ("440000",),
        "441900",
    )
    ring_a = next(r for r in rings.values() if world.workshop.phone in r.members)
    case_a = propose_joint_case(ring_a)
    assert case_a is not None and case_a.jurisdiction.level == "national"
    assert case_a.jurisdiction.lead == "350304"
    strict = propose_joint_case(ring_b, CaseParams(major_shops=1))
    assert strict is not None and strict.jurisdiction.major  # thresholds are params


# --- done when: analyze and createJointCaseFromRing agree on every demo ring ----------------

FROM_RING = """mutation($ring: ID!) { createJointCaseFromRing(ringId: $ring) {
  lead { code } coordinators { code } notify { code } participants { code } major
  coordinationLevel routingReasons } }"""


def _bureaus(codes: list[str], lead: str) -> list[str]:
    return [c for c in codes if c != lead]  # a case lists its lead apart from coordinators


@pytest.mark.slow  # ~1-2 min: the demo world through the CLI, then one case per ring
def test_analyze_and_create_joint_case_from_ring_agree_on_every_demo_ring(tmp_path: Path) -> None:
    data_dir = tmp_path / "hub"

    def run(*args: str) -> str:
        done = subprocess.run(
            [CLUEHUB, *args, "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    try:
        run("demo", "--size", "small", "--seed", "7")
        analyzed = json.loads(run("analyze", "--json"))
        proposals = [(a["ring"], a["proposed_case"]) for a in analyzed if a["proposed_case"]]
        assert len(proposals) >= 3, "the small demo world plants 3 cross-region rings"
        settings = load(data_dir=data_dir)
        store = open_store(settings.store_config())
        try:
            hub = Hub(settings, store)
            for ring, proposed in proposals:
                decided = proposed["jurisdiction"]
                case = hub.ok("100000", "coordinator", FROM_RING, ring=ring["id"])
                case = case["createJointCaseFromRing"]
                lead = case["lead"]["code"]
                assert lead == decided["lead"], ring["id"]
                coordinators = [b["code"] for b in case["coordinators"]]
                assert coordinators == _bureaus(decided["coordinators"], lead), ring["id"]
                assert [b["code"] for b in case["notify"]] == decided["notify"], ring["id"]
                assert case["major"] is decided["major"], ring["id"]
                assert case["coordinationLevel"] == decided["level"].upper(), ring["id"]
                assert [b["code"] for b in case["participants"]] == decided["participants"]
                assert case["routingReasons"][: len(decided["reasons"])] == decided["reasons"]
        finally:
            store.close()
    finally:
        EmbeddedServer(data_dir.resolve()).shutdown()
