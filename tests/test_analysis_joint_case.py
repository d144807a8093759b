"""Cross-region detection: which level coordinates, who leads, who is notified."""

from __future__ import annotations

import pytest

from cluehub.analysis import CaseParams, find_rings, propose_joint_case, trace_sources
from cluehub.analysis.joint_case import Footprint, Place, propose
from cluehub.graph import regions
from cluehub.graph.store import GraphStore

from .test_analysis_world import build_world


def fp(*places: tuple[str, str], shops: int = 1, waybills: int = 10) -> Footprint:
    return Footprint(
        tuple(Place(r, role, f"k{i}") for i, (r, role) in enumerate(places)),  # type: ignore[arg-type]
        shops,
        waybills,
    )


CASES = [
    # (footprint, level, coordinators, lead, origin, supervise)
    ("one county", fp(("350304", "production"), ("350304", "sales")), None, None, None, None, None),
    (
        "counties of one city",
        fp(("350304", "production"), ("350302", "sales")),
        "city", ("350300",), "350300", "350304", False,
    ),
    (
        "cities of one province",
        fp(("350304", "production"), ("350102", "storage"), ("350203", "sales")),
        "province", ("350000",), "350000", "350304", False,
    ),
    (
        "two provinces",
        fp(("350304", "production"), ("330106", "sales")),
        "inter_provincial", ("330000", "350000"), "350000", "350304", False,
    ),
    (
        "three provinces are major",
        fp(("350304", "production"), ("330106", "storage"), ("310101", "sales")),
        "national", ("100000",), "350000", "350304", True,
    ),
    (
        "two provinces, many shops",
        fp(("350304", "production"), ("330106", "sales"), shops=25),
        "national", ("100000",), "350000", "350304", True,
    ),
    (
        "many parcels in one province stay provincial",
        fp(("350304", "production"), ("350102", "sales"), waybills=5_000),
        "province", ("350000",), "350000", "350304", False,
    ),
    (
        "production leads even when listed last",
        fp(("330106", "sales"), ("440306", "storage"), ("350304", "production")),
        "national", ("100000",), "350000", "350304", True,
    ),
    (
        "without production, label printing leads",
        fp(("330106", "sales"), ("330302", "label_printing")),
        "province", ("330000",), "330000", "330302", False,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("footprint", "level", "coordinators", "lead", "origin", "supervise"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_coordination_rules(
    footprint: Footprint,
    level: str | None,
    coordinators: tuple[str, ...] | None,
    lead: str | None,
    origin: str | None,
    supervise: bool | None,
) -> None:
    case = propose(footprint)
    if level is None:
        assert case is None
        return
    assert case is not None
    assert (case.level, case.coordinators, case.lead_region, case.origin_region) == (
        level,
        coordinators,
        lead,
        origin,
    )
    assert case.supervise is supervise and case.major is supervise
    assert all(not regions.is_within(c, lead) for c in case.notify)


def test_thresholds_are_parameters() -> None:
    two = fp(("350304", "production"), ("330106", "sales"))
    assert propose(two).level == "inter_provincial"  # type: ignore[union-attr]
    assert propose(two, CaseParams(major_provinces=2)).level == "national"  # type: ignore[union-attr]


def test_participants_and_notifications() -> None:
    case = propose(
        fp(
            ("350304", "production"),
            ("330302", "label_printing"),
            ("330106", "storage"),
            ("330106", "sales"),
        )
    )
    assert case is not None
    roles = {p.region: p.roles for p in case.participants}
    assert roles == {
        "350304": ("production",),
        "330302": ("label_printing",),
        "330106": ("storage", "sales"),
    }
    assert case.notify == ("330106", "330302")  # everyone outside the lead province
    assert any("350000" in r for r in case.reasons)


def test_trace_of_the_world_is_a_national_case_led_by_fujian(store: GraphStore) -> None:
    world = build_world(store)
    trace = trace_sources(store, world.complaints[world.shops[0].key][0])
    case = propose_joint_case(trace)
    assert case is not None
    assert case.level == "national" and case.coordinators == ("100000",) and case.supervise
    assert case.lead_region == "350000" and case.origin_region == "350304"
    roles = {p.region: set(p.roles) for p in case.participants}
    assert roles["350304"] == {"production"}
    assert roles["330302"] == {"label_printing"}
    assert "storage" in roles["330106"]
    assert roles["310101"] == {"sales"}
    assert "350304" not in case.notify and "310101" in case.notify


def test_rings_become_cases_at_their_level(store: GraphStore) -> None:
    world = build_world(store, ring_b=True)
    rings = {r.id: r for r in find_rings(store)}
    ring_b = next(r for r in rings.values() if world.ring_b["workshop"].phone in r.members)  # type: ignore[union-attr]
    case_b = propose_joint_case(ring_b)
    assert case_b is not None
    assert (case_b.level, case_b.lead_region, case_b.origin_region) == (
        "province",
        "440000",
        "441900",
    )
    ring_a = next(r for r in rings.values() if world.workshop.phone in r.members)
    case_a = propose_joint_case(ring_a)
    assert case_a is not None and case_a.level == "national" and case_a.lead_region == "350000"
    assert case_a.to_dict()["participants"]
