"""Feed contracts: what partners push (pydantic v2 models, published in OpenAPI).

Four kinds of record: ``listing`` and ``takedown`` from e-commerce platforms, ``waybill``
from logistics partners, ``complaint`` from hotlines (12315/12330), letters, visits,
platforms and rights holders. Every record carries the partner's own ``record_id``;
(partner, kind, record_id) is the idempotency key.

Identifiers are validated with the graph's identifier types, so a rejected record says
exactly what a phone, USCC or waybill number must look like. Unknown fields are refused
(a typo must not silently drop data). Times: ISO 8601; a time without a zone is read as
China Standard Time (UTC+8); times more than five minutes in the future are refused.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from cluehub.graph import identifiers as ids

CST = timezone(timedelta(hours=8), "CST")
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_BATCH = 1_000

FeedKind = Literal["listing", "takedown", "waybill", "complaint"]
KINDS: tuple[str, ...] = ("listing", "takedown", "waybill", "complaint")


def _identifier(kind: ids.IdentifierType):
    def check(value: str) -> str:
        try:
            kind.clean(value)
        except ids.InvalidIdentifier as exc:
            raise ValueError(str(exc)) from None
        return value.strip()

    return AfterValidator(check)


def _observed_time(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=CST)
    if value > datetime.now(UTC) + FUTURE_TOLERANCE:
        raise ValueError(f"{value.isoformat()} is in the future")
    if value.year < 2000:
        raise ValueError(f"{value.isoformat()} is before 2000: check the clock or the unit")
    return value


Phone = Annotated[str, Field(max_length=32, examples=["13812345678"]), _identifier(ids.PHONE)]
USCC = Annotated[str, Field(max_length=32, examples=["91350300MA2YB8XK0X"]), _identifier(ids.USCC)]
RegionCode = Annotated[str, Field(pattern=r"^\d{6}$", examples=["350304"]), _identifier(ids.REGION)]
Observed = Annotated[datetime, AfterValidator(_observed_time)]
RecordId = Annotated[
    str, Field(min_length=1, max_length=128, pattern=r"^[\w\-.:/]+$", examples=["R-20260601-0001"])
]
Text = Annotated[str, Field(min_length=1, max_length=500)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    record_id: RecordId


class AddressIn(BaseModel):
    """A postal address as text, with its region code when the partner knows it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    text: Annotated[
        str, Field(min_length=4, max_length=200, examples=["福建省莆田市荔城区黄石镇工业路12号"])
    ]
    region: RegionCode | None = None


class ListingRecord(_Record):
    """An e-commerce observation of one listing and the shop/seller behind it."""

    platform: Annotated[str, Field(examples=["tmall"]), _identifier(ids.PLATFORMS_TYPE)]
    listing_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]
    url: Annotated[str, _identifier(ids.URL)] | None = None
    title: Annotated[str, Field(min_length=1, max_length=300)]
    price: Annotated[float, Field(ge=0, le=10_000_000)] | None = None
    sales_count: Annotated[int, Field(ge=0)] | None = None
    shop_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]
    shop_name: Text | None = None
    seller_name: Text | None = None
    seller_phone: Phone | None = None
    seller_uscc: USCC | None = None
    ship_from: AddressIn | None = None
    return_address: AddressIn | None = None
    brand: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    observed_at: Observed


class TakedownRecord(_Record):
    """A platform's answer to a takedown notice (通知—删除) for one listing."""

    notice_id: RecordId
    platform: Annotated[str, _identifier(ids.PLATFORMS_TYPE)]
    listing_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]
    action: Literal["removed", "rejected", "pending", "restored"]
    acted_at: Observed
    note: Annotated[str, Field(max_length=1000)] | None = None


class PartyIn(BaseModel):
    """Sender or receiver of a parcel: any of name, phone, address."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    name: Text | None = None
    phone: Phone | None = None
    address: AddressIn | None = None


class WaybillRecord(_Record):
    """A logistics waybill (运单): who sent what to whom, when."""

    carrier: Annotated[str, Field(examples=["SF"]), _identifier(ids.CARRIER)]
    waybill_no: Annotated[str, Field(min_length=6, max_length=40, examples=["SF1311234567890"])]
    sender: PartyIn
    receiver: PartyIn
    contents: Annotated[str, Field(max_length=200)] | None = None
    weight_kg: Annotated[float, Field(gt=0, le=100_000)] | None = None
    picked_up_at: Observed
    delivered_at: Observed | None = None

    @field_validator("waybill_no")
    @classmethod
    def _waybill(cls, value: str, info: Any) -> str:
        carrier = info.data.get("carrier")
        try:
            ids.WAYBILL.clean(value, carrier=carrier)
        except ids.InvalidIdentifier as exc:
            raise ValueError(str(exc)) from None
        return value


class ComplaintTarget(BaseModel):
    """What a complaint is about, when the channel captured it in fields."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    platform: Annotated[str, _identifier(ids.PLATFORMS_TYPE)] | None = None
    shop_id: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")] | None = None
    listing_id: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")] | None = None
    phone: Phone | None = None
    uscc: USCC | None = None
    company_name: Text | None = None
    brand: Annotated[str, Field(max_length=64)] | None = None
    address: AddressIn | None = None


class ComplaintRecord(_Record):
    """A complaint or report (投诉举报) with its free Chinese text."""

    ticket_id: RecordId
    channel: Literal["12315", "12330", "letter", "visit", "platform", "rights_holder"]
    received_at: Observed
    region: RegionCode  # the receiving bureau's region
    text: Annotated[str, Field(min_length=1, max_length=20_000)]
    target: ComplaintTarget | None = None

    @field_validator("target")
    @classmethod
    def _target_needs_platform(cls, target: ComplaintTarget | None) -> ComplaintTarget | None:
        if target and (target.shop_id or target.listing_id) and not target.platform:
            raise ValueError("target.shop_id and target.listing_id need target.platform")
        return target


MODELS: dict[str, type[_Record]] = {
    "listing": ListingRecord,
    "takedown": TakedownRecord,
    "waybill": WaybillRecord,
    "complaint": ComplaintRecord,
}
Record = ListingRecord | TakedownRecord | WaybillRecord | ComplaintRecord
_ADAPTERS = {kind: TypeAdapter(model) for kind, model in MODELS.items()}


def parse(kind: str, raw: object) -> Record:
    """Validate one raw record (dict or JSON text); raises pydantic ValidationError."""
    if kind not in MODELS:
        raise ValueError(f"unknown feed kind '{kind}' (known: {', '.join(KINDS)})")
    adapter = _ADAPTERS[kind]
    if isinstance(raw, (str, bytes)):
        return adapter.validate_json(raw)
    return adapter.validate_python(raw)


def describe_errors(error: ValidationError) -> list[tuple[str, str]]:
    """(field path, reason) pairs a partner can act on: ``sender.phone``, "'1381234' is …"."""
    found: list[tuple[str, str]] = []
    for item in error.errors(include_url=False):
        path = ".".join(str(p) for p in item["loc"]) or "(record)"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field (not in the feed contract)"
        elif item["type"] == "missing":
            message = "required field is missing"
        found.append((path, message))
    return found


EXAMPLES: dict[str, dict[str, Any]] = {
    "listing": {
        "record_id": "tm-obs-20260601-0001",
        "platform": "tmall",
        "listing_id": "692345678901",
        "url": "https://detail.tmall.com/item.htm?id=692345678901",
        "title": "耐克 Air Force 1 低帮 男鞋 白色",
        "price": 129.0,
        "sales_count": 3120,
        "shop_id": "58812345",
        "shop_name": "潮鞋汇运动专营店",
        "seller_name": "林志强",
        "seller_phone": "13905941234",
        "ship_from": {"text": "福建省莆田市荔城区黄石镇工业路12号", "region": "350304"},
        "return_address": {"text": "浙江省杭州市余杭区仓前街道良睦路88号", "region": "330110"},
        "brand": "nike",
        "observed_at": "2026-06-01T10:15:00+08:00",
    },
    "takedown": {
        "record_id": "tm-td-0001",
        "notice_id": "TD-350000-2026-0007",
        "platform": "tmall",
        "listing_id": "692345678901",
        "action": "removed",
        "acted_at": "2026-06-03T09:00:00+08:00",
    },
    "waybill": {
        "record_id": "sf-20260601-000123",
        "carrier": "SF",
        "waybill_no": "SF1311234567890",
        "sender": {
            "name": "陈师傅",
            "phone": "13905941234",
            "address": {"text": "福建省莆田市荔城区黄石镇工业路12号"},
        },
        "receiver": {
            "name": "王仓管",
            "phone": "0571-88881234",
            "address": {"text": "浙江省杭州市余杭区仓前街道良睦路88号", "region": "330110"},
        },
        "contents": "运动鞋 40双",
        "weight_kg": 32.5,
        "picked_up_at": "2026-06-01T18:30:00+08:00",
    },
    "complaint": {
        "record_id": "12315-20260605-88",
        "ticket_id": "12315-350000-20260605-88",
        "channel": "12315",
        "received_at": "2026-06-05T14:02:00+08:00",
        "region": "350300",
        "text": "消费者反映在天猫“潮鞋汇运动专营店”购买的耐克运动鞋疑似假冒，"
        "卖家电话13905941234，快递单号SF1311234567890。",
        "target": {"platform": "tmall", "shop_id": "58812345", "brand": "nike"},
    },
}
