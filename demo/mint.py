"""Minting identifiers for the demo world: valid for their type and unique in one world.

Uniqueness without remembering: every number comes from a counter passed through a
bijection of ``[0, 10^k)`` (a small decimal Feistel network), so numbers look
random, never repeat within a world and the generator keeps constant memory however large
the world (a fixed head such as a mobile prefix is drawn first, each head its own counter).
Only deliberate sharing (one seller phone on several shops) makes two records meet.

Forms follow the identifier types in ``cluehub.graph.identifiers``: mobiles 1[3-9]x on
prefixes phonenumbers accepts, landlines with the place's area code, USCCs with the
GB 32100 check digit (stdnum), waybill numbers in each carrier's pattern (EMS S10 numbers
with their check digit), platform-shaped shop and listing ids and URLs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from stdnum.cn import uscc as stdnum_uscc

from cluehub.graph import identifiers as ids

# Mobile prefixes whose every 8-digit suffix phonenumbers accepts as a valid CN mobile.
MOBILE_PREFIXES: tuple[str, ...] = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183",
    "185", "186", "187", "188", "189", "198", "199",
)  # fmt: skip
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
_LETTERS = "ABCDEFGHJKLMNPQRTUWXY"
# Carrier -> (fixed head, random digits after it), matching ids.CARRIERS patterns.
_LETTER_PREFIXED = {"SF": ("SF1", 12), "JT": ("JT3", 12), "YT": ("YT7", 12), "JD": ("JDVA", 11)}
_DIGITS_ONLY = {"ZTO": ("75", 12), "STO": ("77", 11), "YD": ("43", 11)}


@dataclass(slots=True)
class Sequence:
    """Distinct, random-looking ``digits``-digit numbers: a counter through a four-round
    decimal Feistel network (a bijection of ``[0, 10^digits)``, so no value repeats)."""

    digits: int
    keys: tuple[int, ...]
    n: int = 0

    @classmethod
    def of(cls, digits: int, rng: random.Random) -> Sequence:
        if digits < 2:
            raise ValueError(f"a sequence needs at least 2 digits, got {digits}")
        return cls(digits, tuple(rng.randrange(1, 10**digits) for _ in range(4)))

    def next(self) -> int:
        if self.n >= 10**self.digits:
            raise OverflowError(f"sequence of {10**self.digits} numbers is used up")
        low = self.digits // 2
        high = self.digits - low
        left, right = divmod(self.n, 10**low)  # left has `high` digits, right `low`
        self.n += 1
        for key in self.keys:  # (L, R) -> (R, L + F(R)): invertible whatever F is
            mixed = (right * right + key * right + key // 7) % 10**high
            left, right = right, (left + mixed) % 10**high
            high, low = low, high
        return left * 10**low + right


def _digits(value: int, width: int) -> str:
    return str(value).zfill(width)


def _base31(value: int, width: int) -> str:
    chars = []
    for _ in range(width):
        value, rest = divmod(value, 31)
        chars.append(_USCC_ALPHABET[rest])
    return "".join(reversed(chars))


@dataclass(slots=True)
class Mint:
    """All identifier counters of one world; pass one Mint through the whole generation."""

    rng: random.Random
    _sequences: dict[str, Sequence] = field(default_factory=dict)

    def _next(self, name: str, digits: int) -> int:
        sequence = self._sequences.get(name)
        if sequence is None:
            sequence = self._sequences[name] = Sequence.of(digits, self.rng)
        return sequence.next()

    # --- phones ---------------------------------------------------------------------

    def mobile(self) -> str:
        """A new 11-digit mobile number, e.g. ``13905941234``."""
        prefix = self.rng.choice(MOBILE_PREFIXES)
        return prefix + _digits(self._next(f"mobile:{prefix}", 8), 8)

    def landline(self, area_code: str, digits: int) -> str:
        """A new landline with its area code, ``0594-2345678``, valid for phonenumbers."""
        for _ in range(20):
            first = self.rng.randint(2, 8)
            rest = self._next(f"landline:{area_code}:{first}", digits - 1)
            number = f"{area_code}-{first}{_digits(rest, digits - 1)}"
            if ids.PHONE.is_valid(number):
                return number
        raise ValueError(f"area code {area_code} with {digits} digits gives no valid number")

    # --- companies ------------------------------------------------------------------

    def uscc(self, region: str, *, individual: bool = False) -> str:
        """A new USCC in ``region``: 91 (company) or 92 (individual business) + MA… + check."""
        head = ("92" if individual else "91") + region + "MA"
        body = head + _base31(self._next("uscc", 10), 7)
        return body + stdnum_uscc.calc_check_digit(body)

    # --- platforms ------------------------------------------------------------------

    def shop_id(self, platform: str) -> str:
        if platform == "1688":
            return f"b2b-22{_digits(self._next('shop:1688', 9), 9)}"
        lead = self.rng.randint(1, 9)
        return f"{lead}{_digits(self._next(f'shop:{platform}:{lead}', 8), 8)}"

    def listing_id(self, platform: str) -> str:
        space = "taobao" if platform == "tmall" else platform  # one item-id space
        if platform == "douyin":
            return "3" + _digits(self._next("item:douyin", 18), 18)
        if platform == "jd":
            return "100" + _digits(self._next("item:jd", 9), 9)
        if platform == "pdd":
            return "5" + _digits(self._next("item:pdd", 10), 10)
        if platform == "kuaishou":
            return "2" + _digits(self._next("item:kuaishou", 10), 10)
        return "6" + _digits(self._next(f"item:{space}", 11), 11)

    # --- waybills -------------------------------------------------------------------

    def waybill_no(self, carrier: str) -> str:
        """A new waybill number valid for ``carrier`` (see ``ids.CARRIERS``)."""
        if carrier in _LETTER_PREFIXED:
            head, digits = _LETTER_PREFIXED[carrier]
            return head + _digits(self._next(f"wb:{carrier}", digits), digits)
        if carrier in _DIGITS_ONLY:
            head, digits = _DIGITS_ONLY[carrier]
            return head + _digits(self._next(f"wb:{carrier}", digits), digits)
        if carrier == "EMS":  # mostly domestic 13-digit numbers, some S10 (EA12345678?CN)
            if self.rng.random() < 0.8:
                return "110" + _digits(self._next("wb:EMS", 10), 10)
            letter = self.rng.choice(_LETTERS)
            serial = _digits(self._next(f"wb:EMS:{letter}", 8), 8)
            return f"E{letter}{serial}{ids.s10_check_digit(serial)}CN"
        raise ValueError(
            f"no waybill form for carrier '{carrier}' (known: {', '.join(ids.CARRIERS)})"
        )


def listing_url(platform: str, listing_id: str) -> str:
    """The address a browser shows for a listing on ``platform``."""
    return {
        "tmall": f"https://detail.tmall.com/item.htm?id={listing_id}",
        "taobao": f"https://item.taobao.com/item.htm?id={listing_id}",
        "jd": f"https://item.jd.com/{listing_id}.html",
        "pdd": f"https://mobile.yangkeduo.com/goods.html?goods_id={listing_id}",
        "douyin": f"https://haohuo.jinritemai.com/views/product/detail?id={listing_id}",
        "kuaishou": f"https://app.kwaixiaodian.com/merchant/shop/detail?id={listing_id}",
        "1688": f"https://detail.1688.com/offer/{listing_id}.html",
    }[platform]
