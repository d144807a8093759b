"""The hub's brand table (品牌表): slugs, Chinese names and the aliases that mean each brand.

Read from the packaged ``data/brands.tsv`` (``slug  name  aliases``). The slug is the brand
node's value (``brand:nike``) and is already in ``BRAND.clean`` form; aliases are what the
extractor's gazetteer matches in free text. A malformed row fails loudly at load time, naming
the line and what would be accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cluehub.graph.identifiers import BRAND

_LATIN = re.compile(r"[A-Za-z0-9À-ÿ' .\-]+")


@dataclass(frozen=True, slots=True)
class Brand:
    """One brand: its slug (node value), its Chinese name and every alias."""

    slug: str
    name: str
    aliases: tuple[str, ...]


def is_latin(alias: str) -> bool:
    """Latin-script aliases match only on word boundaries, case-insensitive."""
    return bool(_LATIN.fullmatch(alias))


def parse_table(text: str, source: str = "brands.tsv") -> dict[str, Brand]:
    """Brands by slug from the TSV text; raises ValueError naming the bad line."""
    table: dict[str, Brand] = {}
    seen_aliases: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("slug\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(
                f"{source} line {number}: expected 3 tab-separated fields "
                f"(slug, name, aliases), got {len(fields)}"
            )
        slug, name, aliases_field = (f.strip() for f in fields)
        if BRAND.clean(slug) != slug:
            raise ValueError(
                f"{source} line {number}: slug '{slug}' is not canonical "
                f"(expected '{BRAND.clean(slug)}': lower case, '-' for spaces)"
            )
        aliases = tuple(a.strip() for a in aliases_field.split("|") if a.strip())
        if not aliases:
            raise ValueError(f"{source} line {number}: brand '{slug}' has no alias")
        for alias in aliases:
            folded = alias.casefold()
            if folded in seen_aliases and seen_aliases[folded] != slug:
                raise ValueError(
                    f"{source} line {number}: alias '{alias}' of '{slug}' is already an "
                    f"alias of '{seen_aliases[folded]}'; an alias must name one brand"
                )
            seen_aliases[folded] = slug
        if slug in table:
            raise ValueError(f"{source} line {number}: slug '{slug}' appears twice")
        table[slug] = Brand(slug, name, aliases)
    return table


@cache
def _table() -> dict[str, Brand]:
    text = resources.files(__package__).joinpath("data", "brands.tsv").read_text("utf-8")
    return parse_table(text)


def get(slug: str) -> Brand | None:
    """The brand with this slug, or None."""
    return _table().get(slug)


def all_brands() -> Iterator[Brand]:
    return iter(_table().values())


@cache
def _by_alias() -> dict[str, str]:
    return {
        word.casefold(): brand.slug
        for brand in _table().values()
        for word in (brand.slug, brand.name, *brand.aliases)
    }


def named(text: str) -> Brand | None:
    """The brand a word names exactly, in Chinese or English ("耐克", "Nike" -> nike)."""
    slug = _by_alias().get(text.strip().casefold())
    return _table()[slug] if slug else None
