"""Masking follows the model: property types decide, for every kind, what a viewer sees.

Pure functions, no store: every ``pii`` property of every kind is masked for a viewer
without need (the default) and shown in clear with need (``masked=False``, what the
audited ``unmask`` uses); non-personal properties are never changed; undeclared ones
are hidden; captions come from the model's caption properties and identifier types.
"""

from __future__ import annotations

import pytest

from cluehub.api import masking
from cluehub.graph import identifiers as ids
from cluehub.graph import model
from cluehub.graph import properties as pt

# One clear value per text property type, long enough that a masked form differs.
SAMPLE = {
    pt.NAME.name: "欧阳娜娜",
    pt.ADDRESS.name: "福建省莆田市荔城区黄石镇工业路12号",
    pt.TEXT.name: "我叫张伟，电话13812345678，在莆田买到假鞋",
    pt.STRING.name: "SF1311234567890-secret",
}
PII = [(k.label, p) for k in model.NODE_KINDS for p in k.props if p.pii]
PLAIN = [(k.label, p) for k in model.NODE_KINDS for p in k.props if not p.pii]


def _sample(prop: model.Prop) -> object:
    value = SAMPLE[prop.type.name]
    return [value, value + "二"] if prop.many else value


def test_the_model_declares_personal_properties_on_several_kinds() -> None:
    kinds = {label for label, _ in PII}
    assert {"Person", "Address", "Waybill", "Shop", "Company", "Complaint"} <= kinds


@pytest.mark.parametrize(("kind", "prop"), PII, ids=[f"{k}.{p.name}" for k, p in PII])
def test_a_personal_property_is_masked_without_need_and_clear_with_need(
    kind: str, prop: model.Prop
) -> None:
    value = _sample(prop)
    hidden = masking.mask_props(kind, {prop.name: value})[prop.name]
    assert hidden != value
    for clear, masked in zip(
        value if isinstance(value, list) else [value],
        hidden if isinstance(hidden, list) else [hidden],
        strict=True,
    ):
        assert isinstance(masked, str) and clear not in masked
        assert clear[1:] not in masked  # at most the first character survives
    assert masking.mask_props(kind, {prop.name: value}, masked=False)[prop.name] == value
    assert masking.is_sensitive(kind, {prop.name: value})


@pytest.mark.parametrize(
    ("type_", "clear", "masked"),
    [
        (pt.NAME, "张伟", "张*"),
        (pt.NAME, "欧阳娜娜", "欧***"),
        (pt.ADDRESS, "福建省莆田市荔城区黄石镇工业路12号", "福建省莆田市荔城区****"),
        (pt.TEXT, "我叫张伟，电话13812345678", "[masked: 18 characters]"),
        (pt.STRING, "anything", "***"),
    ],
)  # fmt: skip
def test_each_text_type_masks_its_own_way(type_: pt.PropertyType, clear: str, masked: str) -> None:
    assert type_.mask(clear) == masked


def test_the_rule_is_the_type_not_the_property_name() -> None:
    # A name-typed property masks like a name on every kind that has one.
    names = [(k, p) for k, p in PII if p.type is pt.NAME]
    assert len({k for k, _ in names}) >= 4
    for kind, prop in names:
        assert masking.shown(kind, prop.name, "李娜") == "李*"
    # The same property name is personal on one kind and not on another.
    assert masking.shown("Person", "name", "张伟") == "张*"
    assert masking.shown("Shop", "name", "莆田运动鞋店") == "莆田运动鞋店"


@pytest.mark.parametrize(("kind", "prop"), PLAIN, ids=[f"{k}.{p.name}" for k, p in PLAIN])
def test_non_personal_properties_are_shown_as_they_are(kind: str, prop: model.Prop) -> None:
    value = {
        pt.NUMBER.name: 12.5,
        pt.INTEGER.name: 7,
        pt.TIME.name: 1_700_000_000_000,
        pt.FLAG.name: True,
    }.get(prop.type.name, "运动鞋 40双")
    value = [value] if prop.many else value
    assert masking.mask_props(kind, {prop.name: value}) == {prop.name: value}


def test_undeclared_properties_are_hidden_and_provenance_is_not() -> None:
    props = {"weight": 1.5, "first_seen": 1, "sources": ["sf/1"], "regions": ["350304"]}
    assert masking.mask_props("Waybill", props) == {**props, "weight": masking.UNDECLARED}
    assert masking.mask_props("Waybill", props, masked=False) == props


def test_only_text_types_may_be_personal() -> None:
    with pytest.raises(model.UnknownModelElement, match="no masked form"):
        model.NodeKind(
            "Parcel",
            ids.WAYBILL,
            "test",
            (model.Group.RECORD,),
            (model.Prop("weight_kg", pt.NUMBER, "kg", pii=True),),
        )


@pytest.mark.parametrize(
    ("kind", "key", "props", "masked", "clear"),
    [
        ("Shop", "shop:tmall:1", {"name": "莆田运动鞋店", "seller_name": "王芳"},
         "莆田运动鞋店", "莆田运动鞋店"),
        ("Person", "person:sf/1/张伟", {"name": "张伟"}, "张*", "张伟"),
        ("Person", "person:sf/1/张伟", {}, "张*", "张伟"),
        ("NamedCompany", "company:sf/1/莆田某某鞋厂", {}, "莆田某某鞋厂", "莆田某某鞋厂"),
        ("Listing", "listing:jd:100012345", {"title": "耐克 AF1"}, "耐克 AF1", "耐克 AF1"),
        ("Phone", "tel:+8613812345678", {}, "138****5678", "+8613812345678"),
        ("Address", "addr:福建省莆田市荔城区黄石镇工业路12号",
         {"text": "福建省莆田市荔城区黄石镇工业路12号"},
         "福建省莆田市荔城区****", "福建省莆田市荔城区黄石镇工业路12号"),
        ("Region", "region:350304", {}, "福建省莆田市荔城区", "福建省莆田市荔城区"),
        ("Platform", "platform:tmall", {}, "天猫", "天猫"),
        ("Carrier", "carrier:SF", {}, "顺丰", "顺丰"),
        ("Waybill", "waybill:SF:SF1311234567890", {"sender_name": "李娜"},
         "SF:SF1311234567890", "SF:SF1311234567890"),
        ("Complaint", "complaint:12315:1", {"text": "我叫张伟"}, "12315:1", "12315:1"),
    ],
)  # fmt: skip
def test_captions_come_from_the_model(
    kind: str, key: str, props: dict, masked: str, clear: str
) -> None:
    assert masking.caption(kind, key, props) == masked
    assert masking.caption(kind, key, props, masked=False) == clear


def test_text_search_reads_no_personal_property() -> None:
    # api.queries.SEARCH_TEXT matches `name` and `title` of kinds whose key is not
    # personal: none of those may be personal data, or search would probe masked values.
    searched = [k for k in model.NODE_KINDS if k.label not in model.labels(pii=True)]
    for kind in searched:
        for name in ("name", "title"):
            prop = kind.find_prop(name)
            assert prop is None or not prop.pii, f"{kind.label}.{name}"
    assert {k.label for k in searched if k.find_prop("name")} >= {"Shop", "Company"}
