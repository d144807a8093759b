"""A joint case for the rights-holder tests: a Nike listing sold from 广州市白云区 (440111)
and made in 莆田市荔城区 (350304), its case led by 荔城区, and Nike in the directory."""

from __future__ import annotations

from cluehub.cases.context import Actor
from cluehub.cases.jointcase import service as cases
from cluehub.cases.periods import cst_ms
from cluehub.cases.rightsholder import service as directory
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.ingest.partners import partner_batch

T0 = cst_ms(2026, 8, 3, 9)
HOUR = 3_600_000
DAY = 24 * HOUR
PUTIAN = Actor("chen.coord", "bureau:350304", "coordinator")  # 荔城区, the lead
GUANGZHOU = Actor("he.inv", "bureau:440111", "investigator")  # 白云区, a participant
FUJIAN = Actor("lin.sup", "bureau:350000", "supervisor")  # 福建省
OUTSIDER = Actor("zhao", "bureau:510000", "coordinator")  # 四川省
LISTING, SHOP = "listing:tmall:692345678901", "shop:tmall:58812345"
COMPANY = "uscc:91350300MA2YB8XK0X"
PHONE = "tel:+8613905941234"
SLUG = "nike-cn"


def seed(store: GraphStore) -> str:
    b = Batch()
    b.node(LISTING, T0 - DAY, "tmall/1", region=("440111", "350304"), title="耐克 AF1")
    b.node(
        SHOP,
        T0 - DAY,
        "tmall/1",
        region=("440111", "350304"),
        name="潮鞋汇运动专营店",
        seller_name="林某",
    )
    b.node(COMPANY, T0 - DAY, "tmall/1", region="350304", name="莆田某某鞋业有限公司")
    b.node(PHONE, T0 - DAY, "tmall/1", region="350304")
    b.node("brand:nike", T0 - DAY, "tmall/1")
    b.rel(LISTING, "LISTED_IN", SHOP, T0 - DAY, "tmall/1")
    b.rel(LISTING, "CLAIMS_BRAND", "brand:nike", T0 - DAY, "tmall/1")
    b.rel(SHOP, "OPERATED_BY", COMPANY, T0 - DAY, "tmall/1")
    store.write(b)
    case = cases.create_case(
        store,
        title="莆田—白云 假冒耐克",
        lead_bureau="350304",
        participants=["440111"],
        actor=PUTIAN,
        now_ms=T0,
        member_keys=[LISTING, SHOP, COMPANY],
    )
    cases.change_status(
        store, case_id=case.key, status="open", reason="立案", actor=PUTIAN, now_ms=T0
    )
    return case.key


def register(store: GraphStore) -> str:
    """Nike in the directory with a partner key; returns the partner id."""
    partner = directory.partner_id_for(SLUG)
    batch, _key = partner_batch(
        store, partner, "Nike", ["rights_holder"], now_ms=T0, actor=PUTIAN.user
    )
    directory.register_holder(
        store,
        slug=SLUG,
        name="耐克创新有限合伙公司",
        name_en="Nike Innovate C.V.",
        actor=PUTIAN,
        now_ms=T0,
        trademarks=[("nike", "1234567", 25), ("nike", "7654321", 18)],
        contacts=[
            ("100000", "王律师", "13800138000", "ip@nike.example", "法务"),
            ("350000", "林专员", "", "fj@nike.example", "福建打假"),
        ],
        partner=(partner, batch),
    )
    return partner
