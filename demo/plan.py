"""The plan of a demo world: every party and every volume, decided before any record.

Planning draws the rings (workshop, label printer, warehouses, shop operators, shops and
listings), the shared express outlets, the legitimate merchants and how many parcels,
complaints and takedowns each produces. Emission (``world.py``) then only writes records,
so :meth:`WorldPlan.counts` is exact without generating anything and a ``large`` world
streams in memory bounded by its number of parties, not its number of records.

Sizes (:data:`PROFILES`, seed 7): ``small`` 3 rings, ~4k records (~20k graph nodes);
``medium`` 10 rings, ~52k records (~242k nodes); ``large`` 60 rings, ~351k records
(1.67M nodes counted by ``estimate_nodes`` over the whole stream; the medium world's nodes
per record predict 1.62M). Most nodes are waybills and the phones, addresses and
per-record names on them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cluehub.graph import identifiers as ids
from cluehub.graph import regions
from cluehub.ingest.feeds import CST

from . import actors, names
from .actors import Address, Company, Party
from .mint import Mint, listing_url
from .truth import LegitKind

REFERENCE_NOW = datetime(2026, 11, 1, tzinfo=CST)
WINDOW = timedelta(days=540)  # about 18 months of history before ``now``


@dataclass(frozen=True, slots=True)
class Profile:
    """How big a world is: rings and the volumes of each kind of party."""

    rings: int
    shops: tuple[int, int]  # shops of an ordinary ring
    major_shops: tuple[int, int]  # shops of a major ring
    major_every: int  # ring 1, 1 + n, 1 + 2n… are major
    orders_per_shop: tuple[int, int]  # retail parcels per ring shop
    genuine_stores: int
    genuine_orders: tuple[int, int]
    merchants: int  # legitimate local merchants in the production towns
    merchant_orders: tuple[int, int]
    lookalikes_per_ring: tuple[int, int]
    hub_walk_ins: tuple[int, int]  # parcels local people send through each outlet
    c2c: int  # parcels between private persons
    unrelated_complaints: int


PROFILES: dict[str, Profile] = {
    "small": Profile(
        rings=3, shops=(10, 16), major_shops=(40, 44), major_every=3, orders_per_shop=(4, 10),
        genuine_stores=4, genuine_orders=(180, 260), merchants=4, merchant_orders=(80, 140),
        lookalikes_per_ring=(1, 2), hub_walk_ins=(80, 120), c2c=300, unrelated_complaints=40,
    ),
    "medium": Profile(
        rings=10, shops=(10, 30), major_shops=(40, 60), major_every=3, orders_per_shop=(20, 50),
        genuine_stores=12, genuine_orders=(1_300, 1_900), merchants=16,
        merchant_orders=(300, 500), lookalikes_per_ring=(1, 3), hub_walk_ins=(500, 800),
        c2c=2_000, unrelated_complaints=600,
    ),
    "large": Profile(
        rings=60, shops=(10, 30), major_shops=(40, 60), major_every=3, orders_per_shop=(20, 50),
        genuine_stores=30, genuine_orders=(3_000, 5_000), merchants=80,
        merchant_orders=(400, 800), lookalikes_per_ring=(1, 3), hub_walk_ins=(3_000, 5_000),
        c2c=30_000, unrelated_complaints=4_000,
    ),
}  # fmt: skip
SIZES: tuple[str, ...] = tuple(PROFILES)


@dataclass(slots=True)
class ListingPlan:
    """A listing and how often monitoring observes it."""

    platform: str
    listing_id: str
    title: str
    price: float
    brand: str | None
    product: str
    observations: int
    sales: int

    @property
    def url(self) -> str:
        return listing_url(self.platform, self.listing_id)

    @property
    def key(self) -> str:
        return ids.LISTING.key(ids.LISTING.clean(self.listing_id, platform=self.platform))


@dataclass(slots=True)
class ShopPlan:
    """A shop, its seller, where its parcels leave from, its listings and order volume."""

    platform: str
    shop_id: str
    name: str
    seller_name: str
    seller_phone: str
    seller_uscc: str | None
    return_address: Address | None
    ship_from: Party  # the party whose phone and address its parcels carry
    listings: list[ListingPlan]
    orders: int
    carriers: tuple[str, ...]
    unit: str
    goods: tuple[str, ...]  # waybill contents words
    via_hub: float = 0.0  # share of its parcels handed in at the local express outlet

    @property
    def key(self) -> str:
        return ids.SHOP.key(ids.SHOP.clean(self.shop_id, platform=self.platform))

    @property
    def region(self) -> str:
        return (self.return_address or self.ship_from.address).region


@dataclass(slots=True)
class HubPlan:
    """A shared express outlet or sorting centre (快递网点/分拨中心)."""

    id: str
    name: str
    place: names.Place
    carrier: str
    party: Party
    walk_ins: int  # parcels local people and firms send from the outlet
    pickups: int  # parcels addressed to the outlet for collection (代收)

    @property
    def keys(self) -> list[str]:
        return [self.party.phone_key, self.party.address.key]


@dataclass(slots=True)
class RingPlan:
    """A counterfeiting ring along the whole chain (全链条): produce, label, store, sell."""

    id: str
    cluster: names.Cluster
    major: bool
    place: names.Place
    boss: str
    workshop: Party
    workshop_phones: tuple[str, ...]
    workshop_company: Company | None
    printer: Party
    printer_company: Company
    printer_shop: ShopPlan | None
    warehouses: tuple[Party, ...]
    hub: HubPlan
    shops: list[ShopPlan]  # every shop selling its goods, the workshop's own first if any
    own_shop: ShopPlan | None  # the workshop's wholesale shop on 1688, when it has a company
    brands: tuple[str, ...]
    start: datetime
    end: datetime
    label_parcels: int
    bulk_parcels: int
    stock_parcels: int  # warehouse -> shop operators (samples and stock for live selling)
    returns: int
    consumer_complaints: int
    rights_complaints: int
    platform_reports: int
    tipoffs: int

    def waybills(self) -> int:
        orders = sum(s.orders for s in self.shops)
        printer_orders = self.printer_shop.orders if self.printer_shop else 0
        return (
            self.label_parcels
            + self.bulk_parcels
            + self.stock_parcels
            + orders
            + printer_orders
            + self.returns
        )

    def listings(self) -> int:
        shops = [*self.shops, *([self.printer_shop] if self.printer_shop else [])]
        return sum(item.observations for shop in shops for item in shop.listings)


@dataclass(slots=True)
class MerchantPlan:
    """A legitimate seller: a genuine brand store, a busy local merchant or a look-alike."""

    id: str
    kind: LegitKind
    shop: ShopPlan
    company: Company | None
    hub: HubPlan | None
    false_notices: int  # rights-holder notices against it that the platform rejects

    def keys(self) -> list[str]:
        keys = [self.shop.key, ids.PHONE.key_of(self.shop.seller_phone)]
        keys += [self.shop.ship_from.phone_key, self.shop.ship_from.address.key]
        if self.shop.seller_uscc:
            keys.append(ids.USCC.key_of(self.shop.seller_uscc))
        keys += [item.key for item in self.shop.listings]
        return list(dict.fromkeys(keys))


@dataclass(slots=True)
class WorldPlan:
    """Everything a world holds, before its records are written."""

    size: str
    seed: int
    now: datetime
    start: datetime
    mint: Mint
    rings: list[RingPlan] = field(default_factory=list)
    hubs: list[HubPlan] = field(default_factory=list)
    merchants: list[MerchantPlan] = field(default_factory=list)
    c2c: int = 0
    unrelated_complaints: int = 0
    addresses: set[str] = field(default_factory=set)  # of planned parties: never shared by chance
    shop_names: set[tuple[str, str]] = field(default_factory=set)  # (platform, name)

    def unique(self, make: Callable[..., Address], *args: Any, **kwargs: Any) -> Address:
        """An address from ``make`` that no other planned party has."""
        for _ in range(100):
            address = make(*args, **kwargs)
            if address.text not in self.addresses:
                self.addresses.add(address.text)
                return address
        raise RuntimeError(f"no unused address from {make.__name__} after 100 draws")

    def shop_name(self, rng: random.Random, stems: tuple[str, ...], platform: str) -> str:
        """A shop name no other shop on ``platform`` has: stem, optional middle, ending."""
        for attempt in range(100):
            middle = rng.choice(names.SHOP_MIDDLES) if attempt < 50 else str(attempt)
            name = f"{rng.choice(stems)}{middle}{rng.choice(names.SHOP_SUFFIXES[platform])}"
            if (platform, name) not in self.shop_names:
                self.shop_names.add((platform, name))
                return name
        raise RuntimeError(f"no unused shop name on {platform} from stems {stems[:3]}")

    def counts(self) -> dict[str, int]:
        """Records per feed kind the world will hold (exact)."""
        listing = sum(r.listings() for r in self.rings)
        listing += sum(i.observations for m in self.merchants for i in m.shop.listings)
        waybill = sum(r.waybills() for r in self.rings)
        waybill += sum(m.shop.orders for m in self.merchants)
        waybill += sum(h.walk_ins + h.pickups for h in self.hubs) + self.c2c
        notices = sum(m.false_notices for m in self.merchants)
        complaint = (
            notices
            + self.unrelated_complaints
            + sum(
                r.consumer_complaints + r.rights_complaints + r.platform_reports + r.tipoffs
                for r in self.rings
            )
        )
        takedown = notices + sum(r.rights_complaints + r.platform_reports for r in self.rings)
        return {
            "listing": listing,
            "takedown": takedown,
            "waybill": waybill,
            "complaint": complaint,
        }


# --- planning ------------------------------------------------------------------------------


def plan_world(size: str = "small", seed: int = 7, now: datetime = REFERENCE_NOW) -> WorldPlan:
    """Draw every party and volume of a world (deterministic for ``size``, ``seed``, ``now``)."""
    if size not in PROFILES:
        raise ValueError(f"unknown demo size '{size}' (known: {', '.join(PROFILES)})")
    if now.tzinfo is None:
        raise ValueError(f"now={now.isoformat()} has no time zone; pass an aware datetime")
    profile = PROFILES[size]
    rng = random.Random(seed)
    plan = WorldPlan(size, seed, now, now - WINDOW, Mint(random.Random(f"{seed}/mint")))
    hubs: dict[str, HubPlan] = {}
    clusters = list(names.CLUSTERS.values())
    order = [clusters[0], *rng.sample(clusters[1:], len(clusters) - 1)]  # 莆田 first
    for index in range(profile.rings):
        cluster = order[index % len(order)]
        major = index % profile.major_every == 0
        plan.rings.append(_plan_ring(rng, plan, profile, index, cluster, major, hubs))
    for hub_place in ("linyi_lanshan", "yiwu"):
        _hub(rng, plan, profile, hubs, names.PLACES[hub_place])
    _plan_genuine_stores(rng, plan, profile)
    _plan_local_merchants(rng, plan, profile, hubs)
    _plan_lookalikes(rng, plan, profile)
    plan.hubs = list(hubs.values())
    plan.c2c = profile.c2c
    plan.unrelated_complaints = profile.unrelated_complaints
    return plan


def _price(genuine: float, low: float, high: float, rng: random.Random) -> float:
    """A street price: a share of the genuine price ending in 9 (199, 259)."""
    value = genuine * rng.uniform(low, high)
    if value < 20:
        return round(value, 1)
    return float(int(value / 10) * 10 + 9)


def _hub(
    rng: random.Random,
    plan: WorldPlan,
    profile: Profile,
    hubs: dict[str, HubPlan],
    place: names.Place,
) -> HubPlan:
    """The express outlet of a place, made on first use (one per place)."""
    if place.key in hubs:
        return hubs[place.key]
    carrier = rng.choice(("ZTO", "YD", "STO", "JT", "YT"))
    town = rng.choice(place.towns)
    kind = "分拨中心" if place.key in ("linyi_lanshan", "yiwu") else rng.choice(names.HUB_KINDS)
    county = regions.get(place.region)
    name = f"{names.CARRIER_OUTLETS[carrier]}{town or (county.short if county else '')}{kind}"
    road = rng.choice(place.roads)
    text = f"{actors.full_name(place.region)}{town}{road}{rng.randint(1, 300)}号{name}"
    plan.addresses.add(text)
    walk_ins = rng.randint(*profile.hub_walk_ins)
    hub = HubPlan(
        id=f"hub-{len(hubs) + 1:02d}",
        name=name,
        place=place,
        carrier=carrier,
        party=Party(
            name,
            plan.mint.landline(place.area_code, place.landline_digits),
            Address(text, place.region),
        ),
        walk_ins=walk_ins,
        pickups=walk_ins // 2,
    )
    hubs[place.key] = hub
    return hub


def _listing(
    rng: random.Random,
    mint: Mint,
    platform: str,
    brand: str | None,
    product: tuple[str, float],
    *,
    fake: bool,
    wholesale: bool = False,
) -> ListingPlan:
    """A listing: counterfeit (low price, 公司级/1:1 in the title), genuine, or unbranded."""
    product_name, genuine = product
    if brand is None:
        title = f"{product_name} {rng.choice(('厂家直销', '批发', '包邮', '新款', '热卖'))}"
        price = _price(genuine, 0.8, 1.3, rng)
        sales = rng.randint(100, 20_000)
    elif fake:
        written = rng.choice(names.BRANDS[brand].written)
        tags = " ".join(rng.sample(names.FAKE_TITLE_TAGS, 2))
        lead = "工厂货源 一件代发 " if wholesale else ""
        title = f"{lead}{written} {product_name} {tags}"
        price = _price(genuine, 0.04, 0.12, rng) if wholesale else _price(genuine, 0.1, 0.3, rng)
        sales = rng.randint(20, 6_000)
    else:
        title = f"{names.BRANDS[brand].zh} {product_name} {rng.choice(names.GENUINE_TITLE_TAGS)}"
        price = float(genuine)
        sales = rng.randint(1_000, 100_000)
    return ListingPlan(
        platform=platform,
        listing_id=mint.listing_id(platform),
        title=title[:300],
        price=price,
        brand=brand,
        product=product_name,
        observations=rng.randint(1, 3),
        sales=sales,
    )


@dataclass(slots=True)
class _Operator:
    """Someone who runs several shops of a ring from home (one phone, one return address)."""

    name: str
    phone: str
    address: Address
    business: Company | None


def _operator(rng: random.Random, plan: WorldPlan) -> _Operator:
    region = actors.county_in(rng, names.SELLER_PROVINCE_WEIGHTS)
    business = None
    if rng.random() < 0.6:
        trade = rng.choice(("百货", "服饰", "电子商务", "日用品", "商贸"))
        form = "有限公司" if trade in ("电子商务", "商贸") else rng.choice(("商行", "经营部", "店"))
        business = Company(
            actors.company_name(rng, region, trade, form),
            plan.mint.uscc(region, individual=form != "有限公司"),
        )
    address = plan.unique(actors.shop_address, rng, region)
    return _Operator(actors.person_name(rng), plan.mint.mobile(), address, business)


def _plan_ring(
    rng: random.Random,
    plan: WorldPlan,
    profile: Profile,
    index: int,
    cluster: names.Cluster,
    major: bool,
    hubs: dict[str, HubPlan],
) -> RingPlan:
    mint = plan.mint
    place = names.PLACES[rng.choice(cluster.places)]
    province = place.region[:2]
    surnames = names.FUJIAN_SURNAMES if province == "35" else names.SURNAMES
    boss = actors.person_name(rng, surnames)
    phones = (mint.mobile(),) + ((mint.mobile(),) if rng.random() < 0.5 else ())
    company = None
    if major or rng.random() < 0.6:
        trade = rng.choice(cluster.workshop_words)
        company = Company(actors.company_name(rng, place.region, trade), mint.uscc(place.region))
    tail = rng.choice(("", "厂房", "3楼", "后院", "B栋", "1号厂房"))
    address = plan.unique(actors.place_address, rng, place, tail=tail)
    workshop = Party(actors.casual_name(rng, boss), phones[0], address)
    hub = _hub(rng, plan, profile, hubs, place)

    printer_place = names.PLACES[rng.choice(cluster.printers)]
    printer_name = actors.company_name(
        rng, printer_place.region, rng.choice(names.PRINTER_WORDS), rng.choice(("有限公司", "厂"))
    )
    has_printer_shop = rng.random() < 0.6
    printer_company = Company(
        printer_name, mint.uscc(printer_place.region) if has_printer_shop else None
    )
    printer = Party(
        printer_name,
        actors.landline_or_mobile(rng, mint, printer_place, 0.6),
        plan.unique(actors.place_address, rng, printer_place, tail=rng.choice(("", "印刷厂"))),
    )

    candidates = [k for k in names.WAREHOUSE_PLACES if names.PLACES[k].region[:2] != province]
    warehouses = []
    for key in rng.sample(candidates, rng.randint(1, 2) + int(major)):
        wh_place = names.PLACES[key]
        keeper = actors.person_name(rng)
        trade = rng.choice(names.WAREHOUSE_WORDS)
        name = rng.choice(
            (f"{keeper[0]}仓管", keeper, actors.company_name(rng, wh_place.region, trade))
        )
        tail = f"{rng.randint(1, 9)}号仓库"
        address = plan.unique(actors.place_address, rng, wh_place, tail=tail)
        phone = actors.landline_or_mobile(rng, mint, wh_place, 0.4)
        warehouses.append(Party(name, phone, address))

    brands = tuple(rng.sample(cluster.brands, rng.randint(2, min(4, len(cluster.brands)))))
    shops: list[ShopPlan] = []
    own_shop = None
    if company:  # the workshop sells wholesale on 1688 itself
        own_shop = ShopPlan(
            platform="1688",
            shop_id=mint.shop_id("1688"),
            name=plan.shop_name(rng, (actors.trade_name(company.name),), "1688"),
            seller_name=company.name,
            seller_phone=phones[0],
            seller_uscc=company.uscc,
            return_address=workshop.address,
            ship_from=workshop,
            listings=[
                _listing(
                    rng,
                    mint,
                    "1688",
                    brand,
                    rng.choice(names.BRANDS[brand].products),
                    fake=True,
                    wholesale=True,
                )
                for brand in brands
            ],
            orders=rng.randint(*profile.orders_per_shop),
            carriers=("ZTO", "YD", "STO", "JT"),
            unit=cluster.unit,
            goods=cluster.goods,
            via_hub=0.3,
        )
        shops.append(own_shop)

    n_shops = rng.randint(*(profile.major_shops if major else profile.shops))
    operators = [_operator(rng, plan) for _ in range(max(2, n_shops // rng.randint(2, 5)))]
    while len({op.address.region[:2] for op in operators}) < 2:  # sold in several provinces
        operators[-1] = _operator(rng, plan)
    platforms: set[str] = set()
    for number in range(n_shops):
        operator = operators[number % len(operators)]
        for _ in range(20):  # the first three shops on three different platforms
            platform = rng.choices(names.SALE_PLATFORMS, weights=names.SALE_PLATFORM_WEIGHTS)[0]
            if platform in ("tmall", "jd") and operator.business is None:
                platform = "taobao"  # tmall and jd shops need a business licence
            if number >= 3 or platform not in platforms:
                break
        platforms.add(platform)
        from_workshop = rng.random() < 0.1  # 一件代发 straight from the workshop
        listings = []
        for _ in range(rng.randint(1, 4)):
            brand = rng.choice(brands)
            product = rng.choice(names.BRANDS[brand].products)
            listings.append(_listing(rng, mint, platform, brand, product, fake=True))
        business = operator.business
        shops.append(
            ShopPlan(
                platform=platform,
                shop_id=mint.shop_id(platform),
                name=plan.shop_name(rng, cluster.shop_words, platform),
                seller_name=(business.name if business and rng.random() < 0.7 else operator.name),
                seller_phone=operator.phone if rng.random() < 0.7 else mint.mobile(),
                seller_uscc=business.uscc if business and platform in ("tmall", "jd") else None,
                return_address=operator.address,
                ship_from=workshop if from_workshop else rng.choice(warehouses),
                listings=listings,
                orders=int(rng.randint(*profile.orders_per_shop) * (1.2 if major else 1.0)),
                carriers=("ZTO", "YD", "STO", "YT", "JT", "EMS", "SF"),
                unit=cluster.unit,
                goods=cluster.goods,
                via_hub=0.5 if from_workshop else 0.0,
            )
        )

    printer_shop = None
    if printer_company.uscc:  # the printer takes orders from anyone on 1688
        printer_shop = ShopPlan(
            platform="1688",
            shop_id=mint.shop_id("1688"),
            name=plan.shop_name(rng, (actors.trade_name(printer_name),), "1688"),
            seller_name=printer_name,
            seller_phone=printer.phone,
            seller_uscc=printer_company.uscc,
            return_address=printer.address,
            ship_from=printer,
            listings=[
                _listing(rng, mint, "1688", None, (f"定制{label} 商标印刷", 0.5), fake=False)
                for label in rng.sample(cluster.labels, 2)
            ],
            orders=rng.randint(*profile.orders_per_shop),
            carriers=("ZTO", "YD", "SF"),
            unit="个",
            goods=("印刷品", "标签"),
        )

    orders = sum(s.orders for s in shops)
    n_listings = sum(len(s.listings) for s in shops)
    return RingPlan(
        id=f"ring-{index + 1:02d}",
        cluster=cluster,
        major=major,
        place=place,
        boss=boss,
        workshop=workshop,
        workshop_phones=phones,
        workshop_company=company,
        printer=printer,
        printer_company=printer_company,
        printer_shop=printer_shop,
        warehouses=tuple(warehouses),
        hub=hub,
        shops=shops,
        own_shop=own_shop,
        brands=brands,
        start=plan.start + WINDOW * rng.uniform(0.0, 0.4),
        end=plan.now - timedelta(days=rng.uniform(0, 20)),
        label_parcels=rng.randint(2, 5) + orders // 150,
        bulk_parcels=rng.randint(4, 8) + orders // 40,
        stock_parcels=len(operators) * rng.randint(1, 3),
        returns=orders // 40,
        consumer_complaints=max(2, round(orders * rng.uniform(0.03, 0.06))),
        rights_complaints=max(1, round(n_listings * rng.uniform(0.1, 0.25))),
        platform_reports=rng.randint(0, 1) + n_shops // 15,
        tipoffs=rng.choice((0, 1, 1, 2)) + int(major),
    )


def _plan_genuine_stores(rng: random.Random, plan: WorldPlan, profile: Profile) -> None:
    """Official brand stores: high volume, genuine goods, never complained about as fakes."""
    mint = plan.mint
    used = list(dict.fromkeys(b for ring in plan.rings for b in ring.brands))
    others = [b for b in names.BRANDS if b not in used]
    brands = (used + rng.sample(others, len(others)))[: profile.genuine_stores]
    for number, slug in enumerate(brands, 1):
        brand = names.BRANDS[slug]
        depot_place = names.PLACES[rng.choice(names.GENUINE_DEPOT_PLACES)]
        region = rng.choice(names.GENUINE_COMPANY_REGIONS)
        company = Company(f"{brand.zh}（中国）商贸有限公司", mint.uscc(region))
        depot = Party(
            f"{brand.zh}官方仓",
            mint.landline(depot_place.area_code, depot_place.landline_digits),
            plan.unique(actors.place_address, rng, depot_place, tail="物流中心"),
        )
        platform = "tmall" if number % 3 else "jd"
        name = f"{brand.zh}官方旗舰店" if platform == "tmall" else f"{brand.zh}京东自营旗舰店"
        plan.shop_names.add((platform, name))
        shop = ShopPlan(
            platform=platform,
            shop_id=mint.shop_id(platform),
            name=name,
            seller_name=company.name,
            seller_phone=depot.phone,
            seller_uscc=company.uscc,
            return_address=depot.address,
            ship_from=depot,
            listings=[
                _listing(rng, mint, platform, slug, product, fake=False)
                for product in brand.products
            ],
            orders=rng.randint(*profile.genuine_orders),
            carriers=("SF", "JD", "EMS") if platform == "jd" else ("SF", "EMS", "YT", "ZTO"),
            unit="个",
            goods=("商品", "服饰", "鞋", "化妆品"),
        )
        false_notices = rng.choice((0, 0, 1))
        plan.merchants.append(
            MerchantPlan(
                f"genuine-{number:02d}", "genuine_store", shop, company, None, false_notices
            )
        )


def _plan_local_merchants(
    rng: random.Random, plan: WorldPlan, profile: Profile, hubs: dict[str, HubPlan]
) -> None:
    """Busy legitimate firms in the same towns as the workshops, often using the same outlet."""
    mint = plan.mint
    clusters = [ring.cluster for ring in plan.rings] or list(names.CLUSTERS.values())
    for number in range(1, profile.merchants + 1):
        cluster = clusters[(number - 1) % len(clusters)]
        place = names.PLACES[rng.choice(cluster.places)]
        hub = _hub(rng, plan, profile, hubs, place)
        trade = rng.choice(cluster.workshop_words)
        form = rng.choice(("有限公司", "商行", "经营部", "厂"))
        company = Company(
            actors.company_name(rng, place.region, trade, form),
            mint.uscc(place.region, individual=form in ("商行", "经营部")),
        )
        phone = mint.mobile()
        tail = rng.choice(("商铺", "厂房", "仓库"))
        party = Party(
            actors.casual_name(rng, actors.person_name(rng)),
            phone,
            plan.unique(actors.place_address, rng, place, tail=tail),
        )
        platform = rng.choice(("1688", "taobao", "pdd", "douyin"))
        goods = rng.sample(cluster.legit_goods, rng.randint(1, len(cluster.legit_goods)))
        shop = ShopPlan(
            platform=platform,
            shop_id=mint.shop_id(platform),
            name=plan.shop_name(rng, (actors.trade_name(company.name),), platform),
            seller_name=company.name,
            seller_phone=phone,
            seller_uscc=company.uscc if platform in ("1688", "tmall", "jd") else None,
            return_address=party.address,
            ship_from=party,
            listings=[_listing(rng, mint, platform, None, item, fake=False) for item in goods],
            orders=rng.randint(*profile.merchant_orders),
            carriers=("ZTO", "YD", "STO", "JT", "YT"),
            unit=cluster.unit,
            goods=cluster.goods,
            via_hub=0.5,
        )
        plan.merchants.append(
            MerchantPlan(f"merchant-{number:02d}", "local_merchant", shop, company, hub, 0)
        )


def _plan_lookalikes(rng: random.Random, plan: WorldPlan, profile: Profile) -> None:
    """Legitimate shops whose names nearly match a ring shop's (authorised resellers)."""
    mint = plan.mint
    number = 0
    for ring in plan.rings:
        sellers = [s for s in ring.shops if s.platform != "1688"]
        for _ in range(rng.randint(*profile.lookalikes_per_ring)):
            number += 1
            model = rng.choice(sellers)
            stem = model.name
            for suffix in names.SHOP_SUFFIXES[model.platform]:
                stem = stem.removesuffix(suffix)
            platform = rng.choice([p for p in names.SALE_PLATFORMS if p != model.platform])
            name = stem + rng.choice(names.LOOKALIKE_ENDINGS)
            if (platform, name) in plan.shop_names:
                name = plan.shop_name(rng, (stem,), platform)
            plan.shop_names.add((platform, name))
            region = actors.county_in(rng, names.SELLER_PROVINCE_WEIGHTS)
            company = Company(actors.company_name(rng, region, "商贸"), mint.uscc(region))
            party = Party(
                actors.person_name(rng),
                mint.mobile(),
                plan.unique(actors.shop_address, rng, region),
            )
            brand = rng.choice(ring.brands)
            shop = ShopPlan(
                platform=platform,
                shop_id=mint.shop_id(platform),
                name=name,
                seller_name=company.name,
                seller_phone=party.phone,
                seller_uscc=company.uscc if platform in ("tmall", "jd") else None,
                return_address=party.address,
                ship_from=party,
                listings=[
                    _listing(rng, mint, platform, brand, product, fake=False)
                    for product in names.BRANDS[brand].products[:2]
                ],
                orders=rng.randint(10, 60),
                carriers=("SF", "YT", "ZTO"),
                unit=ring.cluster.unit,
                goods=ring.cluster.goods,
            )
            false_notices = rng.choice((0, 1))
            plan.merchants.append(
                MerchantPlan(
                    f"lookalike-{number:02d}", "lookalike", shop, company, None, false_notices
                )
            )
