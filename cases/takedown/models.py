"""Takedown notices, their per-listing answers and repeat alerts: records and rules.

A bureau sends a platform partner a notice for listings (通知), naming its legal basis
(:data:`LEGAL_BASES`); the partner answers per listing through its feed (删除:
``removed``, or ``rejected`` / ``not_found``) and, once it has published a removal
(公示), confirms that too (``published``). The public publicity page is made from the
removed items (``cases.publicity``). A removed
listing can come back: the same listing seen again, or the same shop, seller phone or
company (USCC) on another listing or platform after the removal — a repeat alert
(重复侵权, 002 §6) goes to the bureau that issued the notice.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from cluehub.cases.periods import HOUR_MS
from cluehub.graph import model

NOTICE = "TakedownNotice"
ITEM = "TakedownItem"
ALERT = "RepeatAlert"
model.register_document(
    model.DocumentKind(
        NOTICE,
        "A takedown notice (通知—删除) to a platform.",
        ("platform", "from_bureau", "case_id"),
    )
)
model.register_document(
    model.DocumentKind(
        ITEM,
        "One listing of a takedown notice and the platform's answer.",
        ("notice", "listing_key", "action"),
    )
)
model.register_document(
    model.DocumentKind(
        ALERT, "A removed listing's seller seen again (重复侵权).", ("bureau", "status")
    )
)


class Action(StrEnum):
    """A platform's answer for one listing."""

    REMOVED = "removed"
    REJECTED = "rejected"
    NOT_FOUND = "not_found"


ACTIONS: tuple[Action, ...] = tuple(Action)


class Via(StrEnum):
    """What a reappearing listing shares with the removed one."""

    SAME_LISTING = "same_listing"
    SHOP = "shop"
    PHONE = "phone"
    USCC = "uscc"


# The legal basis a notice names, as the publicity page shows it (no free text: a
# bureau's reason may name people, the publicity page must not).
LEGAL_BASES: dict[str, str] = {
    "trademark_law_57": "《中华人民共和国商标法》第五十七条（侵犯注册商标专用权）",
    "patent_law_68": "《中华人民共和国专利法》第六十八条（假冒专利）",
    "trademark_law_16": "《中华人民共和国商标法》第十六条（地理标志）",
    "ecommerce_law_45": "《中华人民共和国电子商务法》第四十五条（平台知识产权保护义务）",
    "olympic_marks": "《奥林匹克标志保护条例》",
    "special_marks": "《特殊标志管理条例》",
}
DEFAULT_BASIS = "trademark_law_57"


@dataclass(frozen=True, slots=True)
class TakedownNotice:
    key: str
    platform: str
    from_bureau: str
    listing_keys: tuple[str, ...]
    reason: str  # the legal ground and the right infringed
    issued_at: int
    issued_by: str
    case_id: str | None = None
    legal_basis: str = DEFAULT_BASIS
    regions: tuple[str, ...] = ()  # issuing bureau's lineage


@dataclass(frozen=True, slots=True)
class TakedownItem:
    key: str  # '<notice>/<listing key>'
    notice: str
    listing_key: str
    platform: str
    from_bureau: str
    issued_at: int
    action: Action | None = None  # None until the platform answers
    acted_at: int | None = None
    recorded_at: int | None = None
    note: str = ""
    legal_basis: str = DEFAULT_BASIS
    published_at: int | None = None  # when the platform published the removal (公示)
    regions: tuple[str, ...] = ()

    @property
    def removal_ms(self) -> int | None:
        if self.action != Action.REMOVED or self.acted_at is None:
            return None
        return self.acted_at - self.issued_at


@dataclass(frozen=True, slots=True)
class RepeatAlert:
    key: str
    removed_listing: str
    notice: str
    bureau: str  # the bureau that issued the notice: it is alerted
    new_listing: str
    new_platform: str
    via: Via
    pivot: str  # the shared shop, phone or company key
    seen_at: int
    removed_at: int
    raised_at: int
    status: Literal["open", "closed"] = "open"
    regions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemovalTimes:
    """Time from notice to removal on one platform, in hours."""

    platform: str
    answered: int
    removed: int
    median_hours: float | None
    mean_hours: float | None
    max_hours: float | None


def item_key(notice_id: str, listing_key: str) -> str:
    return f"{notice_id}/{listing_key}"


def summarise(items: Iterable[TakedownItem]) -> dict[str, RemovalTimes]:
    """Removal times per platform of answered items (pure)."""
    by_platform: dict[str, list[TakedownItem]] = {}
    for item in items:
        if item.action is not None:
            by_platform.setdefault(item.platform, []).append(item)
    summary = {}
    for platform, answered in sorted(by_platform.items()):
        hours = [i.removal_ms / HOUR_MS for i in answered if i.removal_ms is not None]
        summary[platform] = RemovalTimes(
            platform=platform,
            answered=len(answered),
            removed=len(hours),
            median_hours=statistics.median(hours) if hours else None,
            mean_hours=statistics.fmean(hours) if hours else None,
            max_hours=max(hours) if hours else None,
        )
    return summary
