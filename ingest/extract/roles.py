"""Whose is each identifier in a complaint: the complainant's, the accused's, or another's.

A complaint names two kinds of people: the one complaining (投诉人, 来电人, 消费者, 我…) and
the one complained about (卖家, 店铺, 客服, 发货地, 厂家…), and sometimes a third party
(快递员, 执法人员). The complainant is a victim: their phone, name, ID number and address
are personal data to protect, never a lead to trace from (DOMAIN.md, 000 §12). Tracing
from them would follow every parcel they ever received, to every seller they bought from.

Rule: a phone, person, ID number or address takes the role of the nearest role word
before it in the same clause (。；！？ and line breaks end a clause; commas do not:
"投诉人曹娟佳，电话18742560328" is the complainant's phone), within ``WINDOW``
characters; without one it is ``other`` (a neutral mention, still a lead). Other entity
types (shops, waybills, companies, brands, links) are never personal data of a
complainant and keep ``other`` unless an accused word announces them. Two refinements:
a place right after a verb of place (在, 从, 位于…: where goods were bought or stored) is
the accused's whoever speaks; a phone opening a clause as 联系电话 in a text that has a
complainant is the complainant's (the hotline ticket's own contact field).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, Literal

from . import entity as T
from . import lexicon as L
from .entity import Hit
from .scan import Mark, Scan

Role = Literal["complainant", "accused", "other"]
COMPLAINANT: Final = "complainant"
ACCUSED: Final = "accused"
OTHER: Final = "other"
ROLES: Final = (COMPLAINANT, ACCUSED, OTHER)
WINDOW: Final = 40
# Types that can be a complainant's personal data.
PERSONAL: Final = frozenset({T.PHONE, T.PERSON, T.ID_CARD, T.ADDRESS})
_ROLE_OF_LABEL: Final = {L.R_COMPLAINANT: COMPLAINANT, L.R_ACCUSED: ACCUSED, L.R_OTHER: OTHER}


def _words(scan: Scan) -> list[tuple[Mark, str]]:
    found = [(m, _ROLE_OF_LABEL[label]) for label in _ROLE_OF_LABEL for m in scan.of(label)]
    return sorted(found, key=lambda f: (f[0].end, f[0].end - f[0].start))


# Right before a place: where goods were bought, sold, stored or inspected (在…购买, 从…购进,
# 执法人员对…检查, 位于…): the accused's place, whoever speaks.
_ACT_BEFORE = re.compile(r"(?:(?<![住居])在|从|到|于|对|去|位于|来自)$")
# A clause that opens with a contact phone, in a text with a complainant: the caller's.
_CONTACT_OPENS = re.compile(r"(?:^|[。；！？\n\s])(?:联系电话|联系方式|联系手机|回访电话)[:：\s]*$")


def role_of(scan: Scan, hit: Hit, words: list[tuple[Mark, str]]) -> str:
    """The role of one entity (module docstring)."""
    if hit.type in (T.ADDRESS, T.SHOP) and _ACT_BEFORE.search(scan.text, 0, hit.start):
        return ACCUSED
    if (
        hit.type == T.PHONE
        and _CONTACT_OPENS.search(scan.text, max(0, hit.start - 12), hit.start)
        and any(role == COMPLAINANT for _, role in words)
    ):
        return COMPLAINANT
    best: str = OTHER
    for mark, role in words:
        if mark.end > hit.start:
            break
        if hit.start - mark.end > WINDOW or not scan.same_clause(mark.end, hit.start):
            continue
        best = role  # words are in end order: the last one that fits is the nearest
    if hit.type not in PERSONAL and best == COMPLAINANT:
        return OTHER  # 消费者反映在“某某店”购买: the shop is not the complainant's
    return best


def assign(scan: Scan, hits: Iterable[Hit]) -> list[str]:
    """The role of each hit, in order."""
    words = _words(scan)
    return [role_of(scan, hit, words) for hit in hits]
