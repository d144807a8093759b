"""Reads and rules the coordination views used to hold, now services of the room: a case's
takedown notices (one way), its designation requests, its history (reads only for
supervisors), the stored keys for a superior, task updates, notify-by-`to`-or-routing,
the notification lists, statistics within the actor's region, the report interval's
bound and a case from a listed ring."""

from __future__ import annotations

import pytest

from cluehub.cases.context import SequentialIds
from cluehub.cases.errors import InvalidInput, NotFound, PermissionDenied
from cluehub.cases.jointcase import flows
from cluehub.cases.jointcase import service as cases
from cluehub.cases.jurisdiction import service as jurisdiction
from cluehub.cases.market import service as markets
from cluehub.cases.notification import flows as notify_flows
from cluehub.cases.notification import service as notifications
from cluehub.cases.notification.models import Direction
from cluehub.cases.stats import service as stats
from cluehub.cases.supervision import service as supervision
from cluehub.cases.takedown import service as takedowns
from cluehub.cases.task import service as tasks
from cluehub.graph.store import GraphStore
from tests.support.ring_case import (
    DAY,
    HOUR,
    LEAD,
    LISTING,
    NANSHAN,
    OUTSIDER,
    PHONE,
    PUTIAN_CHIEF,
    T0,
    ring_case,
)


def test_a_cases_takedown_notices_are_read_one_way(store: GraphStore) -> None:
    ids = SequentialIds()
    case_id = ring_case(store, ids)
    issue = {"listing_keys": [LISTING], "platform": "tmall", "from_bureau": LEAD.bureau}
    on_case = takedowns.issue_takedown(
        store, **issue, actor=LEAD, now_ms=T0, reason="假冒注册商标", case_id=case_id, ids=ids
    )
    own = takedowns.issue_takedown(
        store, **issue, actor=LEAD, now_ms=T0 + HOUR, reason="假冒注册商标", ids=ids
    )
    assert takedowns.notices(store, actor=NANSHAN, case_id=case_id) == [on_case]
    assert takedowns.notices(store, actor=LEAD) == [own, on_case]  # newest first
    assert takedowns.notices(store, actor=LEAD, platform=" TMALL ") == [own, on_case]
    assert takedowns.notices(store, actor=LEAD, platform="jd") == []
    assert takedowns.notices(store, actor=NANSHAN) == []  # issued by another bureau
    with pytest.raises(PermissionDenied, match="not visible"):
        takedowns.notices(store, actor=OUTSIDER, case_id=case_id)
    assert takedowns.notice_removal_times(store, on_case.key) is None
    takedowns.record_takedown_result(
        store,
        notice_id=on_case.key,
        listing_key=LISTING,
        action="removed",
        acted_at_ms=T0 + 3 * HOUR,
    )
    times = takedowns.notice_removal_times(store, on_case.key)
    assert times is not None and (times.removed, times.median_hours) == (1, 3.0)


def test_history_shows_reads_to_supervisors_only(store: GraphStore) -> None:
    ids = SequentialIds()
    case_id = ring_case(store, ids)
    cases.view(store, case_id=case_id, actor=NANSHAN, now_ms=T0, ids=ids)
    shown = [e["operation"] for e in cases.history(store, case_id=case_id, actor=LEAD)]
    assert "case.create" in shown and "case.read" not in shown
    with pytest.raises(PermissionDenied, match="need the role admin or supervisor"):
        cases.history(store, case_id=case_id, actor=LEAD, include_reads=True)
    read = cases.history(store, case_id=case_id, actor=PUTIAN_CHIEF, include_reads=True)
    assert "case.read" in [e["operation"] for e in read]
    with pytest.raises(PermissionDenied, match="not visible"):
        cases.history(store, case_id=case_id, actor=OUTSIDER)


def test_a_superior_gets_the_stored_keys_to_load_in_its_own_scope(store: GraphStore) -> None:
    case_id = ring_case(store, SequentialIds())
    seen = cases.view(store, case_id=case_id, actor=PUTIAN_CHIEF, now_ms=T0)
    assert seen.relation == "superior" and PHONE not in seen.case.member_keys  # masked
    assert PHONE in cases.visible(store, case_id=case_id, actor=PUTIAN_CHIEF).member_keys
    with pytest.raises(PermissionDenied):
        cases.visible(store, case_id=case_id, actor=OUTSIDER)


def test_designation_requests_of_a_case(store: GraphStore) -> None:
    ids = SequentialIds()
    case_id = ring_case(store, ids)
    asked = jurisdiction.request_designation(
        store,
        requesters=[LEAD.bureau],
        reason="管辖争议",
        actor=LEAD,
        now_ms=T0,
        case_id=case_id,
        ids=ids,
    )
    assert jurisdiction.of_case(store, case_id=case_id, actor=NANSHAN) == [asked]
    with pytest.raises(PermissionDenied):
        jurisdiction.of_case(store, case_id=case_id, actor=OUTSIDER)


def test_update_task_assigns_completes_or_cancels(store: GraphStore) -> None:
    ids = SequentialIds()
    case_id = ring_case(store, ids)
    cases.change_status(store, case_id=case_id, status="open", reason="立案", actor=LEAD, now_ms=T0)
    task = tasks.create_task(
        store,
        case_id=case_id,
        bureau="440305",
        kind="raid",
        title="检查仓库",
        due_ms=T0 + DAY,
        actor=LEAD,
        now_ms=T0,
        ids=ids,
    )
    with pytest.raises(InvalidInput, match="give `assignee`, or `status` DONE"):
        tasks.update_task(store, task_id=task.key, actor=NANSHAN, now_ms=T0)
    with pytest.raises(InvalidInput, match="status OVERDUE is set by the hub"):
        tasks.update_task(store, task_id=task.key, actor=NANSHAN, now_ms=T0, status="overdue")
    market = markets.register_market(
        store, name="南山皮具城", region="440305", actor=NANSHAN, now_ms=T0
    )
    done = tasks.update_task(
        store,
        task_id=task.key,
        actor=NANSHAN,
        now_ms=T0 + HOUR,
        assignee="wang.fang",
        status="done",
        result="查获鞋 300 双",
        market=market,
        ids=ids,
    )
    assert (done.assignee, done.status, done.result, done.market) == (
        "wang.fang",
        "done",
        "查获鞋 300 双",
        market,
    )


def test_notify_clue_to_named_bureaus_or_to_those_routing_names(store: GraphStore) -> None:
    ids = SequentialIds()
    ring_case(store, ids)
    base = {"clue_key": PHONE, "deadline_ms": T0 + DAY, "actor": LEAD, "now_ms": T0, "ids": ids}
    involvement = [("350304", "production"), ("440305", "sale")]
    with pytest.raises(InvalidInput, match="give exactly one of `to`"):
        notify_flows.notify_clue(store, **base)
    with pytest.raises(InvalidInput, match="give exactly one of `to`"):
        notify_flows.notify_clue(store, **base, to=["440305"], involvement=involvement)
    with pytest.raises(InvalidInput, match="`caseId` goes with `to`"):
        notify_flows.notify_clue(store, **base, involvement=involvement, case_id="jc-0001")
    routing, named = notify_flows.notify_clue(store, **base, to=["440305"], message="请核查")
    assert routing is None and [n.to_bureau for n in named] == ["bureau:440305"]
    routing, routed = notify_flows.notify_clue(store, **base, involvement=involvement)
    assert routing is not None and [n.to_bureau for n in routed] == list(routing.notify)
    assert "bureau:440305" in routing.notify
    to_nanshan = {n.key for n in (*named, *routed) if n.to_bureau == NANSHAN.bureau}
    received = notifications.list_notifications(store, actor=NANSHAN, now_ms=T0)
    assert {n.key for n in received} == to_nanshan and len(to_nanshan) == 2
    sent = notifications.list_notifications(store, actor=LEAD, now_ms=T0, direction=Direction.SENT)
    assert {n.key for n in sent} == {n.key for n in (*named, *routed)}
    both = notifications.list_notifications(
        store, actor=NANSHAN, now_ms=T0, direction=Direction.ALL, status="sent"
    )
    assert {n.key for n in both} == {n.key for n in received}
    assert (
        notifications.list_notifications(store, actor=NANSHAN, now_ms=T0, status="declined") == []
    )


def test_statistics_cover_the_actors_region_and_below(store: GraphStore) -> None:
    with pytest.raises(PermissionDenied, match="outside your bureau's region"):
        stats.quarterly_stats_for(store, quarter="2026Q3", actor=LEAD, region="440305")
    own = stats.quarterly_stats_for(store, quarter="2026Q3", actor=PUTIAN_CHIEF)
    below = stats.quarterly_stats_for(store, quarter="2026Q3", actor=PUTIAN_CHIEF, region="350304")
    assert (own.region, below.region) == ("350300", "350304")


def test_the_report_interval_is_bounded(store: GraphStore) -> None:
    case_id = ring_case(store, SequentialIds())
    listing = {"case_id": case_id, "deadline_ms": T0 + 30 * DAY, "requirement": "限期查清"}
    for interval in (0, 367 * 24 * HOUR):
        with pytest.raises(InvalidInput, match=r"at most 8784 hours \(366 days\)"):
            supervision.supervise(
                store, **listing, actor=PUTIAN_CHIEF, now_ms=T0, report_interval_ms=interval
            )
    listed = supervision.supervise(
        store, **listing, actor=PUTIAN_CHIEF, now_ms=T0, report_interval_ms=366 * 24 * HOUR
    )
    assert listed.report_due == T0 + 30 * DAY  # the deadline comes first


def test_a_case_from_a_ring_id_needs_a_listed_ring(store: GraphStore) -> None:
    with pytest.raises(NotFound, match="no ring 'ring-x' in your scope"):
        flows.propose_from_ring_id(store, ring_id="ring-x", actor=LEAD, now_ms=T0)
