"""Complaint texts of the demo world: noisy Chinese, the way tickets are really written.

Each writer takes the facts a complainant knows (shop name, seller phone, waybill number,
listing link, brand as they spell it) and returns the text with the node keys of what it
planted, so the ground truth can say what an extractor should find. Noise is deliberate:
phones spaced, dashed or in full-width digits, shop names in 「」“”【】 or bare, brands
in Chinese or Latin aliases, doubled punctuation, and facts left out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from cluehub.graph import identifiers as ids

_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_QUOTES = (("「", "」"), ("“", "”"), ("【", "】"), ('"', '"'), ("《", "》"), ("", ""))

UNIT_WORDS = {"双": "一双", "件": "一件", "个": "一个", "盒": "一盒"}
# Cluster key -> what buyers say was wrong with the goods.
PROBLEMS: dict[str, tuple[str, ...]] = {
    "putian_shoes": (
        "收到货后发现做工粗糙，鞋标歪斜，怀疑是假货",
        "去专柜鉴定说是假的",
        "鞋盒标签二维码扫不出来，明显是高仿",
        "穿了两天就开胶，和专柜的完全不一样",
        "鞋垫logo一搓就掉，卖家还说是公司级正品",
    ),
    "jinjiang_sportswear": (
        "洗了一次就掉色，吊牌和官网的不一样，怀疑是假冒",
        "领标印刷模糊，防伪标签查询不到",
        "充绒量明显不足，拿去专柜鉴定是假货",
        "面料和正品差很多，卖家宣称专柜同款",
    ),
    "baigou_bags": (
        "五金扣掉色，内标拼写都错了，怀疑是仿品",
        "做工粗糙，皮料有刺鼻气味，拿去鉴定是假货",
        "防尘袋和包装盒印刷模糊，编码查询无记录",
        "走线歪歪扭扭，和专柜的完全不一样",
    ),
    "yiwu_goods": (
        "包装盒印刷模糊，防伪码查询无记录",
        "和官方店的完全不一样，盲盒里是仿品",
        "充电器用了一次就发烫，外观是仿冒的",
        "积木缺件，颗粒上没有品牌标识，明显是仿冒",
    ),
    "baiyun_cosmetics": (
        "用了两天脸上过敏起疹子，怀疑是假冒产品",
        "气味刺鼻，和专柜的完全不一样",
        "批号查不到，瓶身中文背标印刷模糊",
        "防伪码扫出来显示已被查询过多次，怀疑假货",
    ),
}
GENERIC_PROBLEMS = ("收到后发现是假货", "和专柜的不一样，怀疑是假冒产品")
DEMANDS = (
    "要求退一赔三。",
    "请求依法查处！",
    "希望监管部门管一管！！",
    "要求退款并赔偿。",
    "请尽快处理。",
    "请市场监管部门调查处理。",
    "商家拒绝退货，请帮忙维权",
)
OPENERS = ("消费者反映：", "投诉人称，", "本人", "我", "消费者来电反映，", "消费者网上投诉：", "")


@dataclass(slots=True)
class Written:
    """A complaint text and what it planted (node keys; shop names as written)."""

    text: str
    mentioned: list[str] = field(default_factory=list)
    shop_names: list[str] = field(default_factory=list)


def quote(rng: random.Random, name: str) -> str:
    left, right = rng.choice(_QUOTES)
    return f"{left}{name}{right}"


def phone_as_written(rng: random.Random, phone: str) -> str:
    """The phone spaced, dashed, full-width, with +86, or as is."""
    digits = phone.replace("-", "")
    style = rng.random()
    if len(digits) == 11 and digits.startswith("1"):
        if style < 0.2:
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        if style < 0.3:
            return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
        if style < 0.45:
            return digits.translate(_FULL_WIDTH)
        if style < 0.5:
            return f"+86 {digits}"
        return digits
    if style < 0.3:
        return phone.translate(_FULL_WIDTH)
    if style < 0.5:
        return phone.replace("-", "")
    return phone


def _join(brand: str, product: str) -> str:
    """Brand then product, with a space between two Latin words (Nike Air Max)."""
    if brand and brand[-1].isascii() and product[:1].isascii():
        return f"{brand} {product}"
    return brand + product


def _date(at: datetime, rng: random.Random) -> str:
    return rng.choice((f"{at.month}月{at.day}日", f"{at.year}年{at.month}月{at.day}日", "前几天"))


def _bang(rng: random.Random, text: str) -> str:
    """Sloppy punctuation: doubled marks, a missing full stop."""
    if rng.random() < 0.2:
        text = text.replace("。", "。。", 1)
    if rng.random() < 0.15:
        text = text.replace("，", ",", 2)
    return text


def consumer(
    rng: random.Random,
    *,
    platform_zh: str,
    shop_name: str,
    brand: str,
    product: str,
    cluster: str,
    unit: str,
    price: float,
    bought_at: datetime,
    phone: str | None,
    waybill: tuple[str, str, str] | None,  # (carrier code, carrier name, number)
    url: str | None,
) -> Written:
    """A buyer's complaint (消费者投诉) about a product bought online."""
    written = Written("", shop_names=[shop_name])
    shop_ref = rng.choice(
        (
            f"一家叫{quote(rng, shop_name)}的店铺",
            f"店铺{quote(rng, shop_name)}",
            quote(rng, shop_name),
            f"的{quote(rng, shop_name)}",
        )
    )
    parts = [
        f"{rng.choice(OPENERS)}{_date(bought_at, rng)}在{platform_zh}{shop_ref}购买了"
        f"{_join(brand, product)}{UNIT_WORDS.get(unit, '')}，"
    ]
    if rng.random() < 0.7:
        parts.append(rng.choice(("花了", "付款", "价格")) + f"{price:g}元，")
    parts.append(rng.choice(PROBLEMS.get(cluster, GENERIC_PROBLEMS)) + "。")
    if phone:
        as_written = phone_as_written(rng, phone)
        parts.append(
            rng.choice(
                (
                    f"卖家电话{as_written}，",
                    f"客服电话{as_written}一直不接，",
                    f"商家联系方式：{as_written}。",
                )
            )
        )
        written.mentioned.append(ids.PHONE.key_of(phone))
    if waybill:
        carrier, carrier_zh, number = waybill
        parts.append(
            rng.choice(
                (
                    f"快递单号：{number}（{carrier_zh}），",
                    f"{carrier_zh}单号{number}，",
                    f"运单号 {number} ",
                )
            )
        )
        written.mentioned.append(ids.WAYBILL.key(ids.WAYBILL.clean(number, carrier=carrier)))
    if url:
        parts.append(rng.choice((f"商品链接{url} ", f"链接：{url}，")))
        written.mentioned.append(ids.URL.key_of(url))
    parts.append(rng.choice(DEMANDS))
    written.text = _bang(rng, "".join(parts))
    return written


def rights_holder(
    rng: random.Random,
    *,
    brand_zh: str,
    platform_zh: str,
    shop_name: str,
    shop_id: str,
    url: str,
    goods: str,
) -> Written:
    """A rights holder's complaint (权利人投诉) through its agent."""
    agent = rng.choice(("知识产权代理有限公司", "律师事务所", "品牌保护部"))
    text = (
        f"{brand_zh}商标权利人委托{agent}投诉：{platform_zh}店铺{quote(rng, shop_name)}"
        f"（店铺ID：{shop_id}）销售假冒“{brand_zh}”注册商标的{goods}，商品链接：{url}。"
        "经权利人比对鉴定，该商品非权利人生产或授权销售，侵犯注册商标专用权，请求依法查处。"
    )
    return Written(text, [ids.URL.key_of(url)], [shop_name])


def platform_report(
    rng: random.Random,
    *,
    platform_zh: str,
    shop_name: str,
    shop_id: str,
    brand_zh: str,
    removed: int,
    phone: str,
    ship_from: str,
) -> Written:
    """A platform's report to the seller's bureau (平台报送) after its own checks."""
    text = (
        f"{platform_zh}平台报送：经平台抽检及权利人投诉，店铺{quote(rng, shop_name)}"
        f"（ID {shop_id}）涉嫌销售假冒{brand_zh}商品，已下架相关链接{removed}条。"
        f"卖家联系电话{phone}，发货地址{ship_from}。请属地监管部门核查。"
    )
    return Written(text, [ids.PHONE.key_of(phone), ids.ADDRESS.key_of(ship_from)], [shop_name])


def tipoff(
    rng: random.Random,
    *,
    channel: str,
    address: str,
    short_address: str,
    phone: str,
    boss: str,
    brand_zh: str,
    goods: str,
    carrier_zh: str,
) -> Written:
    """A tip-off about a production site (举报生产窝点): hotline, letter or visit."""
    full = rng.random() < 0.5
    where = address if full else short_address
    as_written = phone_as_written(rng, phone)
    head = {
        "12330": "举报人来电称：",
        "letter": "匿名举报信：",
        "visit": "来访人反映：",
    }.get(channel, "举报：")
    text = (
        f"{head}{where}有个小作坊在生产假冒{brand_zh}的{goods}，白天关着门晚上开工，"
        f"老板姓{boss[0]}，电话{as_written}。每天晚上用{carrier_zh}往外地仓库发大包，"
        "门口堆了很多纸箱和商标吊牌。请尽快查处。"
    )
    planted = [ids.PHONE.key_of(phone)]
    if full:
        planted.append(ids.ADDRESS.key_of(address))
    return Written(_bang(rng, text), planted)


# --- complaints about nothing counterfeit ------------------------------------------------


def delivery_delay(
    rng: random.Random, *, carrier_zh: str, number: str, days: int, outlet_phone: str | None
) -> Written:
    """A parcel that is late or lost (快递延误): names a carrier, a waybill, maybe an outlet."""
    text = f"{carrier_zh}快递单号{number}，{days}天了还没送到，物流信息一直不更新，"
    if outlet_phone:
        text += f"网点电话{phone_as_written(rng, outlet_phone)}打了好几次没人接，"
    text += rng.choice(("要求快递公司尽快处理。", "请督促快递公司赔偿。", "希望尽快解决！"))
    return Written(_bang(rng, text))


def poor_quality(
    rng: random.Random, *, platform_zh: str, shop_name: str, goods: str, phone: str | None
) -> Written:
    """A quality or refund dispute (质量/退款纠纷) with a legitimate shop."""
    issue = rng.choice(
        (
            "收到就是坏的",
            "和图片严重不符",
            "用了一周就坏了",
            "尺码不对商家拒绝退换",
            "申请退款七天了商家不处理",
        )
    )
    text = f"在{platform_zh}{quote(rng, shop_name)}买的{goods}{issue}，"
    if phone:
        text += f"商家电话{phone_as_written(rng, phone)}，"
    text += rng.choice(("要求退款。", "要求商家按规定退换。", "请帮忙协调。"))
    return Written(_bang(rng, text), shop_names=[shop_name])


def doubt_genuine(
    rng: random.Random, *, platform_zh: str, shop_name: str, brand: str, product: str
) -> Written:
    """A buyer unsure whether an official store's goods are genuine (they are)."""
    text = (
        f"在{platform_zh}{quote(rng, shop_name)}买的{_join(brand, product)}，感觉和之前在专柜买的"
        f"{rng.choice(('颜色', '手感', '味道', '包装'))}不太一样，怀疑不是正品，请帮忙核实。"
    )
    return Written(text, shop_names=[shop_name])
