"""Identifiers as partners write them: phones, USCCs, waybill numbers, platform ids.

Shapes follow what is seen in the field, not what the hub validates: carriers change
formats (a share of J&T and YTO numbers with 15 digits, JD numbers of 16 characters), and
partners mistype phones. The two deliberate breaks are :func:`mistype_phone` and the
``new_format`` numbers of :func:`waybill_no`.
"""

from __future__ import annotations

import random

import phonenumbers

# Mobile prefixes in use by the three operators (and virtual operators' 170/171 left out).
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "173",
    "175",
    "176",
    "177",
    "178",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "193",
    "195",
    "198",
    "199",
]

# County-level city -> its telephone area code (for landlines of workshops and warehouses).
AREA_CODES = {
    "3503": "0594",  # 莆田
    "3505": "0595",  # 泉州
    "4401": "020",  # 广州
    "4405": "0754",  # 汕头
    "4452": "0663",  # 揭阳
    "3307": "0579",  # 金华
    "3303": "0577",  # 温州
    "3713": "0539",  # 临沂
    "3301": "0571",  # 杭州
    "3205": "0512",  # 苏州
    "3101": "021",  # 上海
    "4101": "0371",  # 郑州
    "4201": "027",  # 武汉
    "5101": "028",  # 成都
    "6101": "029",  # 西安
    "1201": "022",  # 天津
    "1310": "0316",  # 廊坊
    "5001": "023",  # 重庆
    "4301": "0731",  # 长沙
    "3701": "0531",  # 济南
    "3401": "0551",  # 合肥
    "3304": "0573",  # 嘉兴
    "4403": "0755",  # 深圳
    "1101": "010",  # 北京
}

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def landline(rng: random.Random, region: str) -> str | None:
    """A landline in the region's city, written ``0594-2345678``; None when unknown."""
    code = AREA_CODES.get(region[:4])
    if code is None:
        return None
    first, rest = rng.choice("2345678"), f"{rng.randrange(10**7):07d}"
    for local in (first + rest, first + rest[1:]):  # 8-digit cities, then 7-digit ones
        number = f"{code}-{local}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "CN")):
            return number
    return None


def mistype_phone(rng: random.Random, phone: str) -> str:
    """A mobile as a hurried clerk types it: one digit dropped or doubled (10 or 12 digits)."""
    digits = phone.replace("-", "")
    while True:
        at = rng.randrange(3, len(digits))
        typed = (
            digits[:at] + digits[at + 1 :]
            if rng.random() < 0.5
            else digits[:at] + digits[at] + digits[at:]
        )
        if not phonenumbers.is_valid_number(phonenumbers.parse(typed, "CN")):
            return typed


def _org_code(rng: random.Random) -> str:
    """A 9-character organisation code (GB 11714) with its check character."""
    body = [rng.choice("0123456789") for _ in range(8)]
    if rng.random() < 0.6:  # codes issued since 2015 start with MA
        body[0], body[1] = "M", "A"
        body[2:] = [rng.choice(_USCC_ALPHABET) for _ in range(6)]
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    check = 11 - sum(v * w for v, w in zip(values, _ORG_WEIGHTS, strict=True)) % 11
    return "".join(body) + {10: "X", 11: "0"}.get(check, str(check))


def uscc(rng: random.Random, region: str) -> str:
    """A Unified Social Credit Code of a company registered in ``region`` (GB 32100)."""
    head = "92" if rng.random() < 0.2 else "91"  # 92: individual business (个体工商户)
    body = head + region + _org_code(rng)
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_ALPHABET[(31 - total % 31) % 31]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


# Carrier -> (share among small sellers' parcels, shape of a number today).
CARRIER_MIX = {
    "ZTO": 0.27,
    "YD": 0.22,
    "STO": 0.14,
    "JT": 0.12,
    "YT": 0.12,
    "EMS": 0.05,
    "SF": 0.08,
}


def waybill_no(rng: random.Random, carrier: str, *, new_format: bool = False) -> str:
    """A number in the carrier's shape; ``new_format`` gives the longer numbers some
    carriers have started to issue (J&T and YTO 15 digits, JD 16 characters)."""
    if carrier == "SF":
        return "SF" + rng.choice(("13", "14", "15")) + _digits(rng, 11)
    if carrier == "JT":
        return "JT" + ("5" + _digits(rng, 14) if new_format else "5" + _digits(rng, 12))
    if carrier == "YT":
        return "YT" + (
            "8" + _digits(rng, 14) if new_format else rng.choice("789") + _digits(rng, 12)
        )
    if carrier == "JD":
        return "JD" + ("VA" + _digits(rng, 14) if new_format else "VA" + _digits(rng, 11))
    if carrier == "ZTO":
        return rng.choice(("75", "78", "73")) + _digits(rng, 12)  # 14 digits
    if carrier == "YD":
        return rng.choice(("43", "46", "31")) + _digits(rng, 11)  # 13 digits
    if carrier == "STO":
        return rng.choice(("77", "88")) + _digits(rng, 11)  # 13 digits
    if carrier == "EMS":
        return rng.choice(("11", "10", "98")) + _digits(rng, 11)  # domestic 13 digits
    raise ValueError(f"no number shape for carrier {carrier}")


def has_new_format(carrier: str) -> bool:
    return carrier in ("JT", "YT", "JD")


# Platform -> (shop id, listing id) shapes.
def shop_id(rng: random.Random, platform: str) -> str:
    if platform in ("taobao", "tmall"):
        return str(rng.randrange(10**7, 10**9))
    if platform == "jd":
        return str(rng.randrange(10**5, 10**7))
    if platform == "pdd":
        return str(rng.randrange(10**8, 10**9))
    if platform == "douyin":
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        return "".join(rng.choice(letters) for _ in range(7))
    if platform == "xianyu":
        return str(rng.randrange(10**10, 10**12))
    return str(rng.randrange(10**6, 10**9))


def listing_id(rng: random.Random, platform: str) -> str:
    if platform == "douyin":
        return "3" + _digits(rng, 18)
    if platform == "jd":
        return str(rng.randrange(10**9, 10**13))
    return rng.choice("567") + _digits(rng, 11)


def listing_url(platform: str, listing: str) -> str | None:
    return {
        "taobao": f"https://item.taobao.com/item.htm?id={listing}",
        "tmall": f"https://detail.tmall.com/item.htm?id={listing}",
        "jd": f"https://item.jd.com/{listing}.html",
        "pdd": f"https://mobile.yangkeduo.com/goods.html?goods_id={listing}",
        "douyin": f"https://haohuo.jinritemai.com/views/product/detail?id={listing}",
        "1688": f"https://detail.1688.com/offer/{listing}.html",
    }.get(platform)
