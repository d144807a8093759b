"""Places of the outside world: real GB/T 2260 counties and addresses written as people do.

Counties come from the hub's packaged division table (data only). An address is built
once per place (``Place``) and written in one of several forms when a record or a
complaint cites it: full (province + city + county + rest), without the province, or
from the county on. Municipalities (北京, 上海, 天津, 重庆) have no city level in writing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from cluehub.graph import regions

# Where counterfeit production clusters, where sellers rent warehouses.
PRODUCTION_COUNTIES = (
    "350304", "350305", "350322", "350582", "350583", "440111", "440113",
    "440513", "445281", "330782", "330304", "371302",
)  # fmt: skip
WAREHOUSE_COUNTIES = (
    "330110", "330109", "320583", "310117", "410122", "420112", "510116",
    "610116", "120114", "131022", "500112", "430121", "370112", "340104", "330402",
)  # fmt: skip

# Real towns and sub-districts (镇/街道) of the counties the rings and merchants use; other
# counties get the generic names most county seats have.
TOWNS_OF = {
    "350304": "黄石镇 西天尾镇 北高镇 镇海街道 拱辰街道",
    "350305": "笏石镇 东峤镇 月塘镇",
    "350322": "鲤城街道 榜头镇 度尾镇",
    "350582": "陈埭镇 安海镇 池店镇 青阳街道 磁灶镇",
    "350583": "水头镇 官桥镇 溪美街道",
    "440111": "太和镇 钟落潭镇 人和镇 三元里街道 石井街道",
    "440113": "南村镇 大石街道 石楼镇",
    "440513": "谷饶镇 贵屿镇 和平镇",
    "445281": "流沙东街道 军埠镇 占陇镇",
    "330782": "北苑街道 稠城街道 福田街道 佛堂镇",
    "330304": "仙岩街道 娄桥街道 郭溪街道",
    "371302": "兰山街道 义堂镇 白沙埠镇",
    "330110": "仓前街道 良渚街道 五常街道 闲林街道",
    "330109": "新塘街道 瓜沥镇 宁围街道",
    "320583": "玉山镇 花桥镇 陆家镇 张浦镇",
    "310117": "九亭镇 泗泾镇 车墩镇",
    "410122": "白沙镇 官渡镇 九龙镇",
    "420112": "吴家山街道 走马岭街道 径河街道",
    "510116": "东升街道 西航港街道 九江街道",
    "610116": "韦曲街道 郭杜街道 细柳街道",
    "120114": "杨村街道 下朱庄街道 王庆坨镇",
    "131022": "固安镇 柳泉镇 牛驼镇",
    "500112": "双龙湖街道 回兴街道 龙溪街道",
    "430121": "星沙街道 榔梨街道 黄花镇",
    "370112": "王舍人街道 华山街道 遥墙街道",
    "340104": "南七街道 井岗镇 小庙镇",
    "330402": "城南街道 大桥镇 七星街道",
    "310115": "张江镇 川沙新镇 祝桥镇",
    "440306": "西乡街道 福永街道 沙井街道",
    "110105": "望京街道 酒仙桥街道 十八里店乡",
}
GENERIC_TOWNS = ["城关镇", "城东街道", "城西街道", "城南街道", "城北街道", "新城街道"]


def town(rng: random.Random, county: str) -> str:
    """A town or sub-district of ``county`` (real ones where known)."""
    known = TOWNS_OF.get(county)
    return rng.choice(known.split() if known else GENERIC_TOWNS)


ROADS = [
    "工业路",
    "建设路",
    "人民路",
    "解放路",
    "中山路",
    "新华路",
    "文化路",
    "长安路",
    "科技大道",
    "创业路",
    "兴业路",
    "东环路",
    "滨江路",
    "园区路",
    "振兴路",
    "发展大道",
    "富民路",
    "通港路",
    "物流大道",
    "环城北路",
    "迎宾大道",
    "学院路",
    "青年路",
    "和平路",
    "胜利街",
    "幸福路",
    "桃园路",
    "金桥路",
]
PARK_WORDS = [
    "鑫达",
    "华兴",
    "宏图",
    "恒通",
    "金源",
    "永盛",
    "嘉禾",
    "东方",
    "联合",
    "盛世",
    "天成",
    "顺达",
    "万通",
    "汇丰",
]
ESTATES = [
    "阳光花园",
    "锦绣家园",
    "翠苑小区",
    "幸福里",
    "金色家园",
    "碧水湾",
    "绿城小区",
    "书香门第",
    "南苑新村",
]
MARKETS = ("鞋业批发市场", "皮具城", "服装批发市场", "小商品市场", "运动鞋城")


@dataclass(frozen=True, slots=True)
class Place:
    """A physical place: its county and the part of the address below the county."""

    county: str
    rest: str  # 黄石镇工业路21号

    def write(self, form: str = "full") -> str:
        """The address as written: ``full``, ``city`` (no province) or ``county``."""
        province, city, county = _names(self.county)
        if form == "county":
            return county + self.rest
        if form == "city":
            return (city or province) + county + self.rest
        return province + (city or "") + county + self.rest


@cache
def _names(code: str) -> tuple[str, str | None, str]:
    region = regions.get(code)
    if region is None or region.level != "county":
        raise ValueError(f"{code} is not a county in the division table")
    province = regions.get(region.province)
    city = regions.get(region.city) if region.city else None
    city_name = city.name if city and city.name not in ("市辖区", "县") else None
    return province.name if province else "", city_name, region.name


def city_name(code: str) -> str:
    """'莆田' for 350304 (the name people say), or the province for municipalities."""
    province, city, _ = _names(code)
    return (city or province).removesuffix("市")


@cache
def all_counties() -> tuple[str, ...]:
    """Every county-level division whose names can be written (buyers live anywhere)."""
    found = []
    for region in regions.all_regions():
        if region.level != "county" or region.name in ("市辖区",):
            continue
        try:
            _names(region.code)
        except ValueError:
            continue
        found.append(region.code)
    return tuple(sorted(found))


def street(rng: random.Random, county: str) -> Place:
    return Place(county, f"{town(rng, county)}{rng.choice(ROADS)}{rng.randrange(1, 300)}号")


def workshop(rng: random.Random, county: str) -> Place:
    """A production site: an industrial park unit, a village plant or a backstreet shed."""
    roll = rng.random()
    if roll < 0.45:
        park = f"{rng.choice(PARK_WORDS)}工业园"
        return Place(
            county, f"{town(rng, county)}{park}{rng.randrange(1, 20)}栋{rng.randrange(1, 6)}楼"
        )
    if roll < 0.75:
        village = rng.choice(["东", "西", "南", "北", "上", "下", "前", "后"]) + rng.choice(
            ["厝", "村", "埔", "洋", "坑"]
        )
        return Place(county, f"{town(rng, county)}{village}{rng.randrange(1, 120)}号")
    return street(rng, county)


def warehouse(rng: random.Random, county: str) -> Place:
    roll = rng.random()
    if roll < 0.6:
        park = f"{rng.choice(PARK_WORDS)}物流园"
        return Place(
            county, f"{town(rng, county)}{park}{rng.choice('ABCDE')}区{rng.randrange(1, 30)}号库"
        )
    road = f"{town(rng, county)}{rng.choice(ROADS)}{rng.randrange(1, 400)}号"
    return Place(county, f"{road}仓储中心{rng.randrange(1, 9)}号仓")


def stall(rng: random.Random, county: str) -> Place:
    """A market stall (市场…号档口)."""
    market = f"{rng.choice(PARK_WORDS)}{rng.choice(MARKETS)}"
    return Place(
        county,
        f"{market}{rng.randrange(1, 4)}楼{rng.choice('ABC')}区{rng.randrange(100, 400)}号档口",
    )


def home(rng: random.Random, county: str) -> Place:
    estate = rng.choice(ESTATES)
    return Place(
        county,
        f"{town(rng, county)}{rng.choice(ROADS)}{rng.randrange(1, 500)}号{estate}"
        f"{rng.randrange(1, 30)}栋{rng.randrange(1, 30)}{rng.randrange(1, 5):02d}室",
    )
