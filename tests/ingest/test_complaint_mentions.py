"""What a complaint's free text meets in the graph, on the real store through real intake:
addresses as the feeds wrote them, digit-only waybill numbers, shop names with their
digits, and the complainant, who is never a lead."""

from __future__ import annotations

import copy

from cluehub.graph import identifiers as ids
from cluehub.graph.store import GraphStore
from cluehub.ingest import feeds
from cluehub.ingest.addresses import address_key, canonical
from cluehub.ingest.intake import process_batch
from cluehub.ingest.learned import ShopNames
from cluehub.ingest.pipeline import default_enrichment

NOW = 1_780_000_000_000
WORKSHOP = "陕西省西安市长安区工业路21号"


def push(store: GraphStore, kind: str, records: list[dict], receipt: str):
    result = process_batch(
        store, "outside", kind, records, receipt_id=receipt, now_ms=NOW,
        enrichment=default_enrichment(),
    )  # fmt: skip
    assert [r.status for r in result.results] == ["accepted"] * len(records), result.to_dict()
    return result


def waybill(record_id: str, carrier: str, number: str, sender_address: str) -> dict:
    record = copy.deepcopy(feeds.EXAMPLES["waybill"])
    record.update(record_id=record_id, carrier=carrier, waybill_no=number)
    record["sender"]["address"] = {"text": sender_address}
    return record


def listing(record_id: str, platform: str, shop_id: str, shop_name: str) -> dict:
    record = copy.deepcopy(feeds.EXAMPLES["listing"])
    record.update(
        record_id=record_id, platform=platform, shop_id=shop_id, shop_name=shop_name,
        listing_id=f"9{shop_id}", url=None,
    )  # fmt: skip
    return record


def complaint(record_id: str, text: str) -> dict:
    return {
        "record_id": record_id,
        "ticket_id": f"12345-610000-{record_id}",
        "channel": "12315",
        "received_at": "2026-06-05T14:02:00+08:00",
        "region": "610100",
        "text": text,
    }


def mentions(store: GraphStore, record_id: str) -> dict[str, dict]:
    key = ids.COMPLAINT.key_of(f"12345-610000-{record_id}")
    near = store.neighbourhood(key, hops=1, types=["MENTIONS"])
    edges = store.subgraph(near.nodes, with_nodes=False).edges  # with every property
    return {e.dst: e.props for e in edges if e.src == key and e.type == "MENTIONS"}


def test_one_address_three_spellings_one_node() -> None:
    spellings = ["陕西省西安市长安区工业路21号", "西安市长安区工业路21号", "西安长安区 工业路21号"]
    assert {address_key(s) for s in spellings} == {ids.ADDRESS.key_of(WORKSHOP)}
    assert canonical("长安区工业路21号", "610116").text == WORKSHOP  # the feed's region helps
    assert canonical("工业路21号").region is None  # nothing invented without a region


def test_an_address_in_the_text_meets_the_waybills_sender_address(store: GraphStore) -> None:
    push(store, "waybill", [waybill("w1", "STO", "773012345678", "西安市长安区工业路21号")], "r1")
    push(store, "complaint", [complaint("c1", f"我买的鞋是假的，发货地{WORKSHOP}。")], "r2")
    found = mentions(store, "c1")
    assert ids.ADDRESS.key_of(WORKSHOP) in found
    assert store.get(ids.ADDRESS.key_of(WORKSHOP)).props["sightings"] == 2


def test_a_digit_only_number_meets_the_carriers_waybill(store: GraphStore) -> None:
    push(store, "waybill", [waybill("w1", "STO", "773012345678", WORKSHOP)], "r1")
    push(store, "complaint", [complaint("c1", "收到的包裹快递单号773012345678，是假货")], "r2")
    found = mentions(store, "c1")
    assert found["waybill:STO:773012345678"]["via"] == "number"
    assert store.get("waybill:UNK:773012345678") is None  # no placeholder when it is known


def test_a_carrier_word_near_the_number_sets_the_carrier(store: GraphStore) -> None:
    push(store, "complaint", [complaint("c1", "韵达快递单号4312345678901，货是假的")], "r1")
    assert "waybill:YD:4312345678901" in mentions(store, "c1")


def test_a_number_seen_in_text_first_is_relinked_when_the_carrier_brings_it(
    store: GraphStore,
) -> None:
    push(store, "complaint", [complaint("c1", "单号110107700325，卖家电话13905941234")], "r1")
    assert "waybill:UNK:110107700325" in mentions(store, "c1")
    push(store, "waybill", [waybill("w1", "ZTO", "110107700325", WORKSHOP)], "r2")
    found = mentions(store, "c1")
    assert found["waybill:ZTO:110107700325"]["via"] == "number"
    assert found["waybill:ZTO:110107700325"]["sources"] == ["outside.waybill/w1"]


def test_a_number_two_carriers_have_links_to_both_with_a_reason(store: GraphStore) -> None:
    push(store, "waybill", [waybill("w1", "STO", "773012345678", WORKSHOP)], "r1")
    other = "浙江省金华市义乌市稠城街道1号"
    push(store, "waybill", [waybill("w2", "ZTO", "773012345678", other)], "r2")
    push(store, "complaint", [complaint("c1", "运单号773012345678")], "r3")
    found = mentions(store, "c1")
    for key in ("waybill:STO:773012345678", "waybill:ZTO:773012345678"):
        assert found[key]["via"] == "number-ambiguous"
        assert found[key]["score"] == 0.5


def test_a_shop_name_with_digits_meets_the_shop_on_the_platform_named(store: GraphStore) -> None:
    push(store, "listing", [listing("l1", "xianyu", "5001", "品牌李宁折扣店10")], "r1")
    push(store, "listing", [listing("l2", "xianyu", "5002", "品牌李宁折扣店1")], "r2")
    push(store, "listing", [listing("l3", "taobao", "5003", "品牌李宁折扣店10")], "r3")
    push(store, "complaint", [complaint("c1", "在闲鱼网店品牌李宁折扣店10买的鞋是假的")], "r4")
    found = mentions(store, "c1")
    assert found["shop:xianyu:5001"]["via"] == "name"
    assert "shop:xianyu:5002" not in found  # 店1 is another shop: digits are kept
    assert "shop:taobao:5003" not in found  # the text named 闲鱼


def test_a_name_two_shops_bear_is_kept_for_review_not_linked(store: GraphStore) -> None:
    """Linking a complaint to every "工厂潮鞋馆" would glue their rings into one."""
    push(store, "listing", [listing("l1", "xianyu", "5001", "品牌李宁折扣店10")], "r1")
    push(store, "listing", [listing("l3", "taobao", "5003", "品牌李宁折扣店10")], "r2")
    push(store, "complaint", [complaint("c1", "网店品牌李宁折扣店10卖假鞋")], "r3")
    assert not {"shop:xianyu:5001", "shop:taobao:5003"} & set(mentions(store, "c1"))
    node = store.get(ids.COMPLAINT.key_of("12345-610000-c1"))
    assert "SHOP '品牌李宁折扣店10'" in node.props["review"]  # traced as NAMES_SHOP


def test_the_complainant_is_kept_masked_and_never_becomes_a_node(store: GraphStore) -> None:
    text = (
        "投诉人曹娟佳，电话18742560328，住址北京市朝阳区建国路88号3单元201室。"
        "在闲鱼购买李宁鞋，卖家电话13905941234，发货地西安市长安区工业路21号。"
    )
    push(store, "complaint", [complaint("c1", text)], "r1")
    found = mentions(store, "c1")
    assert "tel:+8613905941234" in found and found["tel:+8613905941234"]["role"] == "accused"
    assert ids.ADDRESS.key_of(WORKSHOP) in found
    assert store.get("tel:+8618742560328") is None
    assert store.get(address_key("北京市朝阳区建国路88号3单元201室")) is None
    assert not any(k.startswith("person:") for k in found)
    node = store.get(ids.COMPLAINT.key_of("12345-610000-c1"))
    kept = node.props["complainant"]
    assert "PHONE 187****0328" in kept
    assert not any("18742560328" in item or "曹娟佳" in item for item in kept)


def test_names_learnt_from_listings_are_found_without_a_shop_shape(store: GraphStore) -> None:
    push(store, "listing", [listing("l1", "taobao", "6001", "潮鞋汇(官方)")], "r1")
    push(store, "complaint", [complaint("c1", "我在淘宝潮鞋汇(官方)那里买了假鞋")], "r2")
    assert mentions(store, "c1")["shop:taobao:6001"]["via"] == "name"


def test_learnt_names_respect_digits_at_their_end() -> None:
    names = ShopNames()
    names.add(["品牌李宁折扣店1", "品牌李宁折扣店10", "潮鞋汇运动"])
    assert names.find("闲鱼网店品牌李宁折扣店10，卖家") == ["品牌李宁折扣店10"]
    assert names.find("品牌李宁折扣店100号") == []  # another shop again
    assert names.find("潮鞋汇运动13905941234") == ["潮鞋汇运动"]  # a phone follows
