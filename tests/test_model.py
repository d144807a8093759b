"""The model registry is consistent and the region table is complete enough to route."""

from __future__ import annotations

import pytest

from cluehub.graph import model, regions


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
