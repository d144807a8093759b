"""Typed entity fields from the model over real HTTP: ``Shop.name``, ``Waybill.weightKg``…

Each declared property of a kind is a field of its GraphQL type with its type's scalar;
personal ones are masked by the same rule as ``properties`` (the two never disagree);
the cleartext comes only from the audited ``unmask``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cluehub.api.gql.schema import export_sdl
from cluehub.api.gql.types import SCALAR_OF
from cluehub.graph import identifiers as ids
from cluehub.graph import model
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.settings import load
from tests.support.gql import Hub

T = 1_700_000_000_000
SHOP = ids.SHOP.key_of("tmall:5001")
LISTING = ids.LISTING.key_of("tmall:9001")
WAYBILL = ids.WAYBILL.key_of("SF1311234567890")
COMPLAINT = ids.COMPLAINT.key_of("12315:c-1")
COMPLAINT_TEXT = "我叫张伟，电话13812345678，买到假鞋"


@pytest.fixture
def hub(store: GraphStore, tmp_path: Path) -> Hub:
    batch = Batch()
    batch.node(SHOP, T, "tmall/1", region="350304", name="莆田运动鞋店", seller_name="王芳")
    batch.node(LISTING, T, "tmall/1", region="350304", title="耐克 AF1", price=199, sales_count=7)
    batch.rel(LISTING, "LISTED_IN", SHOP, T, "tmall/1")
    batch.node(
        WAYBILL, T, "sf/1", region="350304", contents="运动鞋 40双", weight_kg=12.5,
        picked_up_at=T, sender_name="李娜", receiver_name="欧阳娜娜", number="SF1311234567890",
    )  # fmt: skip
    batch.node(COMPLAINT, T, "12315/c-1", region="350304", text=COMPLAINT_TEXT, channel="12315")
    store.write(batch)
    return Hub(load(data_dir=tmp_path), store)


ENTITY = """query($key: String!) { entity(key: $key) { id masked properties { name value }
  ... on Shop { name nameKey sellerName }
  ... on Listing { title price salesCount takedownAt }
  ... on Waybill { contents weightKg pickedUpAt deliveredAt senderName receiverName number
                   formatUnverified }
  ... on Complaint { text channel receivedAt review complainant } } }"""


def _entity(hub: Hub, key: str) -> dict:
    body = hub.post(ENTITY, {"key": key})
    assert "errors" not in body, body
    return body["data"]["entity"]


def test_typed_fields_carry_the_declared_properties(hub: Hub) -> None:
    shop = _entity(hub, SHOP)
    assert shop["name"] == "莆田运动鞋店" and shop["nameKey"] is None
    listing = _entity(hub, LISTING)
    assert (listing["title"], listing["price"], listing["salesCount"]) == ("耐克 AF1", 199.0, 7)
    assert listing["takedownAt"] is None
    waybill = _entity(hub, WAYBILL)
    assert waybill["contents"] == "运动鞋 40双" and waybill["weightKg"] == 12.5
    assert waybill["pickedUpAt"].startswith("2023-11-14T22:13:20")
    assert waybill["number"] == "SF1311234567890" and waybill["formatUnverified"] is None


def test_personal_typed_fields_are_masked_like_properties(hub: Hub) -> None:
    for key in (SHOP, WAYBILL, COMPLAINT):
        entity = _entity(hub, key)
        assert entity["masked"] is True
        for prop in (p for p in model.kind_of_key(key).props if p.type.maskable):
            field = re.sub(r"_(\w)", lambda m: m.group(1).upper(), prop.name)
            listed = {p["name"]: p["value"] for p in entity["properties"]}
            assert entity[field] == listed.get(prop.name), prop.name  # one rule, two shapes
    shop, waybill, complaint = (_entity(hub, k) for k in (SHOP, WAYBILL, COMPLAINT))
    assert shop["sellerName"] == "王*"
    assert (waybill["senderName"], waybill["receiverName"]) == ("李*", "欧***")
    assert complaint["text"] == f"[masked: {len(COMPLAINT_TEXT)} characters]"
    assert complaint["channel"] == "12315"
    text = str([shop, waybill, complaint])
    for secret in ("王芳", "李娜", "欧阳娜娜", "13812345678", "张伟"):
        assert secret not in text


def test_unmask_shows_the_personal_properties_in_clear(hub: Hub) -> None:
    entity = _entity(hub, WAYBILL)
    body = hub.post(
        """mutation($id: ID!) { unmask(id: $id, reason: "案件协查 2024-017: sender name") {
             properties { name value } entity { ... on Waybill { senderName } } } }""",
        {"id": entity["id"]},
        role="coordinator",
    )
    assert "errors" not in body, body
    clear = {p["name"]: p["value"] for p in body["data"]["unmask"]["properties"]}
    assert clear["sender_name"] == "李娜" and clear["receiver_name"] == "欧阳娜娜"
    assert body["data"]["unmask"]["entity"]["senderName"] == "李*"  # the entity stays masked


def test_every_declared_property_is_a_field_of_its_scalar() -> None:
    sdl = export_sdl()
    names = {str: "String", float: "Float", int: "Int", bool: "Boolean"}
    for kind in model.NODE_KINDS:
        type_name = "RegionNode" if kind.label == "Region" else kind.label
        block = re.search(rf"type {type_name} implements Entity {{(.*?)\n}}", sdl, re.S)
        assert block, type_name
        for prop in kind.props:
            field = re.sub(r"_(\w)", lambda m: m.group(1).upper(), prop.name)
            scalar = SCALAR_OF[prop.type.name]
            shown = names.get(scalar, "DateTime")
            expected = f"[{shown}!]" if prop.many else shown
            assert re.search(rf"\n  {field}: {re.escape(expected)}\n", block.group(1) + "\n"), (
                type_name,
                field,
            )
