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

TOWNS = [
    "城关镇",
    "新城街道",
    "东城街道",
    "西城街道",
    "龙湖镇",
    "金山街道",
    "白沙镇",
    "黄石镇",
    "凤凰街道",
    "高新街道",
    "石狮街道",
    "太和镇",
    "钟落潭镇",
    "陈埭镇",
    "安海镇",
    "北苑街道",
    "仓前街道",
    "良渚街道",
    "经开区",
    "开发区",
    "南湖街道",
    "华阳街道",
    "洪山镇",
    "清河镇",
    "梅山镇",
    "新塘镇",
    "永宁街道",
]
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
    return Place(county, f"{rng.choice(TOWNS)}{rng.choice(ROADS)}{rng.randrange(1, 300)}号")


def workshop(rng: random.Random, county: str) -> Place:
    """A production site: an industrial park unit, a village plant or a backstreet shed."""
    roll = rng.random()
    if roll < 0.45:
        park = f"{rng.choice(PARK_WORDS)}工业园"
        return Place(
            county, f"{rng.choice(TOWNS)}{park}{rng.randrange(1, 20)}栋{rng.randrange(1, 6)}楼"
        )
    if roll < 0.75:
        village = rng.choice(["东", "西", "南", "北", "上", "下", "前", "后"]) + rng.choice(
            ["厝", "村", "埔", "洋", "坑"]
        )
        return Place(county, f"{rng.choice(TOWNS)}{village}{rng.randrange(1, 120)}号")
    return street(rng, county)


def warehouse(rng: random.Random, county: str) -> Place:
    roll = rng.random()
    if roll < 0.6:
        park = f"{rng.choice(PARK_WORDS)}物流园"
        return Place(
            county, f"{rng.choice(TOWNS)}{park}{rng.choice('ABCDE')}区{rng.randrange(1, 30)}号库"
        )
    road = f"{rng.choice(TOWNS)}{rng.choice(ROADS)}{rng.randrange(1, 400)}号"
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
        f"{rng.choice(TOWNS)}{rng.choice(ROADS)}{rng.randrange(1, 500)}号{estate}"
        f"{rng.randrange(1, 30)}栋{rng.randrange(1, 30)}{rng.randrange(1, 5):02d}室",
    )
