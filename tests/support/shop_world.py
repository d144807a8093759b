"""A one-shop world in 莆田 (350304): a shop with its phone, and a parcel sent by that phone
and by a named person from an address: what the GraphQL reads and masks are tested on.

``no_cleartext`` fails when a payload carries any of its personal data unmasked.
"""

from __future__ import annotations

from typing import Any

from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

PHONE = ids.PHONE.key_of("13812345678")
SHOP = ids.SHOP.key_of("tmall:5001")
WAYBILL = ids.WAYBILL.key_of("SF1311234567890")
PERSON = ids.PERSON.key(ids.PERSON.clean("张伟", scope="sf/1"))
ADDRESS = ids.ADDRESS.key_of("福建省莆田市荔城区黄石镇工业路12号")
CLEARTEXT = ("13812345678", "张伟", "黄石镇工业路12号")


def seed(store: GraphStore) -> None:
    batch = Batch()
    batch.node(SHOP, 1_700_000_000_000, "tmall/1", region="350304", name="莆田运动鞋店")
    batch.node(PHONE, 1_700_000_000_000, "tmall/1", region="350304")
    batch.node(WAYBILL, 1_700_000_000_000, "sf/1", region="350304", sender_name="张伟")
    batch.node(PERSON, 1_700_000_000_000, "sf/1", region="350304", name="张伟")
    batch.node(
        ADDRESS,
        1_700_000_000_000,
        "sf/1",
        region="350304",
        text="福建省莆田市荔城区黄石镇工业路12号",
    )
    batch.rel(SHOP, "HAS_PHONE", PHONE, 1_700_000_000_000, "tmall/1")
    batch.rel(WAYBILL, "SENT_BY", PHONE, 1_700_000_000_000, "sf/1")
    batch.rel(WAYBILL, "SENT_BY", PERSON, 1_700_000_000_000, "sf/1")
    batch.rel(WAYBILL, "SENT_FROM", ADDRESS, 1_700_000_000_000, "sf/1")
    store.write(batch)


def no_cleartext(payload: Any) -> None:
    text = str(payload)
    for secret in CLEARTEXT:
        assert secret not in text, f"cleartext {secret!r} leaked: {text[:300]}"
