"""The partner push API through real HTTP (ASGI) on the real store."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator

import httpx
import pytest

from cluehub.api import intake as intake_api
from cluehub.api.app import create_app
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.ingest import feeds
from cluehub.ingest.partners import add_partner, revoke, rotate_key
from cluehub.settings import Settings

NOW = 1_780_000_000_000


@pytest.fixture
def app(falkordb_store: FalkorDBStore, tmp_path):
    application = create_app(Settings(data_dir=tmp_path), store=falkordb_store)
    intake_api.mount(application)
    application.state.store = falkordb_store
    return application


@pytest.fixture
def client(app) -> Iterator[httpx.Client]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    import anyio

    class SyncClient:
        """httpx's ASGI transport is async; tests read better synchronously."""

        def request(self, method: str, url: str, **kwargs) -> httpx.Response:
            async def call() -> httpx.Response:
                async with httpx.AsyncClient(transport=transport, base_url="http://hub") as c:
                    return await c.request(method, url, **kwargs)

            return anyio.run(call)

        def post(self, url: str, **kwargs) -> httpx.Response:
            return self.request("POST", url, **kwargs)

        def get(self, url: str, **kwargs) -> httpx.Response:
            return self.request("GET", url, **kwargs)

    yield SyncClient()  # type: ignore[misc]


def key_for(store, partner: str, kinds: list[str], rate: str = "600/minute") -> str:
    return add_partner(store, partner, partner, kinds, now_ms=NOW, actor="test", rate_limit=rate)


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def record(kind: str, record_id: str) -> dict:
    value = copy.deepcopy(feeds.EXAMPLES[kind])
    value["record_id"] = record_id
    return value


def test_partner_pushes_each_kind_and_reads_its_receipts(client, falkordb_store) -> None:
    key = key_for(falkordb_store, "bigshop", list(feeds.PARTNER_KINDS))
    for kind in feeds.KINDS:
        response = client.post(
            f"/intake/v1/{kind}", json={"records": [record(kind, "r1")]}, headers=auth(key)
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["accepted"], body["rejected"]) == (1, 0)
        receipt = client.get(f"/intake/v1/receipts/{body['receipt_id']}", headers=auth(key))
        assert receipt.status_code == 200
        assert receipt.json()["results"][0]["status"] == "accepted"
    assert falkordb_store.get("waybill:SF:SF1311234567890") is not None


def test_per_record_results_and_duplicates(client, falkordb_store) -> None:
    key = key_for(falkordb_store, "sf", ["waybill"])
    bad = record("waybill", "bad")
    bad["weight_kg"] = -1
    warned = record("waybill", "warned")
    warned["receiver"]["phone"] = "12"  # an optional identifier: quarantined, not rejected
    body = client.post(
        "/intake/v1/waybill",
        json={"records": [record("waybill", "ok"), bad, warned]},
        headers=auth(key),
    ).json()
    assert [r["status"] for r in body["results"]] == ["accepted", "rejected", "accepted"]
    assert body["results"][1]["errors"][0]["field"] == "weight_kg"
    assert body["results"][2]["warnings"][0]["field"] == "receiver.phone"
    again = client.post(
        "/intake/v1/waybill", json={"records": [record("waybill", "ok")]}, headers=auth(key)
    ).json()
    assert again["results"][0]["status"] == "duplicate"


def test_keys_are_scoped_rotated_and_revoked(client, falkordb_store) -> None:
    key = key_for(falkordb_store, "sf", ["waybill"])
    denied = client.post("/intake/v1/listing", json={"records": []}, headers=auth(key))
    assert denied.status_code == 403 and "may not push listing" in denied.json()["detail"]
    assert client.post("/intake/v1/waybill", json={"records": []}).status_code == 401
    wrong = client.post("/intake/v1/waybill", json={"records": []}, headers=auth(key + "x"))
    assert wrong.status_code == 401
    new_key = rotate_key(falkordb_store, "sf", now_ms=NOW, actor="t", grace_ms=0)
    assert (
        client.post("/intake/v1/waybill", json={"records": []}, headers=auth(key)).status_code
        == 401
    )
    ok = client.post("/intake/v1/waybill", json={"records": []}, headers={"X-API-Key": new_key})
    assert ok.status_code == 200
    revoke(falkordb_store, "sf", now_ms=NOW, actor="t", reason="contract ended")
    gone = client.post("/intake/v1/waybill", json={"records": []}, headers=auth(new_key))
    assert gone.status_code == 401
    stored = json.dumps(falkordb_store.get_doc("Partner", "sf"))
    assert new_key not in stored and key not in stored  # only hashes are kept


def test_rotation_grace_keeps_the_old_key_working(client, falkordb_store) -> None:
    import time

    key = key_for(falkordb_store, "jd", ["listing"])
    rotate_key(falkordb_store, "jd", now_ms=int(time.time() * 1000), actor="t", grace_ms=3_600_000)
    assert (
        client.post("/intake/v1/listing", json={"records": []}, headers=auth(key)).status_code
        == 200
    )


def test_a_partner_cannot_read_another_partners_receipt(client, falkordb_store) -> None:
    a = key_for(falkordb_store, "pa", ["waybill"])
    b = key_for(falkordb_store, "pb", ["waybill"])
    body = client.post(
        "/intake/v1/waybill", json={"records": [record("waybill", "x")]}, headers=auth(a)
    ).json()
    assert (
        client.get(f"/intake/v1/receipts/{body['receipt_id']}", headers=auth(b)).status_code == 404
    )


@pytest.mark.parametrize(
    ("body", "content_type", "status", "detail"),
    [
        (b'{"records": [', "application/json", 400, "invalid JSON"),
        (b"\xff\xfe{}", "application/json", 400, "not UTF-8"),
        (b'{"records": []}', "text/plain", 415, "application/json"),
        (b'[{"record_id": "x"}]', "application/json", 422, "exactly one field"),
        (b'{"records": {"a": 1}}', "application/json", 422, "must be a list"),
        (b'{"records": [], "extra": 1}', "application/json", 422, "exactly one field"),
    ],
)
def test_bad_bodies_get_clear_4xx(
    client, falkordb_store, body, content_type, status, detail
) -> None:
    key = key_for(falkordb_store, "sf", ["waybill"])
    response = client.post(
        "/intake/v1/waybill", content=body, headers={**auth(key), "Content-Type": content_type}
    )
    assert response.status_code == status
    assert detail in response.json()["detail"]


def test_oversize_batches_are_413(client, falkordb_store) -> None:
    key = key_for(falkordb_store, "sf", ["waybill"])
    many = {"records": [{"record_id": str(i)} for i in range(1001)]}
    response = client.post("/intake/v1/waybill", json=many, headers=auth(key))
    assert response.status_code == 413 and "at most 1000" in response.json()["detail"]
    huge = b'{"records": ["' + b"x" * (intake_api.MAX_BODY_BYTES + 10) + b'"]}'
    response = client.post(
        "/intake/v1/waybill",
        content=huge,
        headers={**auth(key), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert falkordb_store.counts() == (0, 0)


def test_rate_limit_per_partner(client, falkordb_store) -> None:
    slow = key_for(falkordb_store, "slow", ["waybill"], rate="3/minute")
    other = key_for(falkordb_store, "other", ["waybill"])
    codes = [
        client.post("/intake/v1/waybill", json={"records": []}, headers=auth(slow)).status_code
        for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    limited = client.post("/intake/v1/waybill", json={"records": []}, headers=auth(slow))
    assert int(limited.headers["Retry-After"]) >= 1
    assert (
        client.post("/intake/v1/waybill", json={"records": []}, headers=auth(other)).status_code
        == 200
    )


def test_feed_contracts_are_published_in_openapi(client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"ListingRecord", "WaybillRecord", "ComplaintRecord", "TakedownRecord"} <= set(
        spec["components"]["schemas"]
    )
    push = spec["paths"]["/intake/v1/waybill"]["post"]["requestBody"]["content"]["application/json"]
    assert push["schema"]["properties"]["records"]["items"]["$ref"].endswith("/WaybillRecord")
    assert push["example"]["records"][0]["carrier"] == "SF"
