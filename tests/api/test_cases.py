"""Coordination through the GraphQL API: real tokens, real HTTP, the real store.

One cross-province chain, built by hand: a workshop in 莆田市荔城区 (350304, production)
ships to a warehouse in 义乌 (330782, storage), which ships to a shop in 广州市白云区
(440111, sales). The Fujian provincial coordinator opens a joint case; tasks go to each
bureau; an unanswered notification is escalated to 440111's superior (广州市, 440100)
and shows in its coordinator's attention list; a takedown notice issued through GraphQL
is answered by the platform through the partner push and shows the time to removal;
the quarterly statistics give exact figures for the quarter; a bureau outside the case
(杭州市 330100, 四川省 510000) sees none of it.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import pytest

from cluehub.analysis import ring_docs
from cluehub.cases import audit
from cluehub.cases.periods import quarter_of
from cluehub.cases.stats.report import report_command
from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.ingest.partners import add_partner
from cluehub.settings import load
from tests.support.gql import (
    ADD_TASK,
    ATTENTION,
    CASE,
    CASES,
    CREATE,
    DAY,
    ENTITY_ID,
    HISTORY,
    HOUR,
    ISSUE,
    NOTICES,
    NOTIFICATIONS,
    NOTIFY,
    REPLY,
    RUN_JOBS,
    STATS,
    TRANSITION,
    UPDATE_TASK,
    Hub,
    iso,
    ms,
)
from tests.support.world import build_world

F_PHONE = ids.PHONE.key_of("13905941234")  # the workshop's phone (350304)
F_COMPANY = ids.COMPANY.key(ids.COMPANY.clean("莆田某某鞋业有限公司", scope="tmall/58812345"))
W_PHONE = ids.PHONE.key_of("13757912345")  # the warehouse (330782)
G_PHONE = ids.PHONE.key_of("13800201234")  # the shop's phone (440111)
G_SHOP = ids.SHOP.key_of("tmall:58812345")
G_LISTING = ids.LISTING.key_of("tmall:692345678901")
WAYBILLS = [ids.WAYBILL.key_of(f"SF13112345678{i:02d}") for i in range(4)]
C_FACTORY = ids.COMPLAINT.key_of("12315:PT-0001")  # this quarter, 350304
C_SALE = ids.COMPLAINT.key_of("12315:GZ-0001")  # this quarter, 440111
C_OLD = ids.COMPLAINT.key_of("12315:PT-0000")  # the quarter before: not counted
CLEARTEXT = ("13905941234", "13757912345", "13800201234")


def seed(store: GraphStore, now: int) -> None:
    quarter_start = quarter_of(now).period().start_ms
    seen = now - DAY
    b = Batch()
    b.node(F_PHONE, seen, "t/1", region="350304")
    b.node(F_COMPANY, seen, "t/1", region="350304", name="莆田某某鞋业有限公司")
    b.node(W_PHONE, seen, "t/2", region="330782")
    b.node(G_PHONE, seen, "t/3", region="440111")
    b.node(G_SHOP, seen, "t/3", region="440111", name="潮鞋汇运动专营店")
    b.node(G_LISTING, seen, "t/3", region="440111", title="耐克 Air Force 1 低帮")
    b.rel(G_LISTING, "LISTED_IN", G_SHOP, seen, "t/3")
    b.rel(G_SHOP, "HAS_PHONE", G_PHONE, seen, "t/3")
    b.rel(G_SHOP, "OPERATED_BY", F_COMPANY, seen, "t/3")
    b.rel(F_COMPANY, "HAS_PHONE", F_PHONE, seen, "t/1")
    for i, waybill in enumerate(WAYBILLS):
        sender, receiver, where = (
            (F_PHONE, W_PHONE, ("350304", "330782"))
            if i < 2
            else (W_PHONE, G_PHONE, ("330782", "440111"))
        )
        b.node(waybill, seen, "sf/1", region=where)
        b.rel(waybill, "SENT_BY", sender, seen, "sf/1")
        b.rel(waybill, "RECEIVED_BY", receiver, seen, "sf/1")
    for key, region, at, text in (
        (C_FACTORY, "350304", now, "举报莆田工厂生产假冒耐克鞋"),
        (C_SALE, "440111", now, "网店售假"),
        (C_OLD, "350304", quarter_start - DAY, "上季度的举报"),
    ):
        b.node(key, at, "12315/x", region=region, channel="12315", received_at=at, text=text)
    b.rel(C_FACTORY, "MENTIONS", F_PHONE, now, "12315/x")
    b.rel(C_SALE, "MENTIONS", G_SHOP, now, "12315/x")
    store.write(b)


@pytest.fixture
def hub(falkordb_store: GraphStore, tmp_path: Path) -> Hub:
    return Hub(load(data_dir=tmp_path), falkordb_store, cleartext=CLEARTEXT)


def entity_id(hub: Hub, bureau: str, key: str) -> str:
    return hub.ok(bureau, "investigator", ENTITY_ID, key=key)["entity"]["id"]


def counts(items: list[dict[str, Any]]) -> dict[str, int]:
    return {item["name"]: item["count"] for item in items if item["count"]}


def test_cross_province_joint_case_end_to_end(hub: Hub) -> None:
    start = int(time.time() * 1000)
    seed(hub.store, start)
    quarter = quarter_of(start).label
    fj, coord = "350000", "coordinator"

    # --- before the case: Guangdong cannot see the Fujian workshop -------------------
    assert hub.refused("440111", "investigator", ENTITY_ID, key=F_PHONE)[0] == "NOT_FOUND"
    member_ids = [entity_id(hub, fj, F_PHONE), entity_id(hub, fj, F_COMPANY)]
    clue_id = entity_id(hub, fj, C_FACTORY)

    # --- the Fujian coordinator opens a joint case --------------------------------------
    involvement = [
        {"region": "350304", "role": "PRODUCTION"},
        {"region": "330782", "role": "STORAGE"},
        {"region": "440111", "role": "SALE"},
    ]
    created = hub.ok(
        fj,
        coord,
        CREATE,
        input={
            "title": "莆田—义乌—广州 假冒耐克运动鞋链条",
            "lead": "350304",
            "coordinators": ["350000"],
            "participants": ["330782", "440111"],
            "memberIds": member_ids,
            "clueId": clue_id,
            "involvement": involvement,
            "summary": "工厂—仓库—网店",
        },
    )["createJointCase"]
    case_id = created["id"]
    assert created["status"] == "PROPOSED" and created["relation"] == "COORDINATOR"
    assert created["lead"]["code"] == "350304"
    assert [p["code"] for p in created["participants"]] == ["350304", "330782", "440111"]
    assert created["coordinationLevel"] == "INTER_PROVINCIAL"
    members = {e["node"]["key"] for e in created["members"]["edges"]}
    assert members == {"tel:139****1234", F_COMPANY}  # masked, never the raw phone key
    assert all(e["node"]["id"].startswith("e1_") for e in created["members"]["edges"])
    assert created["clue"] == {"key": C_FACTORY}

    opened = hub.ok(fj, coord, TRANSITION, id=case_id, status="OPEN", reason="立案协查")
    assert opened["transitionJointCase"]["status"] == "OPEN"
    refused = hub.refused(fj, coord, TRANSITION, id=case_id, status="PROPOSED", reason="回退")
    assert refused[0] == "INVALID_TRANSITION" and "'action' or 'closed'" in refused[1]

    # --- the grants: Guangdong now sees the case's members, masked ----------------------
    gd = hub.ok("440111", "investigator", CASE, id=case_id)["jointCase"]
    assert gd["relation"] == "PARTICIPANT"
    assert {e["node"]["key"] for e in gd["members"]["edges"]} == members
    assert hub.ok("440111", "investigator", ENTITY_ID, key=F_PHONE)["entity"]["key"] == (
        "tel:139****1234"
    )

    # --- tasks go to each bureau; each bureau completes only its own -------------------
    due = iso(start + 7 * DAY)
    task_ids = {}
    for bureau, kind in (("350304", "INVESTIGATE"), ("330782", "RAID"), ("440111", "TEST_BUY")):
        task = hub.ok(
            fj,
            coord,
            ADD_TASK,
            input={"caseId": case_id, "bureau": bureau, "kind": kind, "title": kind, "due": due},
        )["addTask"]
        assert task["status"] == "OPEN" and task["kind"] == kind
        task_ids[bureau] = task["id"]
    code, message = hub.refused(
        "440111",
        "investigator",
        ADD_TASK,
        input={"caseId": case_id, "bureau": "440111", "kind": "SEIZE", "title": "x", "due": due},
    )
    assert code == "FORBIDDEN" and "only the lead bureau or the coordinator" in message
    code, message = hub.refused(
        "440111",
        "investigator",
        UPDATE_TASK,
        input={"id": task_ids["330782"], "status": "DONE", "result": "done"},
    )
    assert code == "FORBIDDEN" and "the task belongs to" in message
    code, message = hub.refused(
        "330782",
        "investigator",
        UPDATE_TASK,
        input={"id": task_ids["330782"], "status": "DONE", "result": "x", "market": "义乌"},
    )
    assert code == "BAD_USER_INPUT" and "not a registered market" in message
    market = hub.ok(
        "330782",
        "investigator",
        'mutation { registerMarket(name: "义乌国际商贸城", region: "330782") { key kind } }',
    )["registerMarket"]
    assert market == {"key": "market:330782/义乌国际商贸城", "kind": "Market"}
    raid = hub.ok(
        "330782",
        "investigator",
        UPDATE_TASK,
        input={
            "id": task_ids["330782"],
            "status": "DONE",
            "result": "查获仓库假鞋 2,000 双",
            "market": market["key"],
        },
    )["updateTask"]
    assert raid["status"] == "DONE" and raid["market"] == market["key"] and raid["doneAt"]
    hub.ok(
        "350304",
        "investigator",
        UPDATE_TASK,
        input={"id": task_ids["350304"], "status": "DONE", "result": "工厂已查封"},
    )

    # --- a notification to 440111 goes unanswered past its deadline ---------------------
    deadline = int(time.time() * 1000) + 1500
    sent = hub.ok(
        fj,
        coord,
        NOTIFY,
        input={
            "clueId": clue_id,
            "to": ["440111"],
            "deadline": iso(deadline),
            "caseId": case_id,
            "message": "请核查网店货源",
        },
    )["notifyClue"]
    (notification,) = sent["notifications"]
    assert notification["status"] == "SENT" and notification["to"]["code"] == "440111"
    assert sent["routing"] is None
    assert hub.refused("440111", "investigator", RUN_JOBS)[0] == "FORBIDDEN"
    time.sleep(max(0.0, (deadline - time.time() * 1000) / 1000) + 0.05)
    jobs = hub.ok("100000", "admin", RUN_JOBS)["runDueJobs"]
    assert jobs["escalations"] == [f"esc-{notification['id']}"]
    assert hub.ok("100000", "admin", RUN_JOBS)["runDueJobs"]["escalations"] == []  # idempotent

    superior = hub.ok("440100", coord, ATTENTION)["attention"]
    (escalation,) = [i for i in superior if i["kind"] == "ESCALATION"]
    assert escalation["ref"] == f"esc-{notification['id']}" and escalation["overdue"]
    assert notification["id"] in escalation["title"]
    # Escalations are for coordinators and up; the Guangdong province is not the superior.
    assert hub.ok("440100", "investigator", ATTENTION)["attention"] == []
    assert not hub.ok("440000", coord, ATTENTION)["attention"]
    mine = hub.ok("440111", "investigator", ATTENTION)["attention"]
    assert {(i["kind"], i["ref"], i["overdue"]) for i in mine} == {
        ("REPLY", notification["id"], True),
        ("TASK", task_ids["440111"], False),
    }
    assert all(i["caseId"] == case_id for i in mine)

    received = hub.ok("440111", "investigator", NOTIFICATIONS)["notifications"]
    assert [(n["id"], n["from"]["code"], n["clue"]["key"]) for n in received] == [
        (notification["id"], "350000", C_FACTORY)
    ]
    reply = hub.ok(
        "440111", "investigator", REPLY, id=notification["id"], kind="ACCEPT", text="已受理"
    )["replyNotification"]
    assert reply["status"] == "ACCEPTED" and reply["overdue"] is True
    assert reply["escalatedTo"] == {"code": "440100"}
    assert reply["reply"] == {"text": "已受理", "onTime": False}
    assert hub.ok("440100", coord, ATTENTION)["attention"] == []
    sent_list = hub.ok(fj, coord, NOTIFICATIONS, filter={"direction": "SENT"})["notifications"]
    assert [(n["id"], n["status"], n["to"]["code"]) for n in sent_list] == [
        (notification["id"], "ACCEPTED", "440111")
    ]

    # --- a takedown notice, answered by the platform through the partner push -----------
    listing_id = entity_id(hub, "440111", G_LISTING)
    notice = hub.ok(
        "440111",
        "investigator",
        ISSUE,
        input={
            "listingIds": [listing_id],
            "platform": "tmall",
            "reason": "假冒注册商标 (商标法第57条)",
            "caseId": case_id,
        },
    )["issueTakedown"]
    assert notice["from"]["code"] == "440111"
    assert notice["results"] == [{"action": None, "listing": {"key": G_LISTING}}]
    issued = ms(notice["issuedAt"])
    acted = (issued // 1000 + 2) * 1000  # whole seconds, 1-2 s after the notice
    time.sleep(max(0.0, (acted - time.time() * 1000) / 1000))
    key = add_partner(hub.store, "tmall", "天猫", ["takedown"], now_ms=start, actor="test")
    answer = {
        "record_id": "tm-td-0001",
        "notice_id": notice["id"],
        "platform": "tmall",
        "listing_id": "692345678901",
        "action": "removed",
        "acted_at": iso(acted),
    }
    for expected in ("accepted", "duplicate"):  # the resend changes nothing
        pushed = hub.client.post(
            "/intake/v1/takedown",
            json={"records": [answer]},
            headers={"authorization": f"Bearer {key}"},
        )
        assert pushed.status_code == 200, pushed.text
        assert pushed.json()["results"][0]["status"] == expected
        assert pushed.json()["takedown_ledger"] == [
            {"index": 0, "record_id": "tm-td-0001", "notice_id": notice["id"], "ledger": "recorded"}
        ]
    # Another platform's partner cannot answer it (told as if the notice did not exist);
    # a feed action that is no answer is stored in the graph but not in the ledger.
    other = add_partner(hub.store, "jd", "京东", ["takedown"], now_ms=start, actor="test")
    for partner_key, action, ledger in ((other, "rejected", "unknown_notice"),
                                        (key, "restored", "not_recorded")):  # fmt: skip
        pushed = hub.client.post(
            "/intake/v1/takedown",
            json={"records": [answer | {"record_id": f"x-{action}", "action": action}]},
            headers={"authorization": f"Bearer {partner_key}"},
        )
        assert pushed.json()["takedown_ledger"][0]["ledger"] == ledger
    notices = hub.ok("440111", "investigator", NOTICES, filter={"caseId": case_id})
    (shown,) = notices["takedownNotices"]
    (result,) = shown["results"]
    assert result["action"] == "REMOVED" and ms(result["actedAt"]) == acted
    assert result["timeToRemovalHours"] == pytest.approx((acted - issued) / HOUR)
    assert shown["removalTimes"]["removed"] == 1
    assert shown["removalTimes"]["maxHours"] == pytest.approx((acted - issued) / HOUR)
    assert [n["id"] for n in hub.ok("440111", "investigator", NOTICES)["takedownNotices"]] == [
        notice["id"]
    ]
    assert hub.ok(fj, coord, NOTICES)["takedownNotices"] == []  # issued by another bureau

    # The shop lists again after the removal: the scheduled job raises a repeat alert.
    relisted = ids.LISTING.key_of("tmall:692345670000")
    again = Batch()
    again.node(relisted, acted + 1000, "t/4", region="440111", title="耐克 AF1 新款")
    again.rel(relisted, "LISTED_IN", G_SHOP, acted + 1000, "t/4")
    hub.store.write(again)
    jobs = hub.ok("100000", "admin", RUN_JOBS)["runDueJobs"]
    # the notice was the case's: its repeat infringer goes on the case's credit record
    assert len(jobs["repeatAlerts"]) == 1 and len(jobs["creditEntries"]) == 1
    alerts = hub.ok(
        "440111",
        "investigator",
        "{ repeatAlerts { id via noticeId newListing { key } pivot { key } bureau { code } } }",
    )["repeatAlerts"]
    assert [(a["via"], a["noticeId"], a["newListing"], a["pivot"]) for a in alerts] == [
        ("SHOP", notice["id"], {"key": relisted}, {"key": G_SHOP})
    ]
    assert alerts[0]["id"] in {
        i["ref"]
        for i in hub.ok("440111", "investigator", ATTENTION)["attention"]
        if i["kind"] == "REPEAT_ALERT"
    }

    # --- transfers, comments, supervision, designation, joint action --------------------
    hub.ok(
        "350304",
        "investigator",
        """mutation($input: PoliceTransferInput!) { transferToPolice(input: $input) { id } }""",
        input={
            "caseId": case_id,
            "reference": "荔市监移〔2026〕7号",
            "policeUnit": "莆田市公安局荔城分局",
            "transferredAt": iso(start),
            "offence": "COUNTERFEIT_TRADEMARK",
        },
    )
    hub.ok(
        "350304",
        "investigator",
        """mutation($input: EvidenceTransferInput!) {
          recordEvidenceTransfer(input: $input) { id } }""",
        input={
            "caseId": case_id,
            "to": "330782",
            "what": "工厂出货单据",
            "transferredAt": iso(start),
            "evidenceIds": [member_ids[1]],
        },
    )
    hub.ok(
        "330782",
        "investigator",
        'mutation($id: ID!) { addComment(caseId: $id, text: "仓库已查封") { id } }',
        id=case_id,
    )
    supervise = """mutation($input: SupervisionInput!) { listForSupervision(input: $input) {
      id status supervisor { code } nextReportDue } }"""
    listing = {"caseId": case_id, "deadline": iso(start + 30 * DAY), "requirement": "每周报告"}
    code, message = hub.refused(fj, coord, supervise, input=listing)
    assert code == "FORBIDDEN" and "needs a supervisor" in message
    supervision = hub.ok(fj, "supervisor", supervise, input=listing)["listForSupervision"]
    assert supervision["status"] == "LISTED" and supervision["supervisor"]["code"] == fj
    hub.ok(
        "350304",
        "investigator",
        """mutation($id: ID!) { reportSupervisionProgress(supervisionId: $id,
          text: "已完成现场检查") { id } }""",
        id=supervision["id"],
    )
    request = hub.ok(
        "350304",
        "investigator",
        """mutation($input: DesignationRequestInput!) {
          requestDesignatedJurisdiction(input: $input) { id status decider { code } } }""",
        input={"caseId": case_id, "reason": "案情涉及多地，请求指定管辖", "proposed": "350304"},
    )["requestDesignatedJurisdiction"]
    assert request["status"] == "PENDING" and request["decider"] == {"code": "350300"}
    decide = """mutation($id: ID!) { decideDesignatedJurisdiction(id: $id,
      designated: "350304", reason: "由荔城区主办") { status designated { code } } }"""
    code, message = hub.refused(fj, "supervisor", decide, id=request["id"])
    assert code == "FORBIDDEN" and "common superior" in message
    decided = hub.ok("350300", "supervisor", decide, id=request["id"])
    assert decided["decideDesignatedJurisdiction"] == {
        "status": "DESIGNATED",
        "designated": {"code": "350304"},
    }
    action_at = start + 3 * DAY
    hub.ok(
        fj,
        coord,
        """mutation($id: ID!, $at: DateTime!) { setJointActionDate(caseId: $id, at: $at,
          reason: "统一收网") { jointActionAt } }""",
        id=case_id,
        at=iso(action_at),
    )

    # --- the case as the lead sees it ---------------------------------------------------
    case = hub.ok("350304", "investigator", CASE, id=case_id)["jointCase"]
    assert case["relation"] == "LEAD" and case["supervised"] is True
    assert ms(case["jointActionAt"]) == action_at
    assert case["tasks"]["totalCount"] == 3
    assert {
        (t["node"]["bureau"]["code"], t["node"]["kind"], t["node"]["status"])
        for t in case["tasks"]["edges"]
    } == {
        ("350304", "INVESTIGATE", "DONE"),
        ("330782", "RAID", "DONE"),
        ("440111", "TEST_BUY", "OPEN"),
    }
    assert case["comments"] == [{"text": "仓库已查封", "bureau": {"code": "330782"}}]
    assert case["evidenceTransfers"] == [
        {
            "what": "工厂出货单据",
            "from": {"code": "350304"},
            "to": {"code": "330782"},
            "evidence": [{"key": F_COMPANY}],
        }
    ]
    assert case["policeTransfers"][0]["offence"] == "COUNTERFEIT_TRADEMARK"
    assert "Art. 213" in case["policeTransfers"][0]["offenceLabel"]
    assert case["supervisions"][0]["reportCount"] == 1
    assert case["designationRequests"][0]["status"] == "DESIGNATED"
    assert [n["id"] for n in case["takedownNotices"]] == [notice["id"]]

    # --- 集群作战: one date, a task for every bureau, the case to ACTION ------------------
    operation = hub.ok(
        fj,
        coord,
        """mutation($id: ID!, $at: DateTime!) { launchClusterOperation(caseId: $id, at: $at,
          reason: "统一收网", kind: SEIZE) { case { status } tasks { bureau { code } kind } } }""",
        id=case_id,
        at=iso(action_at),
    )["launchClusterOperation"]
    assert operation["case"]["status"] == "ACTION"
    assert {(x["bureau"]["code"], x["kind"]) for x in operation["tasks"]} == {
        ("350304", "SEIZE"),
        ("330782", "SEIZE"),
        ("440111", "SEIZE"),
    }

    # --- quarterly statistics: exact figures for this quarter ---------------------------
    fujian = hub.ok(fj, coord, STATS, quarter=quarter)["quarterlyStats"]
    assert fujian["quarter"] == quarter and fujian["region"] == {"code": fj}
    total = fujian["total"]
    assert counts(total["cluesByChannel"]) == {"12315": 1}  # the older one is last quarter's
    assert (total["casesOpened"], total["casesClosed"], total["majorCasesOpened"]) == (1, 0, 0)
    assert counts(total["actionsByKind"]) == {"investigate": 1}
    assert (total["marketsInspected"], total["policeTransfers"]) == (0, 1)
    assert total["notifications"]["received"] == 0 and total["takedowns"] == []
    putian = next(r for r in fujian["byRegion"] if r["region"]["code"] == "350300")
    assert putian["figures"]["casesOpened"] == 1 and putian["figures"]["policeTransfers"] == 1
    fuzhou = next(r for r in fujian["byRegion"] if r["region"]["code"] == "350100")
    assert fuzhou["figures"]["cluesTotal"] == 0 and fuzhou["figures"]["actionsTotal"] == 0
    report = report_command(hub.store, quarter, fj, "csv", hub.settings.data_dir)
    with report.open(encoding="utf-8-sig") as handle:
        written = [
            (r["region"], r["section"], r["metric"], r["value"]) for r in csv.DictReader(handle)
        ]
    shown_rows = [
        (r["region"], r["section"], r["metric"], "" if r["value"] is None else str(r["value"]))
        for r in fujian["rows"]
    ]
    assert shown_rows == written  # the same figures as `cluehub report`

    national = hub.ok("100000", "admin", STATS, quarter=quarter)["quarterlyStats"]["total"]
    assert counts(national["cluesByChannel"]) == {"12315": 2}
    assert counts(national["actionsByKind"]) == {"investigate": 1, "raid": 1}
    assert (national["marketsInspected"], national["policeTransfers"]) == (1, 1)
    assert national["notifications"] == {
        "received": 1,
        "replied": 1,
        "onTime": 0,
        "unansweredOverdue": 0,
        "replyRate": 1.0,
        "onTimeRate": 0.0,
    }
    assert national["takedowns"] == [{"platform": "tmall", "answered": 1, "removed": 1}]
    code, message = hub.refused(fj, coord, STATS, quarter=quarter, region="440000")
    assert code == "FORBIDDEN" and "outside your bureau's region" in message
    assert hub.refused(fj, coord, STATS, quarter="2026-Q5")[0] == "BAD_USER_INPUT"

    # --- superiors see the case; bureaus outside it see nothing of it ------------------
    above = hub.ok("330000", coord, CASE, id=case_id)["jointCase"]
    assert above["relation"] == "SUPERIOR"
    assert {e["node"]["key"] for e in above["members"]["edges"]} == members  # via the grants
    for outsider in ("330100", "510000"):
        body = hub.gql(outsider, coord, CASE, {"id": case_id})
        assert body["data"]["jointCase"] is None
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert hub.ok(outsider, coord, CASES)["jointCases"]["edges"] == []
        everything = {"filter": {"direction": "ALL"}}
        assert hub.ok(outsider, coord, NOTIFICATIONS, **everything)["notifications"] == []
        assert hub.ok(outsider, coord, ATTENTION)["attention"] == []
        for key in (F_PHONE, F_COMPANY, G_LISTING):
            assert hub.refused(outsider, coord, ENTITY_ID, key=key)[0] == "NOT_FOUND"
        body = hub.gql(
            outsider, coord, "query($id: ID!) { entity(id: $id) { key } }", {"id": member_ids[0]}
        )
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        code, _ = hub.refused(outsider, coord, NOTICES, filter={"caseId": case_id})
        assert code == "NOT_FOUND"
        code, message = hub.refused(
            outsider,
            coord,
            'mutation($id: ID!) { addComment(caseId: $id, text: "看看") { id } }',
            id=case_id,
        )
        assert code == "FORBIDDEN" and "only its lead, coordinators, participants" in message
    for bureau in ("350000", "350304", "330782", "440111"):
        (edge,) = hub.ok(bureau, "investigator", CASES)["jointCases"]["edges"]
        assert edge["node"]["id"] == case_id

    # --- every state change left its audit event ----------------------------------------
    changes = [
        e["operation"]
        for e in hub.ok(fj, coord, HISTORY, id=case_id, reads=False)["jointCase"]["history"]
    ]
    assert changes == [
        "case.create",
        "case.status.open",
        "task.create",
        "task.create",
        "task.create",
        "task.done",
        "task.done",
        "credit.record",  # the repeat infringer, pending a supervisor's review
        "case.police_transfer",
        "case.evidence_transfer",
        "case.comment",
        "case.supervise",
        "supervision.report",
        "jurisdiction.request",
        "jurisdiction.decide",
        "case.joint_action",
        "case.cluster_operation",
    ]
    assert hub.refused(fj, coord, HISTORY, id=case_id, reads=True)[0] == "FORBIDDEN"
    with_reads = hub.ok(fj, "supervisor", HISTORY, id=case_id, reads=True)["jointCase"]["history"]
    refusals = [e for e in with_reads if e["operation"] == "case.read.refused"]
    assert {e["bureau"]["code"] for e in refusals} == {"330100", "510000"}
    assert [e["operation"] for e in audit.trail(hub.store, object_key=notification["id"])] == [
        "notification.send",
        "notification.escalate",
        "notification.list",
        "notification.accept",
        "notification.list",
    ]
    assert [e["operation"] for e in audit.trail(hub.store, object_key=notice["id"])] == [
        "takedown.issue",
        "takedown.removed",
    ]


def test_joint_case_from_a_ring_found_by_analysis(hub: Hub) -> None:
    now = int(time.time() * 1000)
    seed(hub.store, now)
    ring_docs.rebuild(hub.store, now_ms=now)
    rings = hub.ok("100000", "coordinator", "{ rings { edges { node { id size } } } }")
    (ring,) = [e["node"] for e in rings["rings"]["edges"]]
    create = """mutation($ring: ID!) { createJointCaseFromRing(ringId: $ring, title: "链条") {
      id status lead { code } participants { code } coordinationLevel relation
      members { edges { node { key } } } routingReasons } }"""
    # A province does not see the whole ring, so it cannot open a case for it (once a case
    # is open, its members are granted to the participants and their superiors, and the
    # one visibility rule lets the province see them, in analysis as everywhere).
    code, message = hub.refused("350000", "coordinator", create, ring=ring["id"])
    # Out of scope answers like absent (no existence oracle), with masked keys.
    assert code == "NOT_FOUND" and "2 node(s) not found among what" in message, message
    assert "tel:137****2345" in message
    case = hub.ok("100000", "coordinator", create, ring=ring["id"])["createJointCaseFromRing"]
    assert case["status"] == "PROPOSED" and case["lead"] == {"code": "350304"}
    assert {p["code"] for p in case["participants"]} == {"350304", "330782", "440111"}
    assert case["coordinationLevel"] == "NATIONAL" and case["relation"] == "COORDINATOR"
    assert {e["node"]["key"] for e in case["members"]["edges"]} == {
        "tel:139****1234",
        "tel:137****2345",
        G_SHOP,
    }
    assert any("major" in r for r in case["routingReasons"])


def test_joint_case_from_a_trace_as_proposed(hub: Hub) -> None:
    world = build_world(hub.store)
    samr = ("100000", "coordinator")
    complaint = world.complaints[world.shops[0].key][0]
    start = hub.ok(*samr, ENTITY_ID, key=complaint)["entity"]["id"]
    proposed = hub.ok(
        *samr,
        """query($id: ID!) { traceProposedCase(id: $id) { level lead { code } major
          coordinators { code } notify { code } participants { region { code } roles }
          reasons } }""",
        id=start,
    )["traceProposedCase"]
    assert proposed is not None and proposed["reasons"], proposed
    roles = {p["region"]["code"]: set(p["roles"]) for p in proposed["participants"]}
    assert proposed["lead"] == {"code": "350304"} and roles["350304"] == {"production"}
    assert roles["330302"] == {"label_printing"}  # the world's label printer
    create = """mutation($id: ID!) { createJointCaseFromTrace(id: $id) {
      id status title lead { code } participants { code } coordinationLevel relation
      members { edges { node { key kind } } } routingReasons } }"""
    case = hub.ok(*samr, create, id=start)["createJointCaseFromTrace"]
    assert case["status"] == "PROPOSED" and case["lead"] == proposed["lead"]
    assert {p["code"] for p in case["participants"]} == set(roles)
    assert case["coordinationLevel"] == proposed["level"].upper()
    assert case["routingReasons"][: len(proposed["reasons"])] == proposed["reasons"]
    assert case["title"] == f"Trace to production sources ({len(roles)} regions)"
    kinds = {e["node"]["kind"] for e in case["members"]["edges"]}
    assert {"Complaint", "Phone", "Shop", "Waybill"} <= kinds  # start, sources, the evidence
    # A trace that finds no chain across regions needs no joint case: the hub says so.
    hub.store.write(_lone_listing())
    lone = hub.ok(*samr, ENTITY_ID, key=LONE_LISTING)["entity"]["id"]
    nothing = hub.ok(*samr, "query($id: ID!) { traceProposedCase(id: $id) { level } }", id=lone)
    assert nothing["traceProposedCase"] is None
    code, message = hub.refused(*samr, create, id=lone)
    assert code == "BAD_USER_INPUT" and "stays in one county" in message, message
    # A bureau the trace's start lies outside of does not find it at all.
    assert hub.refused("620000", "coordinator", create, id=start)[0] == "NOT_FOUND"


LONE_LISTING = ids.LISTING.key_of("tmall:600000000001")


def _lone_listing() -> Batch:
    b = Batch()
    b.node(LONE_LISTING, int(time.time() * 1000), "t/9", region="440111", title="孤立商品")
    return b


def test_routing_preview_and_input_errors(hub: Hub) -> None:
    preview = hub.ok(
        "350304",
        "investigator",
        """query($roles: [RegionRoleInput!]!) { routing(regionRoles: $roles,
          investigating: "350304") { level lead { code } notify { code }
          coordinators { code } major blocs { id } reasons } }""",
        roles=[
            {"region": "350304", "role": "PRODUCTION"},
            {"region": "440111", "role": "SALE"},
        ],
    )["routing"]
    assert preview["level"] == "INTER_PROVINCIAL" and preview["lead"] == {"code": "350304"}
    assert preview["notify"] == [{"code": "440111"}]
    assert preview["coordinators"] == [{"code": "350000"}, {"code": "440000"}]
    assert preview["blocs"] == [{"id": "pprd"}] and preview["major"] is False
    code, message = hub.refused(
        "350304",
        "investigator",
        """{ routing(regionRoles: [{region: "999999", role: SALE}]) { level } }""",
    )
    assert code == "BAD_USER_INPUT" and "999999" in message
    code, message = hub.refused(
        "350304",
        "investigator",
        CREATE,
        input={"title": "x", "lead": "350304", "participants": ["12"]},
    )
    assert code == "BAD_USER_INPUT" and "6-digit region code" in message
    body = hub.gql("350304", "investigator", CASE, {"id": "jc-doesnotexist"})
    assert body["data"]["jointCase"] is None
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
