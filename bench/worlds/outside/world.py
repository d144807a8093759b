"""The outside world: counterfeiting rings among innocent traffic, written as partner feeds.

:func:`generate` builds the actors for a seed and a size, then writes three feed files in
the hub's contracts and the ground truth:

- ``listings.jsonl`` (partner ``outside-monitor``): e-commerce observations of ring shops,
  legitimate merchants of the same brands and unrelated small sellers;
- ``waybills.jsonl`` (partner ``outside-logistics``): label printer → workshop, workshop →
  warehouses, warehouses (or a shared park's outlet) → buyers, merchants → buyers, park
  senders → anyone, private persons → private persons;
- ``complaints.jsonl`` (partner ``outside-12315``): free text only, no ``target``;
- ``truth.json``: raw identifiers of each ring's workshop, label printers, warehouses and
  shops, each complaint's ring (or null), the shared parks, the legit merchants, and the
  records deliberately broken (``planted``: record id → field).

Everything is a pure function of ``(seed, size, rates)``; the only I/O is writing files.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from . import numbers as num
from . import places
from .places import Place
from .texts import CARRIER_WORDS, CHANNEL_OF, OTHER_KINDS, Facts, other_text, ring_text

CST = timezone(timedelta(hours=8))
START = datetime(2026, 3, 1, 8, 0, tzinfo=CST)
DAYS = 220  # parcels until mid-October; complaints follow within weeks
FEEDS = {
    "listings.jsonl": {"kind": "listing", "partner": "outside-monitor"},
    "waybills.jsonl": {"kind": "waybill", "partner": "outside-logistics"},
    "complaints.jsonl": {"kind": "complaint", "partner": "outside-12315"},
}


@dataclass(frozen=True, slots=True)
class Rates:
    """How often each real-world convention appears (all configurable)."""

    mistyped_seller_phone: float = 0.04  # listings whose seller phone has a digit too few/many
    new_format_waybill: float = 0.3  # of J&T / YTO / JD numbers: the longer new format
    seller_uses_warehouse_phone: float = 0.5  # ring shops whose seller phone is the warehouse's
    seller_uses_workshop_phone: float = 0.08
    ships_via_park: float = 0.3  # ring parcels handed in at a shared park's outlet
    outlet_phone: float = 0.25  # parcels handed in at an outlet that carry the outlet's phone
    workshop_direct_to_buyer: float = 0.05
    listing_address_variant: float = 0.25  # a shop writes its warehouse without province
    multi_ring_complainant: float = 0.2  # complainants who also bought from another ring
    complainant_names_self: float = 0.65  # "投诉人曹娟佳，电话187…"
    mentions_shop: float = 0.8
    mentions_waybill: float = 0.55
    carrier_word_near_number: float = 0.5
    mentions_seller_phone: float = 0.4
    mentions_address: float = 0.5
    city_only_ticket: float = 0.12  # hotline tickets with only a shop name and a city
    stall_ticket: float = 0.1  # complaints about goods bought at a ring's market stall


@dataclass(frozen=True, slots=True)
class Size:
    rings: int
    shops: tuple[int, int]
    buyers: int
    ring_parcels: tuple[int, int]  # warehouse → buyer parcels per ring
    complaints: tuple[int, int]  # per ring
    merchants: int
    merchant_parcels: tuple[int, int]
    park_senders: int  # small businesses handing parcels in at the parks' outlets
    private_parcels: int
    other_complaints: int


SIZES = {
    "tiny": Size(2, (3, 5), 120, (25, 35), (4, 6), 2, (10, 15), 20, 30, 5),
    "small": Size(5, (6, 12), 900, (90, 150), (14, 22), 6, (100, 160), 150, 300, 40),
    "medium": Size(12, (8, 16), 3000, (150, 260), (18, 30), 15, (100, 200), 400, 1200, 120),
}

BRANDS = (  # slug, as people say it, products
    ("nike", "耐克", ("运动鞋", "气垫跑鞋", "篮球鞋")),
    ("adidas", "阿迪达斯", ("运动鞋", "椰子鞋", "运动外套")),
    ("li-ning", "李宁", ("跑鞋", "篮球鞋", "运动裤")),
    ("anta", "安踏", ("跑鞋", "运动鞋")),
    ("new-balance", "新百伦", ("休闲鞋", "跑鞋")),
    ("converse", "匡威", ("帆布鞋",)),
    ("the-north-face", "北面", ("冲锋衣", "羽绒服")),
    ("canada-goose", "加拿大鹅", ("羽绒服",)),
    ("gucci", "古驰", ("手提包", "皮带")),
    ("louis-vuitton", "路易威登", ("手提包", "钱包")),
)
SAY = {"adidas": ("阿迪达斯", "阿迪"), "nike": ("耐克", "Nike"), "new-balance": ("新百伦", "NB")}
RING_PLATFORMS = ("taobao", "pdd", "douyin", "xianyu", "tmall", "jd", "kuaishou")
RING_PLATFORM_WEIGHTS = (0.26, 0.24, 0.16, 0.12, 0.1, 0.07, 0.05)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华飞玲建国志红玉兰佳辉鹏"
SHOP_WORDS = [
    "潮鞋汇",
    "鞋匠铺",
    "运动城",
    "优品",
    "尚品",
    "潮流前线",
    "原单",
    "工厂",
    "外贸",
    "特卖",
    "好物",
    "折扣",
    "名品",
]
PARK_COUNTIES = ("330782", "350304", "440111", "330110", "410122", "420112", "320583")
PARK_NAMES = (
    "国际物流园",
    "快递集散中心",
    "电商物流园",
    "快递分拨中心",
    "物流港",
    "电商产业园",
    "快递驿站",
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _when(rng: random.Random, lo: int = 0, hi: int = DAYS) -> datetime:
    return START + timedelta(days=rng.randrange(lo, hi), minutes=rng.randrange(60, 13 * 60))


@dataclass(slots=True)
class Party:
    """A sender or receiver: a name, a phone, a place and how it writes that place."""

    name: str
    phone: str | None
    place: Place | None
    form: str = "full"  # how this party's address book writes the place

    def feed(self, *, region: bool = False, place: Place | None = None) -> dict[str, Any]:
        where = place or self.place
        out: dict[str, Any] = {"name": self.name}
        if self.phone:
            out["phone"] = self.phone
        if where:
            address = {"text": where.write(self.form)}
            if region:
                address["region"] = where.county
            out["address"] = address
        return out


@dataclass(slots=True)
class Park:
    """A shared logistics park / express outlet: many unrelated senders hand parcels in."""

    name: str
    place: Place
    phone: str | None


@dataclass(slots=True)
class Shop:
    platform: str
    shop_id: str
    name: str
    seller: str
    phone: str | None
    uscc: str | None
    ship_from: Place | None
    ship_form: str
    returns: Place | None
    brand: str
    sender: Party  # who hands its parcels to the carrier


@dataclass(slots=True)
class Ring:
    id: str
    brands: tuple[str, ...]
    workshop: Party
    company: tuple[str, str] | None  # (name, USCC)
    printers: list[Party]
    warehouses: list[Party]
    shops: list[Shop] = field(default_factory=list)
    parks: list[Park] = field(default_factory=list)
    second_phone: Party | None = None  # the workshop's other number (a landline, a 2nd mobile)
    stalls: list[Party] = field(default_factory=list)  # market stalls selling its goods

    def retail(self) -> list[Shop]:
        """The shops that sell to consumers (not the factory's 1688 wholesale shop)."""
        return [s for s in self.shops if s.platform != "1688"]


@dataclass(slots=True)
class Buyer:
    party: Party
    bought: list[tuple[str, dict[str, Any], Shop | None]] = field(default_factory=list)


class _Writer:
    """Accumulates feed records and the truth while the world is built."""

    def __init__(self, rng: random.Random, rates: Rates) -> None:
        self.rng = rng
        self.rates = rates
        self.listings: list[dict[str, Any]] = []
        self.waybills: list[dict[str, Any]] = []
        self.complaints: list[dict[str, Any]] = []
        self.planted: dict[str, dict[str, str]] = {"listing": {}, "waybill": {}}
        self.written: dict[int, set[str]] = {}  # id(Place) -> address texts in feeds
        self.numbers: set[str] = set()
        self.phones: set[str] = set()  # phones written in feeds
        self.private: list[dict[str, Any]] = []  # parcels between private persons

    def _note(self, place: Place | None, text: str | None) -> None:
        if place is not None and text:
            self.written.setdefault(id(place), set()).add(text)

    def texts_of(self, place: Place) -> list[str]:
        return sorted(self.written.get(id(place), ()))

    def listing(self, shop: Shop, title: str, price: float, sales: int) -> None:
        rng = self.rng
        lid = num.listing_id(rng, shop.platform)
        record: dict[str, Any] = {
            "record_id": f"OBS-{len(self.listings) + 1:06d}",
            "platform": shop.platform,
            "listing_id": lid,
            "title": title,
            "price": price,
            "sales_count": sales,
            "shop_id": shop.shop_id,
            "shop_name": shop.name,
            "seller_name": shop.seller,
            "observed_at": _when(rng, 30, DAYS + 20).isoformat(),
        }
        url = num.listing_url(shop.platform, lid)
        if url:
            record["url"] = url
        if shop.brand and rng.random() < 0.85:
            record["brand"] = shop.brand
        if shop.phone:
            if rng.random() < self.rates.mistyped_seller_phone:
                record["seller_phone"] = num.mistype_phone(rng, shop.phone)
                self.planted["listing"][record["record_id"]] = "seller_phone"
            else:
                record["seller_phone"] = shop.phone
                self.phones.add(shop.phone)
        if shop.uscc:
            record["seller_uscc"] = shop.uscc
        if shop.ship_from:
            text = shop.ship_from.write(shop.ship_form)
            record["ship_from"] = {"text": text}
            if rng.random() < 0.5:
                record["ship_from"]["region"] = shop.ship_from.county
            self._note(shop.ship_from, text)
        if shop.returns:
            text = shop.returns.write("full")
            record["return_address"] = {"text": text}
            self._note(shop.returns, text)
        self.listings.append(record)

    def waybill(
        self,
        sender: Party,
        receiver: Party,
        contents: str,
        at: datetime,
        *,
        carrier: str | None = None,
        via: Park | None = None,
    ) -> dict[str, Any]:
        rng = self.rng
        carrier = carrier or rng.choices(list(num.CARRIER_MIX), list(num.CARRIER_MIX.values()))[0]
        new = num.has_new_format(carrier) and rng.random() < self.rates.new_format_waybill
        number = num.waybill_no(rng, carrier, new_format=new)
        while number in self.numbers:
            number = num.waybill_no(rng, carrier, new_format=new)
        self.numbers.add(number)
        record_id = f"{carrier}-{at:%Y%m%d}-{len(self.waybills) + 1:06d}"
        send = sender.feed(region=rng.random() < 0.3, place=via.place if via else None)
        if via and via.phone and (not sender.phone or rng.random() < self.rates.outlet_phone):
            send["phone"] = via.phone  # the outlet's clerk wrote the outlet's own number
        receive = receiver.feed(region=rng.random() < 0.6)
        self.phones |= {p for p in (send.get("phone"), receive.get("phone")) if p}
        record = {
            "record_id": record_id,
            "carrier": carrier,
            "waybill_no": number,
            "sender": send,
            "receiver": receive,
            "contents": contents,
            "weight_kg": round(
                rng.uniform(0.4, 3.0) if "双" not in contents else rng.uniform(8, 40), 1
            ),
            "picked_up_at": at.isoformat(),
        }
        if rng.random() < 0.7:
            record["delivered_at"] = (at + timedelta(days=rng.randrange(1, 5))).isoformat()
        self._note(via.place if via else sender.place, send.get("address", {}).get("text"))
        self._note(receiver.place, receive.get("address", {}).get("text"))
        if new:
            self.planted["waybill"][record_id] = "waybill_no"
        self.waybills.append(record)
        return record


def _company(rng: random.Random, county: str, trade: str) -> tuple[str, str]:
    word = rng.choice(places.PARK_WORDS)
    return f"{places.city_name(county)}市{word}{trade}有限公司", num.uscc(rng, county)


def _shop_name(rng: random.Random, platform: str, brand: str, stem: str, n: int) -> str:
    if platform == "tmall":
        return f"{stem}{rng.choice(('运动专营店', '鞋类专营店', '服饰专营店'))}"
    if platform == "jd":
        return f"{stem}运动户外专营店"
    if platform == "pdd":
        return rng.choice((f"品牌{brand}折扣店{n}", f"{stem}鞋业{n}店", f"{brand}工厂店（{n}店）"))
    if platform == "xianyu":
        return rng.choice((f"{brand}工厂尾单{n}", f"{stem}的闲置小铺", f"品牌{brand}折扣店{n}"))
    if platform == "douyin":
        return rng.choice((f"{stem}潮品小店", f"{brand}好物{n}号店", f"{stem}严选(旗舰)"))
    if platform == "kuaishou":
        return f"{stem}{n}号小店"
    return rng.choice(
        (f"{stem}潮鞋馆", f"{brand}正品折扣店{n}", f"【{stem}】外贸原单", f"{stem}体育(工厂店)")
    )


def _brand_word(rng: random.Random, slug: str, spoken: str) -> str:
    return rng.choice(SAY.get(slug, (spoken,)))


def _build_parks(rng: random.Random) -> list[Park]:
    parks = []
    for i, county in enumerate(PARK_COUNTIES):
        town = places.town(rng, county)
        name = f"{places.city_name(county)}{PARK_NAMES[i % len(PARK_NAMES)]}"
        place = Place(county, f"{town}{name}{rng.randrange(1, 12)}号")
        parks.append(Park(name, place, num.landline(rng, county)))
    return parks


def _build_ring(
    rng: random.Random, rates: Rates, index: int, size: Size, parks: list[Park]
) -> Ring:
    county = rng.choice(places.PRODUCTION_COUNTIES)
    brands = tuple(rng.sample(range(len(BRANDS)), rng.choice((1, 1, 2))))
    phone = num.mobile(rng)
    workshop = Party(_name(rng), phone, places.workshop(rng, county))
    company = (
        _company(rng, county, rng.choice(("鞋业", "服饰", "皮具", "贸易")))
        if rng.random() < 0.6
        else None
    )
    second = None
    if rng.random() < 0.4:
        other = num.landline(rng, county) if rng.random() < 0.5 else None
        second = Party(workshop.name, other or num.mobile(rng), workshop.place)
    printers = []
    if rng.random() < 0.6:
        near = county if rng.random() < 0.5 else rng.choice(places.PRODUCTION_COUNTIES)
        printers.append(
            Party(
                f"{places.city_name(near)}{rng.choice(places.PARK_WORDS)}印务",
                num.mobile(rng),
                places.street(rng, near),
            )
        )
    warehouses = []
    province = county[:2]
    options = [c for c in places.WAREHOUSE_COUNTIES if c[:2] != province]
    for _ in range(rng.choice((1, 2, 2))):
        wc = rng.choice(options)
        options = [c for c in options if c != wc]
        wphone = num.landline(rng, wc) if rng.random() < 0.3 else None
        warehouses.append(Party(_name(rng), wphone or num.mobile(rng), places.warehouse(rng, wc)))
    stalls = []
    if rng.random() < 0.5:  # a wholesale market near the workshop, or in Guangzhou
        market = county if rng.random() < 0.6 else "440111"
        stalls.append(Party(_name(rng), num.mobile(rng), places.stall(rng, market), "city"))
    ring = Ring(
        f"R{index + 1}",
        tuple(BRANDS[b][0] for b in brands),
        workshop,
        company,
        printers,
        warehouses,
        second_phone=second,
        stalls=stalls,
    )
    ring.parks = [
        p for p in parks if p.place.county in {w.place.county for w in warehouses} | {county}
    ]
    stem = rng.choice(SHOP_WORDS)
    if company and rng.random() < 0.5:  # the factory's own wholesale shop (工厂店) on 1688
        slug = BRANDS[brands[0]][0]
        ring.shops.append(
            Shop(
                "1688",
                num.shop_id(rng, "1688"),
                f"{company[0]}",
                workshop.name,
                workshop.phone,
                company[1],
                workshop.place,
                "full",
                None,
                slug,
                workshop,
            )
        )
    for n in range(rng.randint(*size.shops)):
        slug, spoken, _ = BRANDS[rng.choice(brands)]
        platform = rng.choices(RING_PLATFORMS, RING_PLATFORM_WEIGHTS)[0]
        house = rng.choice(warehouses)
        roll = rng.random()
        if roll < rates.seller_uses_warehouse_phone:
            phone = house.phone
        elif roll < rates.seller_uses_warehouse_phone + rates.seller_uses_workshop_phone:
            phone = workshop.phone
        else:
            phone = num.mobile(rng)
        uscc = None
        if company and rng.random() < 0.1:
            uscc = company[1]
        elif rng.random() < 0.3:
            uscc = num.uscc(rng, house.place.county)
        roll = rng.random()
        ship_from = house.place if roll < 0.8 else workshop.place if roll < 0.88 else None
        if ship_from is None and ring.parks:
            ship_from = rng.choice(ring.parks).place
        form = "city" if rng.random() < rates.listing_address_variant else "full"
        returns = rng.choice((house.place, house.place, workshop.place, None))
        seller = _name(rng)
        name = _shop_name(rng, platform, spoken, stem, n + 1 + rng.randrange(0, 20))
        sender = Party(rng.choice((seller, name, house.name)), phone, house.place, house.form)
        ring.shops.append(
            Shop(
                platform,
                num.shop_id(rng, platform),
                name,
                seller,
                phone,
                uscc,
                ship_from,
                form,
                returns,
                slug,
                sender,
            )
        )
    return ring


def _spoken(slug: str) -> tuple[str, tuple[str, ...]]:
    for s, spoken, products in BRANDS:
        if s == slug:
            return spoken, products
    raise KeyError(slug)


def _ring_traffic(w: _Writer, ring: Ring, size: Size, buyers: list[Buyer]) -> None:
    rng, rates = w.rng, w.rates
    for shop in ring.shops:
        spoken, products = _spoken(shop.brand)
        for _ in range(rng.randint(2, 4)):
            cut = rng.choice(("男款", "女款", "情侣款", "2026新款"))
            title = f"{spoken} {rng.choice(products)} {cut}"
            w.listing(shop, title, round(rng.uniform(59, 399), 1), rng.randrange(0, 3000))
    for printer in ring.printers:
        for _ in range(rng.randint(2, 6)):
            w.waybill(
                printer,
                ring.workshop,
                rng.choice(("吊牌 5000个", "鞋盒 800个", "商标贴纸 2万张")),
                _when(rng),
            )
    for house in [*ring.warehouses, *ring.stalls]:
        for _ in range(rng.randint(8, 16) if house in ring.warehouses else rng.randint(3, 8)):
            via = rng.choice(ring.parks) if ring.parks and rng.random() < 0.2 else None
            if via and via.place.county != ring.workshop.place.county:
                via = None
            w.waybill(
                _workshop_sender(rng, ring),
                house,
                f"{rng.choice(('运动鞋', '服装', '箱包'))} {rng.randrange(20, 60)}双",
                _when(rng),
                carrier=rng.choice(("SF", "JD", "ZTO", "YD")),
                via=via,
            )
    for _ in range(rng.randint(*size.ring_parcels)):
        shop = rng.choice(ring.retail())
        buyer = rng.choice(buyers)
        sender = shop.sender
        if rng.random() < rates.workshop_direct_to_buyer:
            sender = ring.workshop
        local = [p for p in ring.parks if sender.place and p.place.county == sender.place.county]
        via = rng.choice(local) if local and rng.random() < rates.ships_via_park else None
        spoken, products = _spoken(shop.brand)
        record = w.waybill(
            sender, buyer.party, f"{spoken}{rng.choice(products)}", _when(rng), via=via
        )
        buyer.bought.append((ring.id, record, shop))


def _workshop_sender(rng: random.Random, ring: Ring) -> Party:
    """How the workshop appears as a sender: its main phone, its other one, its company."""
    sender = ring.second_phone if ring.second_phone and rng.random() < 0.35 else ring.workshop
    if ring.company and rng.random() < 0.3:
        return replace(sender, name=ring.company[0])
    return sender


def _legit(
    w: _Writer, size: Size, parks: list[Park], buyers: list[Buyer], brands: list[str]
) -> list[dict[str, Any]]:
    """Genuine merchants of the rings' brands first (flagship and authorised shops)."""
    rng = w.rng
    merchants = []
    for i in range(size.merchants):
        slug = brands[i] if i < len(brands) else rng.choice(BRANDS)[0]
        spoken, products = _spoken(slug)
        county = rng.choice(("310115", "330110", "320583", "440306", "110105", "330402"))
        name, code = _company(rng, county, "体育用品")
        place = places.warehouse(rng, county)
        phone = num.landline(rng, county) or num.mobile(rng)
        house = Party(f"{spoken}官方仓", phone, place)
        shops = []
        for platform in rng.sample(("tmall", "jd", "douyin", "pdd"), 2):
            shop_name = f"{spoken}{rng.choice(('官方旗舰店', '授权专卖店', '运动旗舰店'))}"
            shop = Shop(
                platform,
                num.shop_id(rng, platform),
                shop_name,
                name,
                phone,
                code,
                place,
                "full",
                place,
                slug,
                house,
            )
            shops.append(shop)
            for _ in range(rng.randint(3, 6)):
                title = f"{spoken}官方正品 {rng.choice(products)}"
                w.listing(shop, title, round(rng.uniform(399, 1999), 1), rng.randrange(5000, 90000))
        local = [p for p in parks if p.place.county == county]
        for _ in range(rng.randint(*size.merchant_parcels)):
            buyer = rng.choice(buyers)
            via = rng.choice(local) if local and rng.random() < 0.3 else None
            record = w.waybill(
                house, buyer.party, f"{spoken}{rng.choice(products)}", _when(rng), via=via
            )
            buyer.bought.append(("", record, rng.choice(shops)))
        merchants.append(
            {
                "name": name,
                "uscc": code,
                "phones": [phone],
                "addresses": w.texts_of(place),
                "shops": [
                    {"platform": s.platform, "shop_id": s.shop_id, "name": s.name} for s in shops
                ],
                "_place": place,
                "_spoken": spoken,
            }
        )
    return merchants


def _park_traffic(
    w: _Writer, size: Size, parks: list[Park], buyers: list[Buyer], people: list[Party]
) -> None:
    rng = w.rng
    goods = ("茶叶", "水果", "手机壳", "袜子", "小家电", "文具", "玩具", "干货", "饰品")
    for i in range(size.park_senders):
        park = rng.choice(parks)
        good = rng.choice(goods)
        sender = Party(
            rng.choice((_name(rng), f"{rng.choice(places.PARK_WORDS)}{good}商行")),
            num.mobile(rng),
            park.place,
        )
        if rng.random() < 0.4:  # a small shop of its own on a platform
            platform = rng.choice(("taobao", "pdd", "douyin"))
            shop = Shop(
                platform,
                num.shop_id(rng, platform),
                f"{rng.choice(SHOP_WORDS)}{good}店{i}",
                sender.name,
                sender.phone,
                None,
                park.place,
                "full",
                None,
                "",
                sender,
            )
            w.listing(shop, f"{good} 包邮", round(rng.uniform(5, 80), 1), rng.randrange(0, 20000))
        for _ in range(rng.randint(2, 6)):
            to = rng.choice(buyers).party if rng.random() < 0.7 else rng.choice(people)
            w.waybill(sender, to, good, _when(rng), via=park if rng.random() < 0.5 else None)
    for _ in range(size.private_parcels):
        a, b = rng.sample(people, 2)
        local = [p for p in parks if a.place and p.place.county == a.place.county]
        via = rng.choice(local) if local and rng.random() < 0.5 else None
        w.private.append(
            w.waybill(a, b, rng.choice(("衣物", "文件", "土特产", "书籍")), _when(rng), via=via)
        )


def _ring_complaint(
    w: _Writer, ring: Ring, buyer: Buyer, record: dict[str, Any], shop: Shop, n: int
) -> dict[str, Any]:
    rng, rates = w.rng, w.rates
    spoken, products = _spoken(shop.brand)
    at = datetime.fromisoformat(record["picked_up_at"]) + timedelta(days=rng.randrange(3, 35))
    style = (
        "city_only"
        if rng.random() < rates.city_only_ticket
        else rng.choices(
            ("hotline", "portal", "letter", "rights_holder", "visit"), (0.35, 0.3, 0.12, 0.13, 0.1)
        )[0]
    )
    names_self = rng.random() < rates.complainant_names_self
    party = buyer.party
    facts = Facts(
        brand=_brand_word(rng, shop.brand, spoken),
        product=rng.choice(products),
        date=f"{at.year}年{at.month}月{max(1, at.day - 5)}日",
        complainant=party.name if names_self or style in ("letter", "visit") else None,
        complainant_phone=party.phone if names_self else None,
        platform=shop.platform,
    )
    if style == "rights_holder":
        facts = replace(facts, complainant=None, complainant_phone=num.landline(rng, "110105"))
    if style == "city_only":
        where = record["sender"].get("address", {}).get("text")
        city = places.city_name(shop.sender.place.county) if where else None
        facts = replace(facts, shop=shop.name, city=city)
    else:
        mentioned = False
        if style != "visit" and rng.random() < rates.mentions_shop:
            facts, mentioned = replace(facts, shop=shop.name), True
        if rng.random() < rates.mentions_seller_phone and shop.phone:
            facts, mentioned = replace(facts, seller_phone=shop.phone), True
        if rng.random() < rates.mentions_address and "address" in record["sender"]:
            # the parcel's sender address as the consumer copies it (a park's, if handed in there)
            text = record["sender"]["address"]["text"]
            for place in (shop.sender.place, ring.workshop.place):
                if place and text in (place.write("full"), place.write("city")):
                    text = place.write(rng.choice(("full", "city", "county")))
            facts, mentioned = replace(facts, address=text), True
        if style == "visit" or rng.random() < rates.mentions_waybill or not mentioned:
            carrier = record["carrier"]
            number = record["waybill_no"]
            word = carrier if rng.random() < rates.carrier_word_near_number else None
            facts = replace(facts, waybill=number, carrier=word)
    received_in = _bureau(rng, party.place.county)
    text = ring_text(rng, facts, style)
    record = _complaint(w, CHANNEL_OF[style], received_in, at, text, n)
    return record | {"_complainant_phone": facts.complainant_phone, "_style": style}


def _stall_complaint(w: _Writer, ring: Ring, buyer: Buyer, n: int) -> dict[str, Any]:
    """Goods bought at the ring's market stall: the stall's address, maybe its keeper's phone."""
    rng = w.rng
    stall = rng.choice(ring.stalls)
    slug = rng.choice(ring.brands)
    spoken, products = _spoken(slug)
    at = _when(rng, 30, DAYS + 20)
    names_self = rng.random() < w.rates.complainant_names_self
    facts = Facts(
        brand=_brand_word(rng, slug, spoken),
        product=rng.choice(products),
        date=f"{at.month}月{at.day}日",
        complainant=buyer.party.name,
        complainant_phone=buyer.party.phone if names_self else None,
        seller_phone=stall.phone if rng.random() < 0.5 else None,
        address=stall.place.write(rng.choice(("full", "city", "county"))),
    )
    record = _complaint(
        w, "12315", _bureau(rng, stall.place.county), at, ring_text(rng, facts, "stall"), n
    )
    return record | {"_complainant_phone": facts.complainant_phone}


def _bureau(rng: random.Random, county: str) -> str:
    """The receiving bureau: the complainant's county, or its city."""
    city = county[:4] + "00"
    return city if rng.random() < 0.5 and places.regions.get(city) is not None else county


def _complaint(
    w: _Writer, channel: str, region: str, at: datetime, text: str, n: int
) -> dict[str, Any]:
    prefix = {"12315": "12315", "letter": "XF", "visit": "LF", "rights_holder": "QL"}[channel]
    ticket = f"{prefix}-{region}-{at:%Y%m%d}-{n:04d}"
    record = {
        "record_id": f"T{n:06d}",
        "ticket_id": ticket,
        "channel": channel,
        "received_at": at.isoformat(),
        "region": region,
        "text": text,
    }
    w.complaints.append(record)
    return record


def _other_complaint(
    w: _Writer, parks: list[Park], buyers: list[Buyer], merchants: list[dict[str, Any]], n: int
) -> dict[str, Any]:
    rng = w.rng
    buyer = rng.choice(buyers)
    party = buyer.party
    kind = rng.choice(OTHER_KINDS)
    facts = {"name": party.name, "phone": party.phone or "", "platform": "天猫", "brand": "运动"}
    at = _when(rng, 40, DAYS + 30)
    if kind in ("late", "size"):
        merchant = rng.choice(merchants)
        shop = rng.choice(merchant["shops"])
        facts |= {
            "shop": shop["name"],
            "brand": merchant["_spoken"],
            "platform": {"tmall": "天猫", "jd": "京东", "douyin": "抖音", "pdd": "拼多多"}[
                shop["platform"]
            ],
        }
    elif kind == "lost":
        parcel = rng.choice(w.private)
        facts |= {
            "carrier": rng.choice(CARRIER_WORDS[parcel["carrier"]]),
            "waybill": parcel["waybill_no"],
            "address": parcel["sender"].get("address", {}).get("text", "本地网点"),
        }
    elif kind == "noise":
        facts |= {"address": rng.choice(parks).place.write(rng.choice(("full", "city", "county")))}
    else:
        facts |= {"address": places.stall(rng, party.place.county).write("city")}
    text = other_text(rng, kind, **facts)
    return _complaint(w, "12315", _bureau(rng, party.place.county), at, text, n)


def _place_truth(w: _Writer, party: Party) -> dict[str, Any]:
    return {
        "name": party.name,
        "phones": [party.phone] if party.phone in w.phones else [],
        "addresses": w.texts_of(party.place) if party.place else [],
        "region": party.place.county if party.place else None,
    }


def build(
    seed: int, size: str = "small", rates: Rates | None = None
) -> tuple[dict[str, list[dict]], dict[str, Any]]:
    """The feed records by file name, and the truth (pure)."""
    rates = rates or Rates()
    spec = SIZES[size]
    rng = random.Random(f"outside-world/{seed}/{size}")
    w = _Writer(rng, rates)
    counties = places.all_counties()
    buyers = [
        Buyer(
            Party(
                _name(rng),
                num.mobile(rng),
                places.home(rng, rng.choice(counties)),
                rng.choice(("full", "full", "city")),
            )
        )
        for _ in range(spec.buyers)
    ]
    people = [b.party for b in rng.sample(buyers, min(len(buyers), spec.buyers // 2))]
    parks = _build_parks(rng)
    rings = [_build_ring(rng, rates, i, spec, parks) for i in range(spec.rings)]
    for ring in rings:
        _ring_traffic(w, ring, spec, buyers)
    ring_brands = list(dict.fromkeys(b for ring in rings for b in ring.brands))
    merchants = _legit(w, spec, parks, buyers, ring_brands)
    _park_traffic(w, spec, parks, buyers, people)

    complaints_truth = []
    n = 0
    for ring in rings:
        ring_buyers = [b for b in buyers if any(r == ring.id for r, _, _ in b.bought)]
        for _ in range(rng.randint(*spec.complaints)):
            buyer = rng.choice(ring_buyers)
            if rng.random() < rates.multi_ring_complainant and len(rings) > 1:
                other = rng.choice([r for r in rings if r is not ring])
                shop = rng.choice(other.retail())
                spoken, products = _spoken(shop.brand)
                record = w.waybill(
                    shop.sender, buyer.party, f"{spoken}{rng.choice(products)}", _when(rng)
                )
                buyer.bought.append((other.id, record, shop))
            _, record, shop = rng.choice([b for b in buyer.bought if b[0] == ring.id])
            n += 1
            if ring.stalls and rng.random() < rates.stall_ticket:
                complaint = _stall_complaint(w, ring, rng.choice(buyers), n)
                complaints_truth.append(
                    {
                        "ticket_id": complaint["ticket_id"],
                        "ring": ring.id,
                        "buyer_phone": None,
                        "complainant_phone": complaint.pop("_complainant_phone"),
                        "stall": True,
                        "style": "stall",
                    }
                )
                continue
            complaint = _ring_complaint(w, ring, buyer, record, shop, n)
            complaints_truth.append(
                {
                    "ticket_id": complaint["ticket_id"],
                    "ring": ring.id,
                    "buyer_phone": buyer.party.phone,
                    # the complainant's own phone when the text gives it (buyer or agent)
                    "complainant_phone": complaint.pop("_complainant_phone"),
                    "style": complaint.pop("_style"),
                    "shop": {"platform": shop.platform, "shop_id": shop.shop_id},
                    "waybill": {"carrier": record["carrier"], "waybill_no": record["waybill_no"]},
                }
            )
    for _ in range(spec.other_complaints):
        n += 1
        complaint = _other_complaint(w, parks, buyers, merchants, n)
        complaints_truth.append({"ticket_id": complaint["ticket_id"], "ring": None})
    rng.shuffle(w.waybills)  # a carrier feed is not ordered by ring
    rng.shuffle(w.listings)
    w.complaints.sort(key=lambda c: c["received_at"])

    truth = {
        "world": "outside",
        "seed": seed,
        "size": size,
        "rates": asdict(rates),
        "feeds": FEEDS,
        "rings": [_ring_truth(w, ring) for ring in rings],
        "complaints": complaints_truth,
        "parks": [
            {
                "name": p.name,
                "phones": [p.phone] if p.phone in w.phones else [],
                "addresses": w.texts_of(p.place),
                "region": p.place.county,
            }
            for p in parks
        ],
        "legit_merchants": [
            {k: v for k, v in m.items() if not k.startswith("_")}
            | {"addresses": w.texts_of(m["_place"])}
            for m in merchants
        ],
        "planted": w.planted,
    }
    files = {
        "listings.jsonl": w.listings,
        "waybills.jsonl": w.waybills,
        "complaints.jsonl": w.complaints,
    }
    return files, truth


def _ring_truth(w: _Writer, ring: Ring) -> dict[str, Any]:
    workshop = _place_truth(w, ring.workshop)
    if ring.second_phone and ring.second_phone.phone in w.phones:
        workshop["phones"].append(ring.second_phone.phone)
    workshop["company"] = None
    if ring.company:
        listed = any(s.uscc == ring.company[1] for s in ring.shops)
        workshop["company"] = {"name": ring.company[0], "uscc": ring.company[1], "in_feeds": listed}
    regions = sorted(
        {ring.workshop.place.county}
        | {h.place.county for h in ring.warehouses}
        | {p.place.county for p in ring.printers}
        | {p.place.county for p in ring.stalls}
    )
    return {
        "id": ring.id,
        "brands": list(ring.brands),
        "workshop": workshop,
        "label_printers": [_place_truth(w, p) for p in ring.printers],
        "stalls": [_place_truth(w, p) for p in ring.stalls],
        "warehouses": [_place_truth(w, h) for h in ring.warehouses],
        "shops": [
            {
                "platform": s.platform,
                "shop_id": s.shop_id,
                "name": s.name,
                "phone": s.phone,
                "uscc": s.uscc,
            }
            for s in ring.shops
        ],
        "regions": regions,
    }


def generate(
    out_dir: Path | str, seed: int, size: str = "small", rates: Rates | None = None
) -> dict[str, Any]:
    """Write the three feed files and ``truth.json`` into ``out_dir``; returns the truth."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files, truth = build(seed, size, rates)
    for name, records in files.items():
        with (out / name).open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    (out / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return truth
