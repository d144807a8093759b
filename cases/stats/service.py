"""Quarterly statistics of a region and of each region directly below it.

Figures (003 §4.4 asks for enforcement actions, physical markets, cases investigated and
basic facts of major cases; the hub adds what it sees of coordination):

- clues received, by channel (Complaint nodes' ``channel`` and ``received_at``);
- joint cases opened and closed (by the lead bureau's region);
- enforcement actions: tasks done, by kind; distinct physical markets inspected (the
  ``Market`` nodes of the done tasks);
- transfers to police (移送公安);
- notifications received, replied, replied on time, and the two rates;
- takedowns answered per platform and time to removal;
- the basic facts of the major cases opened (重大案件基本情况): title, lead, status.

A record counts for a region when the region is in its lineage, so a province's figures
include its cities and counties. Statistics are aggregates and not audited as reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cluehub.cases import bureaus, documents, queries
from cluehub.cases.context import Actor
from cluehub.cases.errors import InvalidInput, PermissionDenied
from cluehub.cases.jointcase.models import JointCase, PoliceTransfer
from cluehub.cases.notification import service as notifications
from cluehub.cases.notification.models import Notification, ReplyStats
from cluehub.cases.periods import Quarter, parse_quarter
from cluehub.cases.takedown.models import RemovalTimes, TakedownItem, summarise
from cluehub.cases.task.models import KINDS, Task
from cluehub.graph import regions
from cluehub.graph.store import GraphStore


@dataclass(frozen=True, slots=True)
class Figures:
    clues_by_channel: dict[str, int]
    cases_opened: int
    cases_closed: int
    major_cases_opened: int
    actions_by_kind: dict[str, int]
    markets_inspected: int
    police_transfers: int
    notifications: ReplyStats
    takedowns: dict[str, RemovalTimes]

    @property
    def clues_total(self) -> int:
        return sum(self.clues_by_channel.values())

    @property
    def actions_total(self) -> int:
        return sum(self.actions_by_kind.values())


@dataclass(frozen=True, slots=True)
class RegionFigures:
    region: str
    name: str
    level: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class MajorCase:
    key: str
    title: str
    lead_bureau: str
    lead_name: str
    status: str
    opened_at: int


@dataclass(frozen=True, slots=True)
class QuarterlyStats:
    quarter: str
    region: str
    region_name: str
    level: str
    start_ms: int
    end_ms: int
    due_date: date
    total: Figures
    by_child: tuple[RegionFigures, ...] = field(default_factory=tuple)
    major_cases: tuple[MajorCase, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class _Records:
    """Everything of one quarter within the requested region, fetched once."""

    complaints: list[tuple[str, tuple[str, ...], int]]
    opened: list[JointCase]
    closed: list[JointCase]
    tasks: list[Task]
    transfers: list[PoliceTransfer]
    notifications: list[Notification]
    takedowns: list[TakedownItem]


def _within(code: str | None) -> Callable[[Iterable[str]], bool]:
    return lambda lineage: code is None or code in lineage


def figures_of(records: _Records, code: str | None, as_of_ms: int) -> Figures:
    """The figures of the records within ``code`` (None: all of them). Pure."""
    inside = _within(code)
    channels: Counter[str] = Counter()
    for channel, lineage, count in records.complaints:
        if inside(lineage):
            channels[channel] += count
    opened = [c for c in records.opened if inside(c.lead_regions)]
    done = [t for t in records.tasks if inside(t.regions)]
    kinds = Counter(t.kind for t in done)
    return Figures(
        clues_by_channel=dict(sorted(channels.items())),
        cases_opened=len(opened),
        cases_closed=sum(1 for c in records.closed if inside(c.lead_regions)),
        major_cases_opened=sum(1 for c in opened if c.major),
        actions_by_kind={kind: kinds.get(kind, 0) for kind in KINDS},
        markets_inspected=len(
            {t.market for t in done if t.market and t.market.startswith("market:")}
        ),
        police_transfers=sum(1 for p in records.transfers if inside(p.regions)),
        notifications=notifications.stats_of(
            [n for n in records.notifications if inside(n.to_regions)], as_of_ms
        ),
        takedowns=summarise(i for i in records.takedowns if inside(i.regions)),
    )


def child_regions(code: str) -> list[regions.Region]:
    """The regions directly below ``code`` that have bureaus (placeholder cities are
    looked through: Beijing's figures break down by district)."""
    children: list[regions.Region] = []
    for region in regions.all_regions():
        if region.parent != code or not bureaus.is_mainland(region.code):
            continue
        if bureaus.has_bureau(region.code):
            children.append(region)
        else:
            children.extend(child_regions(region.code))
    return sorted(children, key=lambda r: r.code)


def _fetch(store: GraphStore, scope: str | None, start: int, end: int) -> _Records:
    p = {"scope": scope, "start": start, "end": end}

    def docs(query: Any, cls: type, **extra: Any) -> list[Any]:
        return [documents.from_doc(cls, r["props"]) for r in store.run(query, p | extra)]

    complaints = [
        (str(r["channel"]), tuple(r["regions"] or ()), int(r["n"]))
        for r in store.run(queries.COMPLAINTS_BY_CHANNEL, p)
    ]
    return _Records(
        complaints=complaints,
        opened=docs(queries.CASES_OPENED, JointCase),
        closed=docs(queries.CASES_CLOSED, JointCase),
        tasks=docs(queries.TASKS_DONE, Task),
        transfers=docs(queries.POLICE_TRANSFERS, PoliceTransfer),
        notifications=docs(queries.NOTIFICATIONS_RECEIVED, Notification, bureau=None),
        takedowns=docs(queries.TAKEDOWNS_ACTED, TakedownItem, platform=None),
    )


def quarterly_stats(
    store: GraphStore, *, quarter: str | Quarter, region: str = regions.NATIONAL
) -> QuarterlyStats:
    """The figures of ``quarter`` ('2026Q3') for ``region`` and each region below it."""
    q = parse_quarter(quarter)
    area = regions.get(region) if isinstance(region, str) else None
    if area is None or not bureaus.is_mainland(region):
        raise InvalidInput(
            f"region '{region}' is not a mainland GB/T 2260 code in the table "
            "(e.g. 350000 for 福建省, 100000 for the whole country)"
        )
    period = q.period()
    scope = None if region == regions.NATIONAL else region
    records = _fetch(store, scope, period.start_ms, period.end_ms)
    return QuarterlyStats(
        quarter=q.label,
        region=region,
        region_name=regions.full_name(region) or area.name,
        level=area.level,
        start_ms=period.start_ms,
        end_ms=period.end_ms,
        due_date=q.due_date(),
        total=figures_of(records, scope, period.end_ms),
        by_child=tuple(
            RegionFigures(
                child.code,
                regions.full_name(child.code) or child.name,
                child.level,
                figures_of(records, child.code, period.end_ms),
            )
            for child in child_regions(region)
        ),
        major_cases=tuple(
            MajorCase(
                c.key,
                c.title,
                c.lead_bureau,
                bureaus.get(c.lead_bureau).name,
                c.status,
                c.opened_at or 0,
            )
            for c in sorted(records.opened, key=lambda c: (c.opened_at or 0, c.key))
            if c.major
        ),
    )


def quarterly_stats_for(
    store: GraphStore, *, quarter: str | Quarter, actor: Actor, region: str | None = None
) -> QuarterlyStats:
    """The figures of the actor's bureau's region, or of a region below it."""
    code = region or actor.code
    if not regions.is_within(code, actor.code):
        raise PermissionDenied(
            f"region {code} is outside your bureau's region ({actor.code}): "
            "statistics cover your region and the regions below it"
        )
    return quarterly_stats(store, quarter=quarter, region=code)
