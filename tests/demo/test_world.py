"""The demo world: valid feed records, deterministic, truthful, with innocent look-alikes.

Every check runs the real feed contract (``feeds.parse``) and the real record-to-graph
mapping (``mapping.map_record``) over generated records; nothing is mocked.
"""

from __future__ import annotations

import ast
import hashlib
import itertools
import json
import os
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cluehub.demo import (
    World,
    cli_main,
    estimate_nodes,
    generate,
    iter_records,
    plan_world,
    read_records,
    read_truth,
)
from cluehub.demo import names as demo_names
from cluehub.demo.mint import Mint, Sequence
from cluehub.demo.plan import REFERENCE_NOW, WINDOW
from cluehub.demo.world import KINDS as DEMO_KINDS
from cluehub.graph import identifiers as ids
from cluehub.graph import regions
from cluehub.ingest import brands, feeds, mapping
from tests import ROOT

pytestmark = pytest.mark.slow  # generates and loads demo worlds

DEMO = ROOT / "demo"


@pytest.fixture(scope="module")
def small() -> World:
    return generate("small", 7)


@pytest.fixture(scope="module")
def mapped(small: World) -> dict[str, dict[str, set[str]]]:
    """Node keys of each record, by kind and record id, through the real contract + mapping."""
    keys: dict[str, dict[str, set[str]]] = {}
    for kind, records in small.records.items():
        for record in records:
            batch = mapping.map_record(feeds.parse(kind, record), f"demo.{kind}").batch
            keys.setdefault(kind, {})[record["record_id"]] = {node.key for node in batch.nodes}
    return keys


def _all_keys(mapped: dict[str, dict[str, set[str]]]) -> set[str]:
    return {key for by_id in mapped.values() for keys in by_id.values() for key in keys}


def _flat(text: str) -> str:
    """What a reader of the text sees once full-width digits, spaces and dashes are gone."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text))


# --- the records --------------------------------------------------------------------------


def test_small_world_is_a_few_thousand_valid_records_made_fast() -> None:
    started = time.perf_counter()
    world = generate("small", 7)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"small world took {elapsed:.2f} s"
    assert 2_000 <= world.count() <= 5_000
    rejects = []
    for kind, records in world.records.items():
        for record in records:
            try:
                feeds.parse(kind, record)
            except Exception as exc:  # collect every reject, report them together
                rejects.append((kind, record["record_id"], str(exc)[:200]))
    assert rejects == []
    assert {kind: len(items) for kind, items in world.records.items()} == world.truth.counts
    assert all(world.records[kind] for kind in DEMO_KINDS)
    assert set(DEMO_KINDS) < set(feeds.KINDS)  # the rights-holder kinds come from holders


def test_ids_are_unique_and_times_lie_in_the_window(small: World) -> None:
    for kind, records in small.records.items():
        record_ids = [r["record_id"] for r in records]
        assert len(set(record_ids)) == len(record_ids), kind
    tickets = [r["ticket_id"] for r in small.records["complaint"]]
    assert len(set(tickets)) == len(tickets)
    numbers = [(r["carrier"], r["waybill_no"]) for r in small.records["waybill"]]
    assert len(set(numbers)) == len(numbers)
    fields = {
        "listing": ("observed_at",),
        "takedown": ("acted_at",),
        "waybill": ("picked_up_at", "delivered_at"),
        "complaint": ("received_at",),
    }
    earliest = REFERENCE_NOW - WINDOW
    for kind, names in fields.items():
        for record in small.records[kind]:
            for name in names:
                if name in record:
                    at = datetime.fromisoformat(record[name])
                    assert earliest <= at <= REFERENCE_NOW, (kind, record["record_id"], name)
    for record in small.records["waybill"]:
        if "delivered_at" in record:
            assert record["delivered_at"] > record["picked_up_at"]


def test_same_seed_same_world_other_seed_other_world(small: World) -> None:
    again = generate("small", 7)
    assert again.records == small.records
    assert again.truth.to_json() == small.truth.to_json()
    other = generate("small", 8)
    assert other.records != small.records
    assert {r.id for r in other.truth.rings} == {r.id for r in small.truth.rings}
    assert other.truth.rings[0].workshop != small.truth.rings[0].workshop


def test_world_is_the_same_in_another_process_with_another_hash_seed(small: World) -> None:
    """Nothing depends on str hashing or set order: a fresh interpreter makes the same world."""
    code = (
        "import hashlib, json; from cluehub.demo import generate; w = generate('small', 7); "
        "print(hashlib.sha256(json.dumps([w.records, w.truth.to_json()], ensure_ascii=False, "
        "sort_keys=True).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    child = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    here = json.dumps([small.records, small.truth.to_json()], ensure_ascii=False, sort_keys=True)
    assert child.stdout.strip() == hashlib.sha256(here.encode()).hexdigest()


def test_waybill_numbers_and_identifiers_are_valid_and_never_repeat() -> None:
    mint = Mint(random.Random(3))
    for carrier in ids.CARRIERS:
        numbers = [mint.waybill_no(carrier) for _ in range(2_000)]
        assert len(set(numbers)) == len(numbers), carrier
        for number in numbers:
            assert ids.WAYBILL.clean(number, carrier=carrier) == f"{carrier}:{number}"
    ems = [mint.waybill_no("EMS") for _ in range(200)]
    assert any(n[:2].isalpha() for n in ems) and any(n.isdigit() for n in ems)
    phones = [mint.mobile() for _ in range(5_000)]
    assert len(set(phones)) == len(phones) and all(ids.PHONE.is_valid(p) for p in phones)
    for place in demo_names.PLACES.values():
        assert ids.PHONE.is_valid(mint.landline(place.area_code, place.landline_digits))
    codes = [mint.uscc("350304", individual=i % 2 == 0) for i in range(500)]
    assert len(set(codes)) == len(codes) and all(ids.USCC.is_valid(c) for c in codes)
    sequence = Sequence.of(4, random.Random(5))
    assert sorted(sequence.next() for _ in range(10_000)) == list(range(10_000))


def test_vocabularies_match_the_hub_tables() -> None:
    for place in demo_names.PLACES.values():
        assert regions.get(place.region) is not None, place.key
    for slug in demo_names.BRANDS:
        assert brands.get(slug) is not None, f"demo brand '{slug}' is not in the hub brand table"
    for cluster in demo_names.CLUSTERS.values():
        assert set(cluster.brands) <= set(demo_names.BRANDS), cluster.key
        assert set(cluster.places) | set(cluster.printers) <= set(demo_names.PLACES)


# --- the truth ----------------------------------------------------------------------------


def test_truth_keys_are_keys_the_mapping_creates(
    small: World, mapped: dict[str, dict[str, set[str]]]
) -> None:
    created = _all_keys(mapped)
    truth = small.truth
    assert truth.ring_keys() <= created, sorted(truth.ring_keys() - created)[:5]
    assert truth.hub_keys() <= created
    assert truth.legitimate_keys() <= created
    complaint_keys = {c.complaint for c in truth.complaints} | set(truth.unrelated_complaints)
    assert complaint_keys == {k for k in created if k.startswith("complaint:")}
    for complaint in truth.complaints:
        assert set(complaint.mentioned) | set(complaint.targeted) <= created, complaint.complaint
        assert complaint.workshop == truth.ring(complaint.ring).workshop
    # Innocent parties are never part of a ring, and the other way round.
    assert not truth.hub_keys() & truth.ring_keys()
    assert not truth.legitimate_keys() & truth.ring_keys()
    for ring in truth.rings:
        assert any(k.startswith("uscc:") for k in ring.workshop) == any(
            k.startswith("shop:1688:") for k in ring.shops
        )


def test_each_ring_runs_the_whole_chain_across_provinces(small: World) -> None:
    for ring in small.truth.rings:
        assert len(ring.provinces) >= 2, ring.id
        assert all(ring.regions[role] for role in ("production", "label_printing", "storage"))
        assert ring.lead_region == ring.regions["production"][0]
        production_province = ring.lead_region[:2]
        assert all(code[:2] != production_province for code in ring.regions["storage"])
        assert len({code[:2] for code in ring.regions["sale"]}) >= 2, ring.id
        assert ring.coordination_level == ("national" if ring.major else "provincial")
        sale_shops = [k for k in ring.shops if not k.startswith("shop:1688:")]
        assert 10 <= len(sale_shops) <= 60
        assert len({k.split(":")[1] for k in sale_shops}) >= 3, ring.id
    assert any(ring.major for ring in small.truth.rings)
    assert len({ring.cluster for ring in small.truth.rings}) == len(small.truth.rings)


def test_sellers_reuse_one_phone_across_shops_and_platforms(small: World) -> None:
    for ring in small.truth.rings:
        shops = set(ring.shops)
        platforms_by_phone: dict[str, set[str]] = {}
        for record in small.records["listing"]:
            shop = ids.SHOP.key(ids.SHOP.clean(record["shop_id"], record["platform"]))
            if shop in shops and not shop.startswith("shop:1688:"):
                phone = ids.PHONE.key_of(record["seller_phone"])
                platforms_by_phone.setdefault(phone, set()).add(record["platform"])
        assert max(len(p) for p in platforms_by_phone.values()) >= 2, ring.id


def test_chain_links_show_in_waybills(small: World, mapped: dict[str, dict[str, set[str]]]) -> None:
    """Printer -> workshop -> warehouse -> shop operators: parcels exist for every ring."""
    waybills = mapped["waybill"].values()
    for ring in small.truth.rings:
        workshop, printer = set(ring.workshop), set(ring.label_printer)
        warehouses, sellers = set(ring.warehouses), set(ring.sellers)
        assert any(keys & printer and keys & workshop for keys in waybills), ring.id
        assert any(keys & workshop and keys & warehouses for keys in waybills), ring.id
        assert any(
            ids.ADDRESS.key_of(r["sender"]["address"]["text"]) in warehouses
            and ids.PHONE.key_of(r["receiver"]["phone"]) in sellers
            for r in small.records["waybill"]
        ), ring.id


# --- innocent traffic ---------------------------------------------------------------------


def test_hubs_serve_many_unrelated_senders_and_rings(
    small: World, mapped: dict[str, dict[str, set[str]]]
) -> None:
    truth = small.truth
    ring_keys = truth.ring_keys()
    degree: Counter[str] = Counter()
    for keys in mapped["waybill"].values():
        degree.update(keys)
    used_by_rings = 0
    for hub in truth.hubs:
        parcels = [keys for keys in mapped["waybill"].values() if keys & set(hub.keys)]
        phones = {k for keys in parcels for k in keys if k.startswith("tel:")} - set(hub.keys)
        assert len(phones) >= 50, hub.id
        innocent = [keys for keys in parcels if not keys & ring_keys]
        assert len(innocent) >= 50, hub.id
        used_by_rings += any(keys & ring_keys for keys in parcels)
    assert used_by_rings >= 2
    # "Most connected" is the wrong answer: the busiest parties are outlets and genuine depots.
    parties = [(k, n) for k, n in degree.most_common() if k.startswith(("tel:", "addr:"))]
    top = {k for k, _ in parties[:5]}
    assert top <= truth.hub_keys() | truth.legitimate_keys()
    for ring in truth.rings:
        hub = next(h for h in truth.hubs if h.region == ring.lead_region)
        hub_address = next(k for k in hub.keys if k.startswith("addr:"))
        assert degree[hub_address] > max(degree[k] for k in ring.workshop)


def test_legitimate_parties_are_busy_and_never_complained_about_as_fakes(small: World) -> None:
    truth = small.truth
    kinds = Counter(legit.kind for legit in truth.legitimate)
    assert kinds["genuine_store"] >= 3 and kinds["local_merchant"] >= 3 and kinds["lookalike"] >= 3
    ring_complaints = {c.complaint for c in truth.complaints}
    by_ticket = {ids.COMPLAINT.key_of(r["ticket_id"]): r for r in small.records["complaint"]}
    genuine_names = {x.name for x in truth.legitimate if x.kind == "genuine_store"}
    for key in ring_complaints:
        assert not any(name in by_ticket[key]["text"] for name in genuine_names)
    rejected = [r for r in small.records["takedown"] if r["action"] == "rejected"]
    legit_listings = {k for x in truth.legitimate for k in x.keys if k.startswith("listing:")}
    assert any(
        ids.LISTING.key(ids.LISTING.clean(r["listing_id"], r["platform"])) in legit_listings
        for r in rejected
    )
    # look-alikes share the start of a ring shop's name, never its platform and name
    ring_shops = {
        (r["platform"], r["shop_name"])
        for r in small.records["listing"]
        if ids.SHOP.key(ids.SHOP.clean(r["shop_id"], r["platform"])) in truth.ring_keys()
    }
    for legit in (x for x in truth.legitimate if x.kind == "lookalike"):
        platform = next(k for k in legit.keys if k.startswith("shop:")).split(":")[1]
        assert (platform, legit.name) not in ring_shops
        assert any(legit.name[:2] == name[:2] for _, name in ring_shops), legit.name


# --- complaints ---------------------------------------------------------------------------


def test_ring_complaints_name_ring_shops_phones_waybills_in_noisy_text(small: World) -> None:
    truth = small.truth
    by_key = {ids.COMPLAINT.key_of(r["ticket_id"]): r for r in small.records["complaint"]}
    waybills = {
        ids.WAYBILL.key(ids.WAYBILL.clean(r["waybill_no"], carrier=r["carrier"])): r["waybill_no"]
        for r in small.records["waybill"]
    }
    urls = {ids.URL.key_of(r["url"]): r["url"] for r in small.records["listing"]}
    shop_of_name = {
        (ids.PLATFORMS[r["platform"]], r["shop_name"]): ids.SHOP.key(
            ids.SHOP.clean(r["shop_id"], r["platform"])
        )
        for r in small.records["listing"]
    }
    channels: Counter[str] = Counter()
    for complaint in truth.complaints:
        record = by_key[complaint.complaint]
        channels[record["channel"]] += 1
        ring = truth.ring(complaint.ring)
        text = _flat(record["text"])
        for key in complaint.mentioned:  # what an extractor should find, as written
            if key.startswith("tel:"):
                national = ids.PHONE.value_of(key).removeprefix("+86")
                assert national in text or "0" + national in text, (key, record["text"])
            elif key.startswith("waybill:"):
                assert waybills[key] in text
            elif key.startswith("url:"):
                assert _flat(urls[key]) in text
            elif key.startswith("addr:"):
                assert ids.ADDRESS.value_of(key) in text
        for name in complaint.shop_names:
            assert _flat(name) in text
        # it points at the ring: a ring shop by name, a ring phone, address, link or target
        named = {
            shop_of_name.get((platform, name))
            for name in complaint.shop_names
            for platform in ids.PLATFORMS.values()
            if platform in record["text"]
        }
        ring_keys = ring.all_keys()
        urls_of_ring = {
            ids.URL.key_of(r["url"])
            for r in small.records["listing"]
            if ids.LISTING.key(ids.LISTING.clean(r["listing_id"], r["platform"])) in ring_keys
        }
        pointers = named | set(complaint.mentioned) | set(complaint.targeted)
        assert pointers & (ring_keys | urls_of_ring), record["text"]
    assert {"12315", "rights_holder"} <= set(channels)
    texts = [r["text"] for r in small.records["complaint"]]
    assert any(re.search(r"[０-９]{11}", t) for t in texts), "no full-width phone"
    assert any(re.search(r"1\d\d \d{4} \d{4}", t) for t in texts), "no spaced phone"
    assert any("「" in t for t in texts) and any("“" in t for t in texts)
    assert len(truth.unrelated_complaints) >= 40


def test_complaints_are_received_where_buyers_and_sellers_are(small: World) -> None:
    for record in small.records["complaint"]:
        region = regions.get(record["region"])
        assert region is not None and region.level in ("county", "city", "province")
    regions_of_ring_complaints = {
        r["region"][:2]
        for r in small.records["complaint"]
        if ids.COMPLAINT.key_of(r["ticket_id"]) in {c.complaint for c in small.truth.complaints}
    }
    assert len(regions_of_ring_complaints) >= 5  # bureaus all over the country


# --- sizes, streaming, files --------------------------------------------------------------


def test_large_streams_its_first_records_quickly() -> None:
    started = time.perf_counter()
    first = list(itertools.islice(iter_records("large", 7), 10_000))
    elapsed = time.perf_counter() - started
    assert len(first) == 10_000 and elapsed < 5.0, f"{elapsed:.2f} s for 10k records"
    for kind, record in first[::250]:
        feeds.parse(kind, record)
    assert sum(plan_world("large", 7).counts().values()) > 300_000


def test_medium_estimate_extrapolates_past_a_million_nodes_for_large() -> None:
    """Nodes per record of a real medium world times the records ``large`` plans (exact)."""
    medium = generate("medium", 7)
    assert {k: len(v) for k, v in medium.records.items()} == plan_world("medium", 7).counts()
    assert 40_000 <= medium.count() <= 70_000
    assert len(medium.truth.rings) == 10
    estimate = estimate_nodes(medium.records)
    assert estimate.records == medium.count()
    assert estimate.nodes >= 200_000
    large_records = sum(plan_world("large", 7).counts().values())
    assert estimate.extrapolate(large_records) >= 1_000_000


def test_cli_main_writes_jsonl_per_kind_and_truth(tmp_path: Path, small: World) -> None:
    records_dir, truth_path = cli_main("small", 7, tmp_path / "world")
    assert sorted(p.name for p in records_dir.iterdir()) == sorted(
        [f"{kind}.jsonl" for kind in DEMO_KINDS] + ["truth.json"]
    )
    back: dict[str, list[dict]] = {kind: [] for kind in DEMO_KINDS}
    for kind, record in read_records(records_dir):
        back[kind].append(record)
    assert back == small.records
    truth = read_truth(truth_path)
    assert truth.to_json() == small.truth.to_json()
    raw = truth_path.read_text(encoding="utf-8")
    assert "莆田" in raw or "福建" in raw or "\\u" not in raw  # Chinese kept as is
    assert json.loads(raw) == json.loads(json.dumps(small.truth.to_json(), sort_keys=True))


def test_demo_room_imports_only_graph_and_ingest() -> None:
    for path in sorted(DEMO.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                parts = node.module.split(".")
                if parts[0] == "cluehub" and len(parts) > 1:
                    assert parts[1] in ("graph", "ingest", "demo"), f"{path.name}: {node.module}"


def test_unknown_size_and_naive_now_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown demo size 'huge'"):
        plan_world("huge", 1)
    with pytest.raises(ValueError, match="no time zone"):
        plan_world("small", 1, datetime(2026, 1, 1))
    assert plan_world("small", 1, REFERENCE_NOW - timedelta(days=30)).now < REFERENCE_NOW
