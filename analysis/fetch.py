"""Reads from the store for link analysis: queries in, plain data out.

This is the only module of the room besides ``risk`` and ``rings``' edges that talks to
the store; it runs the registered queries of ``analysis.queries`` in batches and turns
rows into the pure types of ``shipments``.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from cluehub.graph import model
from cluehub.graph.queries import Query
from cluehub.graph.store import GraphStore

from . import queries as q
from .shipments import End, Shipment, ShipmentGraph

KEYS_PER_QUERY = 2_000


def chunks(keys: Sequence[str], size: int = KEYS_PER_QUERY) -> Iterator[list[str]]:
    for start in range(0, len(keys), size):
        yield list(keys[start : start + size])


def batched(
    store: GraphStore,
    query: Query,
    keys: Sequence[str],
    params: Mapping[str, Any],
    *,
    size: int = KEYS_PER_QUERY,
) -> Iterator[dict[str, Any]]:
    """The rows of ``query`` over ``keys``, ``size`` of them per statement (``$keys``), in
    order. The next statement already runs on the engine while the rows of this one are
    decoded and used, so the engine and the client work at the same time (at most two
    statements in flight, on two connections of the store's pool)."""
    parts = list(chunks(keys, size))
    if len(parts) <= 1:
        for part in parts:
            yield from store.run(query, {**params, "keys": part})
        return
    with ThreadPoolExecutor(max_workers=2) as pool:
        running: deque[Future[list[dict[str, Any]]]] = deque()
        for part in parts:
            running.append(pool.submit(store.run, query, {**params, "keys": part}))
            if len(running) == 2:
                yield from running.popleft().result()
        while running:
            yield from running.popleft().result()


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else ()


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


# --- the start ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rel:
    """A stored relationship with its provenance."""

    src: str
    type: str
    dst: str
    sources: tuple[str, ...] = ()
    first_seen: int | None = None
    last_seen: int | None = None


@dataclass(slots=True)
class StartContext:
    """The start node and what surrounds it on the receiving side."""

    key: str
    kind: str
    regions: tuple[str, ...]
    rels: list[Rel] = field(default_factory=list)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # the records that asserted the start node
    review: tuple[str, ...] = ()  # mentions intake kept for review (e.g. "SHOP '某某店'")


def start_context(
    store: GraphStore, key: str, scope: str | None, limit: int
) -> StartContext | None:
    rows = store.run(q.START, {"key": key, "scope": scope, "limit": limit})
    if not rows:
        return None
    row = rows[0]
    kind = next((label for label in row["labels"] if label != "Entity"), "Entity")
    context = StartContext(
        key,
        kind,
        _tuple(row["regions"]),
        sources=_tuple(row.get("sources")),
        review=_tuple(row.get("review")),
    )
    _add_paths(context, row["paths"])
    return context


def _add_paths(context: StartContext, paths: Any) -> None:
    seen = {(r.src, r.type, r.dst) for r in context.rels}
    for rels, nodes in paths or ():
        for src, type_, dst, sources, first, last in rels:
            if (src, type_, dst) not in seen:
                seen.add((src, type_, dst))
                context.rels.append(Rel(src, type_, dst, _tuple(sources), _int(first), _int(last)))
        for node_key, regions, contents, first, last, mentions in nodes:
            context.nodes[node_key] = {
                "regions": _tuple(regions),
                "contents": contents if isinstance(contents, str) else "",
                "first_seen": _int(first),
                "last_seen": _int(last),
                "mentions": _int(mentions) or 0,
            }


# How intake notes a shop named only by its name in a complaint's text (review only).
_REVIEW_SHOP = re.compile(r"^SHOP '(?P<name>.+)'$")
NAMES_SHOP = "NAMES_SHOP"  # the hop from a complaint to a shop its text names exactly


def add_named_shops(
    store: GraphStore, context: StartContext, scope: str | None, cap: int, limit: int
) -> None:
    """Shops a complaint names only by their exact name, with their structure, as if the
    complaint mentioned them: a ``NAMES_SHOP`` hop whose provenance is the complaint's
    own records (no relationship is stored), at most ``cap`` shops."""
    names = sorted({m["name"] for r in context.review if (m := _REVIEW_SHOP.match(r))})
    if not names or cap <= 0:
        return
    known = {r.dst for r in context.rels if r.src == context.key}
    rows = store.run(q.SHOPS_BY_NAME, {"names": names, "scope": scope, "cap": cap})
    for shop in [row["key"] for row in rows if row["key"] not in known]:
        found = store.run(q.START, {"key": shop, "scope": scope, "limit": limit})
        if not found:
            continue
        context.rels.append(Rel(context.key, NAMES_SHOP, shop, context.sources))
        context.nodes.setdefault(shop, {"regions": _tuple(found[0]["regions"])})
        _add_paths(context, found[0]["paths"])


# --- parcels -----------------------------------------------------------------------


def probe(
    store: GraphStore,
    graph: ShipmentGraph,
    keys: Iterable[str],
    *,
    scope: str | None,
    received_cap: int,
    sent_cap: int,
) -> None:
    """Read received and sent parcels (samples and totals) of ``keys`` into ``graph``.

    Ends carry no provenance here (evidence paths read it for the few hops they show,
    see :func:`rel_props`). Of a node whose parcels on a side all fit in the cap, the
    parcels ``graph`` already holds (read from another of their ends by an earlier probe)
    are not read again; a busier node's sample is drawn as if nothing were held, so that
    the parcels that led to it do not weigh more in it than they do in its trade."""
    keys = list(dict.fromkeys(keys))
    known = sorted(graph.shipments)
    for batch in chunks(keys):
        params = {"received_cap": received_cap, "sent_cap": sent_cap, "known": known}
        rows = store.run(q.PROBE, {"keys": batch, "scope": scope, **params})
        shipments: dict[str, Shipment] = {}
        by_side: dict[tuple[str, str], list[str]] = {}
        degrees: dict[tuple[str, str], int] = {}
        for row in rows:
            node = row["node"]
            if row["side"] == "node":
                degrees[(node, "received")] = int(row["received"])
                degrees[(node, "sent")] = int(row["sent"])
                if row["regions"]:
                    graph.regions.setdefault(node, _tuple(row["regions"]))
                continue
            waybill = row["waybill"]
            if waybill not in shipments:
                ends = {}
                for end in row["ends"]:  # "TYPE key" (a type has no space)
                    type_, key = end.split(" ", 1)
                    ends[(type_, key)] = End(type_, key)
                shipments[waybill] = Shipment(
                    key=waybill,
                    ends=tuple(sorted(ends.values(), key=lambda e: (e.type, e.key))),
                    contents=_text(row["contents"]),
                    first_seen=_int(row["first_seen"]),
                    last_seen=_int(row["last_seen"]),
                )
            by_side.setdefault((node, row["side"]), []).append(waybill)
        caps = {"received": received_cap, "sent": sent_cap}
        # Nodes whose parcels on a side all fit in the cap: those held were not sent again.
        whole = {
            (k, side)
            for k in batch
            for side, cap in caps.items()
            if 0 < degrees.get((k, side), 0) <= cap
        }
        held = graph.held_by(whole) if whole and known else {}
        for key in batch:
            for side, cap in caps.items():
                if cap <= 0:
                    continue
                read = [shipments[w] for w in dict.fromkeys(by_side.get((key, side), []))]
                if (key, side) in held:
                    read = list({s.key: s for s in [*held[(key, side)], *read]}.values())
                graph.record_probe(key, side, degrees.get((key, side), 0), read)


def rel_props(store: GraphStore, triples: Iterable[tuple[str, str, str]]) -> dict[tuple, Rel]:
    """Provenance of stored relationships, by (src, type, dst)."""
    triples = sorted(set(triples))
    out: dict[tuple, Rel] = {}
    for start in range(0, len(triples), KEYS_PER_QUERY):
        part = [list(t) for t in triples[start : start + KEYS_PER_QUERY]]
        for row in store.run(q.REL_PROPS, {"rels": part}):
            triple = (row["src"], row["type"], row["dst"])
            out[triple] = Rel(
                *triple, _tuple(row["sources"]), _int(row["first_seen"]), _int(row["last_seen"])
            )
    return out


# --- owners of phones and addresses --------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShopInfo:
    key: str
    regions: tuple[str, ...]
    complaints: int


@dataclass(slots=True)
class Owners:
    """Who declares each phone or address: shops (directly or through a seller or a
    listing) and companies, with the declaring relationships."""

    shops_of: dict[str, set[str]] = field(default_factory=dict)
    companies_of: dict[str, set[str]] = field(default_factory=dict)
    shops: dict[str, ShopInfo] = field(default_factory=dict)
    rels: list[Rel] = field(default_factory=list)
    via: list[Rel] = field(default_factory=list)  # listing -> shop, shop -> seller (no props)
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)


_COMPANY_PREFIXES = ("uscc:", "company:")


# The kinds a shop, listing, seller or company declares (targets of OWNING_TYPES).
_OWNABLE = frozenset(t for name in q.OWNING_TYPES for t in model.rel_type(name).targets)


def owners(store: GraphStore, keys: Iterable[str], *, scope: str | None, cap: int) -> Owners:
    """Who declares each of ``keys`` (see ``queries.OWNERS``); keys of kinds nothing
    declares (persons, companies) are not asked about."""
    found = Owners()
    keys = [k for k in dict.fromkeys(keys) if model.kind_of_key(k).label in _OWNABLE]
    via_seen: set[Rel] = set()
    for batch in chunks(keys):
        rels: dict[tuple[str, str, str], Rel] = {}
        for row in store.run(q.OWNERS, {"keys": batch, "scope": scope, "cap": cap}):
            key, owner, shop = row["key"], row["owner"], row["shop"]
            if (owner, row["type"], key) not in rels:
                rels[(owner, row["type"], key)] = Rel(
                    owner,
                    row["type"],
                    key,
                    _tuple(row["sources"]),
                    _int(row["first_seen"]),
                    _int(row["last_seen"]),
                )
                found.regions.setdefault(owner, _tuple(row["regions"]))
                if owner.startswith(_COMPANY_PREFIXES):
                    found.companies_of.setdefault(key, set()).add(owner)
                if owner.startswith("shop:"):
                    found.shops_of.setdefault(key, set()).add(owner)
                    found.shops[owner] = ShopInfo(
                        owner, _tuple(row["regions"]), _int(row["mentions"]) or 0
                    )
            if shop is None:
                continue
            via = (
                Rel(owner, "LISTED_IN", shop)
                if owner.startswith("listing:")
                else Rel(shop, "OPERATED_BY", owner)
            )
            if via not in via_seen:
                via_seen.add(via)
                found.via.append(via)
            found.shops_of.setdefault(key, set()).add(shop)
            found.shops[shop] = ShopInfo(
                shop, _tuple(row["shop_regions"]), _int(row["shop_mentions"]) or 0
            )
        found.rels.extend(rels.values())
    return found


# --- shops ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShopDetails:
    key: str
    regions: tuple[str, ...]
    sellers: tuple[str, ...]
    platforms: tuple[str, ...]
    listings: tuple[str, ...]
    complaints: int


def shop_details(
    store: GraphStore, keys: Iterable[str], *, scope: str | None, listing_cap: int
) -> dict[str, ShopDetails]:
    parts: dict[str, dict[str, Any]] = {}
    for batch in chunks(sorted(set(keys))):
        params = {"keys": batch, "scope": scope, "listing_cap": listing_cap}
        for row in store.run(q.SHOP_DETAILS, params):
            shop = parts.setdefault(
                row["key"], {"seller": [], "platform": [], "listing": [], "shop": None}
            )
            if row["what"] == "shop":
                shop["shop"] = row
            else:
                shop[row["what"]].append(row["other"])
    return {
        key: ShopDetails(
            key,
            _tuple(p["shop"]["regions"]) if p["shop"] else (),
            tuple(sorted(set(p["seller"]))),
            tuple(sorted(set(p["platform"]))),
            tuple(sorted(set(p["listing"]))),
            (_int(p["shop"]["complaints"]) or 0) if p["shop"] else 0,
        )
        for key, p in parts.items()
    }


def brands(store: GraphStore, keys: Iterable[str]) -> dict[str, set[str]]:
    """Brands claimed per key (listings, complaints, clues; shops through their listings)."""
    out: dict[str, set[str]] = {}
    for batch in chunks(sorted(set(keys))):
        for row in store.run(q.BRANDS, {"keys": batch}):
            out.setdefault(row["key"], set()).add(row["brand"])
    return out
