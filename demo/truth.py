"""Ground truth of a demo world: what was planted, keyed the way the graph keys it.

The generator knows which workshop, label printer, warehouses and shops form each
counterfeiting ring (造假团伙), which parties are innocent (shared express outlets,
genuine brand stores, busy local merchants, look-alike shops) and which complaint points
at which ring. All of it is written as graph node keys (``tel:+86…``, ``addr:…``,
``uscc:…``, ``shop:tmall:…``): the keys ``cluehub.ingest.mapping`` creates for the
world's records, so an evaluation can compare analysis output with the truth directly.

``write_truth`` writes JSON (UTF-8, sorted keys); ``read_truth`` reads it back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

Role = Literal["production", "label_printing", "storage", "sale"]
Coordination = Literal["provincial", "national"]
LegitKind = Literal["genuine_store", "local_merchant", "lookalike"]


@dataclass(slots=True)
class RingTruth:
    """One planted ring: who is who, where, and what the hub should conclude about it."""

    id: str
    cluster: str  # key of names.CLUSTERS, e.g. putian_shoes
    brands: list[str]  # brand slugs its listings claim
    workshop: list[str]  # phones, address, USCC of the production source (生产源头)
    label_printer: list[str]  # phone, address, USCC and 1688 shop of the printer (标识印制)
    warehouses: list[str]  # phones and addresses of its warehouses (仓储)
    shops: list[str]  # every shop selling its goods (销售网络), workshop's own included
    listings: list[str]
    sellers: list[str]  # seller phones and USCCs behind the shops
    regions: dict[str, list[str]]  # role -> county codes
    provinces: list[str]
    lead_region: str  # where the case should be led: the production county
    coordination_level: Coordination  # several provinces: provincial; major: national
    major: bool

    def all_keys(self) -> set[str]:
        """Every key that belongs to the ring."""
        groups = (
            self.workshop,
            self.label_printer,
            self.warehouses,
            self.shops,
            self.listings,
            self.sellers,
        )
        return {key for group in groups for key in group}


@dataclass(slots=True)
class HubTruth:
    """A shared express outlet or sorting centre (快递网点/分拨中心): never a source."""

    id: str
    name: str
    region: str
    keys: list[str]


@dataclass(slots=True)
class LegitTruth:
    """A legitimate party with high volume or a similar name: never a source or a target."""

    id: str
    kind: LegitKind
    name: str
    keys: list[str]


@dataclass(slots=True)
class ComplaintTruth:
    """A complaint that points at a ring, and what its text or target planted."""

    complaint: str  # complaint node key
    ring: str
    channel: str
    workshop: list[str]  # the ring's true production source keys
    mentioned: list[str]  # node keys of identifiers written into its text (for extraction)
    targeted: list[str]  # node keys its structured ``target`` names
    shop_names: list[str] = field(default_factory=list)  # shop names written into its text


@dataclass(slots=True)
class GroundTruth:
    """Everything planted in one world; filled while the world is generated."""

    size: str
    seed: int
    now: str
    rings: list[RingTruth] = field(default_factory=list)
    hubs: list[HubTruth] = field(default_factory=list)
    legitimate: list[LegitTruth] = field(default_factory=list)
    complaints: list[ComplaintTruth] = field(default_factory=list)
    unrelated_complaints: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # records per feed kind

    def ring(self, ring_id: str) -> RingTruth:
        for ring in self.rings:
            if ring.id == ring_id:
                return ring
        raise KeyError(f"no ring '{ring_id}' (rings: {', '.join(r.id for r in self.rings)})")

    def hub_keys(self) -> set[str]:
        return {key for hub in self.hubs for key in hub.keys}

    def legitimate_keys(self) -> set[str]:
        return {key for legit in self.legitimate for key in legit.keys}

    def ring_keys(self) -> set[str]:
        return {key for ring in self.rings for key in ring.all_keys()}

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def write_truth(truth: GroundTruth, path: Path | str) -> Path:
    """Write the truth as JSON (UTF-8, Chinese as is, sorted keys); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(truth.to_json(), ensure_ascii=False, sort_keys=True, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def read_truth(path: Path | str) -> GroundTruth:
    """Read a truth file written by :func:`write_truth`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return GroundTruth(
        size=data["size"],
        seed=data["seed"],
        now=data["now"],
        rings=[RingTruth(**r) for r in data["rings"]],
        hubs=[HubTruth(**h) for h in data["hubs"]],
        legitimate=[LegitTruth(**x) for x in data["legitimate"]],
        complaints=[ComplaintTruth(**c) for c in data["complaints"]],
        unrelated_complaints=list(data["unrelated_complaints"]),
        counts=dict(data["counts"]),
    )
