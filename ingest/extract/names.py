"""Finders for names: organisations (ORG), shops (SHOP) and people (PERSON).

Chinese has no spaces, so a name's end is found from its suffix (有限公司, 旗舰店, 店) or its
trigger word (卖家, 店铺名称), and its start by walking back from the suffix until
punctuation or a word that cannot belong to a name (在, 的, 举报, 卖家, 淘宝…; see
``lexicon.NAME_STOP_WORDS``). Chinese company names start with their place (晋江市…), so a
walk that collected words before the first place name ("涉事企业义乌市优品…") is cut back to
that place. Place names and industry words (鞋业, 贸易, 销售) belong to names but do not make
them distinctive: a name with fewer than two other characters (鞋厂, 该公司, 东莞市一服装厂,
实体店) is generic and dropped.

People are found only after trigger words, as a common surname plus one or two given-name
characters (or 某/某某/先生/女士 forms); characters that start the next word (电话, 地址, 说)
end the name, and a "name" that is a place (卖家江苏省…) is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from cluehub.graph.identifiers import normalize_name

from . import entity as T
from . import lexicon as L
from .entity import Hit
from .scan import Scan

PlaceSpans = Callable[[str], Sequence[tuple[int, int]]]

_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9()（）·&]")
_MAX_NAME = 32
_ORG_SUFFIX = re.compile(
    "(?:" + "|".join(L.ORG_SUFFIXES) + r")(?!家|房|区|商|长|址|里|内|门|牌|名|员|方|规|货|店)"
)
_SHOP_SUFFIX = re.compile(
    "(?:" + "|".join(L.SHOP_SUFFIXES) + r")(?!铺|员|主|长|面|内|里|家|门|名|址|招)"
)
_INDUSTRY = re.compile("|".join(L.INDUSTRY_WORDS))
_BRANCH_SUFFIXES = ("分公司", "经营部", "门市部")
_STOP_WORDS = frozenset(L.NAME_STOP_WORDS)
_STOP_LENGTHS = sorted({len(w) for w in L.NAME_STOP_WORDS})


def _stop_word_ends_at(text: str, floor: int, position: int) -> bool:
    return any(
        position - n >= floor and text[position - n : position] in _STOP_WORDS
        for n in _STOP_LENGTHS
    )


class _Names:
    """Name boundaries in one text, with its place-name spans at hand."""

    def __init__(self, text: str, place_spans: PlaceSpans) -> None:
        self.text = text
        self.place_spans = place_spans
        self._places_in_text: Sequence[tuple[int, int]] | None = None

    def in_place_name(self, position: int) -> bool:
        """True when ``position`` lies inside a place name of the text (高碑店市)."""
        if self._places_in_text is None:
            self._places_in_text = self.place_spans(self.text)
        return any(s <= position < e for s, e in self._places_in_text)

    def start_of(self, end: int, floor: int) -> int:
        """Where the name ending at ``end`` starts: back to a stop word, then to its place."""
        text = self.text
        start = end
        while start > floor and end - start < _MAX_NAME and _NAME_CHAR.match(text, start - 1):
            if _stop_word_ends_at(text, floor, start):
                break
            start -= 1
        start = _balance_brackets(text, start, end)
        for place_start, _ in self.place_spans(text[start:end]):
            if place_start > 0 and not _inside_brackets(text[start:end], place_start):
                start += place_start
            break
        return start

    def is_category(self, start: int, end: int) -> bool:
        """Two characters and nothing else before a bare 店 name a trade, not a shop."""
        return end - start <= 2 and self.distinctive(start, end) == end - start

    def distinctive(self, start: int, end: int) -> int:
        """Characters of text[start:end] that are neither place names nor industry words."""
        core = self.text[start:end]
        for place_start, place_end in reversed(self.place_spans(core)):
            core = core[:place_start] + core[place_end:]
        return len(_INDUSTRY.sub("", re.sub(r"[()（）]", "", core)))


def _balance_brackets(text: str, start: int, end: int) -> int:
    """Drop a leading part that would leave a ')' without its '('."""
    depth, cut = 0, start
    for index in range(start, end):
        if text[index] in "(（":
            depth += 1
        elif text[index] in ")）":
            if depth == 0:
                cut = index + 1
            else:
                depth -= 1
    return cut


def _inside_brackets(name: str, position: int) -> bool:
    head = name[:position]
    return head.count("(") + head.count("（") > head.count(")") + head.count("）")


def find_orgs(scan: Scan, place_spans: PlaceSpans) -> list[Hit]:
    """Organisations by their legal-form suffix, with the full name as written."""
    names = _Names(scan.masked, place_spans)
    hits: list[Hit] = []
    floor = 0
    for match in _ORG_SUFFIX.finditer(scan.masked):
        if names.in_place_name(match.start()):
            continue
        start = names.start_of(match.start(), floor)
        if hits and hits[-1].end == start and match.group() in _BRANCH_SUFFIXES:
            start = hits.pop().start  # "XX有限公司广州分公司" is one organisation
        elif names.distinctive(start, match.start()) < 2:
            continue
        hits.append(Hit(T.ORG, normalize_name(scan.text[start : match.end()]), start, match.end()))
        floor = match.end()
    return hits


def find_shops(scan: Scan, place_spans: PlaceSpans) -> list[Hit]:
    """Shops: quoted names after a shop word, names after 店铺名称, names ending 旗舰店/店…"""
    hits = [*_quoted_shops(scan), *_named_shops(scan)]
    taken = [(h.start, h.end) for h in hits]
    names = _Names(scan.masked, place_spans)
    for match in _SHOP_SUFFIX.finditer(scan.masked):
        if any(s <= match.start() < e for s, e in taken) or names.in_place_name(match.start()):
            continue  # already a quoted shop, or the 店 of 高碑店市
        start = names.start_of(match.start(), 0)
        if names.distinctive(start, match.start()) < 2:
            continue
        if match.group() == "店" and names.is_category(start, match.start()):
            continue  # 眼镜店, 水果店: what the shop sells, not its name
        end = _tail_end(scan.masked, match.end())
        hits.append(Hit(T.SHOP, normalize_name(scan.text[start:end]), start, end))
    return hits


# What platforms allow after a shop's suffix and people copy with it: a number or code
# (折扣店10, 专营店A8) and a bracketed note (旗舰店(官方)), but not a count or a date (店3双,
# 店2023年).
_SHOP_TAIL = re.compile(
    r"(?:[0-9A-Za-z]{1,6}(?![0-9A-Za-z年月日元块件双个号次天折%]))?(?:[（(][^（）()\n,，。]{1,12}[）)])?"
)


def _tail_end(text: str, end: int) -> int:
    match = _SHOP_TAIL.match(text, end)
    return match.end() if match else end


_QUOTED = re.compile(r"[「“‘'《\"『【]([^「」“”‘’'《》\"『』【】\n。,;!?:]{2,30})[」”’'》\"』】]")
_SHOP_ENDING = re.compile(r"(?:店|铺|小铺|商城|专柜|档口|坊|馆|屋|阁)$")
# What may stand between a shop word and the quoted name: 店铺“X”, 店铺名为“X”, 网店：“X”;
# or between a platform and the name: 在淘宝「X」, 在快手的「X」, 闲鱼账号“X”.
_SHOP_WORD_GAP = re.compile(r"[\s:名称昵为是叫]*")
# After the quoted name: “X”店, “X”的店铺, 【X】档口.
_SHOP_AFTER = re.compile(r"\s*(?:的)?(?:店|网店|小店|门店|档口|直播间)")
_PLATFORM_GAP = re.compile(r"\s*(?:平台)?(?:上)?(?:的)?(?:账号|帐号)?\s*")


def _quoted_shops(scan: Scan) -> Iterable[Hit]:
    """Quoted names announced by a shop word or a platform, or ending like a shop (…小铺)."""
    for match in _QUOTED.finditer(scan.masked):
        name = match.group(1).strip()
        words = [
            w
            for w in (*scan.of(L.T_SHOP), *scan.of(L.T_SHOP_NAME))
            if w.end <= match.start()
            and _SHOP_WORD_GAP.fullmatch(scan.masked, w.end, match.start())
        ] + [
            p
            for p in scan.of(L.PLATFORM)
            if p.end <= match.start() and _PLATFORM_GAP.fullmatch(scan.masked, p.end, match.start())
        ]
        after = _SHOP_AFTER.match(scan.masked, match.end()) is not None
        if words or after or _SHOP_ENDING.search(name):
            start = match.start(1)
            yield Hit(T.SHOP, normalize_name(name), start, start + len(name))


_SHOP_NAME_CHARS = r"[\u3400-\u9fffA-Za-z0-9·&\-]"
# After 店铺名称/店名: a separator (required unless the word ends in 名称), then the name.
_NAMED_SHOP = re.compile(rf"\s*(?:[:为是叫]|名为|叫做)?\s*({_SHOP_NAME_CHARS}{{2,24}})")
_NAMED_SHOP_SEPARATOR = re.compile(r"\s*(?:[:为是叫]|名为|叫做)")
_NAMED_SHOP_END = re.compile(r"的|在|销售|出售|售卖|经营|所售|被|涉嫌|有|于|购买|买的")
# 店铺X（店铺ID：…）: a bare name between a shop word and the shop's id in brackets.
_SHOP_BEFORE_ID = re.compile(
    rf"\s*({_SHOP_NAME_CHARS}{{2,24}}?)\s*\((?:店铺)?\s*(?:ID|id|Id|编号|号)"
)
# 在抖音X购买: a bare name between a platform and the verb of buying.
_SHOP_BEFORE_BUYING = re.compile(
    r"(?:平台)?(?:上)?(?:的)?(?:一家)?(?:叫做|名叫|名为|叫)?(?:店铺|网店|小店)?"
    rf"({_SHOP_NAME_CHARS}{{3,20}}?)(?:的(?:店铺|网店|小店|店))?(?:购买|买的|下单|下的单)"
)
_NOT_SHOP_NAMES = frozenset(
    {"官方", "官网", "自营", "直播间", "直播", "商城", "小程序", "APP", "app", "官方旗舰"}
)


def _bare_name(name: str) -> str:
    if (cut := _NAMED_SHOP_END.search(name)) is not None:
        name = name[: cut.start()]
    return name


def _named_shops(scan: Scan) -> Iterable[Hit]:
    """Unquoted shop names: after 店铺名称/店名, before a bracketed shop id, or between a
    platform and the verb of buying."""
    anchored = [(m.end, _SHOP_BEFORE_ID) for m in scan.of(L.T_SHOP)]
    platforms = scan.of(L.PLATFORM)
    starts = {m.start for m in platforms}
    # 阿里巴巴1688X购买: the name follows the last platform name, not the first.
    anchored += [(m.end, _SHOP_BEFORE_BUYING) for m in platforms if m.end not in starts]
    for mark in scan.of(L.T_SHOP_NAME):
        if scan.text.endswith("名称", mark.start, mark.end) or _NAMED_SHOP_SEPARATOR.match(
            scan.masked, mark.end
        ):
            anchored.append((mark.end, _NAMED_SHOP))
        elif scan.text.endswith("名", mark.start, mark.end):
            # "店铺名媛包包…（店铺ID…）" is 店铺 + a name, not 店铺名 + "媛包包…"
            anchored.append((mark.end - 1, _SHOP_BEFORE_ID))
    for position, pattern in anchored:
        match = pattern.match(scan.masked, position)
        if match is None:
            continue
        name = _bare_name(match.group(1))
        if len(name) >= 2 and name not in _NOT_SHOP_NAMES:
            start = match.start(1)
            yield Hit(T.SHOP, normalize_name(name), start, start + len(name))


_PERSON = re.compile(
    r"(?:\s|[:()])*(?:信息|姓名|名字|名叫|叫做|名为|分别为|分别是|叫|是|为|系)*(?:\s|:)*"
    rf"(?P<surname>{'|'.join(L.COMPOUND_SURNAMES)}|[{L.SURNAMES}])"
    rf"(?:(?P<honorific>{'|'.join(L.HONORIFICS)})|(?P<given>[\u4e00-\u9fff]{{1,2}}))"
)
_NEXT_PERSON = re.compile(r"\s*[、和及,]\s*")


def find_persons(scan: Scan, is_place: Callable[[str], bool]) -> list[Hit]:
    """People named right after a trigger word (卖家张伟, 收件人：王女士, 法定代表人林某).

    ``is_place`` tells place names from people's: "卖家江苏省…" names nobody.
    """
    hits: list[Hit] = []
    for mark in scan.of(L.T_PERSON):
        position = mark.end
        while (match := _PERSON.match(scan.masked, position)) is not None:
            name = _name_of(match)
            start = match.start("surname")
            if name is None or is_place(scan.masked[start : start + len(name) + 1]):
                break
            hits.append(Hit(T.PERSON, name, start, start + len(name)))
            if (nxt := _NEXT_PERSON.match(scan.masked, start + len(name))) is None:
                break
            position = nxt.end()
    return hits


def _name_of(match: re.Match[str]) -> str | None:
    """Surname plus honorific, or plus the given-name characters before the next word."""
    surname = match.group("surname")
    if match.group("honorific"):
        return surname + match.group("honorific")
    given = ""
    for char in match.group("given"):
        if char in L.NOT_GIVEN_NAME:
            break
        given += char
    return surname + given if given else None
