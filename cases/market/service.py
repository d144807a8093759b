"""Market services: register a physical market, its stalls, link clues to it, read the
markets of a region, and the key markets list (重点市场名录, 003 §2.2).

A market is a ``Market`` node in its county-level region (GB/T 2260) with its address;
a stall is an ``Address`` node ``IN_MARKET`` (the api room hands in the stall's address
in the canonical form its intake uses, so a waybill's address meets it); a clue or
complaint about the market is linked ``AT_MARKET``; a task's ``market`` (an inspection,
a raid there) is the market's key. Each change is one transaction with its audit event.

The key markets list counts, over the three-year window, the clues about each market
(the analysis room: ``analysis.markets``) and the joint cases the viewer's bureau sees
with tasks at the market or the market among their members.
"""

from __future__ import annotations

from collections import defaultdict

from cluehub.analysis.markets import key_markets as rank_markets
from cluehub.analysis.params import DAY_MS, RiskParams
from cluehub.analysis.results import RiskEntry
from cluehub.cases import audit, bureaus, grants, queries
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, NotFound, PermissionDenied
from cluehub.graph import identifiers, regions
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore, Node, is_visible

CLUE_PREFIXES = ("complaint:", "clue:")


def _source(actor: Actor) -> str:
    return f"market/{actor.code}"


def market_key(name: str, region: str) -> str:
    try:
        return identifiers.MARKET.key(identifiers.MARKET.clean(name, region=region))
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(f"market: {exc}") from None


def register_market(
    store: GraphStore,
    *,
    name: str,
    region: str,
    actor: Actor,
    now_ms: int,
    address: str = "",
    ids: IdSource = RANDOM_IDS,
) -> str:
    """Register a physical market of a region the actor's bureau covers; its key."""
    key = market_key(name, region)
    code = identifiers.MARKET.region_of(identifiers.MARKET.value_of(key))
    if not regions.is_within(code, actor.code):
        raise PermissionDenied(
            f"market {key}: region {code} is outside {bureaus.label(actor.bureau)}'s region; "
            "the bureau of the market's region registers it"
        )
    if store.get(key) is not None:
        raise InvalidInput(f"market {key} is registered already")
    address = (address or "").strip()
    if len(address) > 200:
        raise InvalidInput(f"market {key}: the address is over 200 characters")
    batch = Batch()
    batch.node(
        key,
        now_ms,
        _source(actor),
        region=code,
        name=identifiers.MARKET.name_of(identifiers.MARKET.value_of(key)),
        address=address or None,
    )
    region_key = batch.node(identifiers.REGION.key(code), now_ms, _source(actor), region=code)
    batch.rel(key, "LOCATED_IN", region_key, now_ms, _source(actor))
    audit.by(batch, ids, actor, now_ms, "market.register", [key], address)
    store.write(batch)
    return key


def get(store: GraphStore, key: str, actor: Actor) -> Node:
    """A market the actor's bureau sees (another region's market is granted through a
    case or notification, like any node); else :class:`NotFound`."""
    if not key.startswith("market:"):
        raise InvalidInput(f"'{key}' is not a market key (market:<region>/<name>)")
    node = store.get(key)
    if node is None or not is_visible(node, actor.scope):
        raise NotFound(f"no market {key} your bureau may see: register it first")
    return node


def require_market(store: GraphStore, key: str) -> str:
    """A task's market: it must be a registered market (a ``Market`` node key)."""
    if not key.startswith("market:") or store.get(key) is None:
        raise InvalidInput(
            f"market '{key}' is not a registered market: give the key of a Market node "
            "(market:<region>/<name>, registerMarket creates one)"
        )
    return key


def add_stall(
    store: GraphStore,
    *,
    market: str,
    address: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> str:
    """A stall: the address (canonical form) inside the market; its ``Address`` key."""
    node = get(store, market, actor)
    try:
        stall = identifiers.ADDRESS.key_of(address)
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(f"stall of {market}: {exc}") from None
    code = identifiers.MARKET.region_of(identifiers.MARKET.value_of(node.key))
    batch = Batch()
    batch.node(stall, now_ms, _source(actor), region=code, text=address)
    batch.rel(stall, "IN_MARKET", market, now_ms, _source(actor))
    audit.by(batch, ids, actor, now_ms, "market.stall", [market, stall])
    store.write(batch)
    return stall


def link_clue(
    store: GraphStore,
    *,
    clue_key: str,
    market: str,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> None:
    """A clue or complaint is about the market (AT_MARKET); both must be visible."""
    if not clue_key.startswith(CLUE_PREFIXES):
        raise InvalidInput("clue: only a complaint or a clue is linked to a market")
    get(store, market, actor)
    grants.check_visible(store, actor, [clue_key], "clue")
    batch = Batch()
    batch.rel(clue_key, "AT_MARKET", market, now_ms, _source(actor))
    audit.by(batch, ids, actor, now_ms, "market.clue", [market, clue_key])
    store.write(batch)


def markets_in(store: GraphStore, *, region: str, actor: Actor, limit: int = 200) -> list[Node]:
    """The markets registered in ``region`` (and below it) that the actor's bureau sees."""
    try:
        code = identifiers.REGION.clean(region)
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(f"markets: {exc}") from None
    rows = store.run(
        queries.MARKETS_IN_REGION,
        {
            "region": None if code == regions.NATIONAL else code,
            "scope": actor.scope,
            "limit": limit,
        },
    )
    found = store.get_many([r["key"] for r in rows])
    return [found[r["key"]] for r in rows if r["key"] in found]


def case_markets(store: GraphStore, *, since_ms: int, scope: str | None) -> dict[str, set[str]]:
    """Market key -> the joint cases (visible within ``scope``) with work there since
    ``since_ms``: a task at the market, or the market a member of the case."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in store.run(queries.CASE_MARKETS, {"since": since_ms, "scope": scope}):
        found[row["market"]].add(row["case_id"])
    return dict(found)


def key_markets(
    store: GraphStore,
    *,
    actor: Actor,
    now_ms: int,
    params: RiskParams | None = None,
    ids: IdSource = RANDOM_IDS,
) -> tuple[RiskEntry, ...]:
    """The key markets list of the actor's region (read audited: it names cases)."""
    scoped = RiskParams(scope=actor.scope) if params is None else params
    since = now_ms - scoped.window_days * DAY_MS
    listed = rank_markets(
        store,
        now_ms,
        scoped,
        case_markets=case_markets(store, since_ms=since, scope=scoped.scope),
    )
    audit.read(store, ids, actor, now_ms, "market.key_markets", [e.key for e in listed])
    return listed
