"""Joint cases (联合案件): from a ring, status flow, tasks, supervision, designated
jurisdiction, transfers, cluster operations, and who may do what."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cluehub.analysis.joint_case import propose
from cluehub.analysis.jurisdiction import ChainRole, Footprint, Place
from cluehub.cases.attention.service import attention
from cluehub.cases.context import Actor, SequentialIds
from cluehub.cases.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from cluehub.cases.jointcase import flows
from cluehub.cases.jointcase import service as cases
from cluehub.cases.jurisdiction import service as jurisdiction
from cluehub.cases.market import service as market_service
from cluehub.cases.supervision import service as supervision
from cluehub.cases.task import scheduled as task_jobs
from cluehub.cases.task import service as tasks
from cluehub.graph.store import GraphStore, is_visible
from tests.support.ring_case import (
    DAY,
    HOUR,
    LEAD,
    LISTING,
    NANSHAN,
    OUTSIDER,
    PHONE,
    PUTIAN_CHIEF,
    RING,
    SHOP,
    STRANGER,
    T0,
    audit_ops,
    ring_case,
    seed,
)


def test_case_from_a_ring_is_routed_granted_and_audited(store: GraphStore) -> None:
    seed(store)
    assert not is_visible(store.get(PHONE), "440305")
    case = flows.propose_from_ring(store, proposal=RING, actor=LEAD, now_ms=T0, ids=SequentialIds())
    assert case.status == "proposed" and case.title == RING["title"]
    assert case.lead_bureau == "bureau:350304"
    assert case.coordinators == ("bureau:350000", "bureau:440000")
    assert case.participants == ("bureau:350304", "bureau:440305")
    assert case.level == "inter_provincial" and not case.major
    assert set(case.regions) == {"350304", "350300", "350000", "440000", "440305", "440300"}
    assert case.lead_regions == ("350304", "350300", "350000")
    assert any("analysis suggested coordination at province" in r for r in case.routing_reasons)
    assert cases.get(store, case.key).member_keys == (PHONE, SHOP, LISTING)
    assert is_visible(store.get(PHONE), "440305")  # granted to the participants
    assert audit_ops(store, case.key) == ["case.create"]
    assert store.find_docs("Grant", {"source": f"case:{case.key}"}, limit=10)


def test_ring_proposal_as_an_object_and_its_errors(store: GraphStore) -> None:
    seed(store)

    @dataclass
    class Proposed:  # what the analysis room might hand over
        members: list[str]
        region_roles: list[tuple[str, str]]
        lead_region: str | None = None

    case = flows.propose_from_ring(
        store,
        proposal=Proposed([PHONE], [("350304", "production"), ("350302", "sale")]),
        actor=LEAD,
        now_ms=T0,
    )
    assert case.level == "city" and case.coordinators == ("bureau:350300",)
    with pytest.raises(InvalidInput, match="not among the ring's regions"):
        flows.propose_from_ring(
            store, proposal=RING | {"suggested_lead_region": "350203"}, actor=LEAD, now_ms=T0
        )
    with pytest.raises(NotFound, match="not found among what"):
        flows.propose_from_ring(
            store, proposal=RING | {"member_keys": [STRANGER]}, actor=LEAD, now_ms=T0
        )
    with pytest.raises(InvalidInput, match="member_keys is empty"):
        flows.propose_from_ring(store, proposal=RING | {"member_keys": []}, actor=LEAD, now_ms=T0)


def test_case_from_the_analysis_rooms_proposed_case(store: GraphStore) -> None:
    seed(store)
    proposed = propose(
        Footprint(
            (
                Place("350304", ChainRole.PRODUCTION, PHONE),
                Place("440305", ChainRole.SALE, SHOP),
                Place("440305", ChainRole.SALE, LISTING),
            ),
            shops=1,
            waybills=12,
        )
    )
    assert proposed is not None
    case = flows.propose_from_ring(
        store, proposal=proposed, actor=LEAD, now_ms=T0, title="来自分析的团伙"
    )
    assert set(case.member_keys) == {PHONE, SHOP, LISTING}
    assert case.involvement_roles == ("production", "sale")
    assert case.lead_bureau == "bureau:350304" and case.level == "inter_provincial"
    assert case.coordinators == ("bureau:350000", "bureau:440000")
    assert case.notify == ("bureau:440305",) and not case.major
    assert case.routing_reasons[: len(proposed.jurisdiction.reasons)] == (
        proposed.jurisdiction.reasons
    )


def test_status_flow_and_invalid_transitions(store: GraphStore) -> None:
    key = ring_case(store, SequentialIds())
    with pytest.raises(InvalidTransition, match="'proposed': it can move to 'open' or 'closed'"):
        cases.change_status(
            store, case_id=key, status="action", reason="直接行动", actor=LEAD, now_ms=T0
        )
    with pytest.raises(InvalidInput, match="status 'archived' is unknown"):
        cases.change_status(
            store, case_id=key, status="archived", reason="x", actor=LEAD, now_ms=T0
        )
    with pytest.raises(InvalidInput, match="reason is empty"):
        cases.change_status(store, case_id=key, status="open", reason="  ", actor=LEAD, now_ms=T0)
    with pytest.raises(PermissionDenied, match="only the lead bureau or the coordinator"):
        cases.change_status(
            store, case_id=key, status="open", reason="立案", actor=NANSHAN, now_ms=T0
        )
    opened = cases.change_status(
        store, case_id=key, status="open", reason="立案协查", actor=LEAD, now_ms=T0 + HOUR
    )
    assert opened.status == "open" and opened.opened_at == T0 + HOUR
    coordinator = Actor("lin.hua", "bureau:350000")
    action = cases.change_status(
        store, case_id=key, status="action", reason="统一行动", actor=coordinator, now_ms=T0 + DAY
    )
    assert action.action_at == T0 + DAY
    closed = cases.change_status(
        store, case_id=key, status="closed", reason="已移送公安", actor=LEAD, now_ms=T0 + 9 * DAY
    )
    assert (closed.status, closed.closed_at, closed.status_reason) == (
        "closed",
        T0 + 9 * DAY,
        "已移送公安",
    )
    with pytest.raises(InvalidTransition, match="'closed': it can move to nothing"):
        cases.change_status(
            store, case_id=key, status="open", reason="重新打开", actor=LEAD, now_ms=T0 + 10 * DAY
        )
    assert audit_ops(store, key) == [
        "case.create",
        "case.status.open",
        "case.status.action",
        "case.status.closed",
    ]


def test_outsiders_are_refused_and_superiors_see_masked_keys(store: GraphStore) -> None:
    ids = SequentialIds()
    key = ring_case(store, ids)
    with pytest.raises(PermissionDenied, match="not visible to 思明区市场监督管理局"):
        cases.view(store, case_id=key, actor=OUTSIDER, now_ms=T0, ids=ids)
    assert cases.list_visible(store, actor=OUTSIDER, now_ms=T0) == []
    with pytest.raises(PermissionDenied):
        cases.add_comment(store, case_id=key, text="我们也有线索", actor=OUTSIDER, now_ms=T0)
    with pytest.raises(PermissionDenied):
        tasks.tasks_of_case(store, case_id=key, actor=OUTSIDER)

    participant = cases.view(store, case_id=key, actor=NANSHAN, now_ms=T0, ids=ids)
    assert participant.relation == "participant" and PHONE in participant.case.member_keys
    shenzhen_city = Actor("zhao.lei", "bureau:440300")  # above a participant, not on the case
    superior = cases.view(store, case_id=key, actor=shenzhen_city, now_ms=T0, ids=ids)
    assert superior.relation == "superior"
    assert "tel:138****5678" in superior.case.member_keys and PHONE not in superior.case.member_keys
    [listed] = cases.list_visible(store, actor=shenzhen_city, now_ms=T0, ids=ids)
    assert listed.case.key == key and PHONE not in listed.case.member_keys
    samr = Actor("s", "bureau:100000")
    assert [v.case.key for v in cases.list_visible(store, actor=samr, now_ms=T0, ids=ids)] == [key]
    assert audit_ops(store, key) == [
        "case.create",
        "case.read.refused",
        "case.read",
        "case.read",
        "case.list",
        "case.list",
    ]

    comment = cases.add_comment(
        store, case_id=key, text="请南山区核查店铺经营者", actor=shenzhen_city, now_ms=T0 + HOUR
    )
    assert [c.key for c in cases.comments(store, case_id=key, actor=NANSHAN)] == [comment.key]


def test_task_lifecycle(store: GraphStore) -> None:
    ids = SequentialIds()
    key = ring_case(store, ids)
    cases.change_status(store, case_id=key, status="open", reason="立案", actor=LEAD, now_ms=T0)
    with pytest.raises(PermissionDenied, match="only the lead bureau or the coordinator"):
        tasks.create_task(
            store,
            case_id=key,
            bureau="440305",
            kind="raid",
            title="检查仓库",
            due_ms=T0 + DAY,
            actor=NANSHAN,
            now_ms=T0,
        )
    with pytest.raises(InvalidInput, match="does not participate"):
        tasks.create_task(
            store,
            case_id=key,
            bureau="350203",
            kind="raid",
            title="检查",
            due_ms=T0 + DAY,
            actor=LEAD,
            now_ms=T0,
        )
    with pytest.raises(InvalidInput, match="task kind 'arrest' is unknown"):
        tasks.create_task(
            store,
            case_id=key,
            bureau="440305",
            kind="arrest",
            title="抓人",
            due_ms=T0 + DAY,
            actor=LEAD,
            now_ms=T0,
        )

    raid = tasks.create_task(
        store,
        case_id=key,
        bureau="440305",
        kind="raid",
        title="检查南山区仓库",
        due_ms=T0 + 7 * DAY,
        actor=LEAD,
        now_ms=T0,
        assignee="wang.fang",
        ids=ids,
    )
    buy = tasks.create_task(
        store,
        case_id=key,
        bureau="440305",
        kind="test_buy",
        title="试买取样",
        due_ms=T0 + 2 * DAY,
        actor=LEAD,
        now_ms=T0,
        ids=ids,
    )
    own = tasks.create_task(
        store,
        case_id=key,
        bureau="350304",
        kind="seize",
        title="查封工厂",
        due_ms=T0 + 3 * DAY,
        actor=LEAD,
        now_ms=T0,
    )
    items = attention(store, user_bureau="bureau:440305", role="investigator", now_ms=T0 + HOUR)
    assert [(i.kind, i.ref) for i in items] == [("task", buy.key), ("task", raid.key)]

    with pytest.raises(PermissionDenied, match="the task belongs to 南山区市场监督管理局"):
        tasks.complete_task(store, task_id=raid.key, result="完成", actor=LEAD, now_ms=T0 + DAY)
    with pytest.raises(PermissionDenied, match="the task belongs to 荔城区"):
        tasks.complete_task(store, task_id=own.key, result="完成", actor=NANSHAN, now_ms=T0 + DAY)
    with pytest.raises(InvalidInput, match="result is empty"):
        tasks.complete_task(store, task_id=raid.key, result="", actor=NANSHAN, now_ms=T0 + DAY)
    with pytest.raises(InvalidInput, match="'南油服装批发市场' is not a registered market"):
        tasks.complete_task(
            store,
            task_id=raid.key,
            result="查获",
            actor=NANSHAN,
            now_ms=T0 + DAY,
            market="南油服装批发市场",
        )
    with pytest.raises(PermissionDenied, match="outside 南山区市场监督管理局"):
        market_service.register_market(
            store, name="华强北", region="440304", actor=NANSHAN, now_ms=T0
        )
    market = market_service.register_market(
        store, name="南油服装批发市场", region="440305", actor=NANSHAN, now_ms=T0
    )
    done = tasks.complete_task(
        store,
        task_id=raid.key,
        result="查获假冒鞋 1200 双",
        actor=NANSHAN,
        now_ms=T0 + DAY,
        market=market,
        ids=ids,
    )
    assert (done.status, done.done_at, done.market) == ("done", T0 + DAY, market)
    with pytest.raises(InvalidTransition, match="'done': it can move to nothing"):
        tasks.cancel_task(store, task_id=raid.key, reason="不需要了", actor=LEAD, now_ms=T0 + DAY)

    # The due date of the test buy passes: the scheduler marks it overdue, once.
    [overdue] = task_jobs.mark_overdue(store, now_ms=T0 + 2 * DAY + HOUR, ids=ids)
    assert overdue.key == buy.key and overdue.status == "overdue"
    assert task_jobs.mark_overdue(store, now_ms=T0 + 2 * DAY + 2 * HOUR, ids=ids) == []
    [late] = attention(
        store, user_bureau="bureau:440305", role="investigator", now_ms=T0 + 2 * DAY + HOUR
    )
    assert (late.ref, late.overdue) == (buy.key, True)
    assigned = tasks.assign_task(
        store, task_id=buy.key, assignee="zhou.min", actor=NANSHAN, now_ms=T0 + 3 * DAY, ids=ids
    )
    assert assigned.assignee == "zhou.min" and assigned.status == "overdue"
    finished = tasks.complete_task(
        store, task_id=buy.key, result="样品送检", actor=NANSHAN, now_ms=T0 + 3 * DAY, ids=ids
    )
    assert finished.status == "done"
    cancelled = tasks.cancel_task(
        store, task_id=own.key, reason="工厂已搬离", actor=LEAD, now_ms=T0 + 3 * DAY
    )
    assert cancelled.status == "cancelled" and cancelled.cancel_reason == "工厂已搬离"
    assert (
        attention(store, user_bureau="bureau:440305", role="investigator", now_ms=T0 + 3 * DAY)
        == []
    )
    assert [t.status for t in tasks.tasks_of_case(store, case_id=key, actor=NANSHAN)] == [
        "done",
        "cancelled",
        "done",
    ]
    assert audit_ops(store, buy.key) == [
        "task.create",
        "task.overdue",
        "task.assign",
        "task.done",
    ]
    assert audit_ops(store, raid.key) == ["task.create", "task.done"]
    assert audit_ops(store, own.key) == ["task.create", "task.cancel"]


def test_supervision_by_a_superior_of_the_lead(store: GraphStore) -> None:
    ids = SequentialIds()
    key = ring_case(store, ids)
    cases.change_status(store, case_id=key, status="open", reason="立案", actor=LEAD, now_ms=T0)
    deadline = T0 + 30 * DAY
    with pytest.raises(PermissionDenied, match="needs a supervisor"):
        supervision.supervise(
            store,
            case_id=key,
            deadline_ms=deadline,
            requirement="限期查清",
            actor=Actor("i", "bureau:350300"),
            now_ms=T0,
        )
    with pytest.raises(PermissionDenied, match="not above the lead bureau"):
        supervision.supervise(
            store,
            case_id=key,
            deadline_ms=deadline,
            requirement="x",
            actor=Actor("l", "bureau:440000", "supervisor"),
            now_ms=T0,
        )
    listed = supervision.supervise(
        store,
        case_id=key,
        deadline_ms=deadline,
        requirement="30日内查清生产源头",
        actor=PUTIAN_CHIEF,
        now_ms=T0,
        report_interval_ms=7 * DAY,
        ids=ids,
    )
    assert cases.get(store, key).supervised
    with pytest.raises(InvalidTransition, match="already listed for supervision"):
        supervision.supervise(
            store,
            case_id=key,
            deadline_ms=deadline,
            requirement="再次",
            actor=PUTIAN_CHIEF,
            now_ms=T0 + HOUR,
        )

    [due] = attention(store, user_bureau="bureau:350304", role="investigator", now_ms=T0 + HOUR)
    assert (due.kind, due.ref, due.due_ms) == ("progress_report", listed.key, T0 + 7 * DAY)
    with pytest.raises(PermissionDenied, match="only the lead bureau or the coordinator"):
        supervision.report_progress(
            store, supervision_id=listed.key, text="进展", actor=NANSHAN, now_ms=T0 + DAY
        )
    supervision.report_progress(
        store,
        supervision_id=listed.key,
        text="已锁定两处工厂",
        actor=LEAD,
        now_ms=T0 + 5 * DAY,
        ids=ids,
    )
    [due] = attention(store, user_bureau="bureau:350304", role="investigator", now_ms=T0 + 5 * DAY)
    assert due.due_ms == T0 + 12 * DAY and not due.overdue
    assert [
        r.text for r in supervision.reports(store, supervision_id=listed.key, actor=NANSHAN)
    ] == ["已锁定两处工厂"]

    with pytest.raises(PermissionDenied, match="lifted by a supervisor of 莆田市"):
        supervision.lift(
            store,
            supervision_id=listed.key,
            reason="完成",
            actor=Actor("x", "bureau:350000", "supervisor"),
            now_ms=T0,
        )
    lifted = supervision.lift(
        store,
        supervision_id=listed.key,
        reason="源头已查清",
        actor=PUTIAN_CHIEF,
        now_ms=T0 + 20 * DAY,
    )
    assert lifted.status == "lifted" and not cases.get(store, key).supervised
    assert (
        attention(store, user_bureau="bureau:350304", role="investigator", now_ms=T0 + 20 * DAY)
        == []
    )
    assert audit_ops(store, listed.key) == [
        "case.supervise",
        "supervision.report",
        "supervision.lift",
    ]


def test_designated_jurisdiction_is_decided_only_by_the_common_superior(
    store: GraphStore,
) -> None:
    ids = SequentialIds()
    seed(store)
    chengxiang = Actor("sun.li", "bureau:350302")  # 城厢区, same city as the lead
    case = cases.create_case(
        store,
        title="莆田两区管辖争议",
        lead_bureau="350304",
        participants=["350302"],
        actor=LEAD,
        now_ms=T0,
        member_keys=[PHONE],
        ids=ids,
    )
    assert case.level == "city"
    with pytest.raises(PermissionDenied, match="in its own name"):
        jurisdiction.request_designation(
            store,
            requesters=["350304", "350302"],
            reason="争议",
            actor=NANSHAN,
            now_ms=T0,
            case_id=case.key,
        )
    request = jurisdiction.request_designation(
        store,
        requesters=["350304", "350302"],
        reason="生产与销售分属两区，请求指定管辖",
        actor=chengxiang,
        now_ms=T0 + HOUR,
        case_id=case.key,
        proposed="350302",
        ids=ids,
    )
    assert request.decider == "bureau:350300"
    [pending] = attention(store, user_bureau="bureau:350300", role="supervisor", now_ms=T0 + HOUR)
    assert (pending.kind, pending.ref) == ("designation", request.key)

    fujian_chief = Actor("he.ping", "bureau:350000", "supervisor")
    with pytest.raises(PermissionDenied, match="decided by their common superior 莆田市"):
        jurisdiction.decide_designation(
            store,
            request_id=request.key,
            designated_bureau="350302",
            reason="指定",
            actor=fujian_chief,
            now_ms=T0,
        )
    with pytest.raises(PermissionDenied, match="needs a supervisor"):
        jurisdiction.decide_designation(
            store,
            request_id=request.key,
            designated_bureau="350302",
            reason="指定",
            actor=Actor("i", "bureau:350300"),
            now_ms=T0,
        )
    with pytest.raises(InvalidInput, match="outside the area of 莆田市"):
        jurisdiction.decide_designation(
            store,
            request_id=request.key,
            designated_bureau="440305",
            reason="指定",
            actor=PUTIAN_CHIEF,
            now_ms=T0,
        )
    decided = jurisdiction.decide_designation(
        store,
        request_id=request.key,
        designated_bureau="350302",
        reason="销售地先立案",
        actor=PUTIAN_CHIEF,
        now_ms=T0 + DAY,
        ids=ids,
    )
    assert decided.status == "designated" and decided.designated == "bureau:350302"
    assert cases.get(store, case.key).lead_bureau == "bureau:350302"
    with pytest.raises(InvalidTransition, match="already designated"):
        jurisdiction.decide_designation(
            store,
            request_id=request.key,
            designated_bureau="350304",
            reason="改",
            actor=PUTIAN_CHIEF,
            now_ms=T0,
        )
    assert attention(store, user_bureau="bureau:350300", role="supervisor", now_ms=T0 + DAY) == []
    assert audit_ops(store, request.key) == ["jurisdiction.request", "jurisdiction.decide"]
    assert "jurisdiction.decide" in audit_ops(store, case.key)


def test_evidence_transfer_and_transfer_to_police(store: GraphStore) -> None:
    ids = SequentialIds()
    key = ring_case(store, ids)
    cases.change_status(store, case_id=key, status="open", reason="立案", actor=LEAD, now_ms=T0)
    with pytest.raises(PermissionDenied, match="transfer made by another bureau"):
        cases.record_evidence_transfer(
            store,
            case_id=key,
            what="送货单",
            evidence_keys=[PHONE],
            from_bureau="440305",
            to_bureau="350304",
            transferred_at_ms=T0,
            actor=LEAD,
            now_ms=T0,
        )
    with pytest.raises(InvalidInput, match="add it as a participant first"):
        cases.record_evidence_transfer(
            store,
            case_id=key,
            what="送货单",
            evidence_keys=[PHONE],
            from_bureau="350304",
            to_bureau="350203",
            transferred_at_ms=T0,
            actor=LEAD,
            now_ms=T0,
        )
    transfer = cases.record_evidence_transfer(
        store,
        case_id=key,
        what="工厂发货单据 32 张",
        evidence_keys=[PHONE],
        from_bureau="350304",
        to_bureau="440305",
        transferred_at_ms=T0 + HOUR,
        actor=LEAD,
        now_ms=T0 + 2 * HOUR,
        ids=ids,
    )
    assert (transfer.from_bureau, transfer.to_bureau) == ("bureau:350304", "bureau:440305")
    assert [
        t.key
        for t in cases.evidence_transfers(store, case_id=key, actor=NANSHAN, now_ms=T0 + 3 * HOUR)
    ] == [transfer.key]
    assert store.find_docs("Grant", {"source": f"evidence_transfer:{transfer.key}"})

    with pytest.raises(InvalidInput, match="suspected offence 'fraud' is unknown"):
        cases.transfer_to_police(
            store,
            case_id=key,
            reference="莆市监移〔2026〕3号",
            police_unit="莆田市公安局",
            transferred_at_ms=T0,
            offence="fraud",
            actor=LEAD,
            now_ms=T0,
        )
    with pytest.raises(PermissionDenied):
        cases.transfer_to_police(
            store,
            case_id=key,
            reference="x",
            police_unit="厦门市公安局",
            transferred_at_ms=T0,
            offence="counterfeit_trademark",
            actor=OUTSIDER,
            now_ms=T0,
        )
    police = cases.transfer_to_police(
        store,
        case_id=key,
        reference="莆市监移〔2026〕3号",
        police_unit="莆田市公安局荔城分局",
        transferred_at_ms=T0 + DAY,
        offence="counterfeit_trademark",
        actor=LEAD,
        now_ms=T0 + DAY,
        ids=ids,
    )
    assert [p.key for p in cases.police_transfers(store, case_id=key, actor=NANSHAN)] == [
        police.key
    ]
    assert audit_ops(store, transfer.key) == [
        "case.evidence_transfer",
        "case.evidence_transfer.read",
    ]
    assert audit_ops(store, police.key) == ["case.police_transfer"]


def test_cluster_operation_gives_every_bureau_a_task_on_one_date(store: GraphStore) -> None:
    ids = SequentialIds()
    key = ring_case(store, ids)
    strike = T0 + 10 * DAY
    with pytest.raises(InvalidTransition, match="'proposed': it can move to 'open' or 'closed'"):
        flows.launch_cluster_operation(
            store, case_id=key, action_at_ms=strike, reason="统一收网", actor=LEAD, now_ms=T0
        )
    cases.change_status(store, case_id=key, status="open", reason="立案", actor=LEAD, now_ms=T0)
    with pytest.raises(PermissionDenied):
        flows.launch_cluster_operation(
            store, case_id=key, action_at_ms=strike, reason="统一收网", actor=NANSHAN, now_ms=T0
        )
    # A bureau above the lead organises the joint action (集群作战).
    case, raids = flows.launch_cluster_operation(
        store,
        case_id=key,
        action_at_ms=strike,
        reason="统一收网",
        actor=PUTIAN_CHIEF,
        now_ms=T0 + HOUR,
        ids=ids,
    )
    assert case.status == "action" and case.joint_action_at == strike
    assert case.joint_action_by == "bureau:350300"
    assert {(t.bureau, t.kind, t.due) for t in raids} == {
        ("bureau:350304", "raid", strike),
        ("bureau:440305", "raid", strike),
    }
    [item] = attention(store, user_bureau="bureau:440305", role="investigator", now_ms=T0 + HOUR)
    assert item.ref in {t.key for t in raids} and item.due_ms == strike
    assert audit_ops(store, key)[-1] == "case.cluster_operation"
    moved = cases.set_joint_action(
        store,
        case_id=key,
        action_at_ms=strike + DAY,
        reason="天气原因顺延",
        actor=LEAD,
        now_ms=T0 + DAY,
    )
    assert moved.joint_action_at == strike + DAY


def test_new_participant_is_granted_the_members(store: GraphStore) -> None:
    key = ring_case(store, SequentialIds())
    assert not is_visible(store.get(PHONE), "350203")
    with pytest.raises(PermissionDenied):
        cases.add_participant(
            store, case_id=key, bureau="350203", reason="协查", actor=NANSHAN, now_ms=T0
        )
    updated = cases.add_participant(
        store, case_id=key, bureau="350203", reason="思明区发现同款", actor=LEAD, now_ms=T0 + HOUR
    )
    assert updated.participants[-1] == "bureau:350203"
    assert is_visible(store.get(PHONE), "350203")
    assert (
        cases.view(store, case_id=key, actor=OUTSIDER, now_ms=T0 + 2 * HOUR).relation
        == "participant"
    )
    with pytest.raises(InvalidInput, match="already participates"):
        cases.add_participant(
            store, case_id=key, bureau="350203", reason="再加", actor=LEAD, now_ms=T0 + 3 * HOUR
        )
