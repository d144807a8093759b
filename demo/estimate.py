"""How many graph nodes a world's records make, counted without a store.

Every record goes through the real feed contract and mapping (``feeds.parse`` then
``mapping.map_record`` with feed ``demo.<kind>``, as the intake loader names it); the
distinct node keys of all the batches are the nodes a store would hold.

The count is a lower bound: complaint texts are not run through the extractor and
addresses without a region code are not located (``no_extract``, ``no_locate``), so the
mentions extraction adds (mostly of nodes that exist already, plus persons and companies
named in texts) and the region nodes of located addresses are left out.

Extrapolating to a bigger world: regions, carriers, platforms and brands are bounded by
their tables and do not grow; every other kind (waybills, phones, addresses, persons named
on waybills, listings, shops, complaints…) grows in proportion to the records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cluehub.ingest import feeds, mapping

BOUNDED_PREFIXES: tuple[str, ...] = ("region", "carrier", "platform", "brand")


@dataclass(frozen=True, slots=True)
class NodeEstimate:
    """Records read, distinct node keys they make, and those keys by prefix (``tel``…)."""

    records: int
    nodes: int
    by_prefix: dict[str, int]

    @property
    def bounded(self) -> int:
        return sum(self.by_prefix.get(prefix, 0) for prefix in BOUNDED_PREFIXES)

    def per_record(self) -> float:
        """Growing nodes per record."""
        return (self.nodes - self.bounded) / self.records if self.records else 0.0

    def extrapolate(self, records: int) -> int:
        """Nodes a world of ``records`` records of the same mix would make."""
        return self.bounded + round(self.per_record() * records)


def _pairs(
    records: Mapping[str, Iterable[dict[str, Any]]] | Iterable[tuple[str, dict[str, Any]]],
) -> Iterable[tuple[str, dict[str, Any]]]:
    if isinstance(records, Mapping):
        return ((kind, record) for kind, items in records.items() for record in items)
    return records


def estimate_nodes(
    records: Mapping[str, Iterable[dict[str, Any]]] | Iterable[tuple[str, dict[str, Any]]],
) -> NodeEstimate:
    """Distinct node keys the mapping creates for ``records`` (by kind, or ``(kind, record)``
    pairs); raises pydantic's ValidationError on a record the feed contract refuses."""
    keys: set[str] = set()
    count = 0
    for kind, raw in _pairs(records):
        mapped = mapping.map_record(feeds.parse(kind, raw), f"demo.{kind}")
        keys.update(node.key for node in mapped.batch.nodes)
        count += 1
    by_prefix = Counter(key.split(":", 1)[0] for key in keys)
    return NodeEstimate(count, len(keys), dict(sorted(by_prefix.items())))
