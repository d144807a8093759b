"""Tunable knobs of link analysis, as frozen dataclasses with documented defaults.

Every weight, threshold and cap the analysis uses lives here, so a reviewer sees them in
one place and a caller changes one without touching code. Groups are shared: the same
:class:`HubParams` decide what a shared logistics hub is for tracing, sales networks and
rings; the same :class:`ScoreWeights` rank sources in a trace and inside a ring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Contents that mark a parcel as labels or packaging (商标标识: labels, trademarks, swing
# tags, packaging, shoe boxes…): their sender is a label printer, not a goods source.
LABEL_KEYWORDS: tuple[str, ...] = (
    "标签", "商标", "吊牌", "包装", "鞋盒", "标识", "贴标", "贴纸", "洗水唛", "领标",
    "织唛", "防伪", "合格证", "印刷", "鞋标", "皮标", "背标", "瓶贴", "吊卡", "说明书",
    "防尘袋", "防尘纸", "塑封", "label", "logo", "tag", "sticker", "packaging", "box",
)  # fmt: skip
# Contents that mark a parcel as raw material (面料, 鞋底…): its sender supplies a
# workshop; receiving it does not make the receiver a warehouse.
MATERIAL_KEYWORDS: tuple[str, ...] = (
    "面料", "布料", "鞋底", "鞋面", "原料", "原材料", "辅料", "拉链", "纽扣", "皮料", "胶水",
    "纸箱", "五金扣", "五金件", "fabric", "sole", "material",
)  # fmt: skip

# Contents that mark a parcel as a return (退货): goods going back upstream from a buyer,
# not supply; such parcels make no link of the chain.
RETURN_KEYWORDS: tuple[str, ...] = ("退货", "退回", "退换", "return")

DAY_MS = 86_400_000


@dataclass(frozen=True, slots=True)
class HubParams:
    """What makes an address or phone a shared logistics hub (快递网点, 驿站, 分拨中心).

    A hub serves many unrelated parties: on one side of its parcels (as sender or as
    receiver) it appears next to at least ``min_partners`` distinct other phones,
    addresses or companies. Anything with more than ``max_degree`` parcels on record is
    a hub from its degree alone and is never expanded. An identifier written beside a
    hub on at least ``member_share`` of its parcels (the outlet's own phone) is part of
    that hub. Hubs are never reported as sources and never traversed.
    """

    min_partners: int = 25
    max_degree: int = 20_000
    member_share: float = 0.6


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """Weights of the source score components (they sum to 1; see ``scoring``)."""

    volume: float = 0.25
    reach: float = 0.20
    concentration: float = 0.20
    shared: float = 0.10
    recency: float = 0.10
    flagged: float = 0.15
    volume_ref: int = 200  # parcels into the chain that count as full volume
    reach_ref: int = 20  # shops reached that count as full reach
    flagged_ref: int = 10  # complained-about shops reached that count as full
    recency_half_life_days: float = 180.0


@dataclass(frozen=True, slots=True)
class RoleParams:
    """How a source's role is decided and how much each role weighs in its score."""

    label_keywords: tuple[str, ...] = LABEL_KEYWORDS
    material_keywords: tuple[str, ...] = MATERIAL_KEYWORDS
    return_keywords: tuple[str, ...] = RETURN_KEYWORDS
    label_share: float = 0.5  # share of parcels with label contents -> label printer
    workshop_min_volume: int = 10  # parcels into the chain for a plain sender to be a workshop
    min_pair_parcels: int = 2  # parcels to one receiver before it counts as a trade partner
    workshop: float = 1.0
    label_printer: float = 0.6  # a supplier of the workshop, not the production source
    warehouse: float = 0.8
    sender: float = 0.5
    company: float = 0.95  # a company scores this share of the source it stands behind


@dataclass(frozen=True, slots=True)
class TraceParams:
    """Source tracing (溯源): how far upstream, how wide, how to score."""

    max_depth: int = (
        3  # parcel hops upstream of the start (retail <- warehouse <- workshop <- labels)
    )
    sample_per_node: int = 50  # parcels looked at per node and side
    max_frontier: int = 40  # nodes expanded per hop, busiest links first
    anchor_limit: int = 200  # structural paths read around the start
    named_shops: int = 3  # shops a complaint names only by exact name, used as anchors
    sink_min_senders: int = 3  # a pure receiver from this many senders is a consumer (sink)
    co_sender_share: float = 0.3  # beside a node on this share of its sent parcels: same sender
    identity_cap: int = 20  # owners (shops, companies) read per phone or address
    max_identity_keys: int = 2_000
    top_k: int = 10
    max_paths: int = 3
    now_ms: int | None = None  # recency reference; None = newest parcel seen in the trace
    hub: HubParams = field(default_factory=HubParams)
    weights: ScoreWeights = field(default_factory=ScoreWeights)
    roles: RoleParams = field(default_factory=RoleParams)


@dataclass(frozen=True, slots=True)
class SalesParams:
    """Sales network (销售网络): how far downstream and how much to read."""

    max_depth: int = 3  # parcel hops downstream of the source
    fanout_cap: int = 1_000  # parcels sent read per node
    hub_sample: int = 100  # parcels received read per receiver, to recognise hubs
    max_frontier: int = 2_000  # receivers probed per hop
    identity_cap: int = 50
    listing_cap: int = 50
    warehouse_min_sent: int = 2  # a non-shop receiver sending on at least this many ...
    min_pair: int = 2  # ... after getting at least this many from upstream is a warehouse
    hub: HubParams = field(default_factory=HubParams)


@dataclass(frozen=True, slots=True)
class RingParams:
    """Ring detection (团伙): components, hub removal, Louvain, summaries."""

    hub: HubParams = field(default_factory=HubParams)
    max_area: int = 500_000  # safety cap on entities read by one exploration
    parcels_per_node: int = 500  # parcels read per entity (its verdicts come from these)
    batch: int = 2_000  # keys per query
    split_above: int = 60  # components with more entities are split by Louvain
    resolution: float = 0.02  # Louvain resolution: low, so only weak links between rings are cut
    # (0.1 split every planted demo ring into 2-3 pieces; 0.02 keeps each whole, seeds 7/11/23)
    seed: int = 7
    min_members: int = 3
    min_pair_parcels: int = 2  # parcels between two parties before they count as partners
    bystander_share: float = 0.05  # a sender binds its receivers into a ring only if at
    # least this share of its parcels go to repeat partners that are no consumers
    weight_shipment: float = 1.0  # per parcel between two parties
    weight_identity: float = 5.0  # shop/phone/address/company declarations, SAME_AS
    weight_possible: float = 2.0  # POSSIBLY_SAME_AS
    weight_mention: float = 1.0  # complaint or clue mentions
    key_nodes: int = 5
    betweenness_samples: int = 16
    max_sources: int = 5
    now_ms: int | None = None
    scope: str | None = None
    weights: ScoreWeights = field(default_factory=ScoreWeights)
    roles: RoleParams = field(default_factory=RoleParams)


@dataclass(frozen=True, slots=True)
class CaseParams:
    """Jurisdiction (管辖): when a chain is major (重大), whom the lead notifies, and which
    analysed sources place a region in a chain's footprint.

    The seeds name "major" (重大) cases without a number (003 §3.1, 004 §4.2); a chain is
    major when it reaches any one threshold here, or a bureau declares it major. Used by
    ``jurisdiction.decide`` for ``cluehub analyze`` and the coordination room alike.
    """

    major_provinces: int = 3  # provinces involved
    major_places: int = 10  # distinct places (most specific regions) involved
    major_shops: int = 20  # shops selling
    major_waybills: int = 500  # parcels of the chain
    major_amount_yuan: float = 1_000_000.0  # amount involved (涉案金额), when known
    # Roles whose regions the investigating bureau notifies (通报): every place the goods
    # were produced, labelled, stored or sold (003 §3.4 "生产、销售及商标标识印制等";
    # 004 §4.2 "涉案地"). A company's registration region is not a place of the chain.
    notify_roles: tuple[str, ...] = ("production", "label_printing", "storage", "sale")
    min_source_score: float = 0.2  # trace candidates below this do not place a region
    source_roles: tuple[str, ...] = ("workshop", "label_printer", "warehouse")


@dataclass(frozen=True, slots=True)
class RiskParams:
    """Risk lists (高风险企业/商品名录, 重点市场名录)."""

    window_days: int = 3 * 365  # clues counted over the last three years
    min_enterprise_clues: int = 2
    min_brand_clues: int = 2
    min_market_clues: int = 3
    repeat_gap_days: int = 90  # complaints this far apart are separate episodes
    top_n: int = 100
    weight_clue: float = 1.0
    weight_ring: float = 3.0
    weight_repeat: float = 5.0
    weight_case: float = 2.0  # a joint case with work at a market, against one clue
    scope: str | None = None
    rings: RingParams = field(default_factory=RingParams)
