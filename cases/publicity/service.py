"""Publicity (通知—删除—公示, 003 §2.3, 004 §2.2): what the public may read of takedowns.

The entries are made from the takedown ledger alone: every listing a platform removed
on a bureau's notice, newest first, per platform. An entry holds only what may be
published — the platform, the listing's and its shop's ids on that platform, the action,
its date, the notice's legal basis (from a fixed table: never a bureau's free text),
the issuing bureau (an authority, not a person) and, once the platform confirmed it,
the date the platform published the outcome itself (feed action ``published``). No
seller name, phone, address, shop name or complaint text is read, so none can show.

Nobody signs in to read it: the reads are not scoped and not audited (nothing in them
is personal); the api room serves them rate limited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cluehub.cases import bureaus, documents, queries
from cluehub.cases.errors import InvalidInput
from cluehub.cases.periods import CST
from cluehub.cases.takedown.models import LEGAL_BASES, TakedownItem
from cluehub.graph import identifiers
from cluehub.graph.store import GraphStore

MAX_PAGE = 500
COLUMNS: tuple[tuple[str, str], ...] = (
    ("platform", "平台"),
    ("listing_id", "商品链接编号"),
    ("shop_id", "店铺编号"),
    ("action", "处置"),
    ("acted_on", "处置日期"),
    ("legal_basis", "法律依据"),
    ("bureau", "通知机关"),
    ("notice", "通知编号"),
    ("published_on", "平台公示日期"),
)
ACTION_LABELS = {"removed": "删除"}


@dataclass(frozen=True, slots=True)
class PublicEntry:
    """One published takedown outcome: public facts only (module docstring)."""

    platform: str
    platform_name: str
    listing_id: str
    shop_id: str | None
    action: str
    acted_on: str  # ISO date, China Standard Time
    legal_basis: str  # the label of the notice's basis
    bureau: str  # the issuing bureau's full name (county names repeat across cities)
    notice: str
    published_on: str | None

    def row(self) -> tuple[str, ...]:
        """The entry in :data:`COLUMNS` order, as the page and the export show it."""
        return (
            self.platform_name,
            self.listing_id,
            self.shop_id or "",
            ACTION_LABELS.get(self.action, self.action),
            self.acted_on,
            self.legal_basis,
            self.bureau,
            self.notice,
            self.published_on or "",
        )


def _day(ms: int | None) -> str | None:
    return datetime.fromtimestamp(ms / 1000, CST).date().isoformat() if ms else None


def entries(
    store: GraphStore, *, platform: str | None = None, limit: int = 100, skip: int = 0
) -> list[PublicEntry]:
    """The published takedown outcomes, newest removal first (of one platform, or all)."""
    if platform is not None:
        try:
            platform = identifiers.PLATFORMS_TYPE.clean(platform)
        except identifiers.InvalidIdentifier as exc:
            raise InvalidInput(f"publicity: {exc}") from None
    if not 1 <= limit <= MAX_PAGE or skip < 0:
        raise InvalidInput(f"publicity: pages hold 1..{MAX_PAGE} entries")
    rows = store.run(queries.PUBLIC_TAKEDOWNS, {"platform": platform, "skip": skip, "limit": limit})
    items = [documents.from_doc(TakedownItem, r["props"]) for r in rows]
    shops = {
        r["listing"]: r["shop"]
        for r in store.run(queries.SHOPS_OF_LISTINGS, {"keys": [i.listing_key for i in items]})
    }
    found = []
    for item in items:
        shop = shops.get(item.listing_key)
        found.append(
            PublicEntry(
                platform=item.platform,
                platform_name=identifiers.PLATFORMS.get(item.platform, item.platform),
                listing_id=identifiers.LISTING.value_of(item.listing_key).split(":", 1)[1],
                shop_id=identifiers.SHOP.value_of(shop).split(":", 1)[1] if shop else None,
                action=item.action or "",
                acted_on=_day(item.acted_at) or "",
                legal_basis=LEGAL_BASES.get(item.legal_basis, LEGAL_BASES["trademark_law_57"]),
                bureau=bureaus.get(item.from_bureau).long_name,
                notice=item.notice,
                published_on=_day(item.published_at),
            )
        )
    return found
