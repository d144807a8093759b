"""Finder for postal addresses (ADDRESS) in free text: "发货地陕西省西安市长安区工业路21号".

An address starts at a run of place names (陕西省西安市长安区, 西安长安区, 黄石镇) or right
after an address word (地址, 发货地, 厂址, 位于…), and goes on as long as its parts do: each
part is a few name characters ending in an address unit — a road or street (路, 街, 大道,
巷), a village or estate (村, 小区), a park or market (工业园, 工业区, 市场, 商贸城), a
building and what is inside it (号, 栋, 楼, 层, 室, 档口, 商铺). It stops at punctuation,
at a masked identifier (a phone right after it), and before words that start the next
thing said (电话, 购买, 发货, 卖家, 的…).

A run of place names with nothing after it is a REGION, not an ADDRESS; so is a part that
is only a unit word (义乌市场: 市场 with no name of its own). The value is the canonical
text from ``cluehub.ingest.addresses`` — the same function that keys feed addresses — so
an address written in a complaint meets the node the waybills and listings made.
"""

from __future__ import annotations

import re

from .. import addresses, places
from . import entity as T
from . import lexicon as L
from .entity import Hit
from .scan import Scan

# Address units, longest first so 工业园区 wins over 园区 and 号楼 over 号.
_UNIT_WORDS = (
    "路 街 大街 大道 道 巷 弄 胡同 里 村 组 社区 小区 花园 公寓 新村 家园 苑 工业园区 工业园"
    " 工业区 产业园 科技园 创业园 物流园 园区 开发区 工业城 市场 商城 商贸城 批发城 批发市场"
    " 交易中心 交易市场 大厦 广场 中心 仓库 仓 号楼 号院 号 栋 幢 座 楼 层 室 单元 档口 商铺"
    " 铺位 铺 区 厂区 厂房 基地 后院 院 号库 库 城"
)
_UNITS = sorted(_UNIT_WORDS.split(" "), key=len, reverse=True)
_UNIT = "(?:" + "|".join(_UNITS) + ")"
_PART_CHAR = r"[\u4e00-\u9fffA-Za-z0-9#\-]"
_PART = re.compile(rf"{_PART_CHAR}{{0,16}}?{_UNIT}")
# Units that make a run of parts an address (a bare 区, 街道 or 中心 does not).
_STREET = re.compile(
    r"路|街(?!道)|大道|巷|弄|胡同|村|小区|花园|公寓|新村|园|工业区|开发区|工业城|市场|商城|"
    r"商贸城|批发城|交易中心|大厦|广场|仓库|库|号|栋|幢|楼|层|室|单元|档口|商铺|铺位|厂区|"
    r"厂房|基地|城"
)
# Generic words that name no place of their own: the address ends before them (某仓库,
# 一处厂房, 多家档口, 内一档口), and a last part made only of them is dropped (…号仓库).
_GENERIC_START = re.compile(r"某|一处|一家|一批|一个|一间|多家|几家|内一|内有|内的|内发现")
_GENERIC_TAIL = re.compile(r"(?:仓库|厂房|门店|民房|民宅)$")
# A unit after which a bare number is a room (B座1205, 1单元1102).
_ROOM_AFTER = re.compile(r"(?:座|单元|楼|栋|幢|层|号楼|号院)$")
_ROOM = re.compile(r"\d{2,5}(?![0-9A-Za-z])")
# What follows an organisation's place name, not an address: 恒生科技园管理有限公司.
_ORG_AFTER = re.compile(r"(?:管理|发展|集团|股份|有限|公司|分公司)")
# Words that start what is said after the address: it ends before them.
_AFTER = re.compile(
    r"的|电话|手机|联系|购买|买的|下单|发货|发出|寄出|寄件|寄来|卖家|商家|店铺|销售|生产|经营|"
    r"涉嫌|疑似|快递|单号|运单|收到|进行|存放|租用|作为|设有|市场监|有限公司|公司|地址|厂址|"
    r"监管|附近|一带|周边"
)
_GAP = re.compile(r"[\s:]*(?:位于|设在|位在|均为|均是|都是|为|是|在|于)?[\s:]*")
_MAX_ADDRESS = 60


def _parts_end(text: str, start: int) -> int:
    """Where the address parts that follow ``start`` end (``start`` when there are none)."""
    end = start
    limit = min(len(text), start + _MAX_ADDRESS)
    generic = _GENERIC_START.search(text, start, limit)
    if generic is not None:
        limit = generic.start()
    while end < limit:
        match = _PART.match(text, end, limit)
        if match is None:
            break
        if end > start and _GENERIC_TAIL.fullmatch(match.group()):
            break  # …112号仓库: the trailing word names no place
        end = match.end()
    if _ROOM_AFTER.search(text, start, end) and (room := _ROOM.match(text, end)):
        end = room.end()
    return end


def _cut(text: str, start: int, end: int) -> int:
    """End before the first word of what comes next (start searching after one char, so a
    name like 和平路 keeps its 和)."""
    stop = _AFTER.search(text, start + 1, min(len(text), end + 4))  # a word may straddle end
    if stop is None or stop.start() >= end:
        return _parts_end(text, start)
    return _parts_end(text[: stop.start()], start)


def _has_street(text: str, start: int, end: int) -> bool:
    """At least one street-level unit with a name or number of its own before it."""
    for match in _STREET.finditer(text, start, end):
        if match.start() - start >= 2 or re.search(r"\d", text[start : match.start()]):
            return True
    return False


def _starts(scan: Scan) -> list[tuple[int, int]]:
    """(address start, street-part start): each run of place names, and the place after
    each address word (or the word's end when no place name follows)."""
    text = scan.masked
    found = [p for p in places.find_places(text) if p.depth <= 4]
    groups = places.address_groups(text, found)
    # The street part starts after the county-level names: a market town (三元里, 黄石镇)
    # is the first part of the street, with a name of its own.
    starts = {
        g[0].start: max((p.end for p in g if p.depth <= 3), default=g[0].start) for g in groups
    }
    for mark in scan.of(L.T_ADDRESS):
        gap = _GAP.match(text, mark.end)
        begin = gap.end() if gap else mark.end
        if begin not in starts and not any(s <= begin < e for s, e in starts.items()):
            starts[begin] = begin
    return sorted(starts.items())


def find_addresses(scan: Scan) -> list[Hit]:
    """ADDRESS entities with their canonical text as value (see the module docstring)."""
    text = scan.masked
    hits: list[Hit] = []
    taken_to = -1
    for start, street in _starts(scan):
        if start < taken_to:
            continue
        end = _cut(text, street, _parts_end(text, street))
        if end <= street or not _has_street(text, street, end) or _ORG_AFTER.match(text, end):
            continue
        written = scan.text[start:end]
        hits.append(Hit(T.ADDRESS, addresses.canonical(written).text, start, end))
        taken_to = end
    return hits
