"""The model registry is consistent and the region table is complete enough to route.

The model as data: declared properties with their types and flags, the groups every
kind is in, identifier pivots and captions, and ``Batch.node`` refusing anything
undeclared (which kind, which property, what is wrong).
"""

from __future__ import annotations

import pytest

from cluehub.graph import identifiers as ids
from cluehub.graph import model, regions
from cluehub.graph import properties as pt
from cluehub.graph.records import Batch, NodeAssertion


def test_every_relationship_names_known_kinds() -> None:
    for rel in model.REL_TYPES:
        for label in rel.sources + rel.targets:
            assert label in model.KIND_BY_LABEL, (rel.name, label)


def test_prefixes_and_labels_are_unique() -> None:
    assert len(model.KIND_BY_PREFIX) == len(model.NODE_KINDS)
    assert len(model.KIND_BY_LABEL) == len(model.NODE_KINDS)


def test_check_relationship_refuses_wrong_kinds() -> None:
    model.check_relationship("SENT_BY", "waybill:SF:SF1311234567890", "tel:+8613812345678")
    with pytest.raises(model.UnknownModelElement, match="does not go from Phone"):
        model.check_relationship("SENT_BY", "tel:+8613812345678", "waybill:SF:SF1311234567890")


@pytest.mark.parametrize(
    ("code", "lineage"),
    [
        ("350304", ("350304", "350300", "350000")),
        ("350300", ("350300", "350000")),
        ("350000", ("350000",)),
        ("130684", ("130684", "130600", "130000")),
        ("110105", ("110105", "110100", "110000")),
    ],
)
def test_lineage(code: str, lineage: tuple[str, ...]) -> None:
    assert regions.lineage(code) == lineage


def test_region_table() -> None:
    assert regions.get("350304").name == "荔城区"
    assert regions.get("350304").level == "county"
    assert regions.full_name("350304") == "福建省莆田市荔城区"
    provinces = [r for r in regions.all_regions() if r.level == "province"]
    assert len(provinces) >= 31
    assert regions.is_within("350304", "350000")
    assert not regions.is_within("350304", "330000")
    assert regions.is_within("350304", regions.NATIONAL)


# --- declared properties, groups, identifier flags -----------------------------------------


def test_matchable_properties_are_the_indexes_and_pii_only_text() -> None:
    for kind in model.NODE_KINDS:
        assert kind.indexes == tuple(p.name for p in kind.props if p.matchable)
        assert kind.pii_props == tuple(p.name for p in kind.props if p.pii)
        for prop in kind.props:
            assert prop.name not in model.STORE_PROPS, (kind.label, prop.name)
            assert not prop.pii or prop.type.maskable, (kind.label, prop.name)
            assert prop.description.strip(), (kind.label, prop.name)


def test_caption_properties_are_text_and_name_each_captioned_kind() -> None:
    captioned = {k.label for k in model.NODE_KINDS if any(p.caption for p in k.props)}
    assert {"Shop", "Listing", "Company", "NamedCompany", "Person", "Clue"} <= captioned
    for kind in model.NODE_KINDS:
        for prop in kind.props:
            assert not prop.caption or (prop.type.maskable and not prop.many), prop


@pytest.mark.parametrize(
    ("label", "groups"),
    [
        ("Phone", {"party"}),
        ("Address", {"party"}),
        ("IdCard", {"party"}),
        ("Person", {"party", "actor"}),
        ("Company", {"party", "actor", "organisation"}),
        ("NamedCompany", {"party", "actor", "organisation"}),
        ("Shop", {"actor"}),
        ("Waybill", {"record"}),
        ("Listing", {"record"}),
        ("Complaint", {"record", "clue"}),
        ("Clue", {"record", "clue"}),
        ("Region", {"reference"}),
        ("Platform", {"reference"}),
        ("Carrier", {"reference"}),
        ("Brand", {"reference"}),
        ("Url", {"reference"}),
    ],
)
def test_every_kind_is_in_its_groups(label: str, groups: set[str]) -> None:
    assert {str(g) for g in model.kind(label).groups} == groups
    for group in model.Group:
        assert model.is_a(label, group) == (group in groups)
        assert (label in model.labels(group)) == (group in groups)
        assert (label in model.labels(exclude=group)) == (group not in groups)


def test_pivots_are_the_identifiers_that_link_parties() -> None:
    assert set(model.labels(pivot=True)) == {"Phone", "Company", "IdCard", "Address"}
    assert {t.prefix for t in ids.ALL_TYPES if t.pivot} == {"tel", "uscc", "idcard", "addr"}
    # Names are scoped to their record: never a pivot, whatever their kind.
    assert not ids.PERSON.pivot and not ids.COMPANY.pivot
    assert set(model.labels(pii=True)) == {"Phone", "Person", "IdCard", "Address"}


def test_only_actors_may_be_the_same_as_each_other() -> None:
    for name in ("SAME_AS", "POSSIBLY_SAME_AS"):
        rel = model.rel_type(name)
        assert rel.sources == rel.targets == model.labels(model.Group.ACTOR)
    with pytest.raises(model.UnknownModelElement, match="does not go from Phone"):
        model.check_relationship("SAME_AS", "tel:+8613812345678", "tel:+8613912345678")
    assert model.rel_type("MENTIONS").sources == model.labels(model.Group.CLUE)


@pytest.mark.parametrize(
    ("type_", "value", "caption"),
    [
        (ids.PERSON, "sf/1/张伟", "张伟"),
        (ids.COMPANY, "sf/1/莆田某某鞋厂", "莆田某某鞋厂"),
        (ids.PLATFORMS_TYPE, "tmall", "天猫"),
        (ids.CARRIER, "SF", "顺丰"),
        (ids.REGION, "350304", "福建省莆田市荔城区"),
        (ids.PHONE, "+8613812345678", "+8613812345678"),
        (ids.WAYBILL, "SF:SF1311234567890", "SF:SF1311234567890"),
    ],
)
def test_identifier_types_caption_their_values(
    type_: ids.IdentifierType, value: str, caption: str
) -> None:
    assert type_.caption(value) == caption


# --- Batch.node refuses what the model does not declare ------------------------------------

WAYBILL = "waybill:SF:SF1311234567890"


def test_batch_accepts_declared_properties_and_none() -> None:
    batch = Batch()
    batch.node(WAYBILL, 1, "sf/1", weight_kg=1.5, contents="鞋", format_unverified=None)
    batch.node("listing:jd:1", 1, "jd/1", price=99, sales_count=3, takedown_at=2)
    batch.node("complaint:12315:1", 1, "c/1", review=["SHOP '鞋店'"], text="假鞋")
    assert len(batch.nodes) == 3


@pytest.mark.parametrize(
    ("key", "props", "message"),
    [
        (WAYBILL, {"weight": 1.5}, r"Waybill has no property 'weight' \(declared: number, "),
        ("tel:+8613812345678", {"name": "x"}, r"Phone has no property 'name' \(declared: none\)"),
        (WAYBILL, {"weight_kg": "heavy"}, r"Waybill.weight_kg must be number .*got str 'heavy'"),
        (WAYBILL, {"format_unverified": 1}, r"Waybill.format_unverified must be flag"),
        ("listing:jd:1", {"sales_count": 2.5}, r"Listing.sales_count must be integer"),
        ("listing:jd:1", {"price": True}, r"Listing.price must be number"),
        ("complaint:12315:1", {"review": "one"}, r"Complaint.review must be a list of text"),
        (WAYBILL, {"sources": ["x/1"]}, r"Waybill.sources is written by the store"),
        (WAYBILL, {"grants": ["350000"]}, r"Waybill.grants is written by the store"),
    ],
)
def test_batch_refuses_undeclared_or_mistyped_properties(
    key: str, props: dict, message: str
) -> None:
    batch = Batch()
    with pytest.raises(model.UndeclaredProperty, match=message):
        batch.node(key, 1, "t/1", **props)
    with pytest.raises(model.UndeclaredProperty):
        NodeAssertion(key, 1, "t/1", props)  # however the assertion is made
    assert not batch.nodes


def test_a_node_kind_cannot_declare_a_store_property_or_one_twice() -> None:
    with pytest.raises(model.UnknownModelElement, match="written by the store"):
        model.NodeKind("X", ids.URL, "x", (), (model.Prop("sources", pt.STRING, "s"),))
    with pytest.raises(model.UnknownModelElement, match="twice"):
        model.NodeKind(
            "X", ids.URL, "x", (), (model.Prop("a", pt.STRING, "a"), model.Prop("a", pt.TEXT, "a"))
        )
