"""Identifier types: cleaning, validation messages, keys and masks (pure, table-driven)."""

from __future__ import annotations

import pytest

from cluehub.graph import identifiers as ids


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("13812345678", "tel:+8613812345678"),
        ("138 1234 5678", "tel:+8613812345678"),
        ("１３８１２３４５６７８", "tel:+8613812345678"),
        ("+86 138-1234-5678", "tel:+8613812345678"),
        ("008613812345678", "tel:+8613812345678"),
        ("0594-2345678", "tel:+865942345678"),
        ("(0594)2345678", "tel:+865942345678"),
        ("010-62345678", "tel:+861062345678"),
    ],
)
def test_phone_keys(raw: str, key: str) -> None:
    assert ids.PHONE.key_of(raw) == key


@pytest.mark.parametrize("raw", ["1381234", "12812345678", "abc", "", "23812345678901"])
def test_phone_rejects_with_reason(raw: str) -> None:
    with pytest.raises(ids.InvalidIdentifier, match="phone"):
        ids.PHONE.clean(raw)


def test_phone_mask() -> None:
    assert ids.mask_key("tel:+8613812345678") == "tel:138****5678"


# A valid USCC built from a known check digit; letters in the first two places are legal.
def _uscc(body: str) -> str:
    from stdnum.cn import uscc

    return body + uscc.calc_check_digit(body)


@pytest.mark.parametrize("body", ["91350300MA2YB8XK0", "Y1110000MA0000000", "A1350300MA2YB8XK1"])
def test_uscc_valid_including_letter_prefixes(body: str) -> None:
    code = _uscc(body)
    assert ids.USCC.key_of(code.lower()) == f"uscc:{code}"


def test_uscc_bad_check_digit_names_expected() -> None:
    code = _uscc("91350300MA2YB8XK0")
    wrong = code[:-1] + ("1" if code[-1] != "1" else "2")
    with pytest.raises(ids.InvalidIdentifier, match=f"expected '{code[-1]}'"):
        ids.USCC.clean(wrong)
    assert ids.USCC.check_format(wrong) == wrong  # kept for review as USCC_INVALID


@pytest.mark.parametrize("raw", ["91350300MA2YB8XK", "91350300MA2YB8XKOO"])
def test_uscc_format(raw: str) -> None:
    with pytest.raises(ids.InvalidIdentifier):
        ids.USCC.clean(raw)


def test_id_card_is_pii_and_checked() -> None:
    valid = "11010519491231002X"
    assert ids.ID_CARD.clean(valid) == valid
    assert ids.ID_CARD.mask(valid) == "1101**********002X"
    with pytest.raises(ids.InvalidIdentifier):
        ids.ID_CARD.clean("110105194912310021")
    assert not ids.USCC.is_valid(valid)


@pytest.mark.parametrize(
    ("raw", "carrier", "value"),
    [
        ("SF1311234567890", None, "SF:SF1311234567890"),
        ("sf 131 1234 567890", None, "SF:SF1311234567890"),
        ("JT0001234567890", None, "JT:JT0001234567890"),
        ("YT1234567890123", None, "YT:YT1234567890123"),
        ("JDVA01234567890", None, "JD:JDVA01234567890"),
        ("75123456789012", "ZTO", "ZTO:75123456789012"),
        ("ZTO:75123456789012", None, "ZTO:75123456789012"),
        ("75123456789012", None, "UNK:75123456789012"),
        ("EA123456785CN", None, "EMS:EA123456785CN"),
    ],
)
def test_waybill_keys(raw: str, carrier: str | None, value: str) -> None:
    assert ids.WAYBILL.clean(raw, carrier=carrier) == value


def test_waybill_ems_check_digit() -> None:
    with pytest.raises(ids.InvalidIdentifier, match="check digit"):
        ids.WAYBILL.clean("EA123456784CN")


def test_waybill_unknown_carrier() -> None:
    with pytest.raises(ids.InvalidIdentifier, match="unknown carrier"):
        ids.WAYBILL.clean("123456789012", carrier="XX")


def test_platform_scoped_ids() -> None:
    assert ids.SHOP.key_of("tmall:12345") == "shop:tmall:12345"
    assert ids.LISTING.clean("598712", platform="JD") == "jd:598712"
    with pytest.raises(ids.InvalidIdentifier, match="unknown platform"):
        ids.SHOP.clean("ebay:1")


def test_region_codes() -> None:
    assert ids.REGION.key_of("350304") == "region:350304"
    with pytest.raises(ids.InvalidIdentifier, match="not a known"):
        ids.REGION.clean("359999")
    with pytest.raises(ids.InvalidIdentifier, match="6 digits"):
        ids.REGION.clean("3503")


def test_names_are_scoped_never_merged_by_name() -> None:
    one = ids.PERSON.clean("张 伟", scope="sf/1")
    two = ids.PERSON.clean("张伟", scope="sf/2")
    assert one != two
    assert ids.PERSON.mask(one) == "张*"
    assert (
        ids.COMPANY.clean("莆田市某某鞋业有限公司(分公司)", scope="x")
        == "x/莆田市某某鞋业有限公司（分公司）"
    )


def test_address_mask_keeps_county() -> None:
    value = ids.ADDRESS.clean("福建省莆田市荔城区黄石镇 工业路12号")
    assert value == "福建省莆田市荔城区黄石镇工业路12号"
    assert ids.ADDRESS.mask(value) == "福建省莆田市荔城区****"


def test_type_of_key_unknown_prefix() -> None:
    with pytest.raises(ids.InvalidIdentifier, match="not a node key"):
        ids.type_of_key("foo:bar")
