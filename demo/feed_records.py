"""Feed-record dicts in the shapes of ``cluehub.ingest.feeds`` (what partners push).

One builder per feed kind. Record ids are unique per kind within a world; times are
ISO 8601 with the +08:00 offset, to the second. Optional fields are left out, not null,
the way a partner's JSON usually looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cluehub.graph import regions

from .plan import ListingPlan, ShopPlan

# Channel -> ticket prefix (信访 letter, 来访 visit, 平台 platform, 权利人 rights holder).
TICKET_PREFIX = {
    "12315": "12315",
    "12330": "12330",
    "letter": "XF",
    "visit": "LF",
    "platform": "PT",
    "rights_holder": "QL",
}


def iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


@dataclass(slots=True)
class RecordIds:
    """Counters for record, ticket and notice ids of one world."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, name: str) -> int:
        value = self.next.get(name, 0) + 1
        self.next[name] = value
        return value

    def record(self, kind: str) -> str:
        return f"demo-{kind}-{self.take(kind):07d}"

    def ticket(self, channel: str, region: str, at: datetime) -> str:
        return f"{TICKET_PREFIX[channel]}-{region}-{at:%Y%m%d}-{self.take('ticket'):06d}"

    def notice(self, region: str, at: datetime) -> str:
        province = region[:2] + "0000"
        return f"TD-{province}-{at.year}-{self.take('notice'):06d}"


def listing(
    ids: RecordIds,
    shop: ShopPlan,
    item: ListingPlan,
    at: datetime,
    sales: int,
    *,
    with_regions: bool,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "record_id": ids.record("listing"),
        "platform": shop.platform,
        "listing_id": item.listing_id,
        "url": item.url,
        "title": item.title,
        "price": item.price,
        "sales_count": sales,
        "shop_id": shop.shop_id,
        "shop_name": shop.name,
        "seller_name": shop.seller_name,
        "seller_phone": shop.seller_phone,
        "ship_from": shop.ship_from.address.feed(with_region=with_regions),
        "observed_at": iso(at),
    }
    if shop.seller_uscc:
        record["seller_uscc"] = shop.seller_uscc
    if shop.return_address:
        record["return_address"] = shop.return_address.feed(with_region=with_regions)
    if item.brand:
        record["brand"] = item.brand
    return record


def waybill(
    ids: RecordIds,
    carrier: str,
    number: str,
    sender: dict[str, Any],
    receiver: dict[str, Any],
    contents: str,
    weight_kg: float,
    picked_up_at: datetime,
    delivered_at: datetime | None,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "record_id": ids.record("waybill"),
        "carrier": carrier,
        "waybill_no": number,
        "sender": sender,
        "receiver": receiver,
        "contents": contents,
        "weight_kg": round(weight_kg, 2),
        "picked_up_at": iso(picked_up_at),
    }
    if delivered_at is not None:
        record["delivered_at"] = iso(delivered_at)
    return record


def complaint(
    ids: RecordIds,
    channel: str,
    at: datetime,
    region: str,
    text: str,
    target: dict[str, Any] | None,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "record_id": ids.record("complaint"),
        "ticket_id": ids.ticket(channel, region, at),
        "channel": channel,
        "received_at": iso(at),
        "region": region,
        "text": text,
    }
    if target:
        record["target"] = target
    return record


def takedown(
    ids: RecordIds,
    platform: str,
    listing_id: str,
    action: str,
    at: datetime,
    region: str,
    note: str | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "record_id": ids.record("takedown"),
        "notice_id": ids.notice(region, at),
        "platform": platform,
        "listing_id": listing_id,
        "action": action,
        "acted_at": iso(at),
    }
    if note:
        record["note"] = note
    return record


def bureau_region(county: str, prefer_city: bool) -> str:
    """The receiving bureau's code: the county, or its city (the province for 直辖市)."""
    if not prefer_city:
        return county
    city = regions.get(county[:4] + "00")
    if city is None or city.name in ("市辖区", "县") or city.level != "city":
        return county[:2] + "0000"
    return city.code
