"""Issue #10, items 8 and 9: what production mode (``CLUEHUB_MODE=production``) gives away.

The probe found argument and enum suggestions on ("Did you mean 'text'?"), ``/metrics``
open to anyone, filesystem paths on ``/healthz``, a 10-year local token accepted, and an
OpenAPI document with no security scheme and no error responses.
"""

from __future__ import annotations

import time
from pathlib import Path

import jwt
import pytest
from fastapi.testclient import TestClient

from cluehub.api.app import create_app
from cluehub.api.identity import issue_token, local_secret
from cluehub.api.openapi import PUSH_ERRORS, SCHEME
from cluehub.graph.store import GraphStore
from cluehub.settings import Settings, load

METRICS_TOKEN = "m" * 40


def _client(store: GraphStore, tmp_path: Path, **settings: object) -> tuple[TestClient, Settings]:
    configured = load(data_dir=tmp_path, **settings)
    return TestClient(create_app(configured, store)), configured


def _bearer(settings: Settings, role: str = "investigator", **claims: object) -> dict[str, str]:
    if claims:
        now = int(time.time())
        payload = {"sub": "lin", "bureau": "350300", "role": role, "iat": now,
                   "exp": now + 3600, "iss": settings.jwt_issuer} | claims  # fmt: skip
        token = jwt.encode(payload, local_secret(settings), algorithm="HS256")
    else:
        token = issue_token(settings, sub="lin", bureau="350300", role=role)
    return {"authorization": f"Bearer {token}"}


BAD_QUERIES = {
    "argument": '{ search(txt: "a") { edges { cursor } } }',
    "enum value": '{ search(text: "a", kinds: [PHONEE]) { edges { cursor } } }',
    "field": "{ mee { name } }",
    "type": "query Q($k: EntityKnd) { me { name } }",
}


@pytest.mark.parametrize("what", sorted(BAD_QUERIES))
def test_no_suggestions_in_production(store: GraphStore, tmp_path: Path, what: str) -> None:
    for mode in ("development", "production"):
        client, settings = _client(store, tmp_path, mode=mode)
        headers = _bearer(settings) | {"accept": "application/graphql-response+json"}
        response = client.post("/graphql", json={"query": BAD_QUERIES[what]}, headers=headers)
        assert response.status_code == 400, response.text
        messages = " ".join(e["message"] for e in response.json()["errors"])
        assert messages  # still says what is wrong
        if mode == "production":
            assert "Did you mean" not in messages, messages
        else:
            assert "Did you mean" in messages, messages  # the control: the rule suggests


def test_metrics_need_the_token(store: GraphStore, tmp_path: Path) -> None:
    client, _ = _client(store, tmp_path, mode="production")
    refused = client.get("/metrics")
    assert refused.status_code == 403 and "CLUEHUB_METRICS_TOKEN" in refused.json()["detail"]

    client, _ = _client(store, tmp_path, mode="production", metrics_token=METRICS_TOKEN)
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"authorization": "Bearer wrong"}).status_code == 401
    served = client.get("/metrics", headers={"authorization": f"Bearer {METRICS_TOKEN}"})
    assert served.status_code == 200 and "cluehub_http_requests_total" in served.text


def test_healthz_shows_no_paths_and_the_detail_is_for_admins(
    store: GraphStore, tmp_path: Path
) -> None:
    client, settings = _client(store, tmp_path, mode="production")
    health = client.get("/healthz")
    assert health.status_code == 200
    assert str(tmp_path) not in health.text and "socket" not in health.text
    assert health.json()["store"]["backend"] == store.describe()["backend"]

    assert client.get("/healthz/detail").status_code == 401
    investigator = client.get("/healthz/detail", headers=_bearer(settings))
    assert investigator.status_code == 403
    admin = client.get("/healthz/detail", headers=_bearer(settings, role="admin"))
    assert admin.status_code == 200
    assert admin.json()["store"] == store.describe()


def test_long_lived_tokens_are_refused(store: GraphStore, tmp_path: Path) -> None:
    client, settings = _client(store, tmp_path, mode="production")
    me = {"query": "{ me { name } }"}
    assert client.post("/graphql", json=me, headers=_bearer(settings)).status_code == 200
    now = int(time.time())
    ten_years = _bearer(settings, exp=now + 10 * 365 * 86400)
    refused = client.post("/graphql", json=me, headers=ten_years)
    assert refused.status_code == 401
    message = refused.json()["errors"][0]["message"]
    assert "at most 12 h (CLUEHUB_MAX_TOKEN_HOURS)" in message, message
    # A backdated iat does not help: exp is still 30 days ahead.
    backdated = _bearer(settings, iat=now - 30 * 86400 + 3600, exp=now + 30 * 86400)
    assert client.post("/graphql", json=me, headers=backdated).status_code == 401

    longer, longer_settings = _client(store, tmp_path, mode="production", max_token_hours=48)
    day = _bearer(longer_settings, exp=now + 86400)
    assert longer.post("/graphql", json=me, headers=day).status_code == 200
    with pytest.raises(ValueError, match="longer than this hub accepts"):
        issue_token(settings, sub="lin", bureau="350300", role="admin", ttl_s=13 * 3600)


def test_openapi_declares_the_bearer_scheme_and_every_error(
    store: GraphStore, tmp_path: Path
) -> None:
    client, _ = _client(store, tmp_path, mode="development")  # production serves no docs
    document = client.get("/openapi.json").json()
    scheme = document["components"]["securitySchemes"][SCHEME]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    intake = {p: ops for p, ops in document["paths"].items() if p.startswith("/intake/v1/")}
    assert "/intake/v1/waybill" in intake and "/intake/v1/receipts/{receipt_id}" in intake
    for path, operations in intake.items():
        for method, operation in operations.items():
            assert operation["security"] == [{SCHEME: []}], (path, method)
            wanted = PUSH_ERRORS if method == "post" else ("401", "404", "429")
            missing = [s for s in wanted if s not in operation["responses"]]
            assert missing == [], (path, method, missing)
    for status in ("401", "403", "413", "415", "422", "429"):
        assert status in document["paths"]["/intake/v1/waybill"]["post"]["responses"]
    # The declared 401 is what a keyless push really gets.
    pushed = client.post("/intake/v1/waybill", json={"records": []})
    assert pushed.status_code == 401 and isinstance(pushed.json()["detail"], str)
