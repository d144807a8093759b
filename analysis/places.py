"""Region codes of analysed entities: most specific codes, and spreads by level.

Nodes carry ``regions``: lineages of GB/T 2260 codes (county, city, province), merged
from every source that placed them. The *leaf* codes are the most specific places a node
sits in; a spread counts members per province, city and county.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cluehub.graph import regions

from .results import RegionSpread


def leaf_regions(codes: Iterable[str]) -> tuple[str, ...]:
    """The codes that are not a superior of another code in the set, sorted."""
    known = {c for c in codes if regions.get(c) is not None and c != regions.NATIONAL}
    ancestors = {a for c in known for a in regions.lineage(c)[1:]}
    return tuple(sorted(known - ancestors))


def province_of(code: str) -> str:
    region = regions.get(code)
    return region.province if region else code[:2] + "0000"


def city_of(code: str) -> str | None:
    region = regions.get(code)
    return region.city if region else None


def spread(members: Iterable[Iterable[str]]) -> RegionSpread:
    """Members per province, city and county, each member counted once per code."""
    counts: dict[str, Counter[str]] = {
        "province": Counter(),
        "city": Counter(),
        "county": Counter(),
    }
    for codes in members:
        for code in {a for leaf in leaf_regions(codes) for a in regions.lineage(leaf)}:
            region = regions.get(code)
            if region is not None and region.level in counts:
                counts[region.level][code] += 1

    def ordered(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))

    return RegionSpread(
        ordered(counts["province"]), ordered(counts["city"]), ordered(counts["county"])
    )
