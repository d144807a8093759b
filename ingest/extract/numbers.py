"""Finders for numbers with a check or a shape: codes (USCC, ID card), waybills and phones.

Candidates are found with regexes over the normalised text, tolerating single spaces or
dashes between digits ("138 1234 5678", "350304 19900307 1234"); the graph's identifier
types (``cluehub.graph.identifiers``) decide what they are and give the canonical value.

Traps handled here: an 18-digit string that is a valid resident ID is an ID_CARD, never a
USCC; a string of digits only is taken for a USCC only when it cannot be an order number (a
USCC word stands next to it, or, for a valid check digit, its division code names a known
city); a USCC with a wrong check digit is kept as USCC_INVALID for review under the same
condition (letters count as a USCC word); numbers after order, ticket or bank-card words
are claimed first so they never become waybills or phones; a bare 12–15 digit number is a
waybill only right after a waybill word.
"""

from __future__ import annotations

import re

from stdnum.cn import ric

from cluehub.graph import regions
from cluehub.graph.identifiers import (
    ID_CARD,
    PHONE,
    UNKNOWN_CARRIER,
    USCC,
    WAYBILL,
    InvalidIdentifier,
)

from . import entity as T
from . import lexicon as L
from .entity import Hit
from .scan import Scan

_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_ALNUM_AFTER = r"(?![0-9A-Za-z])"
_SEP = r"[ \-]"

# 18 characters of a USCC or ID number: contiguous first, then with single separators
# (which must not start or end inside a longer spaced run).
_CODE_TIGHT = re.compile(_ALNUM_BEFORE + r"[0-9A-Za-z]{18}" + _ALNUM_AFTER)
_CODE_SPACED = re.compile(
    _ALNUM_BEFORE
    + rf"(?<![0-9A-Za-z]{_SEP})(?:[0-9A-Za-z]{_SEP}?){{17}}[0-9A-Za-z]"
    + rf"(?!{_SEP}?[0-9A-Za-z])"
)
_CODE_SHAPE = re.compile(r"[0-9A-Z]{2}\d{6}[0-9A-Z]{10}")
_ID_SHAPE = re.compile(r"\d{17}[0-9X]")

_WAYBILL_PREFIXED = re.compile(
    _ALNUM_BEFORE
    + rf"(?:(?:SF|JT|YT){_SEP}?\d(?:{_SEP}?\d){{10,12}}"
    + r"|JD[0-9A-Z]{10,15}"
    + r"|[A-Z]{2}\d{9}[A-Z]{2})"
    + _ALNUM_AFTER,
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(rf"\d(?:{_SEP}?\d){{11,14}}" + _ALNUM_AFTER)
# What may stand between a waybill word and its number: "号码为：", "(中通)"…
_WAYBILL_GAP = re.compile(r"[^0-9A-Za-z。;!?,，、\n；！？\ue000]{0,10}?(?=\d)")
_LIST_SEP = re.compile(r"\s*[、,/和及与]\s*|\s+")

_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])(?<!\d[ \-])"
    rf"(?:(?:\+|00)?86{_SEP}?)?1[3-9]\d(?:{_SEP}?\d{{4}}){{2}}"
    rf"(?!{_SEP}?\d)(?![A-Za-z])"
)
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?<!\d[ \-])"
    rf"(?:\(0\d{{2,3}}\)\s?|0\d{{2,3}}{_SEP}?)[2-9]\d{{2,3}}{_SEP}?\d{{4}}"
    rf"(?!{_SEP}?\d)(?![A-Za-z])"
)
_LANDLINE_E164 = re.compile(
    rf"(?<![0-9A-Za-z])(?:\+|00)86{_SEP}?[2-9]\d{{1,2}}{_SEP}?\d{{3,4}}{_SEP}?\d{{4}}"
    rf"(?!{_SEP}?\d)(?![A-Za-z])"
)
_SERVICE = re.compile(
    rf"(?<![0-9A-Za-z])[48]00{_SEP}?\d{{3}}{_SEP}?\d{{4}}(?!{_SEP}?\d)(?![A-Za-z])"
)
# What an order-word's number looks like: letters, digits and separators.
_ORDER_GAP = re.compile(r"[^0-9A-Za-z。;!?,，、\n；！？\ue000]{0,8}?(?=[0-9A-Za-z])")
_ORDER_NUMBER = re.compile(rf"[0-9A-Za-z](?:{_SEP}?[0-9A-Za-z])*")


def _compact(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


def claim_order_numbers(scan: Scan) -> None:
    """Mask the number after each order, ticket or bank-card word (no entity is made)."""
    waybill_words = scan.of(L.T_WAYBILL)
    for mark in scan.of(L.T_ORDER):
        gap = _ORDER_GAP.match(scan.masked, mark.end)
        if gap is None or any(mark.end <= w.start < gap.end() for w in waybill_words):
            continue  # "订单已发货 运单号 SF…": the number is the waybill's
        number = _ORDER_NUMBER.match(scan.masked, gap.end())
        if number is not None and sum(c.isdigit() for c in number.group()) >= 4:
            scan.claim(number.start(), number.end())


def _uscc_word_before(scan: Scan, start: int) -> bool:
    return scan.nearest(L.T_USCC, start, start, window=12) is not None


def find_codes(scan: Scan) -> list[Hit]:
    """USCCs (valid or with a wrong check digit) and resident ID numbers."""
    hits: list[Hit] = []
    for pattern in (_CODE_TIGHT, _CODE_SPACED):
        for match in pattern.finditer(scan.masked):
            compact = _compact(match.group())
            if not _CODE_SHAPE.fullmatch(compact):
                continue
            hit = _classify_code(scan, compact, match.start(), match.end())
            if hit is not None:
                hits.append(hit)
                scan.claim(match.start(), match.end())
    return hits


def _id_checksum_holds(compact: str) -> bool:
    return ric.calc_check_digit(compact) == compact[-1]


def _classify_code(scan: Scan, compact: str, start: int, end: int) -> Hit | None:
    """ID card first; then USCC. A string of digits only is a USCC (valid or not) only with
    a USCC word before it, or (valid ones) when its division code names a known city: one
    random 18-digit number in 31 passes the check digit, order numbers included."""
    if _ID_SHAPE.fullmatch(compact):
        if ID_CARD.is_valid(compact):
            return Hit(T.ID_CARD, ID_CARD.clean(compact), start, end)
        if _id_checksum_holds(compact):
            return None  # a resident ID with an impossible birth place or date: not a USCC
    if USCC.check_format(compact) is None:
        return None
    has_letters = not compact[:-1].isdigit()
    announced = has_letters or _uscc_word_before(scan, start)
    if USCC.is_valid(compact) and (announced or _known_city(compact[2:8])):
        return Hit(T.USCC, USCC.clean(compact), start, end)
    if not USCC.is_valid(compact) and announced:
        return Hit(T.USCC_INVALID, compact, start, end)
    return None


def _known_city(division: str) -> bool:
    return regions.get(division[:4] + "00") is not None


def find_prefixed_waybills(scan: Scan) -> list[Hit]:
    """Waybills whose letters name the carrier (SF…, JT…, YT…, JD…, EMS S10 …CN)."""
    hits: list[Hit] = []
    for match in _WAYBILL_PREFIXED.finditer(scan.masked):
        compact = _compact(match.group())
        carrier = "EMS" if re.fullmatch(r"[A-Z]{2}\d{9}[A-Z]{2}", compact) else None
        try:
            value = WAYBILL.clean(compact, carrier=carrier)
        except InvalidIdentifier:
            continue
        hits.append(Hit(T.WAYBILL, value, match.start(), match.end()))
        scan.claim(match.start(), match.end())
    return hits


def find_bare_waybills(scan: Scan) -> list[Hit]:
    """12–15 digit numbers right after a waybill word; carrier from a nearby carrier name."""
    hits: list[Hit] = []
    for mark in scan.of(L.T_WAYBILL):
        gap = _WAYBILL_GAP.match(scan.masked, mark.end)
        position = gap.end() if gap else -1
        while position >= 0:
            number = _BARE_NUMBER.match(scan.masked, position)
            if number is None or not _digit_boundary_before(scan.masked, position):
                break
            carrier = scan.nearest(L.CARRIER, mark.start, number.end(), window=16)
            value = _waybill_value(_compact(number.group()), carrier.id if carrier else None)
            hits.append(Hit(T.WAYBILL, value, number.start(), number.end()))
            scan.claim(number.start(), number.end())
            separator = _LIST_SEP.match(scan.masked, number.end())
            position = separator.end() if separator else -1
    return hits


def _digit_boundary_before(text: str, position: int) -> bool:
    return position == 0 or not (text[position - 1].isascii() and text[position - 1].isalnum())


def _waybill_value(number: str, carrier: str | None) -> str:
    """CARRIER:NUMBER when the number fits the carrier's pattern, else UNK:NUMBER."""
    if carrier:
        try:
            return WAYBILL.clean(number, carrier=carrier)
        except InvalidIdentifier:
            pass
    return WAYBILL.clean(number, carrier=UNKNOWN_CARRIER)


def find_phones(scan: Scan) -> list[Hit]:
    """Mobiles, landlines with area code and 400/800 service numbers, as E.164."""
    hits: list[Hit] = []
    for pattern in (_MOBILE, _LANDLINE, _LANDLINE_E164, _SERVICE):
        for match in pattern.finditer(scan.masked):
            try:
                value = PHONE.clean(match.group())
            except InvalidIdentifier:
                continue
            hits.append(Hit(T.PHONE, value, match.start(), match.end()))
            scan.claim(match.start(), match.end())
    return hits
