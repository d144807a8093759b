"""Timed job: find removed listings that came back (重复侵权) and raise repeat alerts.

For every removed listing it asks the entity graph (``queries.REAPPEARANCES``) for
listings seen after the removal that are the same listing, in the same shop, in a shop
sharing a seller phone, or run by the same company (USCC). An alert's key is derived from
the removed and the new listing, so running the job again raises nothing twice.
"""

from __future__ import annotations

import hashlib

from cluehub.cases import audit, documents, queries
from cluehub.cases.context import RANDOM_IDS, IdSource
from cluehub.graph import identifiers
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import ALERT, RepeatAlert, TakedownItem

JOB = "detect_repeats"
PAGE = 500
VIA_ORDER = ("same_listing", "shop", "uscc", "phone")  # strongest link first


def alert_key(removed_listing: str, new_listing: str) -> str:
    digest = hashlib.sha1(f"{removed_listing}|{new_listing}".encode()).hexdigest()[:20]
    return f"rep-{digest}"


def _removed_items(store: GraphStore) -> dict[str, TakedownItem]:
    """The latest removal of each removed listing."""
    latest: dict[str, TakedownItem] = {}
    skip = 0
    while True:
        docs = store.docs(
            queries.TAKEDOWN_ITEMS_BY_ACTION, {"action": "removed"}, limit=PAGE, skip=skip
        )
        for doc in docs:
            item = documents.from_doc(TakedownItem, doc)
            held = latest.get(item.listing_key)
            if held is None or (item.acted_at or 0) > (held.acted_at or 0):
                latest[item.listing_key] = item
        if len(docs) < PAGE:
            return latest
        skip += PAGE


def detect_repeats(
    store: GraphStore, *, now_ms: int, ids: IdSource = RANDOM_IDS
) -> list[RepeatAlert]:
    """Raise an alert for every new reappearance of a removed listing's seller."""
    removed = _removed_items(store)
    listings = sorted(removed)
    found: dict[str, RepeatAlert] = {}
    for start in range(0, len(listings), PAGE):
        chunk = listings[start : start + PAGE]
        items = [{"listing": k, "after": removed[k].acted_at} for k in chunk]
        rows = store.run(queries.REAPPEARANCES, {"items": items})
        rows.sort(key=lambda r: VIA_ORDER.index(r["via"]))
        for row in rows:
            key = alert_key(row["removed"], row["listing"])
            if key in found:
                continue
            item = removed[row["removed"]]
            found[key] = RepeatAlert(
                key=key,
                removed_listing=item.listing_key,
                notice=item.notice,
                bureau=item.from_bureau,
                new_listing=row["listing"],
                new_platform=identifiers.LISTING.platform_of(
                    identifiers.LISTING.value_of(row["listing"])
                ),
                via=row["via"],
                pivot=row["pivot"],
                seen_at=int(row["seen"]),
                removed_at=int(item.acted_at or 0),
                raised_at=now_ms,
                regions=item.regions,
            )
    existing = store.get_docs(ALERT, list(found))
    raised = []
    for key, alert in found.items():
        if key in existing:
            continue
        batch = Batch()
        documents.put(batch, ALERT, alert)
        audit.by_system(
            batch,
            ids,
            job=JOB,
            now_ms=now_ms,
            operation="takedown.repeat_alert",
            object_keys=[alert.key, alert.removed_listing, alert.new_listing, alert.pivot],
            reason=f"重复侵权: {alert.new_listing} shares {alert.via} "
            f"with removed {alert.removed_listing}",
            bureau=alert.bureau,
        )
        store.write(batch)
        raised.append(alert)
    return raised
