"""A joint case from a ring: a chain from 莆田市荔城区 (350304, production) to 深圳市南山区
(440305, sale), the bureaus that act on it, and the case ``ring_case`` opens from it."""

from __future__ import annotations

from cluehub.cases.context import Actor, SequentialIds
from cluehub.cases.jointcase import flows
from cluehub.cases.periods import cst_ms
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

T0 = cst_ms(2026, 8, 3, 9)
HOUR = 3_600_000
DAY = 24 * HOUR
PHONE = "tel:+8613812345678"
SHOP = "shop:tmall:80001"
LISTING = "listing:tmall:5550001"
STRANGER = "tel:+8613912345678"  # only Hangzhou knows this one

LEAD = Actor("zhang.wei", "bureau:350304")  # 荔城区 (production)
NANSHAN = Actor("wang.fang", "bureau:440305")  # 南山区 (sale)
OUTSIDER = Actor("li.na", "bureau:350203")  # 厦门思明区
PUTIAN_CHIEF = Actor("chen.jun", "bureau:350300", "supervisor")  # 莆田市, above the lead


def seed(store: GraphStore) -> None:
    batch = Batch()
    batch.node(PHONE, T0 - DAY, "hub/c1", region="350304")
    batch.node(SHOP, T0 - DAY, "tmall/s1", region=("440305", "350304"))
    batch.node(LISTING, T0 - DAY, "tmall/l1", region=("440305", "350304"))
    batch.node(STRANGER, T0 - DAY, "hz/t9", region="330102")
    store.write(batch)


RING = {
    "member_keys": [PHONE, SHOP, LISTING],
    "involvement": [
        {"region": "440305", "role": "sale"},
        {"region": "350304", "role": "production"},
    ],
    "suggested_lead_region": "350304",
    "coordination_level": "province",
    "title": "莆田—深圳假冒运动鞋链条",
}


def audit_ops(store: GraphStore, key: str) -> list[str]:
    from cluehub.cases import audit

    return [e["operation"] for e in audit.trail(store, object_key=key)]


def ring_case(store: GraphStore, ids: SequentialIds) -> str:
    seed(store)
    return flows.propose_from_ring(store, proposal=RING, actor=LEAD, now_ms=T0, ids=ids).key
