"""Bureaus (市场监督管理局) and their liaison officers (知识产权执法联络员).

There is one bureau per region of the GB/T 2260 table, at that region's level, named
after it ("莆田市市场监督管理局"); SAMR (国家市场监督管理总局) is the national one, code
100000. A bureau is identified by its region code, which is also the ``bureau`` claim
of its people's tokens.

Liaison officers are stored per bureau as ``Liaison`` documents and set by admins
(audited). Their names and work contacts are shown to every signed-in user unmasked:
they are officials whose job is to be reached by other bureaus (003 §3.2), not subjects
of an investigation.
"""

from __future__ import annotations

from dataclasses import dataclass

from cluehub.graph import model, regions

LIAISON = "Liaison"
model.register_document(
    model.DocumentKind(
        LIAISON,
        "The IP-enforcement liaison officer of one bureau (key: the bureau's region code).",
        (),
    )
)

NATIONAL_NAME = "国家市场监督管理总局"
SUFFIX = "市场监督管理局"
_PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


@dataclass(frozen=True, slots=True)
class Bureau:
    code: str
    name: str
    level: regions.Level
    parent: str | None


def bureau_name(code: str) -> str:
    """'福建省市场监督管理局', '莆田市市场监督管理局', '莆田市荔城区市场监督管理局'."""
    region = regions.get(code)
    if region is None:
        raise ValueError(f"'{code}' is not a known region code")
    if region.level == "national":
        return NATIONAL_NAME
    chain = [regions.get(c) for c in reversed(regions.lineage(code))]
    names = [r.name for r in chain if r is not None and r.name not in _PLACEHOLDERS]
    if region.level == "province":
        return names[-1] + SUFFIX
    # City and county bureaus are named without their province, as they sign themselves,
    # except under municipalities (北京市东城区…), whose city level is a placeholder.
    municipal = chain[1] is not None and chain[1].name in _PLACEHOLDERS
    local = names if municipal else names[1:]
    if region.name in _PLACEHOLDERS:
        return "".join(local) + SUFFIX + f"（{region.name}）"
    return "".join(local) + SUFFIX


def bureau(code: str) -> Bureau | None:
    region = regions.get(code)
    if region is None:
        return None
    return Bureau(code, bureau_name(code), region.level, region.parent)
