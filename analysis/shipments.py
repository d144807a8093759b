"""Parcels as plain data: who sent what to whom, hubs, and parties acting as one.

A waybill (运单) has sender ends (``SENT_BY`` a phone/person/company, ``SENT_FROM`` an
address) and receiver ends (``RECEIVED_BY``, ``DELIVERED_TO``). :class:`ShipmentGraph`
holds the waybills an analysis has read and, per phone or address, how many parcels it
sent and received in total (degrees from the store) next to the ones actually read (a
bounded sample). Everything here is pure; the store is read in ``fetch``.

Shared logistics hubs. An express outlet, a parcel locker or a sorting centre appears on
parcels of very many unrelated people. :func:`ShipmentGraph.hub_reason` calls a phone or
address a hub when, on one side of its parcels, it stands next to at least
``HubParams.min_partners`` distinct *pivot* identifiers (phones, addresses, USCC
companies, ID cards: names scoped to one record never count), or when it has more than
``HubParams.max_degree`` parcels at all. A workshop sends thousands of parcels from one
address with one phone (one partner); an outlet sends parcels of hundreds of phones.
The outlet's own phone stands beside few parties (it is always written with the outlet's
address), so :func:`ShipmentGraph.hub_member_reason` makes an identifier part of a hub
when a hub is on the same side of at least ``HubParams.member_share`` of its parcels read.

Parties acting as one. The phone and the address on the same side of a parcel belong to
the same sender (or receiver); :func:`group_parties` joins each phone, company or name to
its *dominant* address (the one it is written with most often), never through a hub, so
a workshop that ships with two phones from one yard is one source, while a shop
operator's phone written on parcels of two warehouses does not fuse them into one.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from cluehub.graph import model

from .params import HubParams

SENDER_TYPES = ("SENT_BY", "SENT_FROM")
RECEIVER_TYPES = ("RECEIVED_BY", "DELIVERED_TO")
SHIPMENT_TYPES = SENDER_TYPES + RECEIVER_TYPES
# Classifications are the model's (graph.model groups and identifier pivots).
PARTY_LABELS = frozenset(model.labels(model.Group.PARTY))
PIVOT_LABELS = frozenset(model.labels(pivot=True))
COMPANY_LABELS = frozenset(model.labels(model.Group.ORGANISATION))
# Which label stands for a group of parties, best first.
_REPRESENTATIVE_ORDER = {"Phone": 0, "Address": 1, "Company": 2, "IdCard": 3, "Person": 4}


@functools.lru_cache(maxsize=1 << 17)
def kind_of(key: str) -> str:
    """The node label of a key, from its prefix (remembered for the keys asked about
    most recently: scoring and ring detection ask about the same keys very often)."""
    return model.kind_of_key(key).label


@functools.lru_cache(maxsize=64)
def _lowered(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


def is_pivot(key: str) -> bool:
    return kind_of(key) in PIVOT_LABELS


@dataclass(frozen=True, slots=True)
class End:
    """One end of a waybill: the relationship type, the party and its provenance."""

    type: str
    key: str
    sources: tuple[str, ...] = ()
    first_seen: int | None = None
    last_seen: int | None = None

    @property
    def is_sender(self) -> bool:
        return self.type in SENDER_TYPES


@dataclass(frozen=True, slots=True)
class Shipment:
    """One waybill as read: its ends, contents and when it was seen."""

    key: str
    ends: tuple[End, ...]
    contents: str = ""
    first_seen: int | None = None
    last_seen: int | None = None
    # The parties on each side, worked out once (scoring asks for them very often).
    senders: tuple[str, ...] = field(init=False, repr=False, compare=False)
    receivers: tuple[str, ...] = field(init=False, repr=False, compare=False)
    text: str = field(init=False, repr=False, compare=False)  # contents, lower case

    def __post_init__(self) -> None:
        object.__setattr__(self, "senders", tuple(e.key for e in self.ends if e.is_sender))
        object.__setattr__(self, "receivers", tuple(e.key for e in self.ends if not e.is_sender))
        object.__setattr__(self, "text", self.contents.lower())

    def side_of(self, key: str) -> str | None:
        for end in self.ends:
            if end.key == key:
                return "sent" if end.is_sender else "received"
        return None

    def mentions_any(self, words: Iterable[str]) -> bool:
        text = self.text
        return bool(text) and any(w in text for w in _lowered(tuple(words)))


@dataclass(slots=True)
class PartySides:
    """What is known about one party's parcels: totals and the ones read."""

    key: str
    sent_degree: int = 0
    received_degree: int = 0
    sent: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    probed_sent: bool = False
    probed_received: bool = False


@dataclass(slots=True)
class ShipmentGraph:
    """Waybills read so far and per-party totals; the pure input of scoring."""

    shipments: dict[str, Shipment] = field(default_factory=dict)
    parties: dict[str, PartySides] = field(default_factory=dict)
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def party(self, key: str) -> PartySides:
        sides = self.parties.get(key)
        if sides is None:
            sides = self.parties[key] = PartySides(key)
        return sides

    def add(self, shipment: Shipment) -> None:
        if shipment.key not in self.shipments:
            self.shipments[shipment.key] = shipment

    def record_probe(
        self,
        key: str,
        side: str,
        degree: int,
        shipments: Iterable[Shipment],
    ) -> None:
        """A probe read ``shipments`` (a sample) of the ``degree`` parcels on ``side``."""
        sides = self.party(key)
        keys = []
        for shipment in shipments:
            self.add(shipment)
            keys.append(shipment.key)
        if side == "sent":
            sides.sent_degree, sides.probed_sent = degree, True
            sides.sent = list(dict.fromkeys([*sides.sent, *keys]))
        else:
            sides.received_degree, sides.probed_received = degree, True
            sides.received = list(dict.fromkeys([*sides.received, *keys]))

    def held_by(self, sides: Collection[tuple[str, str]]) -> dict[tuple[str, str], list[Shipment]]:
        """The waybills read that have a party as an end on a side, per ``(key, side)``
        asked about (``side`` "sent" or "received")."""
        found: dict[tuple[str, str], list[Shipment]] = {}
        for shipment in self.shipments.values():
            for end in shipment.ends:
                at = (end.key, "sent" if end.is_sender else "received")
                if at in sides:
                    found.setdefault(at, []).append(shipment)
        return found

    def sent_of(self, key: str) -> list[Shipment]:
        sides = self.parties.get(key)
        return [self.shipments[k] for k in sides.sent] if sides else []

    def received_of(self, key: str) -> list[Shipment]:
        sides = self.parties.get(key)
        return [self.shipments[k] for k in sides.received] if sides else []

    def partners(self, key: str) -> int:
        """Most distinct pivot identifiers beside ``key`` on one side of its parcels read."""
        best = 0
        for side in ("sent", "received"):
            shipments = self.sent_of(key) if side == "sent" else self.received_of(key)
            others: set[str] = set()
            for shipment in shipments:
                ends = shipment.senders if side == "sent" else shipment.receivers
                others.update(k for k in ends if k != key and is_pivot(k))
            best = max(best, len(others))
        return best

    def hub_reason(self, key: str, params: HubParams) -> str | None:
        """Why ``key`` is a shared logistics hub, or None when it is not one."""
        sides = self.parties.get(key)
        if sides is None:
            return None
        degree = sides.sent_degree + sides.received_degree
        if degree > params.max_degree:
            return f"{degree} parcels on record (more than {params.max_degree})"
        partners = self.partners(key)
        if partners >= params.min_partners:
            return f"on parcels of {partners} distinct parties (at least {params.min_partners})"
        return None

    def hub_member_reason(self, key: str, hubs: Mapping[str, str], params: HubParams) -> str | None:
        """Why ``key`` is part of one of ``hubs`` (the outlet's own phone), or None.

        It is when one hub stands on the same side of at least ``params.member_share`` of
        the parcels of ``key`` read: the outlet writes its phone next to its address."""
        parcels = {s.key: s for s in (*self.sent_of(key), *self.received_of(key))}
        if not parcels or key in hubs:
            return None
        beside: Counter[str] = Counter()
        for shipment in parcels.values():
            side = shipment.senders if key in shipment.senders else shipment.receivers
            beside.update({k for k in side if k != key and k in hubs})
        if not beside:
            return None
        _, count = max(beside.items(), key=lambda item: (item[1], item[0]))
        if count < params.member_share * len(parcels):
            return None
        return (
            f"written beside a shared hub on {count} of its {len(parcels)} parcels read "
            f"(at least {params.member_share:.0%}): the outlet's own identifier"
        )


class UnionFind:
    """Disjoint sets over string keys (parties acting as one)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        if parent == key:
            return key
        root = self.find(parent)
        self.parent[key] = root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for key in self.parent:
            out[self.find(key)].append(key)
        return out


def representative(members: Iterable[str], sent_degree: Mapping[str, int]) -> str:
    """The key that names a group: a phone before an address before a company, busiest first."""
    return min(
        members,
        key=lambda k: (_REPRESENTATIVE_ORDER.get(kind_of(k), 9), -sent_degree.get(k, 0), k),
    )


@dataclass(frozen=True, slots=True)
class Parties:
    """Groups of identifiers acting as one party: ``group_of[key]`` names the group."""

    group_of: dict[str, str]
    members: dict[str, tuple[str, ...]]


def group_parties(
    shipments: Iterable[Shipment],
    excluded: Collection[str],
    sent_degree: Mapping[str, int],
    *,
    joinable: Collection[str] | None = None,
    extra_keys: Iterable[str] = (),
) -> Parties:
    """Join the identifiers on the same side of a parcel, never through ``excluded`` hubs.

    Each phone, company or name joins its dominant address: the address it is written
    with on most parcels read (ties: the smallest key). Identifiers on a side without an
    address join each other. Addresses are joined only through what they dominate, so
    one phone written with two addresses does not fuse two places. Only ``joinable`` keys
    (when given: those whose hub verdict is known) are joined; the others stay parties of
    their own.
    """
    uf = UnionFind()
    for key in extra_keys:
        if key not in excluded:
            uf.find(key)
    beside: dict[str, Counter[str]] = defaultdict(Counter)
    for shipment in shipments:
        for ends in (shipment.senders, shipment.receivers):
            kept = [k for k in ends if k not in excluded]
            for key in kept:
                uf.find(key)
            if joinable is not None:
                kept = [k for k in kept if k in joinable]
            places = [k for k in kept if kind_of(k) == "Address"]
            others = [k for k in kept if kind_of(k) != "Address"]
            if not places:
                for other in others[1:]:
                    uf.union(others[0], other)
            for key in others:
                beside[key].update(places)
    for key, places in beside.items():
        if places:
            dominant = min(places, key=lambda a: (-places[a], a))
            uf.union(key, dominant)
    group_of: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    for keys in uf.groups().values():
        rep = representative(keys, sent_degree)
        members[rep] = tuple(sorted(keys))
        for key in keys:
            group_of[key] = rep
    return Parties(group_of, members)
