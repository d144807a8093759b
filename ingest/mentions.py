"""What a complaint's mentions meet in the graph: waybills by number, shops by name.

A text names things less exactly than a feed: a waybill number without its carrier
("快递单号110107700325"), a shop by its display name ("闲鱼网店品牌李宁折扣店10"). Before a
complaint batch is mapped, intake reads once what those mentions can meet
(:func:`lookup`, the only I/O here) and hands the answer, a :class:`Known`, to the pure
mapping, which decides (:func:`waybill_targets`, :func:`shop_targets`):

- **Waybills.** A number whose key exists is that node. Otherwise every waybill with the
  same number (any carrier) is a target, ``via: number`` (or ``number-ambiguous`` when
  several carriers have it). With none, the mention stays a ``waybill:UNK:…`` (or the
  carrier the text named) placeholder; when a carrier's feed later brings the number,
  :func:`relink` adds the mentions to the real node.
- **Shops.** A name (normalised like ``Shop.name_key``) that only one shop bears (on the
  platform the text names, when it names one) is that shop, ``via: name``. A name several
  shops bear is *not* linked: a stored mention of three "工厂潮鞋馆" would glue their rings
  together. It stays on the complaint for review, and tracing reads those shops as a
  derived ``NAMES_SHOP`` hop (``analysis.fetch.add_named_shops``), stored nowhere.
  Same-name shops get ``POSSIBLY_SAME_AS`` proposals from ``resolution``: never a silent
  merge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch, NodeAssertion
from cluehub.graph.store import GraphStore

from . import learned
from . import queries as q

MAX_SHOPS_PER_NAME = 5
KEYS_PER_QUERY = 2_000


@dataclass(frozen=True, slots=True)
class Known:
    """What the graph holds for the numbers and names of a batch's mentions."""

    waybills: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # number -> keys
    shops: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name_key -> keys


@dataclass(frozen=True, slots=True)
class Target:
    """A node a mention resolves to, how, and how sure."""

    key: str
    via: str
    score: float = 1.0


def number_of(waybill_value: str) -> str:
    """``STO:773012345678`` -> ``773012345678``."""
    return waybill_value.split(":", 1)[1] if ":" in waybill_value else waybill_value


def waybill_targets(value: str, known: Known) -> list[Target]:
    """The waybill nodes a WAYBILL mention (``CARRIER:NUMBER``) meets."""
    key = ids.WAYBILL.key(value)
    found = known.waybills.get(number_of(value), ())
    if key in found or not found:
        return [Target(key, "text")]
    via = "number" if len(found) == 1 else "number-ambiguous"
    return [Target(k, via, round(1 / len(found), 3)) for k in found]


def _platform_of(shop_key: str) -> str:
    return ids.SHOP.value_of(shop_key).split(":", 1)[0]


def shop_targets(name: str, platforms: Iterable[str], known: Known) -> list[Target]:
    """The shop a SHOP mention (normalised name) meets, given the platforms the text
    names: the one shop of that name (on the platform named, when one is), else none —
    an ambiguous name stays for review (module docstring)."""
    found = known.shops.get(name, ())
    named = set(platforms)
    on_named = [k for k in found if _platform_of(k) in named] if named else list(found)
    return [Target(on_named[0], "name")] if len(on_named) == 1 else []


def lookup(store: GraphStore, numbers: Iterable[str], names: Iterable[str]) -> Known:
    """Read what the batch's waybill numbers and shop names meet (one query per kind and
    :data:`KEYS_PER_QUERY` values)."""
    waybills: dict[str, list[str]] = {}
    for part in _chunks(sorted(set(numbers))):
        for row in store.run(q.WAYBILLS_BY_NUMBER, {"numbers": part}):
            waybills.setdefault(row["number"], []).append(row["key"])
    shops: dict[str, list[str]] = {}
    for part in _chunks(sorted(set(names))):
        params = {"names": part, "cap": MAX_SHOPS_PER_NAME + 1}
        for row in store.run(q.SHOPS_BY_NAME_KEY, params):
            shops.setdefault(row["name"], []).append(row["key"])
    return Known(
        {k: tuple(v) for k, v in waybills.items()}, {k: tuple(v) for k, v in shops.items()}
    )


def mentioned_by(store: GraphStore, keys: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Per key, the complaints and clues that mention it, with the mention's role."""
    out: dict[str, list[tuple[str, str]]] = {}
    for part in _chunks(sorted(set(keys))):
        for row in store.run(q.MENTIONED_BY, {"keys": part}):
            out.setdefault(row["key"], []).append((row["by"], row["role"] or "other"))
    return out


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), KEYS_PER_QUERY):
        yield values[start : start + KEYS_PER_QUERY]


def prepare(
    store: GraphStore,
    texts: Iterable[str],
    extract: Callable[[str], Iterable[tuple[str, str, str]]],
) -> tuple[Callable[[str], list[tuple[str, str, str]]], Known]:
    """Read each complaint text once and look up what its mentions meet: the cached
    extraction to map with, and the :class:`Known` answer."""
    learned.SHOP_NAMES.refresh(store)
    read: dict[str, list[tuple[str, str, str]]] = {}
    for text in texts:
        found = list(extract(text))
        shops = {v for t, v, _ in found if t == "SHOP"}
        found += [("SHOP", n, "other") for n in learned.SHOP_NAMES.find(text) if n not in shops]
        read[text] = found
    numbers = [number_of(v) for found in read.values() for t, v, _ in found if t == "WAYBILL"]
    names = [v for found in read.values() for t, v, _ in found if t == "SHOP"]
    known = lookup(store, numbers, names) if numbers or names else Known()
    return (lambda text: read[text] if text in read else list(extract(text))), known


def relink(store: GraphStore, batch: Batch) -> int:
    """Mentions of ``waybill:UNK:N`` placeholders also meet the waybills of number N that
    ``batch`` brings with their carrier (``via: number``); returns the links added."""
    placeholders: dict[str, list[NodeAssertion]] = {}
    for node in batch.nodes:
        if node.key.startswith("waybill:") and not node.key.startswith(_UNK_PREFIX):
            number = number_of(ids.WAYBILL.value_of(node.key))
            placeholders.setdefault(_UNK_PREFIX + number, []).append(node)
    if not placeholders:
        return 0
    added = 0
    for placeholder, mentions in mentioned_by(store, placeholders).items():
        for node in placeholders[placeholder]:
            for by, role in mentions:
                batch.rel(by, "MENTIONS", node.key, node.seen, node.source, via="number", role=role)
                added += 1
    return added


_UNK_PREFIX = f"waybill:{ids.UNKNOWN_CARRIER}:"
