"""Physical markets (实体市场) in GraphQL: register a market and its stalls, link a clue
to one, list a region's markets and the key markets list (重点市场名录).

Markets are graph nodes (``Market`` entities): they come out as the viewer's scoped
entities. A stall's address is put in the canonical form the intake keys addresses with
(``ingest.addresses.canonical``), so a parcel sent from the stall meets it.
"""

from __future__ import annotations

import strawberry

from cluehub.api.errors import NotFound
from cluehub.cases.market import service as market_service
from cluehub.graph import identifiers as ids
from cluehub.ingest.addresses import canonical

from .cases.bridge import call, key_of
from .cases.shapes import entity, entity_field
from .context import Info
from .types import Entity, entity_of

MAX_LIST = 200


@strawberry.type(description="A market on the key markets list, and why (三年内案件与投诉).")
class KeyMarket:
    score: float
    reasons: list[str]
    clues: int
    cases: int
    key: strawberry.Private[str]

    market = entity_field("key")


async def _market(info: Info, key: str) -> Entity:
    found = await entity(info, key)
    if found is None:
        raise NotFound(f"no market {key} your bureau may see")
    return found


@strawberry.type
class MarketsQuery:
    @strawberry.field(description="The markets of a region (default: your bureau's), by key.")
    async def markets(
        self, info: Info, region: str | None = None, first: int = 100
    ) -> list[Entity]:
        nodes = await call(
            info,
            market_service.markets_in,
            region=region or info.context.viewer.bureau,
            limit=max(1, min(first, MAX_LIST)),
        )
        info.context.loaders.prime(nodes)
        return [entity_of(n) for n in nodes]

    @strawberry.field(
        description=(
            "The key markets list (重点市场名录) of your region: markets by the complaints and "
            "clues about them and the joint cases with work there, over three years."
        )
    )
    async def key_markets(self, info: Info) -> list[KeyMarket]:
        listed = await call(info, market_service.key_markets)
        return [
            KeyMarket(
                score=e.score,
                reasons=list(e.reasons),
                clues=int(e.counts.get("clues", 0)),
                cases=int(e.counts.get("cases", 0)),
                key=e.key,
            )
            for e in listed
        ]


@strawberry.type
class MarketsMutation:
    @strawberry.mutation(description="Register a physical market of your region (实体市场).")
    async def register_market(
        self, info: Info, name: str, region: str, address: str = ""
    ) -> Entity | None:
        key = await call(
            info, market_service.register_market, name=name, region=region, address=address
        )
        return await _market(info, key)

    @strawberry.mutation(description="A stall: an address inside the market.")
    async def add_market_stall(
        self, info: Info, market_id: strawberry.ID, address: str
    ) -> Entity | None:
        ctx = info.context
        market = ctx.ids.decode(str(market_id))
        region = (
            ids.MARKET.region_of(ids.MARKET.value_of(market))
            if market.startswith("market:")
            else None
        )
        stall = await call(
            info,
            market_service.add_stall,
            market=market,
            address=canonical(address, region).text,
        )
        node = await ctx.call_store("market.stall.read", ctx.store.get, stall)
        return entity_of(node) if node is not None else None

    @strawberry.mutation(description="Say that a complaint or clue is about a market.")
    async def link_clue_to_market(
        self, info: Info, clue_id: strawberry.ID, market_id: strawberry.ID
    ) -> Entity | None:
        market = info.context.ids.decode(str(market_id))
        await call(info, market_service.link_clue, clue_key=key_of(info, clue_id), market=market)
        return await _market(info, market)
