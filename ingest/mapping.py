"""From a validated feed record to graph facts: one :class:`Batch` per record (pure).

Canonical keys come from the identifier types, so the phone on a waybill and the phone
in a complaint meet at one node. Names without an identifier (persons, companies known
only by name) are keyed to the record that named them: entity resolution proposes
``POSSIBLY_SAME_AS`` later, nothing merges silently.

Every node a record asserts is tagged with the regions the record places it in (the
ship-from/return regions of a listing, the sender/receiver regions of a waybill, the
receiving bureau's region of a complaint): that is what region visibility filters on.

Two functions are passed in rather than imported, so this module stays pure and the
intake pipeline decides how to do them: ``locate(address_text) -> region code | None``
and ``extract(text) -> [(type, value)]`` for complaint texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch, source_ref

from .addresses import canonical
from .extract.lexicon import PLATFORM_NAMES
from .feeds import (
    AddressIn,
    AuthenticationRecord,
    ComplaintRecord,
    ListingRecord,
    PartyIn,
    Record,
    TakedownRecord,
    TracingRecord,
    WaybillRecord,
)
from .mentions import Known, number_of, shop_targets, waybill_targets

Locate = Callable[[str], str | None]
# A complaint text's entities: (type, canonical value, role), roles as in extract.roles.
Extract = Callable[[str], Iterable[tuple[str, str, str]]]
# Extraction types whose value is one identifier type's (ORG and PERSON need the record
# as scope, SHOP and PLATFORM_ID a lookup); the types say which are personal data.
ID_TYPE_OF: dict[str, ids.IdentifierType] = {
    "PHONE": ids.PHONE,
    "USCC": ids.USCC,
    "ID_CARD": ids.ID_CARD,
    "WAYBILL": ids.WAYBILL,
    "URL": ids.URL,
    "BRAND": ids.BRAND,
    "REGION": ids.REGION,
    "ADDRESS": ids.ADDRESS,
    "ORG": ids.COMPANY,
    "PERSON": ids.PERSON,
}
PERSONAL_TYPES = frozenset(kind for kind, type_ in ID_TYPE_OF.items() if type_.pii)


_ORG_SUFFIX = re.compile(
    r"(公司|厂|商行|经营部|批发部|工作室|商贸|贸易|店|合作社|营业部|网点|分拨中心|揽收点|"
    r"服务站|驿站|门市部|仓库|中心|超市|市场)$"
)
# Extraction types -> how a mention becomes a node key.
_PLATFORM_ID = re.compile(
    r"^(tmall|taobao|jd|pdd|1688|kuaishou|douyin)-(item|goods|offer|shop):(.+)$"
)


def no_locate(_: str) -> str | None:
    return None


def no_extract(_: str) -> list[tuple[str, str, str]]:
    return []


@dataclass(slots=True)
class Mapped:
    """The graph facts of one record, and what was noted for human review."""

    batch: Batch
    review: list[str] = field(default_factory=list)


def epoch_ms(value) -> int:  # datetime -> int
    return int(value.timestamp() * 1000)


def _region(address: AddressIn | None, locate: Locate) -> str | None:
    if address is None:
        return None
    return address.region or locate(address.text)


def _party_key(name: str, scope: str) -> str:
    """A name alone: a company-like name becomes a NamedCompany, else a Person."""
    if _ORG_SUFFIX.search(ids.normalize_name(name)):
        return ids.COMPANY.key(ids.COMPANY.clean(name, scope=scope))
    return ids.PERSON.key(ids.PERSON.clean(name, scope=scope))


def _address(batch: Batch, address: AddressIn, seen: int, source: str, region: str | None) -> str:
    """The address node (keyed by its canonical form, see ``addresses``) in its region."""
    placed = canonical(address.text, region)
    region = placed.region or region
    key = batch.node(
        ids.ADDRESS.key_of(placed.text), seen, source, region=region, text=address.text
    )
    if region:
        batch.node(ids.REGION.key(region), seen, source, region=region)
        batch.rel(key, "LOCATED_IN", ids.REGION.key(region), seen, source)
    return key


def map_listing(record: ListingRecord, feed: str, locate: Locate) -> Mapped:
    source = source_ref(feed, record.record_id)
    seen = epoch_ms(record.observed_at)
    batch = Batch()
    ship_region = _region(record.ship_from, locate)
    return_region = _region(record.return_address, locate)
    tags = tuple(r for r in (ship_region, return_region) if r)
    platform = batch.node(ids.PLATFORMS_TYPE.key_of(record.platform), seen, source)
    shop = batch.node(
        ids.SHOP.key(ids.SHOP.clean(record.shop_id, platform=record.platform)),
        seen,
        source,
        region=tags,
        name=record.shop_name,
        name_key=ids.normalize_name(record.shop_name) if record.shop_name else None,
        seller_name=record.seller_name,
    )
    listing = batch.node(
        ids.LISTING.key(ids.LISTING.clean(record.listing_id, platform=record.platform)),
        seen,
        source,
        region=tags,
        title=record.title,
        price=record.price,
        sales_count=record.sales_count,
    )
    batch.rel(listing, "LISTED_IN", shop, seen, source)
    batch.rel(shop, "ON_PLATFORM", platform, seen, source)
    batch.rel(listing, "ON_PLATFORM", platform, seen, source)
    if record.url:
        url = batch.node(ids.URL.key_of(record.url), seen, source, region=tags)
        batch.rel(listing, "HAS_URL", url, seen, source)
    seller: str | None = None
    if record.seller_uscc:
        seller = batch.node(
            ids.USCC.key_of(record.seller_uscc), seen, source, region=tags, name=record.seller_name
        )
    elif record.seller_name:
        seller = batch.node(
            _party_key(record.seller_name, source),
            seen,
            source,
            region=tags,
            name=record.seller_name,
        )
    if seller:
        batch.rel(shop, "OPERATED_BY", seller, seen, source)
    if record.seller_phone:
        phone = batch.node(ids.PHONE.key_of(record.seller_phone), seen, source, region=tags)
        batch.rel(shop, "HAS_PHONE", phone, seen, source)
        if seller:
            batch.rel(seller, "HAS_PHONE", phone, seen, source)
    if record.ship_from:
        address = _address(batch, record.ship_from, seen, source, ship_region)
        batch.rel(shop, "SHIPS_FROM", address, seen, source)
        batch.rel(listing, "SHIPS_FROM", address, seen, source)
    if record.return_address:
        address = _address(batch, record.return_address, seen, source, return_region)
        batch.rel(shop, "RETURNS_TO", address, seen, source)
    if ship_region or return_region:
        region = ids.REGION.key(ship_region or return_region)  # type: ignore[arg-type]
        batch.rel(shop, "LOCATED_IN", region, seen, source)
    if record.brand:
        brand = batch.node(ids.BRAND.key_of(record.brand), seen, source)
        batch.rel(listing, "CLAIMS_BRAND", brand, seen, source)
    return Mapped(batch)


def map_takedown(record: TakedownRecord, feed: str) -> Mapped:
    """A platform's takedown answer updates the listing it names; a publicity
    confirmation (``published``) only stamps when the outcome was published."""
    source = source_ref(feed, record.record_id)
    seen = epoch_ms(record.acted_at)
    batch = Batch()
    listing = ids.LISTING.key(ids.LISTING.clean(record.listing_id, platform=record.platform))
    if record.action == "published":
        batch.node(listing, seen, source, takedown_published_at=seen)
        return Mapped(batch)
    batch.node(
        listing,
        seen,
        source,
        takedown_notice=record.notice_id,
        takedown_action=record.action,
        takedown_at=seen,
    )
    return Mapped(batch)


def map_authentication(_: AuthenticationRecord) -> Mapped:
    """A rights holder's verdict is evidence on a case, not a graph fact: the coordination
    room records it (``cases.authentication``); nothing enters the graph."""
    return Mapped(Batch())


def tracing_keys(record: TracingRecord) -> list[str]:
    """The keys of the shop, listing and waybill a tracing record names (what a request's
    case is granted)."""
    keys: list[str] = []
    if record.platform and record.shop_id:
        keys.append(ids.SHOP.key(ids.SHOP.clean(record.shop_id, platform=record.platform)))
    if record.platform and record.listing_id:
        keys.append(ids.LISTING.key(ids.LISTING.clean(record.listing_id, platform=record.platform)))
    if record.parcel:
        value, _ = ids.WAYBILL.clean_unverified(
            record.parcel.waybill_no, carrier=record.parcel.carrier
        )
        keys.append(ids.WAYBILL.key(value))
    return keys


def map_tracing(record: TracingRecord, feed: str, locate: Locate) -> Mapped:
    """A test buy: the shop and listing bought from (claiming the brand), the parcel with
    its sender (the receiver is the holder's buyer: not a lead, not taken), and the
    sender's address as where the shop ships from. The holder's feed is the source."""
    source = source_ref(feed, record.record_id)
    seen = epoch_ms(record.bought_at)
    batch = Batch()
    parcel = record.parcel
    sender_region = _region(parcel.sender.address, locate) if parcel else None
    tags = sender_region
    shop = listing = None
    if record.platform:
        platform = batch.node(ids.PLATFORMS_TYPE.key_of(record.platform), seen, source)
        if record.shop_id:
            shop = batch.node(
                ids.SHOP.key(ids.SHOP.clean(record.shop_id, platform=record.platform)),
                seen,
                source,
                region=tags,
                name=record.shop_name,
                name_key=ids.normalize_name(record.shop_name) if record.shop_name else None,
            )
            batch.rel(shop, "ON_PLATFORM", platform, seen, source)
        if record.listing_id:
            listing = batch.node(
                ids.LISTING.key(ids.LISTING.clean(record.listing_id, platform=record.platform)),
                seen,
                source,
                region=tags,
            )
            batch.rel(listing, "ON_PLATFORM", platform, seen, source)
            if shop:
                batch.rel(listing, "LISTED_IN", shop, seen, source)
            if record.brand:
                brand = batch.node(ids.BRAND.key_of(record.brand), seen, source)
                batch.rel(listing, "CLAIMS_BRAND", brand, seen, source)
    if parcel:
        picked = epoch_ms(parcel.picked_up_at) if parcel.picked_up_at else seen
        carrier = batch.node(ids.CARRIER.key_of(parcel.carrier), picked, source)
        value, unverified = ids.WAYBILL.clean_unverified(parcel.waybill_no, carrier=parcel.carrier)
        waybill = batch.node(
            ids.WAYBILL.key(value),
            picked,
            source,
            region=tags,
            number=number_of(value),
            format_unverified=True if unverified else None,
            picked_up_at=picked,
            sender_name=parcel.sender.name,
        )
        batch.rel(waybill, "CARRIED_BY", carrier, picked, source)
        _party(
            batch,
            waybill,
            parcel.sender,
            picked,
            source,
            sender_region,
            by="SENT_BY",
            at="SENT_FROM",
        )
        if parcel.sender.address:
            address = ids.ADDRESS.key_of(canonical(parcel.sender.address.text, sender_region).text)
            for seller in (shop, listing):
                if seller:
                    batch.rel(seller, "SHIPS_FROM", address, picked, source)
    return Mapped(batch)


def _party(
    batch: Batch,
    waybill: str,
    party: PartyIn,
    seen: int,
    source: str,
    region: str | None,
    *,
    by: str,
    at: str,
) -> None:
    tags = region
    if party.phone:
        phone = batch.node(ids.PHONE.key_of(party.phone), seen, source, region=tags)
        batch.rel(waybill, by, phone, seen, source)
    if party.name:
        who = batch.node(_party_key(party.name, source), seen, source, region=tags, name=party.name)
        batch.rel(waybill, by, who, seen, source)
        if party.phone:
            batch.rel(who, "HAS_PHONE", ids.PHONE.key_of(party.phone), seen, source)
    if party.address:
        address = _address(batch, party.address, seen, source, region)
        batch.rel(waybill, at, address, seen, source)


def map_waybill(record: WaybillRecord, feed: str, locate: Locate) -> Mapped:
    source = source_ref(feed, record.record_id)
    seen = epoch_ms(record.picked_up_at)
    batch = Batch()
    sender_region = _region(record.sender.address, locate)
    receiver_region = _region(record.receiver.address, locate)
    tags = tuple(r for r in (sender_region, receiver_region) if r)
    carrier = batch.node(ids.CARRIER.key_of(record.carrier), seen, source)
    waybill_value, unverified = ids.WAYBILL.clean_unverified(
        record.waybill_no, carrier=record.carrier
    )
    waybill = batch.node(
        ids.WAYBILL.key(waybill_value),
        seen,
        source,
        region=tags,
        number=number_of(waybill_value),
        format_unverified=True if unverified else None,
        contents=record.contents,
        weight_kg=record.weight_kg,
        picked_up_at=seen,
        delivered_at=epoch_ms(record.delivered_at) if record.delivered_at else None,
        sender_name=record.sender.name,
        receiver_name=record.receiver.name,
    )
    batch.rel(waybill, "CARRIED_BY", carrier, seen, source)
    _party(batch, waybill, record.sender, seen, source, sender_region, by="SENT_BY", at="SENT_FROM")
    _party(
        batch,
        waybill,
        record.receiver,
        seen,
        source,
        receiver_region,
        by="RECEIVED_BY",
        at="DELIVERED_TO",
    )
    return Mapped(batch)


def mention_key(kind: str, value: str, scope: str) -> str | None:
    """The node key an extracted mention names, or None for types kept only for review
    (SHOP names resolve through ``mentions``; USCC_INVALID is for a person to read)."""
    if kind == "ADDRESS":
        return ids.ADDRESS.key_of(value)
    if kind == "ORG":
        return ids.COMPANY.key(ids.COMPANY.clean(value, scope=scope))
    if kind == "PERSON":
        return ids.PERSON.key(ids.PERSON.clean(value, scope=scope))
    if kind in ID_TYPE_OF:
        return ID_TYPE_OF[kind].key(value)  # extraction gives these values clean
    if kind == "PLATFORM_ID":
        match = _PLATFORM_ID.match(value)
        if not match:
            return None
        platform, what, item = match.groups()
        if what == "shop":
            return ids.SHOP.key(ids.SHOP.clean(item, platform=platform))
        return ids.LISTING.key(ids.LISTING.clean(item, platform=platform))
    return None


@dataclass(frozen=True, slots=True)
class Mentioned:
    """One node a complaint names: how it was found (``via``), whose it is, how sure."""

    via: str
    role: str = "other"
    score: float = 1.0


@dataclass(slots=True)
class Mentions:
    """What a complaint names: nodes to link, its complainant's data (masked, never a
    node), and what could not become a key (kept for human review)."""

    nodes: dict[str, Mentioned] = field(default_factory=dict)
    complainant: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def add(self, key: str, mention: Mentioned) -> None:
        self.nodes.setdefault(key, mention)


def platforms_named(text: str) -> tuple[str, ...]:
    """Platform codes a text names (天猫 -> tmall), for resolving shop names."""
    return tuple(sorted({code for word, code in PLATFORM_NAMES.items() if word in text}))


def _complainant_note(kind: str, value: str) -> str:
    """How a complainant's identifier is kept: its type and masked value only."""
    return f"{kind} {ID_TYPE_OF[kind].mask(value)}"


def _mentions(record: ComplaintRecord, source: str, extract: Extract, known: Known) -> Mentions:
    """Node keys the complaint names (text first, then its structured target)."""
    found = Mentions()
    platforms = platforms_named(record.text)
    for kind, value, role in extract(record.text):
        if role == "complainant" and kind in PERSONAL_TYPES:
            found.complainant.append(_complainant_note(kind, value))
            continue  # a victim's data: protected, never a lead (DOMAIN.md)
        if kind == "SHOP":
            targets = shop_targets(value, platforms, known)
            for t in targets:
                found.add(t.key, Mentioned(t.via, role, t.score))
            if not targets:
                found.review.append(f"SHOP '{value}'")
            continue
        try:
            key = mention_key(kind, value, source)
        except ids.InvalidIdentifier as exc:
            found.review.append(f"{kind} '{value}': {exc}")
            continue
        if key is None:
            found.review.append(f"{kind} '{value}'")
        elif kind == "WAYBILL":
            for t in waybill_targets(value, known):
                found.add(t.key, Mentioned(t.via, role, t.score))
        else:
            found.add(key, Mentioned("text", role))
    target = record.target
    if target is None:
        return found
    how = Mentioned("target", "accused")
    if target.shop_id and target.platform:
        found.add(ids.SHOP.key(ids.SHOP.clean(target.shop_id, target.platform)), how)
    if target.listing_id and target.platform:
        found.add(ids.LISTING.key(ids.LISTING.clean(target.listing_id, target.platform)), how)
    if target.phone:
        found.add(ids.PHONE.key_of(target.phone), how)
    if target.uscc:
        found.add(ids.USCC.key_of(target.uscc), how)
    if target.company_name:
        found.add(_party_key(target.company_name, source), how)
    if target.brand:
        found.add(ids.BRAND.key_of(target.brand), how)
    return found


def map_complaint(
    record: ComplaintRecord,
    feed: str,
    locate: Locate,
    extract: Extract,
    known: Known = Known(),  # noqa: B008 (frozen, empty)
) -> Mapped:
    source = source_ref(feed, record.record_id)
    seen = epoch_ms(record.received_at)
    region = record.region
    found = _mentions(record, source, extract, known)
    batch = Batch()
    complaint = batch.node(
        ids.COMPLAINT.key_of(record.ticket_id),
        seen,
        source,
        region=region,
        channel=record.channel,
        received_at=seen,
        text=record.text,
        review=found.review or None,
        complainant=found.complainant or None,
    )
    region_key = batch.node(ids.REGION.key(region), seen, source, region=region)
    batch.rel(complaint, "RECEIVED_IN", region_key, seen, source)
    if record.target and record.target.address:
        address = record.target.address
        key = _address(batch, address, seen, source, _region(address, locate))
        found.add(key, Mentioned("target", "accused"))
    in_batch = {n.key for n in batch.nodes}
    for key, how in found.nodes.items():
        if key.startswith("brand:"):
            batch.node(key, seen, source)
            batch.rel(complaint, "CLAIMS_BRAND", key, seen, source)
            continue
        if key not in in_batch and key.startswith("addr:"):
            placed = canonical(ids.ADDRESS.value_of(key))
            _address(batch, AddressIn(text=placed.text, region=placed.region), seen, source, None)
        elif key not in in_batch and not how.via.startswith(("name", "number")):
            batch.node(key, seen, source, region=region)  # resolved targets exist already
        batch.rel(
            complaint,
            "MENTIONS",
            key,
            seen,
            source,
            via=how.via,
            role=how.role,
            score=how.score if how.score < 1 else None,
        )
    return Mapped(batch, found.review)


def map_record(
    record: Record,
    feed: str,
    *,
    locate: Locate = no_locate,
    extract: Extract = no_extract,
    known: Known = Known(),  # noqa: B008 (frozen, empty)
) -> Mapped:
    """The graph facts of one validated record (``feed`` is ``partner.kind``); ``known``
    is what the graph holds for a complaint batch's mentions (``mentions.lookup``)."""
    if isinstance(record, ListingRecord):
        return map_listing(record, feed, locate)
    if isinstance(record, WaybillRecord):
        return map_waybill(record, feed, locate)
    if isinstance(record, ComplaintRecord):
        return map_complaint(record, feed, locate, extract, known)
    if isinstance(record, TakedownRecord):
        return map_takedown(record, feed)
    if isinstance(record, AuthenticationRecord):
        return map_authentication(record)
    if isinstance(record, TracingRecord):
        return map_tracing(record, feed, locate)
    raise TypeError(f"no mapping for {type(record).__name__}")
