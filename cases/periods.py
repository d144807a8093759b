"""Quarters and periods in China Standard Time, and when quarterly statistics are due.

Quarterly enforcement statistics go to SAMR "by the 10th of each quarter's first month,
for the previous quarter" (每季度首月10日前将上季度执法数据上报总局, 003 §4.4): figures for
2026Q3 are due on 2026-10-10. China has kept UTC+8 without daylight saving since 1991, so
a fixed offset is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .errors import InvalidInput

CST = timezone(timedelta(hours=8), "CST")
HOUR_MS = 3_600_000
_QUARTER = re.compile(r"(\d{4})\s*-?\s*[Qq]([1-4])")
DUE_DAY = 10


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open interval of epoch milliseconds ``[start_ms, end_ms)``."""

    start_ms: int
    end_ms: int

    def __post_init__(self) -> None:
        if self.end_ms <= self.start_ms:
            raise InvalidInput(
                f"period end {self.end_ms} is not after its start {self.start_ms} (epoch ms)"
            )

    def contains(self, ms: int | None) -> bool:
        return ms is not None and self.start_ms <= ms < self.end_ms


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.number}"

    def __str__(self) -> str:
        return self.label

    @property
    def first_month(self) -> int:
        return 3 * (self.number - 1) + 1

    def start(self) -> datetime:
        return datetime(self.year, self.first_month, 1, tzinfo=CST)

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def period(self) -> Period:
        start = int(self.start().timestamp() * 1000)
        return Period(start, int(self.next().start().timestamp() * 1000))

    def due_date(self) -> date:
        """The 10th of the first month of the following quarter (003 §4.4)."""
        following = self.next()
        return date(following.year, following.first_month, DUE_DAY)


def parse_quarter(text: str | Quarter) -> Quarter:
    """``'2026Q3'`` (also ``2026-Q3``, ``2026q3``) to a :class:`Quarter`."""
    if isinstance(text, Quarter):
        return text
    match = _QUARTER.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match:
        raise InvalidInput(
            f"quarter '{text}' is not valid: expected YYYYQn with n in 1..4, e.g. 2026Q3"
        )
    year = int(match.group(1))
    if not 1990 <= year <= 2100:
        raise InvalidInput(f"quarter '{text}': year {year} is outside 1990..2100")
    return Quarter(year, int(match.group(2)))


def quarter_of(ms: int) -> Quarter:
    """The quarter (China Standard Time) an epoch-ms instant falls in."""
    moment = datetime.fromtimestamp(ms / 1000, CST)
    return Quarter(moment.year, (moment.month - 1) // 3 + 1)


def report_due_date(quarter: str | Quarter) -> date:
    """When the statistics of ``quarter`` are due at SAMR: ``2026Q3 -> 2026-10-10``."""
    return parse_quarter(quarter).due_date()


def as_period(value: Period | Quarter | str) -> Period:
    """A period from a period, a quarter or a quarter label."""
    if isinstance(value, Period):
        return value
    return parse_quarter(value).period()


def cst_ms(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> int:
    """Epoch ms of a China Standard Time wall-clock moment (tests, demos, CLI input)."""
    return int(datetime(year, month, day, hour, minute, tzinfo=CST).timestamp() * 1000)
