"""Reading the part of the graph a ring can live in: from clues outwards, stopping at hubs.

An *area* is explored breadth first from seed keys (complaints and clues, or new
entities for an incremental update); each level is three batched reads: the nodes'
parcels and links (``analysis_area``, one row per node), the parcels not read yet with
all their ends (``analysis_waybills``, each parcel once, one row each), and the totals
(``analysis_totals``: parcels, parcels sent, identity and mention links, counted by the
engine) of the keys the verdicts below ask about: the parties on a node's side of its
parcels, its links' ends and its repeat counterparts, not the consumers it shipped to
once. A node with more than ``HubParams.max_degree`` parcels is a hub from its totals and
is not read at all. Every node is judged *from its own rows* (at most
``RingParams.parcels_per_node`` parcels) and its totals, so the verdicts do not depend
on where the exploration started:

- a **hub** (shared logistics point, see ``shipments``): read, never crossed;
- a **leaf**: a party that never sent a parcel and declares nothing and is named by no
  clue (a buyer, a consumer): never read, known from its totals;
- anything else is crossed: its identity and mention links, the other parties on its
  side of a parcel, and its repeat counterparts (see :meth:`NodeRows.neighbours`) form
  the next level.

So the area of a clue is the closure of its non-hub, non-leaf neighbourhood: exactly the
entities a ring through that clue can contain, whatever else the engine's connected
component holds (one hub can glue a whole province into one component).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cluehub.graph import model
from cluehub.graph.store import GraphStore

from . import queries as q
from .fetch import batched, chunks
from .params import HubParams, RingParams
from .shipments import PIVOT_LABELS, SENDER_TYPES, SHIPMENT_TYPES, End, Shipment, kind_of


@dataclass(frozen=True, slots=True)
class Totals:
    """A node's totals, counted by the engine without reading its relationships."""

    degree: int  # parcels it is on
    sent: int  # parcels it sent
    links: int  # identity and mention links

    @property
    def is_leaf(self) -> bool:
        return self.sent == 0 and self.links == 0


@dataclass(frozen=True, slots=True)
class ParcelRow:
    """A parcel a node is on: the node's side of it and the parcel, read once per area."""

    type: str
    shipment: Shipment
    sent: bool  # the node sent it (``type`` is a sender type)

    @property
    def waybill(self) -> str:
        return self.shipment.key

    @property
    def ends(self) -> tuple[End, ...]:
        return self.shipment.ends

    @property
    def contents(self) -> str:
        return self.shipment.contents

    @property
    def first_seen(self) -> int | None:
        return self.shipment.first_seen

    @property
    def last_seen(self) -> int | None:
        return self.shipment.last_seen

    @property
    def mine(self) -> tuple[str, ...]:
        """The parties on the node's side of the parcel (the node among them)."""
        return self.shipment.senders if self.sent else self.shipment.receivers

    @property
    def theirs(self) -> tuple[str, ...]:
        """The parties on the other side."""
        return self.shipment.receivers if self.sent else self.shipment.senders


@dataclass(frozen=True, slots=True)
class LinkRow:
    """An identity or mention link of a node to another ring entity."""

    type: str
    other: str
    first_seen: int | None
    last_seen: int | None
    ends: tuple[End, ...]  # when ``other`` is a waybill (a clue mentions it)


Leaf = Callable[[str], bool]
_WAYBILL = f"{model.kind('Waybill').prefix}:"


@dataclass(slots=True)
class NodeRows:
    key: str
    parcels: list[ParcelRow] = field(default_factory=list)
    link_rows: list[LinkRow] = field(default_factory=list)
    _pairs: dict[bool, Counter[str]] = field(default_factory=dict, repr=False, compare=False)
    _shares: dict[int, float | None] = field(default_factory=dict, repr=False, compare=False)

    def partners(self) -> int:
        """Most distinct pivot identifiers beside this node on one side of its parcels."""
        best = 0
        for sent in (True, False):
            others = {
                k
                for p in self.parcels
                if p.sent == sent
                for k in p.mine
                if k != self.key and kind_of(k) in PIVOT_LABELS
            }
            best = max(best, len(others))
        return best

    def hub_reason(
        self, totals: Totals | None, params: HubParams, partners: int | None = None
    ) -> str | None:
        """Why it is a hub, or None; ``partners`` when the engine counted them."""
        degree = totals.degree if totals else len(self.parcels)
        if degree > params.max_degree:
            return f"{degree} parcels on record (more than {params.max_degree})"
        partners = self.partners() if partners is None else partners
        if partners >= params.min_partners:
            return f"on parcels of {partners} distinct parties (at least {params.min_partners})"
        return None

    def pairs(self, sent: bool) -> Counter[str]:
        """Parcels per counterpart: receivers of what it sent, or senders of what it got
        (counted once; the rows do not change once read)."""
        counts = self._pairs.get(sent)
        if counts is None:
            counts = self._pairs[sent] = Counter()
            for parcel in self.parcels:
                if parcel.sent == sent:
                    counts.update(set(parcel.theirs))
        return counts

    def repeat_counterparts(self, min_pair: int) -> set[str]:
        """Counterparts on at least ``min_pair`` of its parcels, either side."""
        return {k for sent in (True, False) for k, n in self.pairs(sent).items() if n >= min_pair}

    def trade_share(self, min_pair: int, is_leaf: Leaf) -> float | None:
        """Share of its parcels sent to a repeat counterpart that is no leaf (a trade
        partner rather than a consumer); None when it sent nothing. Worked out once: the
        leaf verdicts it asks for (its repeat counterparts') are read before it is asked
        and do not change."""
        if min_pair in self._shares:
            return self._shares[min_pair]
        sent = [p for p in self.parcels if p.sent]
        share = None
        if sent:
            pairs = self.pairs(sent=True)
            trade = sum(
                1
                for p in sent
                if any(pairs[k] >= min_pair and not is_leaf(k) for k in p.shipment.receivers)
            )
            share = trade / len(sent)
        self._shares[min_pair] = share
        return share

    def binds(self, min_pair: int, bystander_share: float, is_leaf: Leaf) -> bool:
        """Whether its parcels sent tie it to their receivers (see ``rings``)."""
        share = self.trade_share(min_pair, is_leaf)
        return share is not None and share >= bystander_share

    def neighbours(self, params: RingParams, is_leaf: Leaf) -> set[str]:
        """Entities a ring through this node can extend to: identity and mention links,
        the other parties on its side of a parcel, and repeat counterparts (receivers only
        when it is no bystander). Leaves are never neighbours."""
        found: set[str] = set()
        for link in self.link_rows:
            if link.ends:
                found.update(e.key for e in link.ends)
            else:
                found.add(link.other)
        for parcel in self.parcels:
            found.update(parcel.mine)
        found.update(k for k, n in self.pairs(sent=False).items() if n >= params.min_pair_parcels)
        if self.binds(params.min_pair_parcels, params.bystander_share, is_leaf):
            found.update(
                k for k, n in self.pairs(sent=True).items() if n >= params.min_pair_parcels
            )
        found.discard(self.key)
        return {k for k in found if not is_leaf(k)}

    def judged_by(self, min_pair: int) -> set[str]:
        """The keys whose totals its verdicts and :meth:`neighbours` read: the parties on
        its side of its parcels, its links' other ends and its repeat counterparts (a
        one-off counterpart, a consumer it shipped to once, is never asked about)."""
        found = {k for p in self.parcels for k in p.mine}
        found |= {link.other for link in self.link_rows}
        found |= {e.key for link in self.link_rows for e in link.ends}
        return found | self.repeat_counterparts(min_pair)


@dataclass(slots=True)
class Area:
    """Nodes read, the parcels they are on (each read once), totals of every key their
    verdicts need, hub verdicts, and whether a cap cut it short."""

    nodes: dict[str, NodeRows] = field(default_factory=dict)
    waybills: dict[str, Shipment] = field(default_factory=dict)
    totals: dict[str, Totals] = field(default_factory=dict)
    hubs: dict[str, str] = field(default_factory=dict)
    truncated: bool = False

    def is_leaf(self, key: str) -> bool:
        totals = self.totals.get(key)
        return totals is not None and totals.is_leaf


def read_totals(store: GraphStore, keys: Iterable[str], *, batch: int) -> dict[str, Totals]:
    out: dict[str, Totals] = {}
    for row in batched(store, q.TOTALS, sorted(set(keys)), {}, size=batch):
        out[row["key"]] = Totals(int(row["degree"]), int(row["sent"]), int(row["links"]))
    return out


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def read_partners(
    store: GraphStore, keys: Iterable[str], *, cap: int, scope: str | None, batch: int
) -> dict[str, int]:
    """:meth:`NodeRows.partners` of ``keys``, counted by the engine on the same parcels."""
    out: dict[str, int] = dict.fromkeys(keys, 0)
    for part in chunks(sorted(out), batch):
        for row in store.run(q.PARTNERS, {"keys": part, "cap": cap, "scope": scope}):
            out[row["key"]] = max(out[row["key"]], int(row["partners"]))
    return out


def read_waybills(
    store: GraphStore, keys: Iterable[str], *, scope: str | None, batch: int
) -> dict[str, Shipment]:
    out: dict[str, Shipment] = {}
    for row in batched(store, q.WAYBILLS, sorted(set(keys)), {"scope": scope}, size=batch):
        ends = sorted({tuple(end.split(" ", 1)) for end in row["ends"]})  # "TYPE key"
        out[row["key"]] = Shipment(
            row["key"],
            tuple(End(t, k) for t, k in ends),
            _text(row["contents"]),
            row["first_seen"],
            row["last_seen"],
        )
    return out


def read_nodes(
    store: GraphStore,
    keys: Iterable[str],
    waybills: dict[str, Shipment],
    totals: Mapping[str, Totals],
    *,
    cap: int,
    scope: str | None,
    batch: int,
) -> dict[str, NodeRows]:
    """Parcels and links of ``keys`` (at most ``cap`` of each); parcels not in
    ``waybills`` yet are read into it."""
    keys = sorted(set(keys))
    small = [k for k in keys if k in totals and max(totals[k].degree, totals[k].links) <= cap]
    large = sorted(set(keys) - set(small))
    found: dict[str, set[tuple[str, str]]] = {}
    for query, group in ((q.AREA, small), (q.AREA_CAPPED, large)):
        for row in batched(store, query, group, {"cap": cap, "scope": scope}, size=batch):
            rows = found.setdefault(row["node"], set())
            rows.update(tuple(item.split(" ", 1)) for item in row["items"])  # "TYPE key"
    wanted = {o for rows in found.values() for _, o in rows if o.startswith(_WAYBILL)}
    waybills.update(read_waybills(store, wanted - waybills.keys(), scope=scope, batch=batch))
    out: dict[str, NodeRows] = {}
    for key, rows in found.items():
        node = out[key] = NodeRows(key)
        for type_, other in sorted(rows):
            waybill = waybills.get(other)
            if type_ in SHIPMENT_TYPES and waybill is not None:
                node.parcels.append(ParcelRow(type_, waybill, type_ in SENDER_TYPES))
            elif waybill is not None:  # a clue mentions a parcel: link to its ends
                node.link_rows.append(LinkRow(type_, other, None, None, waybill.ends))
            else:
                node.link_rows.append(LinkRow(type_, other, None, None, ()))
    return out


def explore(
    store: GraphStore,
    seeds: Iterable[str],
    params: RingParams,
    hubs: Mapping[str, str] | None = None,
) -> Area:
    """Read the closure of ``seeds`` through non-hub, non-leaf entities (module docstring).

    ``hubs``: verdicts from an earlier exploration of the same graph, taken as they are
    (neither their totals nor their parcels are read again). A hub stays one as parcels
    arrive: its degree and its partners only grow."""
    known = dict(hubs or {})
    area = Area()
    seeds = set(seeds)
    frontier = {s for s in seeds if kind_of(s) != "Waybill"}
    waybills = sorted(s for s in seeds if kind_of(s) == "Waybill")
    for part in chunks(waybills, params.batch):  # a new parcel: start from its ends
        for row in store.run(q.WAYBILL_ENDS, {"keys": part, "scope": params.scope}):
            frontier.add(row["key"])
    area.totals.update(read_totals(store, frontier, batch=params.batch))
    start = frontier
    frontier = {k for k in frontier if k in area.totals}  # missing keys are not read
    while frontier:
        room = params.max_area - len(area.nodes)
        if len(frontier) > room:
            area.truncated = True
            frontier = set(sorted(frontier)[: max(0, room)])
            if not frontier:
                break
        # A hub by its degree alone needs nothing more; a node above the parcel cap has
        # its partners counted by the engine first: a hub is then known without sending
        # its parcels. Nothing of a hub is needed, so its parcels are not read.
        degree = {k: t.degree for k in frontier - known.keys() if (t := area.totals.get(k))}
        busy = {k for k, n in degree.items() if n > params.hub.max_degree}
        busy |= frontier & known.keys()
        partners = read_partners(
            store,
            (k for k, n in degree.items() if params.parcels_per_node < n <= params.hub.max_degree),
            cap=params.parcels_per_node,
            scope=params.scope,
            batch=params.batch,
        )
        busy |= {k for k, n in partners.items() if n >= params.hub.min_partners}
        read = read_nodes(
            store,
            frontier - busy,
            area.waybills,
            area.totals,
            cap=params.parcels_per_node,
            scope=params.scope,
            batch=params.batch,
        )
        read.update((k, NodeRows(k)) for k in busy)
        area.nodes.update(read)
        crossed = []
        for key, node in sorted(read.items()):
            reason = known.get(key) or node.hub_reason(
                area.totals.get(key), params.hub, partners.get(key)
            )
            if reason:
                area.hubs[key] = reason  # its parcels' ends are never needed
            elif not area.is_leaf(key) or key in start:
                crossed.append(node)
        met = {k for n in crossed for k in n.judged_by(params.min_pair_parcels)}
        unknown = met - area.totals.keys() - known.keys()
        area.totals.update(read_totals(store, unknown, batch=params.batch))
        following: set[str] = set()
        for node in crossed:
            following |= node.neighbours(params, area.is_leaf)
        frontier = {k for k in following - area.nodes.keys() if kind_of(k) != "Waybill"}
    return area
