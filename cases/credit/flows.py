"""Multi-step: a repeat alert (重复侵权) puts its infringer on the case's credit record.

The scheduled job raises a repeat alert when a removed listing's seller shows up again
(``takedown.scheduled``). When the takedown notice was sent for a joint case, the
infringer behind the listing that came back goes on that case's credit record as a
repeat infringer (legal basis ``trademark_law_60_2``), recorded for the bureau the alert
went to and pending a supervisor's review like every entry (the export refuses until a
supervisor approved the quarter's entries as they are).

Who the infringer is: the company (USCC) the alert linked by; otherwise the company that
runs the shop of the new listing; otherwise that shop. Once per infringer, case and
quarter (of when the listing was seen again): a second alert on the same seller, a rerun
of the job or a bureau's own repeat entry make no second entry. A notice sent without a
case makes no entry: a credit entry names its case (案件编号).
"""

from __future__ import annotations

from collections.abc import Iterable

from cluehub.cases import queries
from cluehub.cases.context import RANDOM_IDS, IdSource
from cluehub.cases.errors import NotFound
from cluehub.cases.takedown import service as takedowns
from cluehub.cases.takedown.models import RepeatAlert, Via
from cluehub.graph.store import GraphStore

from . import service
from .models import CreditEntry

JOB = "credit_repeats"
VIA_LABELS: dict[str, str] = {
    Via.SAME_LISTING: "同一商品链接重新上架",
    Via.SHOP: "同一店铺",
    Via.PHONE: "同一卖家联系电话",
    Via.USCC: "同一经营企业（统一社会信用代码）",
}


def infringer_of(alert: RepeatAlert, operators: dict[str, tuple[str, str | None]]) -> str | None:
    """The credit subject behind an alert (pure): the linking company, else the company
    running the new listing's shop, else that shop; None when the listing has no shop."""
    if alert.via == Via.USCC:
        return alert.pivot
    found = operators.get(alert.new_listing)
    if found is None:
        return None
    shop, company = found
    return company or shop


def facts_of(alert: RepeatAlert) -> str:
    """What the entry says was found (no phone numbers or names: only listing ids)."""
    return (
        f"重复侵权: 经通知 {alert.notice} 删除的 {alert.removed_listing} 之后, "
        f"{alert.new_listing} ({alert.new_platform}) 再次上架, {VIA_LABELS[alert.via]}"
        f" (repeat alert {alert.key})"
    )


def credit_repeat_infringers(
    store: GraphStore,
    alerts: Iterable[RepeatAlert],
    *,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> list[CreditEntry]:
    """Record the pending repeat-infringer entries of new repeat alerts; returns the new
    entries (none for alerts whose notice has no case, or whose infringer is on the
    case's record for the quarter already)."""
    on_cases = []
    for alert in alerts:
        try:
            case_id = takedowns.get_notice(store, alert.notice).case_id
        except NotFound:
            continue
        if case_id is not None:
            on_cases.append((alert, case_id))
    listings = sorted({a.new_listing for a, _ in on_cases if a.via != Via.USCC})
    operators: dict[str, tuple[str, str | None]] = {}
    if listings:
        for row in store.run(queries.LISTING_OPERATORS, {"keys": listings}):
            held = operators.get(row["listing"])
            if held is None or (held[1] is None and row["company"] is not None):
                operators[row["listing"]] = (row["shop"], row["company"])
    recorded = []
    for alert, case_id in on_cases:
        subject = infringer_of(alert, operators)
        if subject is None:
            continue
        entry = service.record_repeat(
            store,
            case_id=case_id,
            subject_key=subject,
            facts=facts_of(alert),
            decided_at_ms=min(alert.seen_at, now_ms),
            bureau=alert.bureau,
            alert_id=alert.key,
            job=JOB,
            now_ms=now_ms,
            ids=ids,
        )
        if entry is not None:
            recorded.append(entry)
    return recorded
