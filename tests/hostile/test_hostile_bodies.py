"""Hostile bodies get a 4xx or a per-record rejection, never a 5xx (#10 items 5-6), over
real HTTP: integers over 4,300 digits, nesting 10,000 deep, lone surrogate escapes, NUL,
NaN, sales counts past int64 (rejected, never clamped); a bad record never fails the
batch's good ones."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import httpx
import pytest

from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.ingest import feeds

from .live_hub import Hub, serve


@pytest.fixture
def hub(falkordb_store: FalkorDBStore, tmp_path: Path):
    with serve(falkordb_store, tmp_path) as running:
        yield running


def listing(record_id: str) -> str:
    record = copy.deepcopy(feeds.EXAMPLES["listing"])
    record["record_id"] = record_id
    return json.dumps(record, ensure_ascii=False)


def push(hub: Hub, body: str) -> httpx.Response:
    return httpx.post(
        hub.url + "/intake/v1/listing",
        content=body.encode("utf-8", "surrogatepass"),
        headers={"Authorization": f"Bearer {hub.partner_key}", "Content-Type": "application/json"},
        timeout=60,
    )


POISON = {
    "huge integer": ('"sales_count": 3120', '"sales_count": ' + "9" * 5000, "5000 digits"),
    "past int64": ('"sales_count": 3120', '"sales_count": 9223372036854775808', "less than"),
    "lone surrogate": ("潮鞋汇运动专营店", "\\ud800", "lone UTF-16 surrogate"),
    "NUL": ("潮鞋汇运动专营店", "a\\u0000b", "NUL"),
    "NaN": ('"price": 129.0', '"price": NaN', "not a number"),
    "surrogate key": ('"shop_name"', '"\\udc00"', "field name contains a lone"),
}


@pytest.mark.parametrize("name", list(POISON))
def test_a_poisoned_record_is_rejected_alone(hub: Hub, falkordb_store, name: str) -> None:
    old, new, reason = POISON[name]
    poisoned = listing("bad").replace(old, new)
    body = '{"records": [' + poisoned + "," + listing("good") + "]}"
    response = push(hub, body)
    assert response.status_code == 200, response.text
    bad, good = response.json()["results"]
    assert bad["status"] == "rejected" and reason in json.dumps(bad["errors"])
    assert good["status"] == "accepted"
    listing_node = falkordb_store.get("listing:tmall:692345678901")
    assert listing_node.props["sales_count"] == 3120  # never a clamped 9223372036854775807


@pytest.mark.parametrize(
    "body",
    [
        '{"records": [' + "[" * 10_000 + "]" * 10_000 + "]}",
        "[" * 100_000,
        '{"records": [1' + "0" * 5000 + "]}",
        '{"records": "\\ud800"}',
        '{"\\ud800": []}',
        '{"records": [' + '{"a":' * 60 + "1" + "}" * 60 + "]}",
    ],
    ids=["deep", "deep-unclosed", "huge-int-record", "surrogate-records", "surrogate-top", "60"],
)
def test_hostile_intake_bodies_get_4xx_or_per_record_answers(hub: Hub, body: str) -> None:
    response = push(hub, body)
    assert response.status_code < 500, response.text
    if response.status_code == 200:
        assert all(r["status"] == "rejected" for r in response.json()["results"])


@pytest.mark.parametrize(
    "body",
    [
        '{"query": "{ me { name } }", "variables": ' + "[" * 10_000 + "]" * 10_000 + "}",
        '{"query": "query($n: Int) { me { name } }", "variables": {"n": ' + "9" * 5000 + "}}",
        '{"query": "{ entity(key: \\"tel:\\ud800\\") { key } }"}',
        '{"query": "{ me \\u0000 { name } }"}',
        '{"query": "{ search(text: \\"ab\\", first: ' + "9" * 5000 + ') { totalCount } }"}',
        '{"query": "{ me { name } }", "variables": {"x": NaN}}',
    ],
    ids=["deep-variables", "huge-int-variable", "surrogate", "nul", "huge-int-literal", "nan"],
)
def test_hostile_graphql_bodies_get_4xx(hub: Hub, body: str) -> None:
    response = httpx.post(
        hub.url + "/graphql",
        content=body.encode("utf-8", "surrogatepass"),
        headers={
            "Authorization": f"Bearer {hub.token()}",
            "Content-Type": "application/json",
            "Accept": "application/graphql-response+json",
        },
        timeout=60,
    )
    assert 400 <= response.status_code < 500, response.text
    assert "internal error" not in response.text
