"""The demo world: a synthetic counterfeiting landscape as feed records, with its truth.

``iter_records(size, seed)`` streams ``(kind, record)`` pairs (kinds as in
``cluehub.ingest.feeds``) in memory bounded by the number of parties, so a ``large`` world
of more than a million graph nodes can be written or loaded without holding it.
``generate(size, seed)`` collects a whole world with its :class:`GroundTruth`.

What a world holds (see ``plan.py`` for the volumes):

- **Rings** along the whole chain (全链条): a workshop in a production cluster (莆田,
  晋江/石狮, 义乌, 白沟, 广州白云) receiving labels and boxes from a printer in another
  place, shipping bulk parcels to warehouses in other provinces, which ship to buyers of
  10–60 shops on several platforms; shop operators reuse one phone across shops and
  platforms; buyers complain to their local bureau (12315), rights holders and platforms
  report shops, tip-offs (12330, letters, visits) name the workshop; takedowns follow.
- **Innocent traffic** so that "most connected" is the wrong answer: the express outlet
  of each production town, used by workshops, legitimate firms and local people alike;
  genuine brand stores with more parcels than any ring; busy local merchants in the same
  towns; look-alike shops with near-identical names; parcels between private persons;
  complaints about late parcels, poor quality, doubts about genuine goods, and
  rights-holder notices the platform rejects.

Everything is drawn from ``random.Random`` instances seeded from ``seed`` (never the global
generator), and times lie in the ~18 months before ``now`` (default 2026-11-01 +08:00).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cluehub.graph import identifiers as ids
from cluehub.graph import regions

from . import actors, complaints, names
from . import feed_records as feed
from .actors import Party
from .complaints import Written
from .plan import (
    REFERENCE_NOW,
    HubPlan,
    ListingPlan,
    MerchantPlan,
    RingPlan,
    ShopPlan,
    WorldPlan,
    plan_world,
)
from .truth import ComplaintTruth, GroundTruth, HubTruth, LegitTruth, RingTruth

Record = tuple[str, dict[str, Any]]
_RESERVOIR = 2_000  # legitimate parcels kept to write unrelated complaints about
_BUYER_POOL = 300  # recent buyers a repeat order can come from

# The feed kinds the demo world generates (the rights-holder kinds it does not).
KINDS: tuple[str, ...] = ("listing", "takedown", "waybill", "complaint")


@dataclass(slots=True)
class World:
    """A whole generated world: records by feed kind, and what was planted."""

    records: dict[str, list[dict[str, Any]]]
    truth: GroundTruth

    def count(self) -> int:
        return sum(len(items) for items in self.records.values())


@dataclass(frozen=True, slots=True)
class _Sent:
    """A legitimate parcel kept for a complaint about it: carrier, number, where, when."""

    carrier: str
    number: str
    region: str  # the receiver's county
    at: datetime
    outlet_phone: str | None


@dataclass(slots=True)
class _Order:
    """A retail parcel of a shop, remembered while its ring or merchant is written."""

    shop: ShopPlan
    item: ListingPlan
    carrier: str
    number: str
    buyer: Party
    at: datetime
    outlet_phone: str | None = None


def generate(size: str = "small", seed: int = 7, *, now: datetime = REFERENCE_NOW) -> World:
    """A whole world in memory (use :func:`iter_records` for ``large``)."""
    truth = GroundTruth(size, seed, feed.iso(now))
    records: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for kind, record in iter_records(size, seed, now=now, truth=truth):
        records[kind].append(record)
    return World(records, truth)


def iter_records(
    size: str = "small",
    seed: int = 7,
    *,
    now: datetime = REFERENCE_NOW,
    truth: GroundTruth | None = None,
) -> Iterator[Record]:
    """Stream the world's ``(kind, record)`` pairs; ``truth`` (if given) is filled as it goes:
    rings, hubs, legitimate parties and counts at once, complaints as they are written."""
    plan = plan_world(size, seed, now)
    truth = truth if truth is not None else GroundTruth(size, seed, feed.iso(now))
    truth.size, truth.seed, truth.now = size, seed, feed.iso(now)
    truth.counts = plan.counts()
    truth.rings = [ring_truth(ring) for ring in plan.rings]
    truth.hubs = [HubTruth(h.id, h.name, h.place.region, h.keys) for h in plan.hubs]
    truth.legitimate = [LegitTruth(m.id, m.kind, m.shop.name, m.keys()) for m in plan.merchants]
    writer = _Writer(plan, truth)
    for ring in plan.rings:
        yield from writer.ring(ring)
    for merchant in plan.merchants:
        yield from writer.merchant(merchant)
    for hub in plan.hubs:
        yield from writer.hub(hub)
    yield from writer.private_parcels()
    yield from writer.unrelated_complaints()


# --- truth of a ring -----------------------------------------------------------------------


def workshop_keys(ring: RingPlan) -> list[str]:
    keys = [ids.PHONE.key_of(p) for p in ring.workshop_phones] + [ring.workshop.address.key]
    if ring.workshop_company and ring.workshop_company.key:
        keys.append(ring.workshop_company.key)
    return keys


def ring_truth(ring: RingPlan) -> RingTruth:
    """What the hub should find about a ring, as graph keys and region codes."""
    printer = [ring.printer.phone_key, ring.printer.address.key]
    if ring.printer_company.key:
        printer.append(ring.printer_company.key)
    if ring.printer_shop:
        printer.append(ring.printer_shop.key)
    warehouses = [key for w in ring.warehouses for key in (w.phone_key, w.address.key)]
    sellers = []
    for shop in ring.shops:
        if shop is ring.own_shop:
            continue
        sellers.append(ids.PHONE.key_of(shop.seller_phone))
        if shop.seller_uscc:
            sellers.append(ids.USCC.key_of(shop.seller_uscc))
    roles = {
        "production": [ring.place.region],
        "label_printing": [ring.printer.address.region],
        "storage": sorted({w.address.region for w in ring.warehouses}),
        "sale": sorted({s.region for s in ring.shops if s is not ring.own_shop}),
    }
    provinces = sorted({code[:2] + "0000" for codes in roles.values() for code in codes})
    if len(provinces) < 2:
        raise RuntimeError(f"{ring.id} lies in one province only: the demo plan is wrong")
    return RingTruth(
        id=ring.id,
        cluster=ring.cluster.key,
        brands=list(ring.brands),
        workshop=workshop_keys(ring),
        label_printer=list(dict.fromkeys(printer)),
        warehouses=list(dict.fromkeys(warehouses)),
        shops=[s.key for s in ring.shops],
        listings=[item.key for s in ring.shops for item in s.listings],
        sellers=list(dict.fromkeys(sellers)),
        regions=roles,
        provinces=provinces,
        lead_region=ring.place.region,
        coordination_level="national" if ring.major else "provincial",
        major=ring.major,
    )


def _target_keys(target: dict[str, Any] | None) -> list[str]:
    """Node keys a complaint's structured target names (as ``map_complaint`` keys them)."""
    if not target:
        return []
    keys = []
    if target.get("shop_id"):
        keys.append(ids.SHOP.key(ids.SHOP.clean(target["shop_id"], target["platform"])))
    if target.get("listing_id"):
        keys.append(ids.LISTING.key(ids.LISTING.clean(target["listing_id"], target["platform"])))
    if target.get("phone"):
        keys.append(ids.PHONE.key_of(target["phone"]))
    if target.get("address"):
        keys.append(ids.ADDRESS.key_of(target["address"]["text"]))
    if target.get("brand"):
        keys.append(ids.BRAND.key_of(target["brand"]))
    return keys


# --- writing -------------------------------------------------------------------------------


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A moment in [start, end], in working hours (08:00-21:59) when the day allows."""
    at = start + (end - start) * rng.random()
    day = at.replace(hour=rng.randint(8, 21), minute=rng.randrange(60), second=rng.randrange(60))
    return (day if start <= day <= end else at).replace(microsecond=0)


class _Buyers:
    """New consumers, and now and then one who ordered before (bounded memory)."""

    def __init__(self, rng: random.Random, plan: WorldPlan, repeat: float = 0.15) -> None:
        self.rng, self.plan, self.repeat = rng, plan, repeat
        self.recent: list[Party] = []

    def next(self) -> Party:
        if self.recent and self.rng.random() < self.repeat:
            return self.rng.choice(self.recent)
        buyer = actors.consumer(self.rng, self.plan.mint)
        if len(self.recent) < _BUYER_POOL:
            self.recent.append(buyer)
        else:
            self.recent[self.rng.randrange(_BUYER_POOL)] = buyer
        return buyer


class _Writer:
    """Writes the records of a planned world, one party at a time."""

    def __init__(self, plan: WorldPlan, truth: GroundTruth) -> None:
        self.plan, self.truth = plan, truth
        self.ids = feed.RecordIds()
        self.reservoir: list[_Sent] = []
        self.seen_legit = 0

    def _rng(self, name: str) -> random.Random:
        return random.Random(f"{self.plan.seed}/{name}")

    def _clamp(self, at: datetime) -> datetime:
        return min(at, self.plan.now)

    # --- shared pieces ----------------------------------------------------------------

    def _listings(self, rng: random.Random, shop: ShopPlan, start: datetime, end: datetime):
        for item in shop.listings:
            first = _between(rng, start, end - timedelta(days=10))
            seen = sorted(_between(rng, first, end) for _ in range(item.observations - 1))
            sales = item.sales
            for at in [first, *seen]:
                yield (
                    "listing",
                    feed.listing(self.ids, shop, item, at, sales, with_regions=rng.random() < 0.8),
                )
                sales += rng.randint(10, 400)

    def _parcel(
        self,
        rng: random.Random,
        carrier: str,
        sender: dict[str, Any],
        receiver: dict[str, Any],
        contents: str,
        weight: float,
        at: datetime,
        number: str | None = None,
    ) -> Record:
        number = number or self.plan.mint.waybill_no(carrier)
        delivered = at + timedelta(hours=rng.uniform(20, 96))
        keep = delivered <= self.plan.now and rng.random() < 0.7
        return "waybill", feed.waybill(
            self.ids,
            carrier,
            number,
            sender,
            receiver,
            contents,
            weight,
            at,
            delivered if keep else None,
        )

    def _shop_sender(
        self, rng: random.Random, shop: ShopPlan, hub: HubPlan | None
    ) -> tuple[dict[str, Any], str, str | None]:
        """Who a shop's parcel says it is from; via the local outlet now and then."""
        with_region = rng.random() < 0.6
        if hub and rng.random() < shop.via_hub:
            if rng.random() < 0.5:  # the outlet writes itself in as the sender
                return hub.party.feed(with_region=with_region), hub.carrier, hub.party.phone
            sender = {
                "name": shop.ship_from.name,
                "phone": shop.ship_from.phone,
                "address": hub.party.address.feed(with_region=with_region),
            }
            return sender, hub.carrier, hub.party.phone
        name = shop.name if rng.random() < 0.4 else shop.ship_from.name
        phone = shop.ship_from.phone if rng.random() < 0.6 else shop.seller_phone
        sender = {
            "name": name,
            "phone": phone,
            "address": shop.ship_from.address.feed(with_region=with_region),
        }
        return sender, rng.choice(shop.carriers), None

    def _orders(
        self,
        rng: random.Random,
        shop: ShopPlan,
        hub: HubPlan | None,
        buyers: _Buyers,
        start: datetime,
        end: datetime,
        keep: list[_Order] | None,
    ) -> Iterator[Record]:
        for _ in range(shop.orders):
            item = rng.choice(shop.listings)
            buyer = buyers.next()
            sender, carrier, outlet = self._shop_sender(rng, shop, hub)
            at = _between(rng, start, end)
            number = self.plan.mint.waybill_no(carrier)
            quantity = 1 if rng.random() < 0.8 else rng.randint(2, 3)
            contents = f"{rng.choice(shop.goods)} {quantity}{shop.unit}"
            receiver = buyer.feed(with_region=rng.random() < 0.6)
            weight = rng.uniform(0.3, 3.0) * quantity
            yield self._parcel(rng, carrier, sender, receiver, contents, weight, at, number)
            if keep is not None:
                keep.append(_Order(shop, item, carrier, number, buyer, at, outlet))
            else:
                self._remember(rng, _Sent(carrier, number, buyer.address.region, at, outlet))

    def _remember(self, rng: random.Random, sent: _Sent) -> None:
        """Reservoir sample of legitimate parcels (algorithm R), for unrelated complaints."""
        self.seen_legit += 1
        if len(self.reservoir) < _RESERVOIR:
            self.reservoir.append(sent)
            return
        slot = rng.randrange(self.seen_legit)
        if slot < _RESERVOIR:
            self.reservoir[slot] = sent

    def _complaint(
        self,
        channel: str,
        at: datetime,
        region: str,
        written: Written,
        target: dict[str, Any] | None,
        ring: RingPlan | None,
    ) -> Record:
        record = feed.complaint(self.ids, channel, self._clamp(at), region, written.text, target)
        key = ids.COMPLAINT.key_of(record["ticket_id"])
        if ring is None:
            self.truth.unrelated_complaints.append(key)
            return "complaint", record
        self.truth.complaints.append(
            ComplaintTruth(
                complaint=key,
                ring=ring.id,
                channel=channel,
                workshop=workshop_keys(ring),
                mentioned=list(dict.fromkeys(written.mentioned)),
                targeted=_target_keys(target),
                shop_names=written.shop_names,
            )
        )
        return "complaint", record

    # --- rings ------------------------------------------------------------------------

    def ring(self, ring: RingPlan) -> Iterator[Record]:
        rng = self._rng(ring.id)
        cluster = ring.cluster
        sellers = ring.shops
        for shop in [*sellers, *([ring.printer_shop] if ring.printer_shop else [])]:
            yield from self._listings(rng, shop, ring.start, ring.end)

        for number in range(ring.label_parcels):  # printer -> workshop (标识印制)
            phone = ring.workshop_phones[number % len(ring.workshop_phones)]
            name = ring.workshop_company.name if ring.workshop_company else ring.workshop.name
            receiver = {"name": name, "phone": phone, "address": ring.workshop.address.feed()}
            label = rng.choice(cluster.labels)
            contents = f"{label} {rng.randint(5, 60) * 100}个"
            at = _between(rng, ring.start, ring.end)
            yield self._parcel(
                rng,
                rng.choice(("ZTO", "YD", "SF")),
                ring.printer.feed(with_region=False),
                receiver,
                contents,
                rng.uniform(2, 15),
                at,
            )

        for number in range(ring.bulk_parcels):  # workshop -> warehouses (仓储)
            warehouse = ring.warehouses[number % len(ring.warehouses)]
            sender, carrier = self._workshop_sender(rng, ring, number)
            contents = f"{rng.choice(cluster.goods)} {rng.randint(20, 80)}{cluster.unit}"
            at = _between(rng, ring.start, ring.end)
            receiver = warehouse.feed(with_region=rng.random() < 0.5)
            yield self._parcel(rng, carrier, sender, receiver, contents, rng.uniform(15, 80), at)

        stocked = [
            s for s in sellers if s is not ring.own_shop and s.ship_from is not ring.workshop
        ]
        for number in range(ring.stock_parcels):  # warehouse -> shop operators (样品/补货)
            shop = (stocked or sellers)[number % len(stocked or sellers)]
            assert shop.return_address is not None
            receiver = {
                "name": shop.seller_name,
                "phone": shop.seller_phone,
                "address": shop.return_address.feed(with_region=rng.random() < 0.5),
            }
            sender = shop.ship_from.feed(with_region=rng.random() < 0.5)
            contents = f"{rng.choice(cluster.goods)} {rng.randint(3, 20)}{cluster.unit}"
            at = _between(rng, ring.start, ring.end)
            yield self._parcel(rng, "ZTO", sender, receiver, contents, rng.uniform(3, 20), at)

        buyers = _Buyers(rng, self.plan)
        orders: list[_Order] = []
        for shop in sellers:  # warehouses and workshop -> buyers (销售)
            yield from self._orders(rng, shop, ring.hub, buyers, ring.start, ring.end, orders)
        if ring.printer_shop:  # the printer's other customers: ordinary businesses
            yield from self._orders(
                rng,
                ring.printer_shop,
                None,
                _Buyers(rng, self.plan, 0.3),
                ring.start,
                ring.end,
                None,
            )

        for order in rng.sample(orders, ring.returns):  # buyers send goods back (退货)
            shop = order.shop
            assert shop.return_address is not None
            receiver = {
                "name": shop.seller_name,
                "phone": shop.seller_phone,
                "address": shop.return_address.feed(with_region=rng.random() < 0.5),
            }
            at = self._clamp(order.at + timedelta(days=rng.uniform(3, 12)))
            yield self._parcel(
                rng,
                rng.choice(("ZTO", "YT", "JT")),
                order.buyer.feed(),
                receiver,
                f"退货 {order.item.product}",
                rng.uniform(0.3, 2.0),
                at,
            )

        for order in rng.choices(orders, k=ring.consumer_complaints):
            yield self._consumer_complaint(rng, ring, order)
        listed = [(shop, item) for shop in sellers for item in shop.listings]
        for shop, item in rng.choices(listed, k=ring.rights_complaints):
            yield from self._rights_complaint(rng, ring, shop, item)
        sale_shops = [s for s in sellers if s.ship_from is not ring.workshop] or sellers
        for shop in rng.choices(sale_shops, k=ring.platform_reports):
            yield from self._platform_report(rng, ring, shop)
        for _ in range(ring.tipoffs):
            yield self._tipoff(rng, ring)

    def _workshop_sender(
        self, rng: random.Random, ring: RingPlan, number: int
    ) -> tuple[dict[str, Any], str]:
        """A bulk parcel's sender: the workshop, or the workshop behind the outlet's name."""
        phone = ring.workshop_phones[number % len(ring.workshop_phones)]
        draw = rng.random()
        hub = ring.hub
        if draw < 0.15:
            return hub.party.feed(with_region=False), hub.carrier
        if draw < 0.35:
            sender = {
                "name": ring.workshop.name,
                "phone": phone,
                "address": hub.party.address.feed(),
            }
            return sender, hub.carrier
        sender = {
            "name": actors.casual_name(rng, ring.boss),
            "phone": phone,
            "address": ring.workshop.address.feed(with_region=rng.random() < 0.5),
        }
        return sender, rng.choice(("ZTO", "YD", "STO", "JT"))

    def _consumer_complaint(self, rng: random.Random, ring: RingPlan, order: _Order) -> Record:
        shop, item = order.shop, order.item
        brand = names.BRANDS[item.brand] if item.brand else None
        written = complaints.consumer(
            rng,
            platform_zh=ids.PLATFORMS[shop.platform],
            shop_name=shop.name,
            brand=rng.choice(brand.written) if brand else "",
            product=item.product,
            cluster=ring.cluster.key,
            unit=shop.unit,
            price=item.price,
            bought_at=order.at,
            phone=shop.seller_phone if rng.random() < 0.5 else None,
            waybill=(
                (order.carrier, ids.CARRIERS[order.carrier][0], order.number)
                if rng.random() < 0.5
                else None
            ),
            url=item.url if rng.random() < 0.3 else None,
        )
        target = None
        if rng.random() < 0.4:
            target = {"platform": shop.platform, "shop_id": shop.shop_id}
            if item.brand:
                target["brand"] = item.brand
        channel = rng.choices(("12315", "letter", "visit"), weights=(90, 5, 5))[0]
        region = feed.bureau_region(order.buyer.address.region, rng.random() < 0.3)
        at = order.at + timedelta(days=rng.uniform(3, 30))
        return self._complaint(channel, at, region, written, target, ring)

    def _rights_complaint(
        self, rng: random.Random, ring: RingPlan, shop: ShopPlan, item: ListingPlan
    ) -> Iterator[Record]:
        brand = names.BRANDS[item.brand or ring.brands[0]]
        written = complaints.rights_holder(
            rng,
            brand_zh=brand.zh,
            platform_zh=ids.PLATFORMS[shop.platform],
            shop_name=shop.name,
            shop_id=shop.shop_id,
            url=item.url,
            goods=rng.choice(ring.cluster.goods),
        )
        target = {
            "platform": shop.platform,
            "shop_id": shop.shop_id,
            "listing_id": item.listing_id,
            "brand": brand.slug,
        }
        region = feed.bureau_region(shop.region, rng.random() < 0.5)
        at = _between(rng, ring.start + timedelta(days=30), ring.end)
        yield self._complaint("rights_holder", at, region, written, target, ring)
        action = rng.choices(("removed", "pending", "rejected"), (80, 12, 8))[0]
        acted = self._clamp(at + timedelta(days=rng.uniform(1, 7)))
        note = "权利人投诉成立，链接已删除" if action == "removed" else None
        yield (
            "takedown",
            feed.takedown(self.ids, shop.platform, item.listing_id, action, acted, region, note),
        )

    def _platform_report(
        self, rng: random.Random, ring: RingPlan, shop: ShopPlan
    ) -> Iterator[Record]:
        item = rng.choice(shop.listings)
        brand = names.BRANDS[item.brand or ring.brands[0]]
        written = complaints.platform_report(
            rng,
            platform_zh=ids.PLATFORMS[shop.platform],
            shop_name=shop.name,
            shop_id=shop.shop_id,
            brand_zh=brand.zh,
            removed=len(shop.listings),
            phone=shop.seller_phone,
            ship_from=shop.ship_from.address.text,
        )
        target = {"platform": shop.platform, "shop_id": shop.shop_id, "brand": brand.slug}
        region = feed.bureau_region(shop.region, rng.random() < 0.5)
        at = _between(rng, ring.start + timedelta(days=60), ring.end)
        yield self._complaint("platform", at, region, written, target, ring)
        acted = self._clamp(at - timedelta(days=rng.uniform(0, 2)))
        yield (
            "takedown",
            feed.takedown(
                self.ids, shop.platform, item.listing_id, "removed", acted, region, "平台抽检下架"
            ),
        )

    def _tipoff(self, rng: random.Random, ring: RingPlan) -> Record:
        channel = rng.choice(("12330", "letter", "visit"))
        address = ring.workshop.address.text
        county = regions.get(ring.place.region)
        short = address.removeprefix(regions.full_name(ring.place.region))
        short = (county.name if county else "") + short
        written = complaints.tipoff(
            rng,
            channel=channel,
            address=address,
            short_address=short,
            phone=ring.workshop_phones[0],
            boss=ring.boss,
            brand_zh=names.BRANDS[rng.choice(ring.brands)].zh,
            goods=ring.cluster.goods[0],
            carrier_zh=ids.CARRIERS[ring.hub.carrier][0],
        )
        target = None
        if rng.random() < 0.3:
            target = {"phone": ring.workshop_phones[0], "address": {"text": address}}
        region = feed.bureau_region(ring.place.region, rng.random() < 0.4)
        at = _between(rng, ring.start + timedelta(days=30), ring.end)
        return self._complaint(channel, at, region, written, target, ring)

    # --- legitimate parties -----------------------------------------------------------

    def merchant(self, merchant: MerchantPlan) -> Iterator[Record]:
        rng = self._rng(merchant.id)
        start, end = self.plan.start, self.plan.now - timedelta(days=1)
        shop = merchant.shop
        yield from self._listings(rng, shop, start, end)
        buyers = _Buyers(rng, self.plan, 0.25)
        yield from self._orders(rng, shop, merchant.hub, buyers, start, end, None)
        for _ in range(merchant.false_notices):  # a rights holder errs; the platform rejects
            item = rng.choice(shop.listings)
            brand = names.BRANDS[item.brand] if item.brand else names.BRANDS["nike"]
            written = complaints.rights_holder(
                rng,
                brand_zh=brand.zh,
                platform_zh=ids.PLATFORMS[shop.platform],
                shop_name=shop.name,
                shop_id=shop.shop_id,
                url=item.url,
                goods=rng.choice(shop.goods),
            )
            target = {
                "platform": shop.platform,
                "shop_id": shop.shop_id,
                "listing_id": item.listing_id,
            }
            region = feed.bureau_region(shop.region, rng.random() < 0.5)
            at = _between(rng, start + timedelta(days=30), end)
            yield self._complaint("rights_holder", at, region, written, target, None)
            acted = self._clamp(at + timedelta(days=rng.uniform(2, 10)))
            note = "经核实商家提供授权及进货凭证，投诉不成立"
            yield (
                "takedown",
                feed.takedown(
                    self.ids, shop.platform, item.listing_id, "rejected", acted, region, note
                ),
            )

    def hub(self, hub: HubPlan) -> Iterator[Record]:
        """Local people and firms send from the outlet; others collect parcels there."""
        rng = self._rng(hub.id)
        start, end = self.plan.start, self.plan.now - timedelta(days=1)
        mint = self.plan.mint
        for _ in range(hub.walk_ins):
            local = actors.person_name(rng)
            phone = hub.party.phone if rng.random() < 0.3 else mint.mobile()
            sender = {
                "name": actors.casual_name(rng, local),
                "phone": phone,
                "address": hub.party.address.feed(with_region=rng.random() < 0.5),
            }
            buyer = actors.consumer(rng, mint)
            at = _between(rng, start, end)
            number = mint.waybill_no(hub.carrier)
            yield self._parcel(
                rng,
                hub.carrier,
                sender,
                buyer.feed(with_region=rng.random() < 0.6),
                rng.choice(names.GENERIC_CONTENTS),
                rng.uniform(0.3, 10),
                at,
                number,
            )
            outlet = hub.party.phone
            self._remember(rng, _Sent(hub.carrier, number, buyer.address.region, at, outlet))
        for _ in range(hub.pickups):
            sender = actors.consumer(rng, mint)
            local = actors.person_name(rng)
            receiver = {
                "name": actors.casual_name(rng, local),
                "phone": mint.mobile(),
                "address": hub.party.address.feed(with_region=rng.random() < 0.5),
            }
            at = _between(rng, start, end)
            yield self._parcel(
                rng,
                rng.choice(("ZTO", "YD", "SF", "EMS", "JT")),
                sender.feed(with_region=rng.random() < 0.5),
                receiver,
                rng.choice(names.GENERIC_CONTENTS),
                rng.uniform(0.2, 5),
                at,
            )

    def private_parcels(self) -> Iterator[Record]:
        rng = self._rng("c2c")
        mint = self.plan.mint
        start, end = self.plan.start, self.plan.now - timedelta(days=1)
        for _ in range(self.plan.c2c):
            sender, receiver = actors.consumer(rng, mint), actors.consumer(rng, mint)
            carrier = rng.choice(("SF", "ZTO", "YT", "JT", "EMS", "YD", "STO", "JD"))
            at = _between(rng, start, end)
            number = mint.waybill_no(carrier)
            yield self._parcel(
                rng,
                carrier,
                sender.feed(with_region=rng.random() < 0.5),
                receiver.feed(with_region=rng.random() < 0.5),
                rng.choice(names.GENERIC_CONTENTS),
                rng.uniform(0.2, 15),
                at,
                number,
            )
            self._remember(rng, _Sent(carrier, number, receiver.address.region, at, None))

    def unrelated_complaints(self) -> Iterator[Record]:
        """Complaints about late parcels, poor quality and doubted genuine goods."""
        rng = self._rng("unrelated")
        shops = [m for m in self.plan.merchants if m.kind != "genuine_store"]
        stores = [m for m in self.plan.merchants if m.kind == "genuine_store"]
        for _ in range(self.plan.unrelated_complaints):
            draw = rng.random()
            sent = rng.choice(self.reservoir) if self.reservoir else None
            region = actors.county_in(rng, names.PROVINCE_WEIGHTS)
            at = _between(rng, self.plan.start, self.plan.now)
            if sent is not None:
                region, at = sent.region, sent.at + timedelta(days=rng.uniform(3, 15))
            region = feed.bureau_region(region, rng.random() < 0.3)
            if sent is not None and draw < 0.45:
                written = complaints.delivery_delay(
                    rng,
                    carrier_zh=ids.CARRIERS[sent.carrier][0],
                    number=sent.number,
                    days=rng.randint(5, 20),
                    outlet_phone=sent.outlet_phone,
                )
            elif shops and draw < 0.75:
                merchant = rng.choice(shops)
                written = complaints.poor_quality(
                    rng,
                    platform_zh=ids.PLATFORMS[merchant.shop.platform],
                    shop_name=merchant.shop.name,
                    goods=rng.choice(merchant.shop.listings).product,
                    phone=merchant.shop.seller_phone if rng.random() < 0.5 else None,
                )
            elif stores:
                store = rng.choice(stores)
                item = rng.choice(store.shop.listings)
                brand = names.BRANDS[item.brand] if item.brand else None
                written = complaints.doubt_genuine(
                    rng,
                    platform_zh=ids.PLATFORMS[store.shop.platform],
                    shop_name=store.shop.name,
                    brand=brand.zh if brand else "",
                    product=item.product,
                )
            else:
                written = Written("快递员未经同意把包裹放在快递柜，还要收超时费，请处理。")
            yield self._complaint("12315", at, region, written, None, None)
