"""What link analysis hands back: plain frozen dataclasses with ``to_dict()``.

The GraphQL layer maps these one to one; nothing here touches the store. Keys are graph
node keys as stored (masking personal data is the API's job, by the viewer's role).
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from .jurisdiction import ChainRole, Footprint, Jurisdiction

Role = Literal["workshop", "warehouse", "label_printer", "sender", "company"]


class AnalysisError(LookupError):
    """The analysis cannot start: the start node is missing or hidden from the viewer."""


class _Result:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Any:
        """The result back from :meth:`to_dict` (or its JSON): stored rings are read so."""
        hints = get_type_hints(cls)
        return cls(  # type: ignore[call-arg]
            **{f.name: _revive(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data}  # type: ignore[arg-type]
        )


def _revive(kind: Any, value: Any) -> Any:
    """``value`` (plain JSON data) as an instance of the annotated ``kind``."""
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(kind) if a is not type(None)]
        return _revive(inner[0], value) if len(inner) == 1 else value
    if isinstance(kind, type) and is_dataclass(kind) and issubclass(kind, _Result):
        return kind.from_dict(value)
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_revive(args[0], v) for v in value)
        return tuple(_revive(a, v) for a, v in zip(args, value, strict=True))
    return value


@dataclass(frozen=True, slots=True)
class Hop(_Result):
    """One step of an evidence path: the relationship as stored, with its provenance.

    ``direction`` is ``out`` when the stored relationship points from ``from_key`` to
    ``to_key`` and ``in`` when the path walks it backwards.
    """

    from_key: str
    rel: str
    to_key: str
    direction: Literal["out", "in"]
    sources: tuple[str, ...]
    first_seen: int | None
    last_seen: int | None


@dataclass(frozen=True, slots=True)
class EvidencePath(_Result):
    """A real path in the graph: ``nodes[i] -hops[i]- nodes[i+1]``."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]


@dataclass(frozen=True, slots=True)
class ScoreParts(_Result):
    """Normalised score components in [0, 1] and the two multipliers (see ``scoring``)."""

    volume: float
    reach: float
    concentration: float
    shared: float
    recency: float
    flagged: float
    hub_penalty: float
    role_weight: float


@dataclass(frozen=True, slots=True)
class SourceFacts(_Result):
    """The raw counts behind the score, as an investigator would check them."""

    waybills: int  # estimated parcels into the supply network
    sent_total: int  # parcels sent overall (largest member)
    trade_share: float  # share of parcels read that went to the supply network, not consumers
    shops_reached: int
    flagged_shops: int  # shops reached that complaints or clues mention
    shared_identifiers: tuple[str, ...]
    label_share: float
    partners: int  # most distinct co-senders/co-receivers of any member
    depth: int  # parcel hops upstream of the start (0 for rings)
    first_seen: int | None
    last_seen: int | None


@dataclass(frozen=True, slots=True)
class SourceCandidate(_Result):
    key: str
    kind: str
    role: Role
    score: float
    components: ScoreParts
    facts: SourceFacts
    members: tuple[str, ...]  # phones/addresses/companies acting as one sender
    companies: tuple[str, ...]
    regions: tuple[str, ...]  # most specific region codes of the members
    behind: tuple[str, ...] = ()  # for role company: the sources it stands behind
    paths: tuple[EvidencePath, ...] = ()


@dataclass(frozen=True, slots=True)
class HubNote(_Result):
    """A shared logistics hub met on the way: skipped, never a source."""

    key: str
    kind: str
    reason: str
    partners: int
    degree: int


@dataclass(frozen=True, slots=True)
class ShopRef(_Result):
    key: str
    regions: tuple[str, ...]
    complaints: int
    start: bool = False


@dataclass(frozen=True, slots=True)
class Trace(_Result):
    """Upstream sources of one start node, best first."""

    start: str
    start_kind: str
    scope: str | None
    candidates: tuple[SourceCandidate, ...]
    hubs: tuple[HubNote, ...]
    shops: tuple[ShopRef, ...]
    waybills_read: int
    truncated: bool  # a cap cut a sample of parcels or a frontier: counts are estimates
    round_trips: int


@dataclass(frozen=True, slots=True)
class Reached(_Result):
    """A downstream party (warehouse or receiver) of a sales network."""

    key: str
    kind: str
    role: Literal["warehouse", "receiver", "hub"]
    members: tuple[str, ...]
    depth: int
    waybills: int
    first_seen: int | None
    last_seen: int | None
    regions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShopReached(_Result):
    key: str
    platform: str
    via: tuple[str, ...]  # identifiers of the shop the parcels reached
    waybills: int
    first_seen: int | None
    last_seen: int | None
    regions: tuple[str, ...]
    sellers: tuple[str, ...]
    listings: tuple[str, ...]
    complaints: int
    path: EvidencePath | None


@dataclass(frozen=True, slots=True)
class RegionSpread(_Result):
    """Region codes by level, each with how many members sit there."""

    provinces: tuple[tuple[str, int], ...]
    cities: tuple[tuple[str, int], ...]
    counties: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class SalesNetwork(_Result):
    source: str
    members: tuple[str, ...]
    scope: str | None
    warehouses: tuple[Reached, ...]
    receivers: tuple[Reached, ...]
    shops: tuple[ShopReached, ...]
    listings: tuple[str, ...]
    sellers: tuple[str, ...]
    platforms: tuple[tuple[str, int], ...]
    regions: RegionSpread
    waybills: int
    first_seen: int | None
    last_seen: int | None
    truncated: bool


@dataclass(frozen=True, slots=True)
class KeyNode(_Result):
    key: str
    kind: str
    pagerank: float
    betweenness: float


@dataclass(frozen=True, slots=True)
class Ring(_Result):
    """A community of infringement entities (团伙) linked by identifiers and parcels."""

    id: str
    members: tuple[str, ...]
    size: int
    kinds: tuple[tuple[str, int], ...]
    regions: RegionSpread
    platforms: tuple[tuple[str, int], ...]
    brands: tuple[tuple[str, int], ...]
    shops: tuple[ShopRef, ...]
    key_nodes: tuple[KeyNode, ...]
    complaints: tuple[str, ...]  # complaints and clues that mention members
    waybills: int
    first_seen: int | None
    last_seen: int | None
    sources: tuple[SourceCandidate, ...]
    component: int  # engine component id it came from (-1 when found incrementally)


@dataclass(frozen=True, slots=True)
class RingUpdate(_Result):
    """What one incremental update changed."""

    removed: tuple[str, ...]  # ring ids gone (their members changed)
    added: tuple[Ring, ...]
    refreshed: tuple[str, ...]  # same members, summary recomputed (new parcels, clues)
    entities_read: int
    elapsed_ms: float


@dataclass(frozen=True, slots=True)
class Participant(_Result):
    """One region taking part in a proposed joint case, with what happens there."""

    region: str
    roles: tuple[ChainRole, ...]
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProposedCase(_Result):
    """A proposed cross-region joint case (跨区域联合办案): the chain's footprint, the
    jurisdiction decided on it (lead, coordinators, notifications, major, reasons) and the
    regions taking part with their nodes."""

    footprint: Footprint
    jurisdiction: Jurisdiction
    participants: tuple[Participant, ...]


@dataclass(frozen=True, slots=True)
class RiskEntry(_Result):
    key: str
    kind: str
    score: float
    reasons: tuple[str, ...]
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RiskLists(_Result):
    """High-risk enterprises and products, key markets, repeat infringers (名录)."""

    generated_at: int
    since: int
    enterprises: tuple[RiskEntry, ...]
    products: tuple[RiskEntry, ...]
    markets: tuple[RiskEntry, ...]
    repeat_infringers: tuple[RiskEntry, ...]
