"""Addresses and place mentions to GB/T 2260 codes: the packaged tables, ambiguity, traps."""

from __future__ import annotations

from importlib import resources

import pytest

from cluehub.graph import regions
from cluehub.ingest import places
from cluehub.ingest.places import find_places, region_of


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("福建省莆田市荔城区黄石镇华林村", "350304"),
        ("莆田市荔城区", "350304"),
        ("莆田荔城", "350304"),
        ("福建莆田的黄石镇", "350304"),
        ("浙江省金华市义乌市稠城街道", "330782"),
        ("义乌", "330782"),
        ("石狮", "350581"),
        ("晋江陈埭镇", "350582"),
        ("广东省东莞市虎门镇", "441900"),
        ("普宁", "445281"),
        ("上海市浦东新区", "310115"),
        ("重庆市渝北区", "500112"),
        ("新疆乌鲁木齐", "650100"),
        ("内蒙古包头", "150200"),
        ("吉林省吉林市", "220200"),
        ("河南开封", "410200"),
    ],
)
def test_addresses(address: str, code: str) -> None:
    assert region_of(address) == code


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("北京市朝阳区建国路88号", "110105"),
        ("北京朝阳区", "110105"),
        ("吉林省长春市朝阳区红旗街", "220104"),
        ("辽宁朝阳", "211300"),
        ("广州白云区", "440111"),
        ("贵州省贵阳市白云区", "520113"),
        ("江苏省南京市鼓楼区", "320106"),
        ("福州鼓楼区", "350102"),
        ("辽宁省沈阳市和平区", "210102"),
        ("天津市和平区", "120101"),
    ],
)
def test_ambiguous_names_resolve_by_the_city_or_province_named(address: str, code: str) -> None:
    assert region_of(address) == code


def test_ambiguous_names_alone_resolve_to_nothing_rather_than_a_guess() -> None:
    assert region_of("朝阳区") is None  # Beijing or Changchun
    assert region_of("白云区") is None  # Guangzhou or Guiyang
    assert region_of("鼓楼区") is None  # four cities


def test_district_short_names_need_their_city_or_province() -> None:
    assert region_of("荔城") is None
    assert region_of("发货地莆田，仓库在荔城") == "350304"


def test_table_names_that_are_everyday_words_need_their_city() -> None:
    assert region_of("内蒙古呼和浩特市新城区") == "150102"
    assert region_of("城区内多家商店") is None
    assert region_of("莆田城区") == "350300"  # no 城区 under 莆田: the city only


def test_higher_level_wins_a_tie_without_context() -> None:
    assert region_of("吉林") == "220000"  # the province, not the city
    assert region_of("河北") == "130000"  # not 河北区 of Tianjin


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("河北白沟", "130684"),
        ("白沟镇箱包市场", "130684"),
        ("黄石镇", "350304"),
        ("广州三元里", "440111"),
        ("深圳华强北", "440304"),
        ("中山古镇镇", "442000"),
        ("湖州织里镇", "330502"),
        ("义乌国际商贸城", "330782"),
        ("临沂商城", "371302"),
    ],
)
def test_market_towns(address: str, code: str) -> None:
    assert region_of(address) == code


def test_market_town_with_a_context_row() -> None:
    assert region_of("莆田安福") == "350304"  # Putian's shoe area
    assert region_of("江西安福") == "360829"  # 安福县
    assert region_of("安福") is None


@pytest.mark.parametrize(
    "text",
    [
        "中山路88号",  # a road, not 中山市
        "南京东路",  # a road in Shanghai, not 南京
        "北京大学",
        "商品未开封",  # 'unsealed', not 开封
        "阿里巴巴",  # not 阿里地区
        "白银首饰",  # 'silver', not 白银市
        "双方合作",  # 'cooperation', not 合作市
        "城区内",
    ],
)
def test_words_that_are_not_places(text: str) -> None:
    assert region_of(text) is None


def test_short_name_glued_to_an_unrelated_place_is_part_of_a_name() -> None:
    assert region_of("广州市白云区隆昌生物科技") == "440111"  # not 隆昌市, Sichuan


def test_find_places_gives_offsets_and_codes() -> None:
    text = "发往河南省郑州市金水区、湖南省长沙市岳麓区"
    found = [(p.name, p.code, text[p.start : p.end]) for p in find_places(text)]
    assert ("金水区", "410105", "金水区") in found
    assert ("岳麓区", "430104", "岳麓区") in found
    groups = places.address_groups(text, find_places(text))
    assert [places.most_specific(g) for g in groups] == ["410105", "430104"]


def test_resolution_is_cached_on_the_joined_place_names() -> None:
    region_of("浙江省嘉兴市桐乡市濮院镇")
    before = places._resolve.cache_info().hits
    assert region_of("浙江省嘉兴市桐乡市濮院镇羊毛衫市场") == "330483"
    assert places._resolve.cache_info().hits == before + 1


def test_market_towns_table_is_curated_and_checked() -> None:
    text = resources.files("cluehub.ingest").joinpath("data", "market_towns.tsv").read_text()
    rows = [
        line.split("\t")
        for line in text.splitlines()
        if line and not line.startswith(("#", "name\t"))
    ]
    assert len(rows) >= 20
    for name, code, context, comment in rows:
        assert regions.get(code) is not None, name
        assert not context or regions.get(context) is not None, name
        assert comment.strip(), f"{name} has no comment"
