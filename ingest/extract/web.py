"""Finders for web addresses and platform ids (listing and shop ids on e-commerce platforms).

A URL gives a URL entity (``URL.clean``) and, when it is a known listing or shop page, a
PLATFORM_ID on the same span. Platform URLs written without a scheme
(``item.jd.com/100012345.html``) are URLs too, canonicalised with ``https://``.

PLATFORM_ID values are ``<platform>-<kind>:<id>``, the platform code from
``cluehub.graph.identifiers.PLATFORMS``: ``tmall-item``, ``taobao-item``, ``jd-item``,
``pdd-goods``, ``1688-offer`` are listings (``listing:<platform>:<id>`` in the graph);
``*-shop`` are shops (``shop:<platform>:<id>``). Ids are also read from text such as
"淘宝商品ID 678901234567" or "抖音店铺ID: ab123", anchored on a platform name.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from cluehub.graph.identifiers import LISTING, SHOP, URL, InvalidIdentifier

from . import entity as T
from . import lexicon as L
from .entity import Hit
from .scan import Scan

# Listing kind per platform: what the platform calls an item page.
LISTING_KIND = {"pdd": "goods", "1688": "offer"}
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+=%]"
_URL = re.compile(rf"https?://{_URL_CHARS}+", re.IGNORECASE)
_PLATFORM_HOSTS = (
    r"tmall\.com|tmall\.hk|taobao\.com|jd\.com|yangkeduo\.com|pinduoduo\.com|1688\.com"
    r"|jinritemai\.com|douyin\.com|kwaixiaodian\.com|kuaishou\.com"
)
_BARE_URL = re.compile(
    rf"(?<![A-Za-z0-9.\-/])(?:[a-z0-9\-]+\.)*(?:{_PLATFORM_HOSTS})(?:/{_URL_CHARS}*)?",
    re.IGNORECASE,
)
_TRAILING = ".:;!?)]"
# "商品ID 123", "宝贝链接编号：123", "店铺ID为 abc": ids whose platform is named before them.
_ITEM_ID = re.compile(
    r"(?:商品|宝贝|货品|产品|链接)\s*(?:ID|id|Id|编号|编码|号)\s*(?:号|码)?\s*[:为是]?\s*"
    r"(\d{5,20})(?!\d)"
)
_SHOP_ID = re.compile(
    r"(?:店铺|小店|店)\s*(?:ID|id|Id|编号|号)\s*[:为是]?\s*([A-Za-z0-9_\-]{3,32})(?![A-Za-z0-9_\-])"
)
_PLATFORM_WINDOW = 30


def platform_id(platform: str, kind: str, raw_id: str) -> str | None:
    """``tmall-item:123`` for a listing, ``douyin-shop:ab1`` for a shop; None if invalid."""
    try:
        if kind == "shop":
            value = SHOP.clean(raw_id, platform=platform)
        else:
            value = LISTING.clean(raw_id, platform=platform)
    except InvalidIdentifier:
        return None
    code, ident = value.split(":", 1)
    label = "shop" if kind == "shop" else LISTING_KIND.get(code, "item")
    return f"{code}-{label}:{ident}"


def id_of_url(url: str) -> str | None:
    """The PLATFORM_ID a listing or shop URL names, or None for other pages."""
    parts = urlsplit(url)
    host, path = parts.hostname or "", parts.path
    query = {k: v[0] for k, v in parse_qs(parts.query).items() if v}
    if host.endswith(("tmall.com", "tmall.hk")) and "id" in query:
        return platform_id("tmall", "item", query["id"])
    if host.endswith("taobao.com"):
        if shop := re.fullmatch(r"shop(\d+)\.taobao\.com", host):
            return platform_id("taobao", "shop", shop.group(1))
        if "id" in query and re.search(r"item|detail", host + path):
            return platform_id("taobao", "item", query["id"])
    if host.endswith("jd.com"):
        item = re.search(r"/(?:product/)?(\d+)\.html", path)
        if item and host.startswith("item."):
            return platform_id("jd", "item", item.group(1))
        if shop := re.search(r"/index-(\d+)\.html", path):
            return platform_id("jd", "shop", shop.group(1))
    if host.endswith(("yangkeduo.com", "pinduoduo.com")):
        if "goods_id" in query:
            return platform_id("pdd", "item", query["goods_id"])
        if "mall_id" in query:
            return platform_id("pdd", "shop", query["mall_id"])
    if host.endswith("1688.com") and (offer := re.search(r"/offer/(\d+)\.html", path)):
        return platform_id("1688", "item", offer.group(1))
    if host.endswith(("jinritemai.com", "douyin.com")):
        if "shop_id" in query:
            return platform_id("douyin", "shop", query["shop_id"])
        if "id" in query and "product" in path:
            return platform_id("douyin", "item", query["id"])
    if host.endswith(("kwaixiaodian.com", "kuaishou.com")):
        for key in ("shopId", "shop_id", "sellerId"):
            if key in query:
                return platform_id("kuaishou", "shop", query[key])
    return None


def find_urls(scan: Scan) -> list[Hit]:
    """URLs (and the platform ids they name); claims their characters."""
    hits: list[Hit] = []
    for pattern, scheme in ((_URL, ""), (_BARE_URL, "https://")):
        for match in pattern.finditer(scan.masked):
            raw = match.group().rstrip(_TRAILING)
            if pattern is _BARE_URL and "/" not in raw:
                continue  # a bare domain ("jd.com") is a platform mention, not a page
            start, end = match.start(), match.start() + len(raw)
            try:
                url = URL.clean(scheme + raw)
            except InvalidIdentifier:
                continue
            hits.append(Hit(T.URL, url, start, end))
            if (ident := id_of_url(url)) is not None:
                hits.append(Hit(T.PLATFORM_ID, ident, start, end))
            scan.claim(start, end)
    return hits


def find_text_ids(scan: Scan) -> list[Hit]:
    """Listing and shop ids written in text ("淘宝商品ID 6789…", "抖音小店（店铺ID：ab12）"),
    with the platform named before them in the same sentence."""
    hits: list[Hit] = []
    for pattern, kind in ((_ITEM_ID, "item"), (_SHOP_ID, "shop")):
        for match in pattern.finditer(scan.masked):
            platform = _platform_before(scan, match.start())
            if platform is None:
                continue
            ident = platform_id(platform, kind, match.group(1))
            if ident is not None:
                hits.append(Hit(T.PLATFORM_ID, ident, match.start(1), match.end(1)))
                scan.claim(match.start(1), match.end(1))
    return hits


def _platform_before(scan: Scan, position: int) -> str | None:
    """The code of the closest platform name before ``position`` in the same sentence (or
    running into it: the 店 of 抖店 starts "店ID")."""
    before = [
        m
        for m in scan.of(L.PLATFORM)
        if m.start < position
        and position - m.end <= _PLATFORM_WINDOW
        and scan.same_clause(min(m.end, position), position)
    ]
    return before[-1].id if before else None
