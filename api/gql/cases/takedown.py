"""Takedowns (``cases.takedown``, 通知—删除—公示): notices to platforms, their answers per
listing, time to removal, and repeat alerts (重复侵权) when a removed seller comes back."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cluehub.cases.takedown import models
from cluehub.cases.takedown import service as takedowns
from cluehub.cases.takedown.models import Action, Via

from ..context import Info
from ..types import Bureau
from .bridge import KEYS, call, call_hidden, command, page_size, term
from .shapes import FromRecord, entity_field, expose, hours, read

expose(Action, "TakedownAction")
expose(Via, "RepeatVia")


@strawberry.type(description="Time from notice to removal on one platform, in hours.")
class RemovalTimes(FromRecord):
    platform: str
    answered: int
    removed: int
    median_hours: float | None
    mean_hours: float | None
    max_hours: float | None


@strawberry.type(description="One listing of a takedown notice and the platform's answer.")
class TakedownResult(FromRecord):
    listing_key: strawberry.Private[str]
    action: Action | None = strawberry.field(
        description="Null until the platform answers through its feed."
    )
    acted_at: datetime | None = strawberry.field(
        description="When the platform acted, as it reports."
    )
    recorded_at: datetime | None = strawberry.field(description="When the hub recorded the answer.")
    note: str
    time_to_removal_hours: float | None = read(
        "removal_ms",
        convert=hours,
        description="From the notice to the removal (null unless removed).",
    )

    listing = entity_field("listing_key")


@strawberry.type(description="A takedown notice (通知—删除) to one platform.")
class TakedownNotice(FromRecord):
    id: strawberry.ID
    platform: str
    from_: Bureau | None = read("from_bureau", name="from", description="The issuing bureau.")
    reason: str = strawberry.field(description="The legal ground and the right infringed.")
    issued_at: datetime | None
    issued_by: str
    case_id: strawberry.ID | None

    @strawberry.field(description="Each listing and the platform's answer.")
    async def results(self, info: Info) -> list[TakedownResult]:
        items = await call(info, takedowns.items_of, notice_id=str(self.id))
        return [TakedownResult.of(item) for item in items]

    @strawberry.field(description="Time to removal of the answered listings.")
    async def removal_times(self, info: Info) -> RemovalTimes | None:
        times = await call(info, takedowns.notice_removal_times, notice_id=str(self.id))
        return RemovalTimes.of(times) if times else None


@strawberry.type(description="A removed listing's seller seen again (重复侵权).")
class RepeatAlert(FromRecord):
    id: strawberry.ID
    removed_listing_key: strawberry.Private[str] = read("removed_listing")
    notice_id: strawberry.ID = read("notice")
    bureau: Bureau | None = strawberry.field(
        description="The bureau that issued the notice, alerted."
    )
    new_listing_key: strawberry.Private[str] = read("new_listing")
    new_platform: str
    via: Via
    pivot_key: strawberry.Private[str] = read("pivot")
    seen_at: datetime | None
    removed_at: datetime | None
    raised_at: datetime | None
    status: str

    removed_listing = entity_field("removed_listing_key")
    new_listing = entity_field("new_listing_key", "The new listing (null if outside your scope).")
    pivot = entity_field("pivot_key", "The shared shop, phone or company (null if outside scope).")


@strawberry.input(description="Without `caseId`: the notices your bureau issued.")
class TakedownNoticeFilter:
    case_id: strawberry.ID | None = None
    platform: str | None = None


@strawberry.input(description="A takedown notice (通知—删除) to one platform.")
class IssueTakedownInput:
    listing_ids: list[strawberry.ID] = term("listing_keys", KEYS)
    platform: str
    reason: str
    case_id: strawberry.ID | None = None
    legal_basis: str = strawberry.field(
        default=models.DEFAULT_BASIS,
        description="What the publicity (公示) shows: " + ", ".join(models.LEGAL_BASES),
    )


@strawberry.type
class TakedownQuery:
    @strawberry.field(description="Takedown notices (通知—删除) and the platforms' answers.")
    async def takedown_notices(
        self, info: Info, filter: TakedownNoticeFilter | None = None, first: int = 50
    ) -> list[TakedownNotice] | None:
        where = filter or TakedownNoticeFilter()
        case_id = str(where.case_id) if where.case_id is not None else None
        found = await call_hidden(
            info,
            f"joint case '{case_id}'",
            takedowns.notices,
            case_id=case_id,
            platform=where.platform,
            limit=page_size(info, first),
        )
        return [TakedownNotice.of(n) for n in found]

    @strawberry.field(description="Repeat alerts (重复侵权) on your bureau's takedown notices.")
    async def repeat_alerts(
        self, info: Info, status: str = "open", first: int = 50
    ) -> list[RepeatAlert] | None:
        found = await call(
            info, takedowns.repeat_alerts, status=status, limit=page_size(info, first)
        )
        return [RepeatAlert.of(a) for a in found]


@strawberry.type
class TakedownMutation:
    @command(takedowns.issue_takedown)
    def issue_takedown(self, input: IssueTakedownInput) -> TakedownNotice | None:
        """Send a platform a takedown notice in your bureau's name."""
