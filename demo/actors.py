"""The cast of the demo world: people, addresses, parties and companies, and how to make them.

Pure helpers over a ``random.Random`` and a :class:`~.mint.Mint`; nothing here knows
about rings or feeds. Addresses are written the way Chinese senders write them
(province, city, county, town, road, number, building), starting from the division
table's full name so an address locator can resolve them.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import cache
from typing import Any

from cluehub.graph import identifiers as ids
from cluehub.graph import regions

from . import names
from .mint import Mint


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address as written, with the county code it lies in."""

    text: str
    region: str

    def feed(self, *, with_region: bool = True) -> dict[str, Any]:
        """The feed's ``AddressIn`` dict (partners do not always send the code)."""
        return {"text": self.text, "region": self.region} if with_region else {"text": self.text}

    @property
    def key(self) -> str:
        return ids.ADDRESS.key_of(self.text)


@dataclass(frozen=True, slots=True)
class Party:
    """Someone who sends or receives parcels: the name as written, a phone, an address."""

    name: str
    phone: str
    address: Address

    def feed(self, *, with_region: bool = True, name: str | None = None) -> dict[str, Any]:
        """The feed's ``PartyIn`` dict."""
        return {
            "name": name or self.name,
            "phone": self.phone,
            "address": self.address.feed(with_region=with_region),
        }

    @property
    def phone_key(self) -> str:
        return ids.PHONE.key_of(self.phone)


@dataclass(frozen=True, slots=True)
class Company:
    """A business by its registered name, with its USCC when it has one on record."""

    name: str
    uscc: str | None = None

    @property
    def key(self) -> str | None:
        return ids.USCC.key_of(self.uscc) if self.uscc else None


# --- names -------------------------------------------------------------------------------


def person_name(rng: random.Random, surnames: tuple[str, ...] = names.SURNAMES) -> str:
    """A full name: surname and one or two given characters (林志强, 王芳)."""
    given = "".join(rng.choice(names.GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
    return rng.choice(surnames) + given


def casual_name(rng: random.Random, full: str) -> str:
    """How the same person may be written on a waybill: 林先生, 林老板, 阿强 or the full name."""
    if rng.random() < 0.5:
        return full
    form = rng.choice(names.NICKNAME_FORMS)
    return form.format(s=full[0], g=full[-1])


# --- places ------------------------------------------------------------------------------


@cache
def counties_by_province() -> dict[str, tuple[str, ...]]:
    """County-level codes (and county-less cities) of each province, from the division table."""
    found: dict[str, list[str]] = {}
    for region in regions.all_regions():
        if region.level == "county" and region.name not in ("市辖区", "县"):
            found.setdefault(region.province, []).append(region.code)
    for region in regions.all_regions():  # 东莞, 中山, 儋州…: cities with no counties
        if region.level == "city" and region.code not in found.get(region.province, ()):
            has_counties = any(
                c.startswith(region.code[:4]) for c in found.get(region.province, ())
            )
            if not has_counties and region.name != "市辖区":
                found.setdefault(region.province, []).append(region.code)
    return {province: tuple(sorted(codes)) for province, codes in found.items()}


@cache
def _cumulative(weights: tuple[tuple[str, float], ...]) -> tuple[tuple[str, ...], list[float]]:
    provinces = tuple(code for code, _ in weights)
    return provinces, list(itertools.accumulate(weight for _, weight in weights))


def county_in(rng: random.Random, weights: dict[str, float]) -> str:
    """A county drawn by province weight, then uniformly within the province."""
    provinces, cumulative = _cumulative(tuple(weights.items()))
    province = rng.choices(provinces, cum_weights=cumulative)[0]
    return rng.choice(counties_by_province()[province])


full_name = cache(regions.full_name)  # 福建省莆田市荔城区 for 350304, computed once per code


def place_address(rng: random.Random, place: names.Place, *, tail: str = "") -> Address:
    """An address in a known place: full division name, town, road, number, then ``tail``."""
    town = rng.choice(place.towns)
    road = rng.choice(place.roads)
    number = rng.randint(1, 399)
    text = f"{full_name(place.region)}{town}{road}{number}号{tail}"
    return Address(text, place.region)


def home_address(rng: random.Random, region: str) -> Address:
    """A residential address anywhere: road, number, community, building, unit, room."""
    road = rng.choice(names.ROADS)
    community = rng.choice(names.COMMUNITIES)
    room = f"{rng.randint(1, 32)}{rng.randint(1, 4):02d}"
    text = (
        f"{full_name(region)}{road}{rng.randint(1, 999)}号{community}"
        f"{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{room}室"
    )
    return Address(text, region)


def shop_address(rng: random.Random, region: str) -> Address:
    """A small business address anywhere (an office or shop front, not a home)."""
    road = rng.choice(names.ROADS)
    what = rng.choice(("商铺", "写字楼", "电商产业园", "创业园", "商贸城"))
    text = (
        f"{full_name(region)}{road}{rng.randint(1, 999)}号{what}"
        f"{rng.randint(1, 12)}楼{rng.randint(1, 40):02d}室"
    )
    return Address(text, region)


# --- parties -----------------------------------------------------------------------------


def landline_or_mobile(
    rng: random.Random, mint: Mint, place: names.Place, p_landline: float
) -> str:
    if rng.random() < p_landline:
        return mint.landline(place.area_code, place.landline_digits)
    return mint.mobile()


def consumer(rng: random.Random, mint: Mint, region: str | None = None) -> Party:
    """A private person somewhere in China, at home."""
    region = region or county_in(rng, names.PROVINCE_WEIGHTS)
    name = person_name(rng)
    return Party(casual_name(rng, name), mint.mobile(), home_address(rng, region))


def company_name(rng: random.Random, region: str, trade: str, form: str = "有限公司") -> str:
    """A registered-looking name: 莆田市荔城区鑫盛鞋业有限公司."""
    place = regions.get(region)
    prefix = place.name if place else ""
    city = regions.get(region[:4] + "00")
    if place and place.level == "county" and city and city.name not in ("市辖区", "县"):
        prefix = city.name + prefix if rng.random() < 0.5 else prefix
    return f"{prefix}{rng.choice(names.COMPANY_NAME_WORDS)}{trade}{form}"


_FORMS = ("有限公司", "商行", "经营部", "厂")


def trade_name(company: str) -> str:
    """The name without its legal form: 莆田市荔城区鑫盛鞋业有限公司 -> 莆田市荔城区鑫盛鞋业."""
    for form in _FORMS:
        if company.endswith(form) and len(company) > len(form) + 2:
            return company.removesuffix(form)
    return company
