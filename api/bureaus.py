"""Bureaus (市场监督管理局) as the API names them, and their liaison officers (知识产权执法联络员).

Which bureaus exist, their levels, superiors and regional blocs are the coordination
room's (``cluehub.cases.bureaus``): one bureau per region code, SAMR (国家市场监督管理总局)
at 100000, none for placeholder cities (``市辖区``: their districts answer to the
municipality) and none for Hong Kong, Macau and Taiwan. This module only adds the API's
view: a bureau looked up by any region code (a placeholder city gives the bureau that
answers for it), named as it signs itself.

Liaison officers are stored per bureau as ``Liaison`` documents and set by admins
(audited). Their names and work contacts are shown to every signed-in user unmasked:
they are officials whose job is to be reached by other bureaus (003 §3.2), not subjects
of an investigation.
"""

from __future__ import annotations

from dataclasses import dataclass

from cluehub.cases import bureaus as directory
from cluehub.cases.errors import InvalidInput
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
SUFFIX = directory.SUFFIX


@dataclass(frozen=True, slots=True)
class Bureau:
    code: str
    name: str
    level: regions.Level
    parent: str | None  # the superior bureau's code (None for SAMR)
    blocs: tuple[str, ...] = ()  # ids of the regional cooperation blocs it belongs to


def _signature(found: directory.Bureau) -> str:
    # Provinces and cities sign without their superiors; counties carry their city (county
    # names repeat across cities), districts of municipalities their municipality.
    return found.name if found.level in ("national", "province", "city") else found.long_name


def bureau_name(code: str) -> str:
    """'福建省市场监督管理局', '莆田市市场监督管理局', '莆田市荔城区市场监督管理局'."""
    if regions.get(code) is None:
        raise ValueError(f"'{code}' is not a known region code")
    return _signature(directory.of_region(code))


def bureau(code: str) -> Bureau | None:
    """The bureau answering for region ``code``; None for unknown codes and regions
    without a mainland bureau (Hong Kong, Macau, Taiwan)."""
    if regions.get(code) is None:
        return None
    try:
        found = directory.of_region(code)
    except InvalidInput:
        return None
    superior = directory.superior(found.id)
    return Bureau(
        code=found.code,
        name=_signature(found),
        level=found.level,
        parent=superior.code if superior else None,
        blocs=tuple(b.id for b in directory.blocs_of(found.code)),
    )
