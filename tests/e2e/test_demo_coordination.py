"""Issue 6 end to end on the demo world, through HTTP with real tokens.

The small demo world (seed 7) is loaded through the real intake path; the national
coordinator opens a joint case from the ring analysis finds around the first planted
ring; it is led by the production region's bureau; tasks go to every participating
bureau; one bureau misses its reply deadline and its superior sees the escalation; a
takedown notice is answered by the platform's feed; the quarterly statistics show it
with numbers checked against the generated records; a bureau outside sees none of it.
"""

from __future__ import annotations

import gc
import json
import time

import pytest

from cluehub.analysis import RingParams, find_rings, ring_docs
from cluehub.cases import bureaus as directory
from cluehub.cases.periods import quarter_of
from cluehub.graph import regions
from cluehub.graph.identifiers import mask_key
from cluehub.ingest.partners import add_partner
from tests.support.gql import (
    ADD_TASK,
    ATTENTION,
    CASE,
    CASES,
    DAY,
    ISSUE,
    NOTICES,
    NOTIFY,
    RUN_JOBS,
    STATS,
    TRANSITION,
    UPDATE_TASK,
    iso,
    ms,
)

pytestmark = pytest.mark.slow  # loads a whole demo world

FROM_RING = """mutation($ring: ID!) { createJointCaseFromRing(ringId: $ring, title: "演示链条") {
  id status lead { code } participants { code } coordinationLevel
  members { edges { node { id key } } } } }"""
OUTSIDER = "620000"  # 甘肃: no part of the first planted ring


def test_demo_ring_becomes_a_supervised_joint_case(world) -> None:
    hub, truth, demo_dir = world
    planted = truth.rings[0]
    assert not any(regions.is_within(c, OUTSIDER) for cs in planted.regions.values() for c in cs)
    found = find_rings(hub.store, RingParams(min_members=2))
    ring = max(found, key=lambda r: len(set(planted.workshop) & set(r.members)))
    assert set(planted.workshop) & set(ring.members), "the planted workshop is in no ring"

    # --- the ring becomes a joint case led by the production region's bureau -----------
    samr = ("100000", "coordinator")
    case = hub.ok(*samr, FROM_RING, ring=ring.id)["createJointCaseFromRing"]
    assert case["lead"]["code"] == planted.lead_region  # the production county's bureau
    participants = [p["code"] for p in case["participants"]]
    assert planted.lead_region in participants
    assert set(participants) & set(planted.regions["sale"])
    assert case["coordinationLevel"] == "NATIONAL"
    case_id = case["id"]
    assert (
        hub.ok(*samr, TRANSITION, id=case_id, status="OPEN", reason="立案")["transitionJointCase"][
            "status"
        ]
        == "OPEN"
    )

    # --- a task for every participating bureau; the lead finishes its own --------------
    start = int(time.time() * 1000)
    tasks = {}
    for bureau in participants:
        task = hub.ok(
            *samr,
            ADD_TASK,
            input={
                "caseId": case_id,
                "bureau": bureau,
                "kind": "INVESTIGATE",
                "title": "核查",
                "due": iso(start + 7 * DAY),
            },
        )["addTask"]
        tasks[bureau] = task["id"]
    done = hub.ok(
        planted.lead_region,
        "investigator",
        UPDATE_TASK,
        input={"id": tasks[planted.lead_region], "status": "DONE", "result": "工厂已查封"},
    )["updateTask"]
    assert done["status"] == "DONE"

    # --- one bureau misses its reply deadline; its superior sees the escalation --------
    late = next(p for p in participants if p != planted.lead_region)
    superior = directory.superior(directory.of_region(late).id)
    assert superior is not None
    clue = hub.ok(
        *samr,
        "query($key: String!) { entity(key: $key) { id } }",
        key=truth.complaints[0].complaint,
    )["entity"]["id"]
    deadline = int(time.time() * 1000) + 1500
    (notification,) = hub.ok(
        *samr,
        NOTIFY,
        input={
            "clueId": clue,
            "to": [late],
            "deadline": iso(deadline),
            "caseId": case_id,
            "message": "请核查本辖区网店",
        },
    )["notifyClue"]["notifications"]
    time.sleep(max(0.0, (deadline - time.time() * 1000) / 1000) + 0.05)
    jobs = hub.ok("100000", "admin", RUN_JOBS)["runDueJobs"]
    assert jobs["escalations"] == [f"esc-{notification['id']}"]
    seen = hub.ok(superior.code, "coordinator", ATTENTION)["attention"]
    assert [i["ref"] for i in seen if i["kind"] == "ESCALATION"] == [f"esc-{notification['id']}"]

    # --- a takedown notice is answered through the platform's partner feed -------------
    listing_key = next(k for k in planted.listings if k.startswith("listing:tmall:"))
    listing_id = hub.ok(
        *samr, "query($key: String!) { entity(key: $key) { id } }", key=listing_key
    )["entity"]["id"]
    notice = hub.ok(
        *samr,
        ISSUE,
        input={
            "caseId": case_id,
            "platform": "tmall",
            "listingIds": [listing_id],
            "reason": "假冒注册商标",
        },
    )["issueTakedown"]
    acted = (ms(notice["issuedAt"]) // 1000 + 2) * 1000
    time.sleep(max(0.0, (acted - time.time() * 1000) / 1000))
    key = add_partner(hub.store, "tmall", "天猫", ["takedown"], now_ms=start, actor="test")
    answer = {
        "record_id": "tm-e2e-1",
        "notice_id": notice["id"],
        "platform": "tmall",
        "listing_id": listing_key.split(":")[-1],
        "action": "removed",
        "acted_at": iso(acted),
    }
    pushed = hub.client.post(
        "/intake/v1/takedown",
        json={"records": [answer]},
        headers={"authorization": f"Bearer {key}"},
    )
    assert pushed.status_code == 200 and pushed.json()["takedown_ledger"][0]["ledger"] == "recorded"
    (shown,) = hub.ok(*samr, NOTICES, filter={"caseId": case_id})["takedownNotices"]
    assert shown["results"][0]["action"] == "REMOVED" and shown["removalTimes"]["removed"] == 1

    # --- the quarterly statistics show it, with numbers checked against the records ----
    quarter = quarter_of(start)
    province = planted.lead_region[:2] + "0000"
    stats = hub.ok(*samr, STATS, quarter=quarter.label, region=province)["quarterlyStats"]
    total = stats["total"]
    assert total["casesOpened"] == 1
    assert total["actionsTotal"] == 1  # the lead's task done in its province
    received = [
        json.loads(line)
        for line in (demo_dir / "complaint.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    busiest = quarter_of(max(ms(r["received_at"]) for r in received) - 40 * DAY)
    for region in (province, "100000"):
        figures = hub.ok(*samr, STATS, quarter=busiest.label, region=region)["quarterlyStats"]
        expected = [
            r
            for r in received
            if regions.is_within(r["region"], region)
            and busiest.period().contains(ms(r["received_at"]))
        ]
        assert figures["total"]["cluesTotal"] == len(expected)
        by_channel = {c["name"]: c["count"] for c in figures["total"]["cluesByChannel"]}
        assert sum(by_channel.values()) == len(expected)
    assert len(expected) > 0  # the national figure is not a vacuous zero
    national = hub.ok(*samr, STATS, quarter=quarter.label, region="100000")["quarterlyStats"]
    assert national["total"]["takedowns"][0]["removed"] == 1
    assert national["total"]["notifications"]["unansweredOverdue"] == 1

    # --- a bureau outside the case sees none of it --------------------------------------
    outsider = (OUTSIDER, "coordinator")
    assert hub.ok(*outsider, CASES)["jointCases"]["edges"] == []
    code = hub.gql(*outsider, CASE, {"id": case_id})["errors"][0]["extensions"]["code"]
    assert code == "NOT_FOUND"
    assert not [i for i in hub.ok(*outsider, ATTENTION)["attention"]]
    for member in case["members"]["edges"]:
        body = hub.gql(
            *outsider, "query($id: ID!) { entity(id: $id) { key } }", {"id": member["node"]["id"]}
        )
        assert body.get("data", {}).get("entity") is None


TRACE = """query($key: String!) { traceSources(key: $key, first: 3) {
  candidates { entity { key } role score evidence { length relationships { type } } } } }"""


def test_every_ring_complaint_traces_through_graphql(world) -> None:
    """traceSources answers for every ring complaint, including those naming a shop only by
    its display name (intake linked them to the shop: a MENTIONS with ``via: name``), with
    the planted workshop's masked key among the top candidates."""
    hub, truth, _ = world
    by_name = 0
    for case in truth.complaints:
        body = hub.gql("100000", "investigator", TRACE, {"key": case.complaint})
        assert "errors" not in body, (case.complaint, body["errors"])
        candidates = body["data"]["traceSources"]["candidates"]
        assert {mask_key(k) for k in case.workshop} & {c["entity"]["key"] for c in candidates}
        near = hub.store.neighbourhood(case.complaint, hops=1, types=["MENTIONS"])
        edges = hub.store.subgraph(near.nodes, with_nodes=False).edges
        by_name += any(e.src == case.complaint and e.props.get("via") == "name" for e in edges)
    assert by_name > 0  # the name-only complaints were exercised


def test_sales_network_and_rings_through_graphql(world) -> None:
    hub, truth, _ = world
    planted = truth.rings[0]
    workshop = next(k for k in planted.workshop if k.startswith("tel:"))
    body = hub.gql(
        "100000",
        "investigator",
        "query($key: String!) { salesNetwork(key: $key, first: 100) {"
        " candidates { entity { key } role } } }",
        {"key": workshop},
    )
    assert "errors" not in body, body["errors"]
    reached = {c["entity"]["key"] for c in body["data"]["salesNetwork"]["candidates"]}
    assert reached & set(planted.shops)  # the ring's shops are in its sales network
    rings = hub.ok("100000", "coordinator", "{ rings(first: 50) { edges { node { id size } } } }")
    assert rings["rings"]["edges"]
    # 甘肃 sees a ring only through members placed there, and only those members
    query = "{ rings(first: 50) { edges { node { members { edges { node { regions { code } }"
    query += " } } } } } }"
    for edge in hub.ok("620000", "coordinator", query)["rings"]["edges"]:
        for member in edge["node"]["members"]["edges"]:
            assert any(r["code"].startswith("62") for r in member["node"]["regions"])


RINGS = """{ rings(first: 100) { edges { node { id size score reason
  regions { counties { region { code } count } } platforms { name count }
  members { edges { node { key kind regions { code } } } } sources { role score }
  proposedCase { level lead { code } major } } } } }"""


def test_the_bureau_where_production_sits_sees_its_rings(world) -> None:
    """A 莆田 city token lists the rings whose workshops are in 莆田 (not only those whose
    complaints it received); a 广州 token sees none of their 莆田-only members."""
    hub, truth, _ = world
    putian = [r for r in truth.rings if any(c.startswith("3503") for c in r.regions["production"])]
    assert putian, "the demo world plants workshops in 莆田"
    stored = ring_docs.visible(hub.store, None, limit=1000)
    wanted = {
        ring.id
        for planted in putian
        for ring in stored
        if set(planted.workshop) & set(ring.members)
    }
    assert wanted, "no stored ring holds a 莆田 workshop"
    gc.collect()  # the session's garbage is no part of this query's time
    started = time.perf_counter()
    listed = [e["node"] for e in hub.ok("350300", "investigator", RINGS)["rings"]["edges"]]
    assert time.perf_counter() - started < 1.0
    assert wanted <= {ring["id"] for ring in listed}
    for ring in listed:
        assert ring["score"] is not None and ring["reason"]
        assert ring["proposedCase"] is None or ring["proposedCase"]["lead"]["code"]
        for member in ring["members"]["edges"]:
            assert any(r["code"].startswith("3503") for r in member["node"]["regions"]), member
    for edge in hub.ok("440100", "investigator", RINGS)["rings"]["edges"]:
        assert edge["node"]["id"] not in wanted or edge["node"]["members"]["edges"]
        for member in edge["node"]["members"]["edges"]:
            assert any(r["code"].startswith("4401") for r in member["node"]["regions"]), member
