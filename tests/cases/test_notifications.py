"""Clue notification (线索通报): send, grant, reply, escalate overdue, reply rates, attention."""

from __future__ import annotations

import pytest

from cluehub.cases import audit, jobs
from cluehub.cases.attention.service import attention
from cluehub.cases.context import Actor, SequentialIds
from cluehub.cases.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from cluehub.cases.escalation.models import LABEL as ESCALATION
from cluehub.cases.notification import flows, scheduled, service
from cluehub.cases.periods import cst_ms
from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore, is_visible

T0 = cst_ms(2026, 7, 6, 9)
HOUR = 3_600_000
DAY = 24 * HOUR
CLUE = "clue:fj-2026-0001"
PHONE = "tel:+8613812345678"
HIDDEN = "tel:+8613912345678"  # known only in Hangzhou
PUTIAN = Actor("zhang.wei", "bureau:350304", request_id="req-1")  # 荔城区


def seed(store: GraphStore) -> None:
    batch = Batch()
    batch.node(CLUE, T0 - DAY, "hub/clue-1", region="350304", title="假冒运动鞋")
    batch.node(PHONE, T0 - DAY, "hub/clue-1", region="350304")
    batch.node(HIDDEN, T0 - DAY, "hz/ticket-9", region="330102")
    store.write(batch)


def audits(store: GraphStore, operation: str) -> list[dict]:
    return store.find_docs("AuditEvent", {"operation": operation}, limit=100)


def test_notify_one_per_recipient_grants_visibility_and_audits(store: GraphStore) -> None:
    seed(store)
    assert not is_visible(store.get(CLUE), "440305")
    sent = service.notify(
        store,
        clue_key=CLUE,
        from_bureau="bureau:350304",
        to_bureaus=["bureau:440305", "350203"],
        evidence_keys=[PHONE],
        deadline_ms=T0 + 3 * DAY,
        actor=PUTIAN,
        now_ms=T0,
        message="生产源头在莆田",
        ids=SequentialIds(),
    )
    assert [n.to_bureau for n in sent] == ["bureau:440305", "bureau:350203"]
    assert len({n.batch for n in sent}) == 1
    stored = service.get(store, sent[0].key)
    assert stored == sent[0]
    assert stored.status == "sent" and stored.evidence_keys == (PHONE,)
    # Recipients (and their superiors) now see the clue and the evidence.
    for key in (CLUE, PHONE):
        node = store.get(key)
        assert is_visible(node, "440305") and is_visible(node, "440000")
        assert is_visible(node, "350203") and not is_visible(node, "330102")
    grants = store.find_docs("Grant", {"bureau": "bureau:440305"})
    assert len(grants) == 1 and set(grants[0]["node_keys"]) == {CLUE, PHONE}
    assert grants[0]["source"] == f"notification:{sent[0].key}"
    [event] = audits(store, "notification.send")
    assert event["actor"] == "zhang.wei" and event["bureau"] == "350304"
    assert event["role"] == "investigator"
    assert event["request_id"] == "req-1"
    assert set(event["object_keys"]) >= {sent[0].key, sent[1].key, CLUE, PHONE}
    # Only sender, recipient and their superiors read a notification.
    assert (
        service.view(
            store, notification_id=sent[0].key, actor=Actor("u", "bureau:440300"), now_ms=T0
        ).key
        == sent[0].key
    )
    with pytest.raises(PermissionDenied, match="not visible"):
        service.view(
            store, notification_id=sent[0].key, actor=Actor("u", "bureau:350203"), now_ms=T0
        )


def test_notify_refuses_what_the_sender_may_not_do(store: GraphStore) -> None:
    seed(store)
    args = {"to_bureaus": ["bureau:440305"], "evidence_keys": [PHONE], "deadline_ms": T0 + DAY}
    with pytest.raises(PermissionDenied, match="cannot notify on behalf"):
        service.notify(
            store, clue_key=CLUE, from_bureau="bureau:350300", actor=PUTIAN, now_ms=T0, **args
        )
    # Out of scope and absent get the same answer, with the key masked (no oracle, no PII).
    with pytest.raises(NotFound, match="1 node\\(s\\) not found among what") as hidden:
        service.notify(
            store,
            clue_key=CLUE,
            from_bureau="bureau:350304",
            to_bureaus=["440305"],
            evidence_keys=[HIDDEN],
            deadline_ms=T0 + DAY,
            actor=PUTIAN,
            now_ms=T0,
        )
    assert ids.mask_key(HIDDEN) in str(hidden.value) and HIDDEN not in str(hidden.value)
    with pytest.raises(NotFound, match="1 node\\(s\\) not found among what"):
        service.notify(
            store,
            clue_key=CLUE,
            from_bureau="bureau:350304",
            to_bureaus=["440305"],
            evidence_keys=["tel:+8613700000000"],
            deadline_ms=T0 + DAY,
            actor=PUTIAN,
            now_ms=T0,
        )
    with pytest.raises(InvalidInput, match="not in the future"):
        service.notify(
            store,
            clue_key=CLUE,
            from_bureau="bureau:350304",
            to_bureaus=["440305"],
            evidence_keys=[PHONE],
            deadline_ms=T0,
            actor=PUTIAN,
            now_ms=T0,
        )
    with pytest.raises(InvalidInput, match="contains the sender"):
        service.notify(
            store,
            clue_key=CLUE,
            from_bureau="bureau:350304",
            to_bureaus=["350304"],
            evidence_keys=[],
            deadline_ms=T0 + DAY,
            actor=PUTIAN,
            now_ms=T0,
        )
    assert store.find_docs("Notification") == [] and audits(store, "notification.send") == []


def test_lifecycle_missed_deadline_escalates_to_the_superior(store: GraphStore) -> None:
    seed(store)
    ids = SequentialIds()
    deadline = T0 + 3 * DAY
    xiamen, nanshan = service.notify(
        store,
        clue_key=CLUE,
        from_bureau="bureau:350304",
        to_bureaus=["350203", "440305"],
        evidence_keys=[PHONE],
        deadline_ms=deadline,
        actor=PUTIAN,
        now_ms=T0,
        ids=ids,
    )
    xm = Actor("li.na", "bureau:350203")
    ns = Actor("wang.fang", "bureau:440305")

    accepted = service.reply(
        store,
        notification_id=xiamen.key,
        kind="accept",
        actor=xm,
        now_ms=T0 + DAY,
        text="已受理",
        ids=ids,
    )
    assert accepted.status == "accepted" and accepted.on_time is True
    assert (
        service.reply(
            store,
            notification_id=xiamen.key,
            kind="result",
            actor=xm,
            now_ms=T0 + 5 * DAY,
            text="查获假鞋 300 双",
            ids=ids,
        ).on_time
        is True
    )

    # Nanshan says nothing. Before the deadline nothing happens.
    assert scheduled.escalate_overdue(store, now_ms=deadline - HOUR, ids=ids) == []
    assert [
        i.kind
        for i in attention(store, user_bureau="bureau:440305", role="investigator", now_ms=T0)
    ] == ["reply"]

    [escalation] = scheduled.escalate_overdue(store, now_ms=deadline + HOUR, ids=ids)
    assert escalation.to_bureau == "bureau:440300"  # 深圳市 above 南山区
    assert escalation.subordinate == "bureau:440305"
    assert (
        scheduled.escalate_overdue(store, now_ms=deadline + 2 * HOUR, ids=ids) == []
    )  # idempotent
    assert len(store.find_docs(ESCALATION)) == 1
    overdue = service.get(store, nanshan.key)
    assert overdue.overdue and overdue.escalated_to == "bureau:440300"
    [event] = audits(store, "notification.escalate")
    assert (event["actor"], event["bureau"]) == ("system:escalate_overdue", "440305")
    assert nanshan.key in event["object_keys"] and escalation.key in event["object_keys"]

    # The superior's coordinators see the escalation; its investigators do not.
    overseer = attention(
        store, user_bureau="bureau:440300", role="coordinator", now_ms=deadline + HOUR
    )
    assert [(i.kind, i.ref, i.overdue) for i in overseer] == [("escalation", escalation.key, True)]
    assert (
        attention(store, user_bureau="bureau:440300", role="investigator", now_ms=deadline + HOUR)
        == []
    )
    [due] = attention(
        store, user_bureau="bureau:440305", role="investigator", now_ms=deadline + HOUR
    )
    assert (due.kind, due.ref, due.overdue) == ("reply", nanshan.key, True)

    # A late answer still counts as a reply, closes the escalation, but is not on time.
    late = service.reply(
        store,
        notification_id=nanshan.key,
        kind="decline",
        actor=ns,
        now_ms=deadline + DAY,
        text="经核查不在本辖区",
        ids=ids,
    )
    assert late.status == "declined" and late.on_time is False
    assert store.get_doc(ESCALATION, escalation.key)["status"] == "answered"
    assert (
        attention(store, user_bureau="bureau:440300", role="supervisor", now_ms=deadline + DAY)
        == []
    )
    assert (
        attention(store, user_bureau="bureau:440305", role="investigator", now_ms=deadline + DAY)
        == []
    )
    [decline] = audits(store, "notification.decline")
    assert decline["reason"].endswith("(late)") and escalation.key in decline["object_keys"]
    trail = [e["operation"] for e in audit.trail(store, object_key=nanshan.key)]
    assert trail == ["notification.send", "notification.escalate", "notification.decline"]

    # Reply and on-time rates for the quarter.
    stats = service.reply_stats(store, bureau="bureau:440305", period="2026Q3")
    assert (stats.received, stats.replied, stats.on_time) == (1, 1, 0)
    assert (stats.reply_rate, stats.on_time_rate) == (1.0, 0.0)
    stats = service.reply_stats(store, bureau="bureau:350203", period="2026Q3")
    assert (stats.reply_rate, stats.on_time_rate) == (1.0, 1.0)
    nothing = service.reply_stats(store, bureau="bureau:350203", period="2026Q2")
    assert nothing.received == 0 and nothing.reply_rate is None


def test_reply_rules(store: GraphStore) -> None:
    seed(store)
    [n] = service.notify(
        store,
        clue_key=CLUE,
        from_bureau="bureau:350304",
        to_bureaus=["350203"],
        evidence_keys=[],
        deadline_ms=T0 + DAY,
        actor=PUTIAN,
        now_ms=T0,
    )
    xm = Actor("li.na", "bureau:350203")
    with pytest.raises(PermissionDenied, match="only that bureau answers it"):
        service.reply(
            store,
            notification_id=n.key,
            kind="accept",
            actor=Actor("u", "bureau:350200"),
            now_ms=T0,
        )
    with pytest.raises(InvalidInput, match="a decline needs a reason"):
        service.reply(store, notification_id=n.key, kind="decline", actor=xm, now_ms=T0)
    with pytest.raises(InvalidInput, match="reply 'ignore' is unknown"):
        service.reply(store, notification_id=n.key, kind="ignore", actor=xm, now_ms=T0)
    service.reply(
        store, notification_id=n.key, kind="decline", actor=xm, now_ms=T0 + HOUR, text="不属本辖区"
    )
    with pytest.raises(InvalidTransition, match="'declined': it is answered for good"):
        service.reply(store, notification_id=n.key, kind="accept", actor=xm, now_ms=T0 + 2 * HOUR)
    assert len(audits(store, "notification.decline")) == 1
    assert audits(store, "notification.accept") == []


def test_unanswered_notification_to_samr_is_marked_not_escalated(store: GraphStore) -> None:
    seed(store)
    [n] = service.notify(
        store,
        clue_key=CLUE,
        from_bureau="bureau:350304",
        to_bureaus=["100000"],
        evidence_keys=[],
        deadline_ms=T0 + DAY,
        actor=PUTIAN,
        now_ms=T0,
    )
    assert scheduled.escalate_overdue(store, now_ms=T0 + 2 * DAY) == []
    marked = service.get(store, n.key)
    assert marked.overdue and marked.escalated_to is None
    assert len(audits(store, "notification.escalate")) == 1
    assert scheduled.escalate_overdue(store, now_ms=T0 + 3 * DAY) == []
    assert len(audits(store, "notification.escalate")) == 1


def test_notify_by_routing_sends_to_the_bureaus_the_rules_name(store: GraphStore) -> None:
    seed(store)
    routing, sent = flows.notify_by_routing(
        store,
        clue_key=CLUE,
        involvement=[
            ("350304", "sale"),
            ("350583", "production"),
            ("440305", "sale"),
            ("330102", "storage"),
        ],
        evidence_keys=[PHONE],
        deadline_ms=T0 + 5 * DAY,
        actor=PUTIAN,
        now_ms=T0,
    )
    assert routing.lead == "bureau:350583"
    # Production, storage and sale elsewhere are notified (003 §3.4, 004 §4.2 涉案地); the
    # sender's own county is not.
    assert [n.to_bureau for n in sent] == ["bureau:350583", "bureau:330102", "bureau:440305"]
    assert all("通报" in n.message for n in sent)
    received = service.list_received(store, actor=Actor("u", "bureau:350583"), now_ms=T0)
    assert [n.key for n in received] == [sent[0].key]
    assert {n.key for n in service.list_sent(store, actor=PUTIAN, now_ms=T0)} == {
        n.key for n in sent
    }


def test_all_due_jobs_in_one_idempotent_run(store: GraphStore) -> None:
    seed(store)
    [n] = service.notify(
        store,
        clue_key=CLUE,
        from_bureau="bureau:350304",
        to_bureaus=["350203"],
        evidence_keys=[],
        deadline_ms=T0 + DAY,
        actor=PUTIAN,
        now_ms=T0,
    )
    assert jobs.run_due_jobs(store, now_ms=T0 + HOUR) == jobs.JobsRun((), (), (), ())
    first = jobs.run_due_jobs(store, now_ms=T0 + 2 * DAY)
    assert first.escalations == (f"esc-{n.key}",)
    assert jobs.run_due_jobs(store, now_ms=T0 + 3 * DAY) == jobs.JobsRun((), (), (), ())
