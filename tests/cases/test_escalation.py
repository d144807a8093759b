"""The escalation ladder (件件有回音): an unanswered notification climbs one level at a
time, each step after the step's own deadline, up to SAMR; each step is audited, shows in
its bureau's attention list while it is the open one, and an answer closes it."""

from __future__ import annotations

from cluehub.cases import audit, jobs
from cluehub.cases.attention.service import attention
from cluehub.cases.context import Actor, SequentialIds
from cluehub.cases.escalation import scheduled as ladder_jobs
from cluehub.cases.escalation import service as ladder
from cluehub.cases.escalation.models import LABEL, step_key, window_ms
from cluehub.cases.notification import scheduled, service
from cluehub.cases.periods import cst_ms
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

T0 = cst_ms(2026, 7, 6, 9)
HOUR = 3_600_000
DAY = 24 * HOUR
CLUE = "clue:fj-2026-0002"
PUTIAN = Actor("zhang.wei", "bureau:350304")
NANSHAN = Actor("wang.fang", "bureau:440305")


def seed(store: GraphStore) -> None:
    batch = Batch()
    batch.node(CLUE, T0 - DAY, "hub/clue-2", region="350304", title="假冒运动鞋")
    store.write(batch)


def overseen(store: GraphStore, bureau: str, at: int) -> list[str]:
    return [
        i.ref
        for i in attention(store, user_bureau=bureau, role="coordinator", now_ms=at)
        if i.kind == "escalation"
    ]


def test_window_and_keys_are_derived() -> None:
    assert window_ms(T0, T0 + 2 * DAY) == 2 * DAY
    assert window_ms(T0, T0) == 1  # never zero: a step always has a deadline after it
    assert step_key("ntf-1", 1) == "esc-ntf-1" and step_key("ntf-1", 3) == "esc-ntf-1-3"


def test_an_unanswered_notification_climbs_to_samr(store: GraphStore) -> None:
    seed(store)
    ids = SequentialIds()
    [n] = service.notify(
        store,
        clue_key=CLUE,
        from_bureau="bureau:350304",
        to_bureaus=["440305"],
        evidence_keys=[],
        deadline_ms=T0 + 2 * DAY,
        actor=PUTIAN,
        now_ms=T0,
        ids=ids,
    )
    # Past the deadline: step 1 to 深圳市 (440300), which has two days of its own.
    [first] = scheduled.escalate_overdue(store, now_ms=T0 + 2 * DAY + HOUR, ids=ids)
    assert (first.to_bureau, first.level, first.subordinate) == ("bureau:440300", 1, NANSHAN.bureau)
    assert first.next_deadline == T0 + 4 * DAY + HOUR
    assert ladder_jobs.climb_due(store, T0 + 4 * DAY, ids=ids) == []  # not yet
    assert overseen(store, "bureau:440300", T0 + 4 * DAY) == [first.key]

    # Still unanswered after 深圳市's deadline: 广东省 (440000), then SAMR (100000).
    [second] = ladder_jobs.climb_due(store, T0 + 4 * DAY + 2 * HOUR, ids=ids)
    assert (second.key, second.to_bureau, second.level) == (
        step_key(n.key, 2),
        "bureau:440000",
        2,
    )
    assert second.subordinate == "bureau:440300"
    assert ladder_jobs.climb_due(store, T0 + 4 * DAY + 3 * HOUR, ids=ids) == []  # idempotent
    assert overseen(store, "bureau:440300", T0 + 5 * DAY) == []  # handed up: no longer its item
    assert overseen(store, "bureau:440000", T0 + 5 * DAY) == [second.key]
    [third] = ladder_jobs.climb_due(store, T0 + 7 * DAY, ids=ids)
    assert (third.to_bureau, third.level) == ("bureau:100000", 3)
    assert ladder_jobs.climb_due(store, T0 + 30 * DAY, ids=ids) == []  # nothing above SAMR
    [item] = [
        i
        for i in attention(
            store, user_bureau="bureau:100000", role="supervisor", now_ms=T0 + 30 * DAY
        )
    ]
    assert item.ref == third.key and item.overdue and n.key in item.title

    # Each step is audited, with the bureau it concerns.
    climbs = store.find_docs("AuditEvent", {"operation": "escalation.climb"}, limit=10)
    assert sorted(e["bureau"] for e in climbs) == ["440000", "440300"]
    assert all(n.key in e["object_keys"] for e in climbs)
    steps = ladder.ladder(store, n.key)
    assert [(s.level, s.status) for s in steps] == [(1, "climbed"), (2, "climbed"), (3, "open")]

    # The late answer closes the open step; no step stays in anyone's attention.
    service.reply(
        store,
        notification_id=n.key,
        kind="decline",
        actor=NANSHAN,
        now_ms=T0 + 31 * DAY,
        text="不在本辖区",
        ids=ids,
    )
    assert [s.status for s in ladder.ladder(store, n.key)] == ["climbed", "climbed", "answered"]
    assert overseen(store, "bureau:100000", T0 + 31 * DAY) == []
    trail = [e["operation"] for e in audit.trail(store, object_key=n.key)]
    assert trail == [
        "notification.send",
        "notification.escalate",
        "escalation.climb",
        "escalation.climb",
        "notification.decline",
    ]
    assert len(store.find_docs(LABEL, {"subject": n.key}, limit=10)) == 3


def test_the_due_jobs_climb_once_per_deadline(store: GraphStore) -> None:
    seed(store)
    [n] = service.notify(
        store,
        clue_key=CLUE,
        from_bureau="bureau:350304",
        to_bureaus=["440305"],
        evidence_keys=[],
        deadline_ms=T0 + DAY,
        actor=PUTIAN,
        now_ms=T0,
    )
    assert jobs.run_due_jobs(store, now_ms=T0 + DAY + HOUR).escalations == (step_key(n.key, 1),)
    assert jobs.run_due_jobs(store, now_ms=T0 + 2 * DAY).escalations == ()
    assert jobs.run_due_jobs(store, now_ms=T0 + 2 * DAY + 2 * HOUR).escalations == (
        step_key(n.key, 2),
    )
    assert jobs.run_due_jobs(store, now_ms=T0 + 2 * DAY + 3 * HOUR).escalations == ()
