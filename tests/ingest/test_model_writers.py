"""Everything the writers write is declared in the model, and everything declared is written.

Runs the real feed contract and the real record-to-graph mapping (with the real address
placement and complaint extraction) over the small demo world and the feed examples, so
``Batch.node`` checks every property the intake would write. A property a writer adds
without declaring it fails here (the batch refuses it); a declared property nothing
writes any more shows up as unexpected in the coverage check.
"""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from cluehub.demo import generate
from cluehub.graph import model
from cluehub.ingest import feeds, mapping
from cluehub.ingest.pipeline import default_enrichment

pytestmark = pytest.mark.slow  # generates the small demo world and reads its complaints

# Declared for writers outside the partner feeds: registry data of USCC companies, clues
# raised in the hub, and the directories the cases room keeps (rights holders, key markets).
NOT_FROM_FEEDS = {
    ("Company", "legal_rep"),
    ("Clue", "title"),
    ("RightsHolder", "name"),
    ("RightsHolder", "name_en"),
    ("Market", "name"),
    ("Market", "address"),
}


def _records() -> list[tuple[str, dict]]:
    world = generate("small", 7)
    records = [(kind, r) for kind, rs in world.records.items() for r in rs]
    records += [(kind, copy.deepcopy(feeds.EXAMPLES[kind])) for kind in feeds.KINDS]
    ems = copy.deepcopy(feeds.EXAMPLES["waybill"])
    ems.update(record_id="ems-1", carrier="EMS", waybill_no="EA123456784CN")  # bad check digit
    published = copy.deepcopy(feeds.EXAMPLES["takedown"])
    published.update(record_id="tm-td-0002", action="published")  # the platform's 公示
    return [*records, ("waybill", ems), ("takedown", published)]


@pytest.fixture(scope="module")
def written() -> Counter[tuple[str, str]]:
    """How many nodes had each (kind, property) written; ``("feed", kind)``: records read."""
    enrichment = default_enrichment()
    seen: Counter[tuple[str, str]] = Counter()
    for kind, raw in _records():
        seen["feed", kind] += 1
        mapped = mapping.map_record(
            feeds.parse(kind, raw),
            f"demo.{kind}",
            locate=enrichment.locate,
            extract=enrichment.extract,
        )  # Batch.node raises model.UndeclaredProperty on anything undeclared
        for node in mapped.batch.nodes:
            seen.update((node.kind.label, p) for p, v in node.props.items() if v is not None)
    return seen


def test_every_written_property_is_declared_with_its_type(
    written: Counter[tuple[str, str]],
) -> None:
    assert written["feed", "waybill"] > 3_000  # the whole small world went through
    # every waybill record, and each rights holder's test buy (tracing) with its parcel
    parcels = written["feed", "waybill"] + written["feed", "tracing"]
    assert written["Waybill", "number"] == parcels
    assert written["Listing", "title"] == written["feed", "listing"]
    assert written["Complaint", "text"] == written["feed", "complaint"]
    for label, name in written:
        if label != "feed":
            assert model.kind(label).find_prop(name) is not None, (label, name)


def test_every_declared_property_is_written_by_some_feed(
    written: Counter[tuple[str, str]],
) -> None:
    declared = {(k.label, p.name) for k in model.NODE_KINDS for p in k.props}
    assert declared - set(written) == NOT_FROM_FEEDS
