"""Feed contracts: what partners push (pydantic v2 models, published in OpenAPI).

Six kinds of record: ``listing`` and ``takedown`` from e-commerce platforms, ``waybill``
from logistics partners, ``complaint`` from hotlines (12315/12330), letters, visits,
platforms and rights holders, and the two rights-holder kinds: ``authentication`` (the
answer to a bureau's request to tell genuine from fake goods, 商品鉴别) and ``tracing``
(what the holder's own test buy found: shop, listing, parcel; 信息溯源). Every record
carries the partner's own ``record_id``; (partner, kind, record_id) is the idempotency
key.

A partner's API key is scoped to *partner kinds* (:data:`PARTNER_KINDS`): a feed kind
of its own for the platform and logistics kinds, and ``rights_holder`` for both
rights-holder kinds (:data:`SCOPE_OF`), so only a key issued with a directory entry
(``cases.rightsholder``) answers authentication requests.

Identifiers are validated with the graph's identifier types, so a rejected record says
exactly what a phone, USCC or waybill number must look like. Unknown fields are refused
(a typo must not silently drop data). Times: ISO 8601; a time without a zone is read as
China Standard Time (UTC+8); times more than five minutes in the future are refused.
Numbers carry bounds (``sales_count`` at most :data:`MAX_COUNT`, no NaN or infinity):
out of range is a rejection, never a clamped value.

Field-level quarantine (:func:`read`): a record is rejected only when it cannot be keyed
or its structure is wrong. An invalid *optional* identifier (a seller or party phone, a
USCC, a URL, an address too short to use, an unknown region code on an address) fails
with the error type ``quarantine``; :func:`read` drops it, keeps the raw value and
returns a :class:`FieldWarning`, and the rest of the record is accepted. A waybill
number that its (known) carrier's pattern does not match is kept and keyed as given,
with a ``format_unverified`` warning. :func:`parse` is the strict contract (quarantined
fields are errors), for checking examples and re-reading stored records.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cluehub.graph import identifiers as ids

CST = timezone(timedelta(hours=8), "CST")
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_BATCH = 1_000
MAX_COUNT = 10**12  # sales and similar counts: far above any real one, far below int64
QUARANTINE = "quarantine"  # pydantic error type of a field that read() drops with a warning

FeedKind = Literal["listing", "takedown", "waybill", "complaint", "authentication", "tracing"]
KINDS: tuple[str, ...] = (
    "listing",
    "takedown",
    "waybill",
    "complaint",
    "authentication",
    "tracing",
)
# What a partner's key is scoped to, and the partner kind each feed kind needs.
PARTNER_KINDS: tuple[str, ...] = ("listing", "takedown", "waybill", "complaint", "rights_holder")
SCOPE_OF: dict[str, str] = {
    "listing": "listing",
    "takedown": "takedown",
    "waybill": "waybill",
    "complaint": "complaint",
    "authentication": "rights_holder",
    "tracing": "rights_holder",
}


def _identifier(kind: ids.IdentifierType):
    def check(value: str) -> str:
        try:
            kind.clean(value)
        except ids.InvalidIdentifier as exc:
            raise ValueError(str(exc)) from None
        return value.strip()

    return AfterValidator(check)


def _quarantined(reason: str, *, drop: str = "field", pii: bool = False) -> PydanticCustomError:
    return PydanticCustomError(QUARANTINE, "{reason}", {"reason": reason, "drop": drop, "pii": pii})


def _optional_identifier(kind: ids.IdentifierType):
    """An optional identifier: invalid is a ``quarantine`` error (dropped by read())."""

    def check(value: str) -> str:
        try:
            kind.clean(value)
        except ids.InvalidIdentifier as exc:
            raise _quarantined(str(exc), pii=kind.pii) from None
        return value.strip()

    return AfterValidator(check)


def _address_text(value: str) -> str:
    try:
        ids.ADDRESS.clean(value)
    except ids.InvalidIdentifier as exc:
        raise _quarantined(f"{exc}; the address is left out", drop="parent", pii=True) from None
    return value


def _address_region(value: str) -> str:
    try:
        ids.REGION.clean(value)
    except ids.InvalidIdentifier as exc:
        raise _quarantined(f"{exc}; the address is placed from its text instead") from None
    return value


def _observed_time(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=CST)
    if value > datetime.now(UTC) + FUTURE_TOLERANCE:
        raise ValueError(f"{value.isoformat()} is in the future")
    if value.year < 2000:
        raise ValueError(f"{value.isoformat()} is before 2000: check the clock or the unit")
    return value


# Optional identifiers: invalid values are quarantined (see the module docstring).
Phone = Annotated[
    str, Field(max_length=32, examples=["13812345678"]), _optional_identifier(ids.PHONE)
]
USCC = Annotated[
    str, Field(max_length=32, examples=["91350300MA2YB8XK0X"]), _optional_identifier(ids.USCC)
]
Url = Annotated[str, Field(max_length=2000), _optional_identifier(ids.URL)]
# A required region (a complaint's receiving bureau) is never quarantined.
RegionCode = Annotated[str, Field(pattern=r"^\d{6}$", examples=["350304"]), _identifier(ids.REGION)]
AddressRegion = Annotated[
    str, Field(max_length=12, examples=["350304"]), AfterValidator(_address_region)
]
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
        str,
        Field(max_length=200, examples=["福建省莆田市荔城区黄石镇工业路12号"]),
        AfterValidator(_address_text),
    ]
    region: AddressRegion | None = None


class ListingRecord(_Record):
    """An e-commerce observation of one listing and the shop/seller behind it."""

    platform: Annotated[str, Field(examples=["tmall"]), _identifier(ids.PLATFORMS_TYPE)]
    listing_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]
    url: Url | None = None
    title: Annotated[str, Field(min_length=1, max_length=300)]
    price: Annotated[float, Field(ge=0, le=10_000_000, allow_inf_nan=False)] | None = None
    sales_count: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
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
    # ``published``: the platform published the outcome (公示) of a listing it removed.
    action: Literal["removed", "rejected", "pending", "restored", "published"]
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
    weight_kg: Annotated[float, Field(gt=0, le=100_000, allow_inf_nan=False)] | None = None
    picked_up_at: Observed
    delivered_at: Observed | None = None

    @field_validator("waybill_no")
    @classmethod
    def _waybill(cls, value: str, info: ValidationInfo) -> str:
        return _waybill_number(value, info)


def _waybill_number(value: str, info: ValidationInfo) -> str:
    """A waybill number checked against its carrier (``carrier``, validated before it);
    a number the carrier's pattern does not match is kept, noted as unverified."""
    carrier = info.data.get("carrier")
    if carrier is None:  # the carrier itself was refused: that error says it all
        return value
    try:
        _, unverified = ids.WAYBILL.clean_unverified(value, carrier=carrier)
    except ids.InvalidIdentifier as exc:
        raise ValueError(str(exc)) from None
    if unverified and isinstance(info.context, dict):
        info.context.setdefault("unverified", []).append(unverified)
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


class FileRef(BaseModel):
    """A file the rights holder keeps (report scan, photos), named by its reference and
    its SHA-256; the hub stores the reference and the digest, never the file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    name: Annotated[str, Field(min_length=1, max_length=200, examples=["鉴定报告.pdf"])]
    ref: Annotated[
        str, Field(min_length=1, max_length=500, examples=["nike-ip://reports/2026/0412"])
    ]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


Verdict = Literal["genuine", "counterfeit", "cannot_tell"]
VERDICTS: tuple[str, ...] = ("genuine", "counterfeit", "cannot_tell")


class AuthenticationRecord(_Record):
    """A rights holder's answer to an authentication request (商品鉴别)."""

    request_id: RecordId  # the hub's request id (``GET /intake/v1/requests`` lists them)
    verdict: Verdict
    report_no: Annotated[str, Field(min_length=1, max_length=64, examples=["NK-CN-2026-0412"])]
    examiner: Annotated[str, Field(min_length=1, max_length=100)]
    examined_at: Observed
    files: Annotated[list[FileRef], Field(max_length=20)] = []
    note: Annotated[str, Field(max_length=2000)] | None = None


class TracedParcel(BaseModel):
    """The parcel of a test buy: carrier, number and who shipped it. The receiver is the
    holder's own buyer, not a lead, and is not taken."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    carrier: Annotated[str, Field(examples=["YTO"]), _identifier(ids.CARRIER)]
    waybill_no: Annotated[str, Field(min_length=6, max_length=40)]
    sender: PartyIn
    picked_up_at: Observed | None = None

    @field_validator("waybill_no")
    @classmethod
    def _waybill(cls, value: str, info: ValidationInfo) -> str:
        return _waybill_number(value, info)


class TracingRecord(_Record):
    """What a rights holder's own test buy found (信息溯源): the shop and listing it bought
    from and the parcel the goods came in. Its facts enter the graph with the holder as
    their source; with ``request_id`` they are shared with the request's case."""

    request_id: RecordId | None = None
    bought_at: Observed
    platform: Annotated[str, _identifier(ids.PLATFORMS_TYPE)] | None = None
    shop_id: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")] | None = None
    listing_id: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")] | None = None
    shop_name: Text | None = None
    brand: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    parcel: TracedParcel | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None

    @model_validator(mode="after")
    def _something_traced(self) -> TracingRecord:
        if (self.shop_id or self.listing_id) and not self.platform:
            raise ValueError("shop_id and listing_id need platform")
        if not (self.shop_id or self.listing_id or self.parcel):
            raise ValueError("a tracing record names a shop_id, a listing_id or a parcel")
        return self


MODELS: dict[str, type[_Record]] = {
    "listing": ListingRecord,
    "takedown": TakedownRecord,
    "waybill": WaybillRecord,
    "complaint": ComplaintRecord,
    "authentication": AuthenticationRecord,
    "tracing": TracingRecord,
}
Record = (
    ListingRecord
    | TakedownRecord
    | WaybillRecord
    | ComplaintRecord
    | AuthenticationRecord
    | TracingRecord
)
_ADAPTERS = {kind: TypeAdapter(model) for kind, model in MODELS.items()}


def parse(kind: str, raw: object) -> Record:
    """Validate one raw record (dict or JSON text); raises pydantic ValidationError."""
    if kind not in MODELS:
        raise ValueError(f"unknown feed kind '{kind}' (known: {', '.join(KINDS)})")
    adapter = _ADAPTERS[kind]
    if isinstance(raw, (str, bytes)):
        return adapter.validate_json(raw)
    return adapter.validate_python(raw)


@dataclass(frozen=True, slots=True)
class FieldWarning:
    """A field left out of an accepted record (or kept unverified), and why. ``value`` is
    what was sent, masked for personal data (phones, addresses)."""

    field: str
    value: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "value": self.value, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Read:
    """A record accepted by :func:`read`: the record, its warnings, the raw values left out."""

    record: Record
    warnings: tuple[FieldWarning, ...] = ()
    quarantined: dict[str, Any] | None = None


def _masked(raw: Any, pii: bool) -> str:
    text = raw if isinstance(raw, str) else str(raw)
    text = text[:200]
    if not pii:
        return text
    if len(text) <= 5:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 5) + text[-2:]


def _path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _take(raw: dict[str, Any], loc: tuple[Any, ...]) -> Any:
    """Remove ``loc`` from ``raw`` (a copy), returning the value that was there."""
    target: Any = raw
    for part in loc[:-1]:
        target = target[part]
    return target.pop(loc[-1])


def read(kind: str, raw: dict[str, Any]) -> Read:
    """Validate ``raw`` with field-level quarantine; raises ValidationError when the record
    must be rejected (any error other than a quarantined optional field)."""
    if kind not in MODELS:
        raise ValueError(f"unknown feed kind '{kind}' (known: {', '.join(KINDS)})")
    adapter = _ADAPTERS[kind]
    context: dict[str, Any] = {}
    try:
        record = adapter.validate_python(raw, context=context)
        quarantined: dict[str, Any] = {}
        warnings: list[FieldWarning] = []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if any(e["type"] != QUARANTINE for e in errors):
            raise
        cleaned = copy.deepcopy(raw)
        quarantined, warnings = {}, []
        for error in errors:
            loc = tuple(error["loc"])
            if error["ctx"]["drop"] == "parent":
                loc = loc[:-1]
            path = _path(loc)
            if any(path == q or path.startswith(q + ".") for q in quarantined):
                continue
            value = _take(cleaned, loc)
            quarantined[path] = value
            shown = value.get("text", "") if isinstance(value, dict) else value
            masked = _masked(shown, error["ctx"]["pii"])
            reason = error["ctx"]["reason"]
            if error["ctx"]["pii"] and isinstance(shown, str) and shown:
                reason = reason.replace(shown, masked)
            warnings.append(FieldWarning(path, masked, reason))
        context = {}
        record = adapter.validate_python(cleaned, context=context)
    for why in context.get("unverified", ()):
        value = raw["waybill_no"] if isinstance(raw, dict) else ""
        warnings.append(
            FieldWarning("waybill_no", str(value)[:64], f"format_unverified: {why}; kept as given")
        )
    return Read(record, tuple(warnings), quarantined or None)


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
    "authentication": {
        "record_id": "nike-auth-20260610-01",
        "request_id": "auth-5f0c1e2d3b4a6978",
        "verdict": "counterfeit",
        "report_no": "NK-CN-2026-0412",
        "examiner": "耐克（中国）鉴定中心",
        "examined_at": "2026-06-10T16:00:00+08:00",
        "files": [
            {
                "name": "鉴定报告.pdf",
                "ref": "nike-ip://reports/2026/NK-CN-2026-0412.pdf",
                "sha256": "659bac32cdc1c2c5ca957af6bfefa609c48a94d6f79315fa754dacd75a1fa269",
            }
        ],
        "note": "鞋舌标识、鞋盒条码与正品不符",
    },
    "tracing": {
        "record_id": "nike-buy-20260608-03",
        "request_id": "auth-5f0c1e2d3b4a6978",
        "bought_at": "2026-06-08T11:20:00+08:00",
        "platform": "tmall",
        "shop_id": "58812345",
        "listing_id": "692345678901",
        "brand": "nike",
        "parcel": {
            "carrier": "SF",
            "waybill_no": "SF1311234567891",
            "sender": {
                "phone": "13905941234",
                "address": {"text": "福建省莆田市荔城区黄石镇工业路12号", "region": "350304"},
            },
            "picked_up_at": "2026-06-08T18:00:00+08:00",
        },
        "note": "试买一双，寄件地址为莆田黄石镇",
    },
}
