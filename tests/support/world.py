"""A hand-built counterfeit world with known answers, shared by the analysis tests.

Ring A: a workshop in 莆田 (350304) ships shoes to two warehouses (杭州 330106 and 广州
440106), which ship to the return addresses and seller phones of 20 shops in 5 provinces;
a label printer in 温州 (330302) ships 标签 to the workshop; some warehouse parcels leave
from an express outlet in 杭州 that serves hundreds of unrelated senders and receivers
(the hub); a legitimate merchant ships as much as the workshop, to consumers, and twice
to one ring shop. Ring B (optional): a smaller workshop and warehouse in 广东 with 6 shops.
Complaints mention some shops of each ring. ``tests/analysis/test_world.py`` checks the
world itself: what the tests rely on is really in the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stdnum.cn import uscc as stdnum_uscc

from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

T0 = 1_700_000_000_000
DAY = 86_400_000
PROVINCES = ("310101", "320102", "420102", "510104", "110101")  # 上海 江苏 湖北 四川 北京
PROVINCE_NAMES = (
    "上海市黄浦区",
    "江苏省南京市玄武区",
    "湖北省武汉市江岸区",
    "四川省成都市锦江区",
    "北京市东城区",
)


def phone(n: int) -> str:
    return ids.PHONE.key_of(f"{n:011d}")


def address(text: str) -> str:
    return ids.ADDRESS.key_of(text)


def uscc(body: str) -> str:
    return ids.USCC.key_of(body + stdnum_uscc.calc_check_digit(body))


@dataclass
class Party:
    phone: str
    address: str
    region: str

    @property
    def keys(self) -> set[str]:
        return {self.phone, self.address}


@dataclass
class Shop:
    key: str
    listing: str
    return_address: str
    phone: str
    seller: str
    region: str


@dataclass
class World:
    workshop: Party
    workshop_company: str
    label_printer: Party
    warehouse_hz: Party
    warehouse_gz: Party
    merchant: Party
    merchant_company: str
    hub: str
    shops: list[Shop]
    complaints: dict[str, list[str]]  # shop key -> complaint keys
    ring_b: dict[str, object] = field(default_factory=dict)
    waybills: int = 0

    @property
    def ring_a_entities(self) -> set[str]:
        keys = self.workshop.keys | self.label_printer.keys | {self.workshop_company}
        keys |= self.warehouse_hz.keys | self.warehouse_gz.keys
        for s in self.shops:
            keys |= {s.key, s.listing, s.return_address, s.phone, s.seller}
        return keys


class Writer:
    """Builds batches of parcels and entities; flushes every few thousand assertions."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.batch = Batch()
        self.waybills = 0

    def flush(self) -> None:
        if len(self.batch):
            self.store.write(self.batch)
            self.batch = Batch()

    def maybe_flush(self) -> None:
        if len(self.batch) > 4_000:
            self.flush()

    def parcel(
        self,
        sender: tuple[str, str, str],
        receiver: tuple[str, str, str],
        at: int,
        contents: str,
        *,
        sent_from: str | None = None,
    ) -> str:
        """A parcel from (phone, address, region) to (phone, address, region)."""
        self.waybills += 1
        number = f"SF{1_300_000_000_000 + self.waybills:013d}"
        waybill = ids.WAYBILL.key_of(number)
        source = f"sf/{number}"
        b = self.batch
        s_phone, s_addr, s_region = sender
        r_phone, r_addr, r_region = receiver
        b.node(waybill, at, source, region=s_region, contents=contents, weight_kg=1.5)
        b.node(waybill, at, source, region=r_region)
        b.node(s_phone, at, source, region=s_region)
        b.node(sent_from or s_addr, at, source, region=s_region)
        b.node(r_phone, at, source, region=r_region)
        b.node(r_addr, at, source, region=r_region)
        b.rel(waybill, "SENT_BY", s_phone, at, source)
        b.rel(waybill, "SENT_FROM", sent_from or s_addr, at, source)
        b.rel(waybill, "RECEIVED_BY", r_phone, at, source)
        b.rel(waybill, "DELIVERED_TO", r_addr, at, source)
        self.maybe_flush()
        return waybill

    def shop(self, i: int, region: str, place: str, prefix: str) -> Shop:
        b = self.batch
        source = f"taobao/shop-{prefix}{i}"
        shop = ids.SHOP.key_of(f"taobao:{prefix}{i}")
        listing = ids.LISTING.key_of(f"taobao:{prefix}L{i}")
        ret = address(f"{place}退货路{prefix}{i}号")
        tel = phone(13700000000 + (1000 if prefix == "B" else 0) + i)
        seller = ids.PERSON.key_of(f"{source}/卖家{prefix}{i}")
        at = T0
        b.node(shop, at, source, region=region, name=f"店铺{prefix}{i}")
        b.node(listing, at, source, region=region, title="运动鞋 正品")
        b.node(ret, at, source, region=region)
        b.node(tel, at, source, region=region)
        b.node(seller, at, source, region=region)
        b.node("platform:taobao", at, source)
        b.node("brand:nike", at, source)
        b.node(f"region:{region}", at, source, region=region)
        b.rel(shop, "RETURNS_TO", ret, at, source)
        b.rel(shop, "HAS_PHONE", tel, at, source)
        b.rel(shop, "OPERATED_BY", seller, at, source)
        b.rel(seller, "HAS_PHONE", tel, at, source)
        b.rel(shop, "ON_PLATFORM", "platform:taobao", at, source)
        b.rel(shop, "LOCATED_IN", f"region:{region}", at, source)
        b.rel(listing, "LISTED_IN", shop, at, source)
        b.rel(listing, "ON_PLATFORM", "platform:taobao", at, source)
        b.rel(listing, "SHIPS_FROM", ret, at, source)
        b.rel(listing, "CLAIMS_BRAND", "brand:nike", at, source)
        return Shop(shop, listing, ret, tel, seller, region)

    def complaint(self, key: str, shop: Shop, at: int) -> str:
        b = self.batch
        source = f"12315/{key}"
        complaint = ids.COMPLAINT.key_of(key)
        b.node(complaint, at, source, region=shop.region, text="买到假冒耐克鞋")
        b.node(f"region:{shop.region}", at, source, region=shop.region)
        b.rel(complaint, "MENTIONS", shop.key, at, source)
        b.rel(complaint, "CLAIMS_BRAND", "brand:nike", at, source)
        b.rel(complaint, "RECEIVED_IN", f"region:{shop.region}", at, source)
        return complaint

    def company(self, key: str, tel: str, region: str, name: str) -> None:
        source = f"gsxt/{key}"
        self.batch.node(key, T0, source, region=region, name=name)
        self.batch.node(tel, T0, source, region=region)
        self.batch.rel(key, "HAS_PHONE", tel, T0, source)


def build_world(store: GraphStore, *, ring_b: bool = False, link_rings: bool = False) -> World:
    """Write the world (module docstring) and return its keys."""
    w = Writer(store)
    workshop = Party(phone(13905940001), address("福建省莆田市荔城区黄石镇工业路88号"), "350304")
    printer = Party(phone(13857700001), address("浙江省温州市鹿城区印刷厂路5号"), "330302")
    hz = Party(phone(13957100001), address("浙江省杭州市西湖区仓储路1号"), "330106")
    gz = Party(phone(13802000001), address("广东省广州市天河区仓库街9号"), "440106")
    merchant = Party(phone(13600000001), address("广东省广州市天河区正规商贸大厦1楼"), "440106")
    hub = address("浙江省杭州市西湖区文三路菜鸟驿站")
    workshop_company = uscc("91350304MA2Y12345")
    merchant_company = uscc("91440106MA5C88881")
    w.company(workshop_company, workshop.phone, "350304", "莆田市某某鞋业有限公司")
    w.company(merchant_company, merchant.phone, "440106", "广州市正规商贸有限公司")

    def at(party: Party) -> tuple[str, str, str]:
        return (party.phone, party.address, party.region)

    for i in range(12):
        w.parcel(at(printer), at(workshop), T0 + i * DAY, "鞋标签 吊牌")
    for i in range(30):
        w.parcel(at(workshop), at(hz), T0 + (i + 2) * DAY, "运动鞋")
        w.parcel(at(workshop), at(gz), T0 + (i + 2) * DAY, "运动鞋")
    shops = []
    for i in range(20):
        region = PROVINCES[i % 5]
        shops.append(w.shop(i, region, PROVINCE_NAMES[i % 5], "A"))
    for i, shop in enumerate(shops):
        house = hz if i < 10 else gz
        to = (shop.phone, shop.return_address, shop.region)
        for j in range(3):
            via = hub if (j == 2 and house is hz) else None
            w.parcel(at(house), to, T0 + (40 + i + j) * DAY, "运动鞋", sent_from=via)
        for j in range(2):  # sales to buyers
            buyer = (phone(15800000000 + i * 10 + j), address(f"买家地址A{i}-{j}号"), shop.region)
            w.parcel((shop.phone, shop.return_address, shop.region), buyer, T0 + 80 * DAY, "运动鞋")
    complaints: dict[str, list[str]] = {}
    schedule = {0: (10, 150, 300), 1: (20, 200), **{i: (30 + i,) for i in range(2, 8)}}
    for i, days in schedule.items():
        complaints[shops[i].key] = [
            w.complaint(f"12315:A{i}-{n}", shops[i], T0 + d * DAY) for n, d in enumerate(days)
        ]
    # the hub: an express outlet used by hundreds of unrelated people, both ways
    for j in range(250):
        sender = (phone(15000000000 + j), hub, "330106")
        receiver = (phone(15100000000 + j), address(f"收件地址{j}号"), "440106")
        w.parcel(sender, receiver, T0 + (j % 90) * DAY, "文件")
        sender = (phone(15200000000 + j), address(f"寄件地址{j}号"), "310101")
        receiver = (phone(15300000000 + j), hub, "330106")
        w.parcel(sender, receiver, T0 + (j % 90) * DAY, "日用品")
    # the legitimate merchant: as busy as the workshop, to consumers; twice to a ring shop
    for j in range(250):
        consumer = (phone(15500000000 + j), address(f"消费者地址{j}号"), "440106")
        w.parcel(at(merchant), consumer, T0 + (j % 120) * DAY, "日用品")
    first = shops[0]
    for j in range(2):
        to = (first.phone, first.return_address, first.region)
        w.parcel(at(merchant), to, T0 + (50 + j) * DAY, "日用品")
    world = World(
        workshop,
        workshop_company,
        printer,
        hz,
        gz,
        merchant,
        merchant_company,
        hub,
        shops,
        complaints,
    )
    if ring_b:
        world.ring_b = _ring_b(w, hz if link_rings else None)
    w.flush()
    world.waybills = w.waybills
    return world


def _ring_b(w: Writer, link_to: Party | None) -> dict[str, object]:
    """A smaller ring in 广东: workshop in 东莞, warehouse in 深圳宝安, 6 shops."""
    workshop = Party(phone(13922900001), address("广东省东莞市虎门镇鞋厂路3号"), "441900")
    house = Party(phone(13923300001), address("广东省深圳市宝安区仓库路7号"), "440306")

    def at(party: Party) -> tuple[str, str, str]:
        return (party.phone, party.address, party.region)

    for i in range(20):
        w.parcel(at(workshop), at(house), T0 + (5 + i) * DAY, "运动鞋")
    shops = [
        w.shop(i, "440106" if i % 2 else "440306", "广东省广州市天河区", "B") for i in range(6)
    ]
    complaints = []
    for i, shop in enumerate(shops):
        for j in range(3):
            to = (shop.phone, shop.return_address, shop.region)
            w.parcel(at(house), to, T0 + (30 + i + j) * DAY, "运动鞋")
        if i < 3:
            complaints.append(w.complaint(f"12315:B{i}", shop, T0 + (60 + i) * DAY))
    if link_to is not None:  # one stray parcel between the two rings' warehouses
        w.parcel(at(house), at(link_to), T0 + 70 * DAY, "运动鞋")
    entities = workshop.keys | house.keys
    for s in shops:
        entities |= {s.key, s.listing, s.return_address, s.phone, s.seller}
    return {
        "workshop": workshop,
        "warehouse": house,
        "shops": shops,
        "entities": entities,
        "complaints": complaints,
    }


# --- the world is what the analysis tests assume ---------------------------------------
