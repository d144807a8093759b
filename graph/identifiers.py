"""Identifier types: each knows how to clean a raw value, validate it, mask it and key its node.

Modelled on FollowTheMoney's property types. A raw value from a feed, a file or a
sentence goes through ``TYPE.clean(raw)`` and comes out canonical (or raises
:class:`InvalidIdentifier` saying why and what would be accepted); ``TYPE.key(value)``
names the graph node, so the same phone on a waybill and in a complaint meets at one
node. ``TYPE.mask(value)`` is what a viewer without need sees, ``TYPE.caption(value)``
what people read as the node's label when it has no name of its own.

``pii`` marks types whose values are personal data (phones, ID numbers, personal names,
addresses): their keys are masked. ``pivot`` marks the types that identify a party across
unrelated records (phones, USCCs, ID numbers, addresses): two parcels or shops sharing
one meet at its node, which is what makes it evidence of one actor. Names are neither
pivots nor merged: they are scoped to the record that wrote them.

Every other room calls these classes; none re-implements "what a phone is".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import ClassVar

import phonenumbers
from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc

from . import regions


class InvalidIdentifier(ValueError):
    """A raw value that is not a valid identifier of its type; the message says why."""


def normalize_text(raw: str) -> str:
    """NFKC (full-width digits and letters to ASCII), collapse white space, strip."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", raw)).strip()


def _compact(raw: str) -> str:
    """NFKC and drop every space, dash and dot: '１３８ 1234-5678' -> '13812345678'."""
    return re.sub(r"[\s\-.·]", "", unicodedata.normalize("NFKC", raw))


def _require(raw: object, what: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidIdentifier(f"{what} is empty")
    return raw


class IdentifierType:
    """Base: subclasses set ``prefix`` and implement ``clean``; ``pii`` marks personal data,
    ``pivot`` an identifier that links records of one party (see the module docstring).

    ``clean`` is a pure function of its arguments, so each subclass's ``clean`` is memoised
    (the same phone or address recurs across thousands of records of one import).
    """

    prefix: ClassVar[str]
    label: ClassVar[str]
    pii: ClassVar[bool] = False
    pivot: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "clean" in cls.__dict__:
            cls.clean = functools.lru_cache(maxsize=200_000)(cls.__dict__["clean"])  # type: ignore[method-assign]

    def clean(self, raw: str) -> str:
        """Canonical value of ``raw``; raises InvalidIdentifier with the reason."""
        return normalize_text(_require(raw, self.label))

    def key(self, value: str) -> str:
        """Node key of an already-clean value."""
        return f"{self.prefix}:{value}"

    def key_of(self, raw: str) -> str:
        """Clean then key: the one call feeds and extraction make."""
        return self.key(self.clean(raw))

    def value_of(self, key: str) -> str:
        """The value part of a key of this type."""
        return key.split(":", 1)[1]

    def is_valid(self, raw: str) -> bool:
        try:
            self.clean(raw)
        except InvalidIdentifier:
            return False
        return True

    def mask(self, value: str) -> str:
        """What a viewer without need sees; non-personal types show as they are."""
        return value

    def caption(self, value: str) -> str:
        """A short label for people of a value of this type (clean or already masked)."""
        return value


def mask_name(name: str) -> str:
    """'张伟' -> '张*': the family name stays, so colleagues can still talk about it."""
    return name[:1] + "*" * max(1, len(name) - 1)


def _mask_middle(text: str, keep_start: int, keep_end: int) -> str:
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[-keep_end:]


# Chinese mobile numbers as libphonenumber's own metadata defines them: one of these is
# valid and its E.164 form is +86 and the digits, without parsing (most phones are these).
_MOBILE_FAST = re.compile(
    r"(?=1[3-9]\d{9}$)(?:"
    + phonenumbers.PhoneMetadata.metadata_for_region("CN").mobile.national_number_pattern
    + ")"
)


class PhoneType(IdentifierType):
    """A phone number in E.164 form (+86…): mobiles 1[3-9]x, landlines with area code."""

    prefix = "tel"
    label = "phone"
    pii = True
    pivot = True

    def clean(self, raw: str) -> str:
        text = _compact(_require(raw, self.label)).replace("(", "").replace(")", "")
        text = text.replace("（", "").replace("）", "")
        if text.startswith("0086"):
            text = "+86" + text[4:]
        elif text.startswith("86") and len(text) == 13:
            text = "+" + text
        national = text[3:] if text.startswith("+86") else text
        if _MOBILE_FAST.fullmatch(national):  # a mobile the metadata's pattern names valid
            return "+86" + national
        try:
            number = phonenumbers.parse(text, "CN")
        except phonenumbers.NumberParseException as exc:
            raise InvalidIdentifier(self._why(raw)) from exc
        national = str(number.national_number)
        if (
            number.country_code == 86
            and len(national) == 11  # Beijing landlines (010) also start with 1
            and national.startswith("1")
            and not re.fullmatch(r"1[3-9]\d{9}", national)
        ):
            raise InvalidIdentifier(self._why(raw))
        if not phonenumbers.is_valid_number(number):
            raise InvalidIdentifier(self._why(raw))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @staticmethod
    def _why(raw: str) -> str:
        return (
            f"'{raw}' is not a valid phone number "
            "(expected 11-digit mobile 1[3-9]x or area code + number, e.g. 0594-2345678)"
        )

    def mask(self, value: str) -> str:
        national = value[3:] if value.startswith("+86") else value
        if re.fullmatch(r"1\d{10}", national):
            return national[:3] + "****" + national[-4:]
        return _mask_middle(national, 4, 2)


# GB 32100-2015: registration authority, organisation type, 6-digit division, 9-char
# organisation code, check digit. Letters I, O, S, V, Z are never used.
_USCC_CHARS = "0-9A-HJ-NP-RTUWXY"
_USCC_RE = re.compile(rf"[{_USCC_CHARS}]{{2}}\d{{6}}[{_USCC_CHARS}]{{9}}[{_USCC_CHARS}]")


class USCCType(IdentifierType):
    """Unified Social Credit Code (统一社会信用代码), 18 chars with the GB 32100 check digit.

    ``stdnum.cn.uscc.validate`` rejects codes whose first two characters are letters,
    which the standard allows, so the format check is ours and only the check digit is
    stdnum's.
    """

    prefix = "uscc"
    label = "USCC"
    pivot = True

    def clean(self, raw: str) -> str:
        text = _compact(_require(raw, self.label)).upper()
        if len(text) != 18:
            raise InvalidIdentifier(
                f"'{raw}' is not a USCC: it has {len(text)} characters, expected 18"
            )
        if not _USCC_RE.fullmatch(text):
            raise InvalidIdentifier(
                f"'{raw}' is not a USCC: expected 2 code chars, 6-digit division, "
                "9-char organisation code and a check char (no I, O, S, V, Z)"
            )
        expected = stdnum_uscc.calc_check_digit(text[:17])
        if text[17] != expected:
            raise InvalidIdentifier(
                f"'{raw}' is not a valid USCC: check digit is '{text[17]}', expected '{expected}'"
            )
        return text

    def check_format(self, raw: str) -> str | None:
        """The compact text when it has USCC form, whatever its check digit (for review)."""
        text = _compact(raw).upper()
        return text if _USCC_RE.fullmatch(text) else None


class IDCardType(IdentifierType):
    """Resident identity card number (居民身份证号), 18 chars, ISO 7064 check. Personal data."""

    prefix = "idcard"
    label = "ID card number"
    pii = True
    pivot = True

    def clean(self, raw: str) -> str:
        text = _compact(_require(raw, self.label)).upper()
        try:
            return ric.validate(text)
        except Exception as exc:  # stdnum raises several ValidationError subclasses
            raise InvalidIdentifier(f"'{raw}' is not a valid resident ID number ({exc})") from exc

    def mask(self, value: str) -> str:
        return _mask_middle(value, 4, 4)


# Carrier code -> (Chinese name, pattern of the number with the carrier's own letters).
CARRIERS: dict[str, tuple[str, re.Pattern[str]]] = {
    "SF": ("顺丰", re.compile(r"SF\d{12,13}")),
    "JT": ("极兔", re.compile(r"JT\d{13}")),
    "JD": ("京东", re.compile(r"JD[A-Z0-9]{10,15}")),
    "YT": ("圆通", re.compile(r"YT\d{13}")),
    "STO": ("申通", re.compile(r"\d{12,15}")),
    "ZTO": ("中通", re.compile(r"\d{12,15}")),
    "YD": ("韵达", re.compile(r"\d{12,15}")),
    "EMS": ("邮政EMS", re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}|\d{13}")),
}
UNKNOWN_CARRIER = "UNK"
_KEYABLE_WAYBILL = re.compile(r"[A-Z0-9]{6,40}")  # what a format_unverified number must be
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> str:
    """UPU S10 check digit of an 8-digit serial (EMS international-style numbers)."""
    total = sum(int(d) * w for d, w in zip(serial, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "0", 11: "5"}.get(check, str(check))


class WaybillType(IdentifierType):
    """Express waybill number (运单号), keyed with its carrier: ``SF:SF1311234567890``.

    Letter-prefixed numbers (SF, JT, JD, YT) name their carrier; digit-only numbers need
    a carrier hint (``ZTO:75…``) or are keyed with carrier ``UNK`` for later review.
    """

    prefix = "waybill"
    label = "waybill number"

    def clean(self, raw: str, carrier: str | None = None) -> str:
        text = _compact(_require(raw, self.label)).upper()
        if ":" in text:
            carrier, text = text.split(":", 1)
        carrier = (carrier or "").upper() or self._infer_carrier(text)
        if carrier == UNKNOWN_CARRIER:
            if not re.fullmatch(r"\d{12,15}", text):
                raise InvalidIdentifier(
                    f"'{raw}' is not a waybill number: expected a carrier prefix "
                    f"({', '.join(CARRIERS)}) or 12-15 digits"
                )
            return f"{UNKNOWN_CARRIER}:{text}"
        if carrier not in CARRIERS:
            raise InvalidIdentifier(
                f"unknown carrier '{carrier}' for waybill '{raw}' "
                f"(known: {', '.join(CARRIERS)}, {UNKNOWN_CARRIER})"
            )
        if not CARRIERS[carrier][1].fullmatch(text):
            raise InvalidIdentifier(
                f"'{raw}' is not a valid {carrier} waybill number "
                f"(expected {CARRIERS[carrier][1].pattern})"
            )
        if carrier == "EMS" and text[:2].isalpha():
            expected = s10_check_digit(text[2:10])
            if text[10] != expected:
                raise InvalidIdentifier(
                    f"'{raw}' is not a valid EMS number: check digit '{text[10]}', "
                    f"expected '{expected}'"
                )
        return f"{carrier}:{text}"

    def clean_unverified(self, raw: str, carrier: str) -> tuple[str, str | None]:
        """``(value, None)`` for a number in its carrier's format; ``(value, why)`` for one
        that a known carrier gave in a shape we do not know (carriers change formats):
        keyed as given (``SF:SF12345``), with the reason it is ``format_unverified``.
        Raises only when the number cannot be keyed at all (no known carrier, or not
        6-40 letters and digits)."""
        try:
            return self.clean(raw, carrier=carrier), None
        except InvalidIdentifier as exc:
            text = _compact(_require(raw, self.label)).upper()
            code = (carrier or "").upper()
            if ":" in text:
                code, text = text.split(":", 1)
            if code not in CARRIERS or not _KEYABLE_WAYBILL.fullmatch(text):
                raise
            return f"{code}:{text}", str(exc)

    @staticmethod
    def _infer_carrier(text: str) -> str:
        for code in ("SF", "JT", "JD", "YT"):
            if CARRIERS[code][1].fullmatch(text):
                return code
        if re.fullmatch(r"[A-Z]{2}\d{9}[A-Z]{2}", text):
            return "EMS"
        return UNKNOWN_CARRIER

    def carrier_of(self, value: str) -> str:
        return value.split(":", 1)[0]


# Platform code -> Chinese name. Feeds must use these codes; unknown ones are rejected.
PLATFORMS: dict[str, str] = {
    "tmall": "天猫",
    "taobao": "淘宝",
    "jd": "京东",
    "pdd": "拼多多",
    "1688": "阿里巴巴1688",
    "kuaishou": "快手",
    "douyin": "抖音",
    "xianyu": "闲鱼",
    "wechat": "微信",
    "xiaohongshu": "小红书",
    "offline": "线下",
}


class PlatformType(IdentifierType):
    """E-commerce or live-streaming platform, by its short code (``tmall``)."""

    prefix = "platform"
    label = "platform"

    def clean(self, raw: str) -> str:
        text = normalize_text(_require(raw, self.label)).lower()
        if text not in PLATFORMS:
            raise InvalidIdentifier(f"unknown platform '{raw}' (known: {', '.join(PLATFORMS)})")
        return text

    def caption(self, value: str) -> str:
        """'tmall' -> '天猫'."""
        return PLATFORMS.get(value, value)


class _PlatformScoped(IdentifierType):
    """An id that is unique only within one platform: ``tmall:12345``."""

    def clean(self, raw: str, platform: str | None = None) -> str:
        text = normalize_text(_require(raw, self.label))
        if platform is None:
            if ":" not in text:
                raise InvalidIdentifier(f"{self.label} '{raw}' needs its platform (platform:id)")
            platform, text = text.split(":", 1)
        platform_code = PLATFORMS_TYPE.clean(platform)
        if not re.fullmatch(r"[A-Za-z0-9_\-]{1,64}", text):
            raise InvalidIdentifier(
                f"{self.label} id '{text}' must be 1-64 letters, digits, '-' or '_'"
            )
        return f"{platform_code}:{text}"

    def platform_of(self, value: str) -> str:
        return value.split(":", 1)[0]


class ShopType(_PlatformScoped):
    """A shop (店铺) on a platform."""

    prefix = "shop"
    label = "shop"


class ListingType(_PlatformScoped):
    """A listing (商品链接) on a platform."""

    prefix = "listing"
    label = "listing"


class RegionType(IdentifierType):
    """Administrative division code (GB/T 2260), six digits present in the packaged table."""

    prefix = "region"
    label = "region code"

    def clean(self, raw: str) -> str:
        text = _compact(_require(str(raw), self.label))
        if not re.fullmatch(r"\d{6}", text):
            raise InvalidIdentifier(f"'{raw}' is not a region code: expected 6 digits (GB/T 2260)")
        if regions.get(text) is None:
            raise InvalidIdentifier(f"'{raw}' is not a known GB/T 2260 division code")
        return text

    def caption(self, value: str) -> str:
        """'350304' -> '福建省莆田市荔城区' (with its superiors: county names repeat)."""
        return regions.full_name(value) or value


class CarrierType(IdentifierType):
    """Express carrier (快递公司) by code."""

    prefix = "carrier"
    label = "carrier"

    def clean(self, raw: str) -> str:
        text = normalize_text(_require(raw, self.label)).upper()
        if text not in CARRIERS:
            raise InvalidIdentifier(f"unknown carrier '{raw}' (known: {', '.join(CARRIERS)})")
        return text

    def caption(self, value: str) -> str:
        """'SF' -> '顺丰'."""
        return CARRIERS[value][0] if value in CARRIERS else value


def normalize_name(raw: str) -> str:
    """Organisation or shop name: NFKC, no spaces, brackets as full-width （）."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    return text.replace("(", "（").replace(")", "）")


class _ScopedName(IdentifierType):
    """A name with no identifier behind it. Its key is scoped to the record that named it,
    so two records naming "张伟" never merge silently; entity resolution proposes
    ``POSSIBLY_SAME_AS`` instead. Canonical value: ``scope/name``.
    """

    def clean(self, raw: str, scope: str | None = None) -> str:
        name = normalize_name(_require(raw, self.label))
        if len(name) > 200:
            raise InvalidIdentifier(f"{self.label} '{raw[:20]}…' is longer than 200 characters")
        if scope is None:
            if "/" not in name:
                raise InvalidIdentifier(f"{self.label} '{raw}' needs a scope (scope/name)")
            return name
        return f"{scope}/{name}"

    def name_of(self, value: str) -> str:
        return value.rsplit("/", 1)[-1]

    def caption(self, value: str) -> str:
        """The name without the record it is scoped to."""
        return self.name_of(value)


class CompanyType(_ScopedName):
    """A company known only by name (企业名称); companies with a USCC are keyed by it."""

    prefix = "company"
    label = "company name"


class PersonType(_ScopedName):
    """A natural person named in a record (姓名). Personal data."""

    prefix = "person"
    label = "person name"
    pii = True

    def mask(self, value: str) -> str:
        return mask_name(self.name_of(value))


class AddressType(IdentifierType):
    """A postal address, normalised text (地址). The same text from two records is one node."""

    prefix = "addr"
    label = "address"
    pii = True
    pivot = True

    def clean(self, raw: str) -> str:
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", _require(raw, self.label)))
        if len(text) < 4:
            raise InvalidIdentifier(f"address '{raw}' is too short (at least 4 characters)")
        if len(text) > 200:
            raise InvalidIdentifier(f"address '{raw[:20]}…' is longer than 200 characters")
        return text

    def mask(self, value: str) -> str:
        match = re.match(r"^(.{2,15}?(?:区|县|旗))", value) or re.match(r"^(.{2,9}?市)", value)
        head = match.group(1) if match else value[:4]
        return head + "****"


class BrandType(IdentifierType):
    """A brand (品牌) by its slug in the hub's brand table, e.g. ``nike``."""

    prefix = "brand"
    label = "brand"

    def clean(self, raw: str) -> str:
        text = normalize_text(_require(raw, self.label)).lower()
        text = re.sub(r"\s+", "-", text)
        if len(text) > 64:
            raise InvalidIdentifier(f"brand '{raw}' is longer than 64 characters")
        return text


class UrlType(IdentifierType):
    """A web address as seen (scheme and host lower-cased, no fragment)."""

    prefix = "url"
    label = "URL"

    def clean(self, raw: str) -> str:
        text = normalize_text(_require(raw, self.label))
        match = re.fullmatch(r"(https?)://([^/\s?#]+)([^\s#]*)(?:#.*)?", text, re.IGNORECASE)
        if not match:
            raise InvalidIdentifier(f"'{raw}' is not an http(s) URL")
        return f"{match.group(1).lower()}://{match.group(2).lower()}{match.group(3)}"


class RecordIdType(IdentifierType):
    """An id given by a source or the hub (complaint tickets, clues): ``partner:id``."""

    label = "record id"

    def clean(self, raw: str) -> str:
        text = normalize_text(_require(raw, self.label))
        if not re.fullmatch(r"[\w\-.:/]{1,128}", text):
            raise InvalidIdentifier(
                f"{self.label} '{raw}' must be 1-128 letters, digits or - . : / _"
            )
        return text


class ComplaintIdType(RecordIdType):
    """A complaint or report ticket (投诉举报), keyed ``partner:ticket``."""

    prefix = "complaint"
    label = "complaint ticket"


class ClueIdType(RecordIdType):
    """A clue (线索) raised in the hub or handed over by another bureau."""

    prefix = "clue"
    label = "clue id"


class MarketType(IdentifierType):
    """A physical market (实体市场: wholesale market, mall, market street), keyed by the
    county-level region it lies in and its name: ``330782/义乌国际商贸城``. Two markets of
    one name in different counties are two markets; the same name in one county is one."""

    prefix = "market"
    label = "market"

    def clean(self, raw: str, region: str | None = None) -> str:
        text = normalize_name(_require(raw, self.label))
        if region is None:
            if "/" not in text:
                raise InvalidIdentifier(
                    f"market '{raw}' needs its region: region code/name, e.g. 330782/义乌国际商贸城"
                )
            region, text = text.split("/", 1)
        code = REGION.clean(region)
        if not 2 <= len(text) <= 100:
            raise InvalidIdentifier(f"market name '{text[:20]}' must be 2-100 characters")
        return f"{code}/{text}"

    def region_of(self, value: str) -> str:
        return value.split("/", 1)[0]

    def name_of(self, value: str) -> str:
        return value.split("/", 1)[1]


class RightsHolderType(IdentifierType):
    """A rights holder of the directory (权利人联系名录) by its slug, e.g. ``nike-inc``."""

    prefix = "holder"
    label = "rights holder"

    def clean(self, raw: str) -> str:
        text = normalize_text(_require(raw, self.label)).lower()
        if not re.fullmatch(r"[a-z0-9][a-z0-9\-]{1,27}", text):
            raise InvalidIdentifier(
                f"rights holder id '{raw}' must be 2-28 lowercase letters, digits or '-'"
            )
        return text


PHONE = PhoneType()
USCC = USCCType()
ID_CARD = IDCardType()
WAYBILL = WaybillType()
PLATFORMS_TYPE = PlatformType()
SHOP = ShopType()
LISTING = ListingType()
REGION = RegionType()
CARRIER = CarrierType()
COMPANY = CompanyType()
PERSON = PersonType()
ADDRESS = AddressType()
BRAND = BrandType()
URL = UrlType()
COMPLAINT = ComplaintIdType()
CLUE = ClueIdType()
MARKET = MarketType()
RIGHTS_HOLDER = RightsHolderType()

ALL_TYPES: tuple[IdentifierType, ...] = (
    PHONE,
    USCC,
    ID_CARD,
    WAYBILL,
    PLATFORMS_TYPE,
    SHOP,
    LISTING,
    REGION,
    CARRIER,
    COMPANY,
    PERSON,
    ADDRESS,
    BRAND,
    URL,
    COMPLAINT,
    CLUE,
    MARKET,
    RIGHTS_HOLDER,
)
BY_PREFIX: dict[str, IdentifierType] = {t.prefix: t for t in ALL_TYPES}


def type_of_key(key: str) -> IdentifierType:
    """The identifier type a node key belongs to; raises for unknown prefixes."""
    prefix = key.split(":", 1)[0]
    if ":" not in key or prefix not in BY_PREFIX:
        raise InvalidIdentifier(f"'{key}' is not a node key (expected one of {sorted(BY_PREFIX)})")
    return BY_PREFIX[prefix]


def mask_key(key: str) -> str:
    """The key as a viewer without need sees it: ``tel:138****5678``."""
    kind = type_of_key(key)
    return f"{kind.prefix}:{kind.mask(kind.value_of(key))}" if kind.pii else key
