"""Complaint texts as hotline clerks, consumers, letter writers and rights holders write them.

Free text only: what a complaint says about the accused side (shop, seller phone, waybill,
ship-from address) is woven into sentences, in varied order and wording, and the
complainant often names themselves with their own phone. :func:`ring_text` and
:func:`other_text` are pure functions of the facts and the random generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PLATFORM_WORDS = {
    "taobao": ("淘宝", "淘宝网", "手机淘宝"),
    "tmall": ("天猫", "天猫商城"),
    "jd": ("京东", "京东商城"),
    "pdd": ("拼多多", "拼夕夕"),
    "xianyu": ("闲鱼", "闲鱼二手平台"),
    "douyin": ("抖音", "抖音商城", "抖音直播间"),
    "kuaishou": ("快手", "快手小店"),
    "1688": ("1688", "阿里巴巴"),
}
CARRIER_WORDS = {
    "SF": ("顺丰", "顺丰快递", "顺丰速运"),
    "ZTO": ("中通", "中通快递"),
    "YD": ("韵达", "韵达快递"),
    "STO": ("申通", "申通快递"),
    "YT": ("圆通", "圆通快递"),
    "JT": ("极兔", "极兔速递"),
    "JD": ("京东快递", "京东物流"),
    "EMS": ("EMS", "邮政EMS", "中国邮政"),
}
DEFECTS = (
    "做工粗糙，鞋底开胶",
    "没有防伪标识，吊牌字体模糊",
    "扫码验证显示不是正品",
    "去专柜鉴定说是假货",
    "味道刺鼻，和正品差别很大",
    "logo歪了，线头很多",
)


@dataclass(frozen=True, slots=True)
class Facts:
    """What one complaint may say. ``None`` fields are not mentioned."""

    brand: str  # as people say it: 耐克, 阿迪, 李宁
    product: str
    date: str  # 2026年5月3日
    complainant: str | None = None
    complainant_phone: str | None = None
    platform: str | None = None
    shop: str | None = None
    seller_phone: str | None = None
    waybill: str | None = None
    carrier: str | None = None  # carrier code when the text names the carrier
    address: str | None = None
    city: str | None = None  # only the city of the ship-from place


def _platform(rng: random.Random, facts: Facts) -> str:
    return (
        rng.choice(PLATFORM_WORDS[facts.platform])
        if facts.platform
        else rng.choice(("网上", "网店"))
    )


def _shop(rng: random.Random, name: str) -> str:
    return rng.choice(("“{}”", "「{}」", "{}", "（店名：{}）", "名叫{}的店", "“{}”店铺")).format(
        name
    )


def _waybill(rng: random.Random, facts: Facts) -> str:
    carrier = rng.choice(CARRIER_WORDS[facts.carrier]) if facts.carrier else ""
    number = facts.waybill
    return rng.choice(
        (
            f"{carrier}快递单号{number}",
            f"{carrier}单号：{number}",
            f"运单号{number}（{carrier}）" if carrier else f"运单号{number}",
            f"快递是{carrier}的，单号{number}" if carrier else f"快递单号 {number}",
        )
    )


def _seller(rng: random.Random, phone: str) -> str:
    return rng.choice(
        ("卖家电话{}", "客服电话{}", "对方手机号{}", "联系卖家的电话是{}", "商家留的电话{}")
    ).format(phone)


def _ship_from(rng: random.Random, address: str) -> str:
    return rng.choice(
        ("发货地{}", "发货地址为{}", "从{}寄出", "寄件地址显示{}", "物流显示{}发货")
    ).format(address)


def _self(rng: random.Random, facts: Facts) -> str:
    if not facts.complainant:
        return ""
    phone = facts.complainant_phone
    if phone is None:
        return rng.choice(("投诉人{}。", "来电人：{}。")).format(facts.complainant)
    return rng.choice(
        (
            "投诉人{}，电话{}。",
            "来电人{}（联系电话{}）。",
            "举报人：{}，手机{}。",
            "消费者{}，电话：{}。",
        )
    ).format(facts.complainant, phone)


def ring_text(rng: random.Random, facts: Facts, style: str) -> str:
    """A complaint about counterfeit goods in one of the styles of ``STYLES``."""
    bought = f"{facts.brand}{facts.product}"
    parts = []
    if facts.seller_phone:
        parts.append(_seller(rng, facts.seller_phone))
    if facts.waybill:
        parts.append(_waybill(rng, facts))
    if facts.address:
        parts.append(_ship_from(rng, facts.address))
    rng.shuffle(parts)
    details = "，".join(parts)
    shop = _shop(rng, facts.shop) if facts.shop else "一家店铺"
    defect = rng.choice(DEFECTS)
    if style == "hotline":
        head = _self(rng, facts)
        body = (
            f"来电反映{facts.date}在{_platform(rng, facts)}{shop}购买{bought}，"
            f"收货后发现{defect}，怀疑是假冒产品。"
        )
        return head + body + (details + "。" if details else "") + "要求处理。"
    if style == "portal":
        tail = _self(rng, facts)
        body = f"我在{_platform(rng, facts)}网店{facts.shop or ''}买的{bought}是假的！！{defect}。"
        return body + (details + "。" if details else "") + "希望严查！" + tail
    if style == "letter":
        return (
            _self(rng, facts)
            + f"现实名举报{_platform(rng, facts)}店铺{shop}销售假冒{facts.brand}商品。"
            + (f"该店{details}。" if details else "")
            + "请依法查处。"
        )
    if style == "rights_holder":
        return (
            f"{facts.brand}品牌权利人委托代理人反映：{_platform(rng, facts)}平台{shop}"
            f"大量销售假冒{bought}，经权利人鉴定为侵权商品。"
            + (f"测试购买信息：{details}。" if details else "")
            + (f"代理人电话{facts.complainant_phone}。" if facts.complainant_phone else "")
        )
    if style == "city_only":
        where = f"说是{facts.city}发的货" if facts.city else "不知道从哪里发的货"
        return (
            f"来电反映在{_platform(rng, facts)}一家叫{facts.shop}的店买的{bought}是假的，"
            f"{where}，其他信息记不清了。" + _self(rng, facts)
        )
    if style == "stall":
        phone = (
            f"，{rng.choice(('店主电话', '老板手机', '档口电话'))}{facts.seller_phone}"
            if facts.seller_phone
            else ""
        )
        return (
            _self(rng, facts)
            + f"反映{facts.date}在{facts.address}购买{bought}{rng.randrange(2, 20)}件，"
            + f"拿去专柜鉴定是假货{phone}。要求查处。"
        )
    if style == "visit":
        return (
            f"{facts.complainant or '群众'}到窗口反映，{facts.date}收到一个包裹，"
            f"内为假冒{bought}，{details or '无其他信息'}。"
            + (f"本人电话{facts.complainant_phone}。" if facts.complainant_phone else "")
        )
    raise ValueError(f"unknown complaint style {style}")


STYLES = ("hotline", "portal", "letter", "rights_holder", "city_only", "visit", "stall")
CHANNEL_OF = {
    "hotline": "12315",
    "portal": "12315",
    "letter": "letter",
    "rights_holder": "rights_holder",
    "city_only": "12315",
    "visit": "visit",
    "stall": "12315",
}


def other_text(rng: random.Random, kind: str, **facts: str) -> str:
    """A complaint with no ring behind it (late delivery, a lost private parcel, noise…)."""
    who = f"来电人{facts['name']}（电话{facts['phone']}）"
    if kind == "late":
        return (
            f"{who}反映在{facts['platform']}“{facts['shop']}”下单购买{facts['brand']}运动鞋，"
            f"一周未发货，商家拒绝退款，要求协调。"
        )
    if kind == "lost":
        return (
            f"{who}反映其寄给亲戚的包裹丢失，{facts['carrier']}单号{facts['waybill']}，"
            f"寄件地址{facts['address']}，快递公司不予赔偿。"
        )
    if kind == "noise":
        return f"{who}反映{facts['address']}的物流园货车夜间装卸噪音扰民，要求处理。"
    if kind == "food":
        return f"{who}反映在{facts['address']}买到过期食品，商家拒绝退换，要求退一赔十。"
    if kind == "size":
        return (
            f"{who}反映在{facts['platform']}买的{facts['brand']}衣服尺码不对，"
            f"“{facts['shop']}”不给换货。"
        )
    raise ValueError(f"unknown complaint kind {kind}")


OTHER_KINDS = ("late", "lost", "noise", "food", "size")
