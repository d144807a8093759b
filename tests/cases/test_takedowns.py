"""The takedown ledger (通知—删除—公示): notices, platform answers, removal times, repeat
alerts when a removed seller shows up again."""

from __future__ import annotations

import pytest

from cluehub.cases import audit
from cluehub.cases.attention.service import attention
from cluehub.cases.context import Actor, SequentialIds
from cluehub.cases.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from cluehub.cases.periods import cst_ms
from cluehub.cases.takedown import scheduled, service
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

T0 = cst_ms(2026, 8, 10, 9)
HOUR = 3_600_000
DAY = 24 * HOUR
NANSHAN = Actor("wang.fang", "bureau:440305")
PHONE = "tel:+8613812345678"
USCC = "uscc:91440300708461136T"
SELLER = "person:tmall:s1/张三"


def seed(store: GraphStore) -> None:
    """Two tmall listings of one shop run by 张三 (phone PHONE), a jd listing of a shop
    owned by a company, and an unrelated jd listing."""
    b = Batch()
    src = "tmall/2026-08"
    for key in ("listing:tmall:1001", "listing:tmall:1002", "shop:tmall:s1", SELLER, PHONE):
        b.node(key, T0 - DAY, src, region="440305")
    b.rel("listing:tmall:1001", "LISTED_IN", "shop:tmall:s1", T0 - DAY, src)
    b.rel("listing:tmall:1002", "LISTED_IN", "shop:tmall:s1", T0 - DAY, src)
    b.rel("shop:tmall:s1", "OPERATED_BY", SELLER, T0 - DAY, src)
    b.rel(SELLER, "HAS_PHONE", PHONE, T0 - DAY, src)
    for key in ("listing:jd:2001", "shop:jd:s2", USCC, "listing:jd:3001", "shop:jd:s3"):
        b.node(key, T0 - DAY, "jd/2026-08", region="440305")
    b.rel("listing:jd:2001", "LISTED_IN", "shop:jd:s2", T0 - DAY, "jd/2026-08")
    b.rel("shop:jd:s2", "OPERATED_BY", USCC, T0 - DAY, "jd/2026-08")
    b.rel("listing:jd:3001", "LISTED_IN", "shop:jd:s3", T0 - DAY, "jd/2026-08")
    store.write(b)


def see_again(store: GraphStore, at: int, *keys: str) -> None:
    b = Batch()
    for key in keys:
        b.node(key, at, f"crawl/{at}", region="440305")
    store.write(b)


def test_takedown_result_and_time_to_removal(store: GraphStore) -> None:
    seed(store)
    ids = SequentialIds()
    with pytest.raises(InvalidInput, match="listing:jd:2001 is on jd; send one notice per"):
        service.issue_takedown(
            store,
            listing_keys=["listing:tmall:1001", "listing:jd:2001"],
            platform="tmall",
            from_bureau="bureau:440305",
            actor=NANSHAN,
            now_ms=T0,
            reason="x",
        )
    with pytest.raises(InvalidInput, match="unknown platform 'ebay'"):
        service.issue_takedown(
            store,
            listing_keys=["listing:tmall:1001"],
            platform="ebay",
            from_bureau="440305",
            actor=NANSHAN,
            now_ms=T0,
            reason="x",
        )
    with pytest.raises(PermissionDenied, match="in the name of"):
        service.issue_takedown(
            store,
            listing_keys=["listing:tmall:1001"],
            platform="tmall",
            from_bureau="440300",
            actor=NANSHAN,
            now_ms=T0,
            reason="x",
        )
    tmall = service.issue_takedown(
        store,
        listing_keys=["listing:tmall:1001", "listing:tmall:1002"],
        platform="tmall",
        from_bureau="bureau:440305",
        actor=NANSHAN,
        now_ms=T0,
        reason="假冒注册商标（第 12345 号，第 25 类）",
        ids=ids,
    )
    jd = service.issue_takedown(
        store,
        listing_keys=["listing:jd:2001", "listing:jd:3001"],
        platform="jd",
        from_bureau="bureau:440305",
        actor=NANSHAN,
        now_ms=T0,
        reason="假冒注册商标",
        ids=ids,
    )
    assert [i.action for i in service.items_of(store, tmall.key)] == [None, None]

    removed = service.record_takedown_result(
        store,
        notice_id=tmall.key,
        listing_key="listing:tmall:1001",
        action="removed",
        acted_at_ms=T0 + 5 * HOUR,
        partner="tmall",
        now_ms=T0 + 6 * HOUR,
        ids=ids,
    )
    assert removed.removal_ms == 5 * HOUR and removed.recorded_at == T0 + 6 * HOUR
    again = service.record_takedown_result(
        store,
        notice_id=tmall.key,
        listing_key="listing:tmall:1001",
        action="removed",
        acted_at_ms=T0 + 5 * HOUR,
        partner="tmall",
    )
    assert again == removed  # a re-sent answer changes nothing
    service.record_takedown_result(
        store,
        notice_id=tmall.key,
        listing_key="listing:tmall:1002",
        action="removed",
        acted_at_ms=T0 + 9 * HOUR,
        ids=ids,
    )
    service.record_takedown_result(
        store,
        notice_id=jd.key,
        listing_key="listing:jd:2001",
        action="removed",
        acted_at_ms=T0 + 26 * HOUR,
        partner="jd",
        ids=ids,
    )
    service.record_takedown_result(
        store,
        notice_id=jd.key,
        listing_key="listing:jd:3001",
        action="not_found",
        acted_at_ms=T0 + 2 * HOUR,
        partner="jd",
        ids=ids,
    )
    with pytest.raises(PermissionDenied, match="partner jd cannot answer it"):
        service.record_takedown_result(
            store,
            notice_id=tmall.key,
            listing_key="listing:tmall:1002",
            action="removed",
            acted_at_ms=T0 + HOUR,
            partner="jd",
        )
    with pytest.raises(InvalidTransition, match="already removed"):
        service.record_takedown_result(
            store,
            notice_id=tmall.key,
            listing_key="listing:tmall:1001",
            action="rejected",
            acted_at_ms=T0 + 7 * HOUR,
        )
    with pytest.raises(InvalidInput, match="action 'deleted' is unknown"):
        service.record_takedown_result(
            store,
            notice_id=jd.key,
            listing_key="listing:jd:3001",
            action="deleted",
            acted_at_ms=T0 + HOUR,
        )
    with pytest.raises(InvalidInput, match="before the notice was issued"):
        service.record_takedown_result(
            store,
            notice_id=jd.key,
            listing_key="listing:jd:3001",
            action="removed",
            acted_at_ms=T0 - HOUR,
        )
    with pytest.raises(NotFound, match="does not list listing:jd:9999"):
        service.record_takedown_result(
            store,
            notice_id=jd.key,
            listing_key="listing:jd:9999",
            action="removed",
            acted_at_ms=T0 + HOUR,
        )

    times = service.removal_times(store, period="2026Q3")
    assert set(times) == {"jd", "tmall"}
    assert (times["tmall"].answered, times["tmall"].removed) == (2, 2)
    assert times["tmall"].median_hours == 7.0 and times["tmall"].max_hours == 9.0
    assert (times["jd"].answered, times["jd"].removed, times["jd"].median_hours) == (2, 1, 26.0)
    assert service.removal_times(store, period="2026Q3", scope="350000") == {}
    assert service.removal_times(store, period="2026Q3", platform="jd").keys() == {"jd"}

    assert [e["operation"] for e in audit.trail(store, object_key="listing:tmall:1001")] == [
        "takedown.issue",
        "takedown.removed",
    ]
    [result_event] = [
        e for e in audit.trail(store, object_key=jd.key) if e["operation"] == "takedown.not_found"
    ]
    assert result_event["actor"] == "platform:jd"


def test_repeat_alert_when_a_removed_sellers_phone_reappears(store: GraphStore) -> None:
    seed(store)
    ids = SequentialIds()
    notice = service.issue_takedown(
        store,
        listing_keys=["listing:tmall:1001"],
        platform="tmall",
        from_bureau="bureau:440305",
        actor=NANSHAN,
        now_ms=T0,
        reason="假冒注册商标",
        ids=ids,
    )
    removal = T0 + 4 * HOUR
    service.record_takedown_result(
        store,
        notice_id=notice.key,
        listing_key="listing:tmall:1001",
        action="removed",
        acted_at_ms=removal,
    )
    assert scheduled.detect_repeats(store, now_ms=removal + HOUR, ids=ids) == []

    # The same seller opens a shop on pdd with the same phone; an old jd listing with the
    # same phone was last seen before the removal and does not count.
    later = removal + 2 * DAY
    b = Batch()
    src = f"pdd/{later}"
    b.node("listing:pdd:7001", later, src, region="440305")
    b.node("shop:pdd:s7", later, src, region="440305")
    b.rel("listing:pdd:7001", "LISTED_IN", "shop:pdd:s7", later, src)
    b.rel("shop:pdd:s7", "HAS_PHONE", PHONE, later, src)
    old = f"jd/{T0 - DAY}"
    b.node("listing:jd:4001", T0 - DAY, old, region="440305")
    b.node("shop:jd:s4", T0 - DAY, old, region="440305")
    b.rel("listing:jd:4001", "LISTED_IN", "shop:jd:s4", T0 - DAY, old)
    b.rel("shop:jd:s4", "HAS_PHONE", PHONE, T0 - DAY, old)
    store.write(b)

    [alert] = scheduled.detect_repeats(store, now_ms=later + HOUR, ids=ids)
    assert (alert.new_listing, alert.new_platform, alert.via, alert.pivot) == (
        "listing:pdd:7001",
        "pdd",
        "phone",
        PHONE,
    )
    assert (alert.removed_listing, alert.notice, alert.bureau) == (
        "listing:tmall:1001",
        notice.key,
        "bureau:440305",
    )
    assert alert.seen_at == later and alert.removed_at == removal
    assert scheduled.detect_repeats(store, now_ms=later + 2 * HOUR, ids=ids) == []  # once only

    # The shop's other listing is crawled again after the removal: a same-shop alert.
    see_again(store, later + DAY, "listing:tmall:1002")
    [same_shop] = scheduled.detect_repeats(store, now_ms=later + DAY, ids=ids)
    assert (same_shop.new_listing, same_shop.via) == ("listing:tmall:1002", "shop")

    [first, second] = service.repeat_alerts(store, actor=NANSHAN, now_ms=later + DAY)
    assert {first.key, second.key} == {alert.key, same_shop.key}
    items = attention(store, user_bureau="bureau:440305", role="investigator", now_ms=later + DAY)
    assert [(i.kind, i.ref) for i in items] == [
        ("repeat_alert", alert.key),
        ("repeat_alert", same_shop.key),
    ]
    events = [e for e in audit.trail(store, object_key=alert.key)]
    assert [e["operation"] for e in events] == [
        "takedown.repeat_alert",
        "takedown.repeat_alert.list",
    ]
    assert events[0]["actor"] == "system:detect_repeats" and events[1]["actor"] == "wang.fang"


def test_repeat_alert_by_company_and_by_the_same_listing(store: GraphStore) -> None:
    seed(store)
    notice = service.issue_takedown(
        store,
        listing_keys=["listing:jd:2001"],
        platform="jd",
        from_bureau="bureau:440305",
        actor=NANSHAN,
        now_ms=T0,
        reason="假冒",
    )
    service.record_takedown_result(
        store,
        notice_id=notice.key,
        listing_key="listing:jd:2001",
        action="removed",
        acted_at_ms=T0 + HOUR,
    )
    later = T0 + 3 * DAY
    b = Batch()
    b.node("listing:tmall:9001", later, "tmall/x", region="440305")
    b.node("shop:tmall:s9", later, "tmall/x", region="440305")
    b.rel("listing:tmall:9001", "LISTED_IN", "shop:tmall:s9", later, "tmall/x")
    b.rel("shop:tmall:s9", "OPERATED_BY", USCC, later, "tmall/x")
    b.node("listing:jd:2001", later, "jd/recrawl", region="440305")  # back online
    store.write(b)
    alerts = scheduled.detect_repeats(store, now_ms=later)
    assert {(a.new_listing, a.via, a.pivot) for a in alerts} == {
        ("listing:tmall:9001", "uscc", USCC),
        ("listing:jd:2001", "same_listing", "listing:jd:2001"),
    }
