"""Hostile and malformed requests get a clear 4xx, never a 5xx; limits hold.

Deep nesting, alias bombs, token floods, huge pages, malformed JSON, wrong content
types and methods, oversize bodies, forged ids and tokens; and production mode
(introspection, field suggestions and GraphiQL off).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from cluehub.api.app import create_app
from cluehub.api.identity import issue_token
from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.settings import Settings, load

GRAPHQL_RESPONSE = "application/graphql-response+json"
SHOP = ids.SHOP.key_of("tmall:1")


def _client(store: GraphStore, settings: Settings) -> tuple[TestClient, dict[str, str]]:
    batch = Batch()
    batch.node(SHOP, 1, "t/1", region="350304", name="鞋店")
    batch.node(ids.PHONE.key_of("13812345678"), 1, "t/1", region="350304")
    batch.rel(SHOP, "HAS_PHONE", ids.PHONE.key_of("13812345678"), 1, "t/1")
    store.write(batch)
    token = issue_token(settings, sub="h", bureau="350300", role="investigator")
    return TestClient(create_app(settings, store)), {"authorization": f"Bearer {token}"}


@pytest.fixture
def dev(falkordb_store: GraphStore, tmp_path: Path) -> tuple[TestClient, dict[str, str]]:
    return _client(falkordb_store, load(data_dir=tmp_path))


@pytest.fixture
def prod(falkordb_store: GraphStore, tmp_path: Path) -> tuple[TestClient, dict[str, str]]:
    return _client(falkordb_store, load(data_dir=tmp_path, mode="production"))


def _post(
    client: TestClient, auth: dict[str, str], body: Any, accept: str = GRAPHQL_RESPONSE
) -> Any:
    return client.post("/graphql", json=body, headers=auth | {"accept": accept})


def _nested(levels: int) -> str:
    inner = "key"
    for _ in range(levels):
        inner = f"neighbours {{ edges {{ node {{ {inner} }} }} }}"
    return f'{{ entity(key: "{SHOP}") {{ {inner} }} }}'


def test_limits_are_request_errors(dev: tuple[TestClient, dict[str, str]]) -> None:
    client, auth = dev
    cases = {
        "depth": (_nested(8), "exceeds maximum operation depth"),
        "aliases": ("{ " + " ".join(f"a{i}: me {{ sub }}" for i in range(200)) + " }", "alias"),
        "tokens": ("{ me { " + "sub " * 3000 + "} }", "token"),
        "huge first": ('{ search(text: "鞋店", first: 100000) { edges { cursor } } }', "first"),
        "negative first": ('{ search(text: "鞋店", first: -1) { edges { cursor } } }', "first"),
        "huge neighbourhood": (
            f'{{ neighbourhood(key: "{SHOP}", first: 9999) {{ truncated }} }}', "first"
        ),
        "unknown field": ("{ me { password } }", "password"),
        "syntax": ("{ me { ", "Syntax Error"),
    }  # fmt: skip
    for name, (query, needle) in cases.items():
        response = _post(client, auth, {"query": query})
        assert response.status_code == 400, (name, response.status_code, response.text[:300])
        body = response.json()
        assert "data" not in body, name
        assert needle.lower() in body["errors"][0]["message"].lower(), (name, body)
    # With legacy application/json the same refusals are 200 with errors (the spec's rule).
    response = _post(client, auth, {"query": _nested(8)}, accept="application/json")
    assert response.status_code == 200 and response.json()["errors"]


def test_page_sizes_in_variables_are_refused_by_the_resolver(
    dev: tuple[TestClient, dict[str, str]],
) -> None:
    client, auth = dev
    query = 'query($n: Int!) { search(text: "鞋店", first: $n) { edges { cursor } } }'
    response = _post(client, auth, {"query": query, "variables": {"n": 5000}})
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert (
        error["extensions"]["code"] == "BAD_USER_INPUT" and "between 1 and 100" in error["message"]
    )


def test_transport_abuse(dev: tuple[TestClient, dict[str, str]]) -> None:
    client, auth = dev
    url = "/graphql"
    query = {"query": "{ me { sub } }"}
    as_json = {"content-type": "application/json"}
    mutation = 'mutation { unmask(id: "e1_x", reason: "0123456789ab") { key } }'
    cases: list[tuple[str, str, dict[str, Any], dict[str, str], int]] = [
        ("malformed json", "POST", {"content": b'{"query": '}, as_json, 400),
        ("json array", "POST", {"json": [query]}, {}, 400),
        ("json string", "POST", {"json": "{ me { sub } }"}, {}, 400),
        ("empty body", "POST", {"content": b""}, as_json, 400),
        ("query not string", "POST", {"json": {"query": 7}}, {}, 400),
        ("variables not object", "POST", {"json": query | {"variables": "x"}}, {}, 400),
        ("text/plain", "POST", {"content": b"{ me { sub } }"}, {"content-type": "text/plain"}, 415),
        ("form", "POST", {"data": {"query": "{ me { sub } }"}}, {}, 415),
        ("no content type", "POST", {"content": b'{"query": "{ me { sub } }"}'}, {}, 415),
        ("oversize", "POST", {"json": query | {"x": "a" * 70_000}}, {}, 413),
        ("not acceptable", "POST", {"json": query}, {"accept": "text/csv"}, 406),
        ("put", "PUT", {"json": query}, {}, 405),
        ("mutation over get", "GET", {"params": {"query": mutation}}, {}, 405),
        ("unknown operation", "POST", {"json": query | {"operationName": "Nope"}}, {}, 400),
        ("no token", "POST", {"json": query}, {"authorization": ""}, 401),
        ("bad scheme", "POST", {"json": query}, {"authorization": "Basic abc"}, 401),
        ("garbage token", "POST", {"json": query}, {"authorization": "Bearer abc.def"}, 401),
    ]
    checks = []
    for name, method, kwargs, headers, status in cases:
        response = client.request(method, url, headers=auth | headers, **kwargs)
        checks.append((name, response, status))
    # Oversize without Content-Length (chunked) is cut off while streaming too.
    chunks = (b'{"query": "{ me { sub } }", "x": "' + b"a" * 8192 for _ in range(10))
    response = client.post(url, content=chunks, headers=auth | {"content-type": "application/json"})
    assert response.status_code == 413


def test_forged_ids_and_tokens(dev: tuple[TestClient, dict[str, str]], tmp_path: Path) -> None:
    client, auth = dev
    for bad in ("tel:+8613812345678", "e1_AAAA", "e1_" + "A" * 60, "", "e1_!!!"):
        body = _post(
            client,
            auth,
            {"query": "query($i: ID!) { entity(id: $i) { key } }", "variables": {"i": bad}},
        ).json()
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", bad
    settings = load(data_dir=tmp_path)
    now = int(time.time())
    forged = {
        "other secret": jwt.encode(
            {
                "sub": "x",
                "bureau": "100000",
                "role": "admin",
                "iat": now,
                "exp": now + 60,
                "iss": "cluehub",
            },
            "not-the-secret-" * 3,
            algorithm="HS256",
        ),
        "alg none": jwt.encode(
            {
                "sub": "x",
                "bureau": "100000",
                "role": "admin",
                "iat": now,
                "exp": now + 60,
                "iss": "cluehub",
            },
            None,
            algorithm="none",
        ),
        "expired": issue_token(
            settings, sub="x", bureau="100000", role="admin", ttl_s=60, now=1_000_000
        ),
        "other issuer": jwt.encode(
            {
                "sub": "x",
                "bureau": "100000",
                "role": "admin",
                "iat": now,
                "exp": now + 60,
                "iss": "evil",
            },
            "x" * 40,
            algorithm="HS256",
        ),
    }
    for name, token in forged.items():
        response = client.post(
            "/graphql",
            json={"query": "{ me { sub } }"},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 401, name
    assert (
        "expired"
        in client.post(
            "/graphql",
            json={"query": "{ me { sub } }"},
            headers={"authorization": f"Bearer {forged['expired']}"},
        ).json()["errors"][0]["message"]
    )


@pytest.mark.engine  # its own store, to shut it down under the app
def test_internal_errors_are_masked(tmp_path: Path) -> None:
    from cluehub.api.gql.schema import MASKED_MESSAGE
    from cluehub.graph.falkordb_store import FalkorDBStore

    data_dir = tmp_path / "own"
    store = FalkorDBStore(data_dir)
    try:
        client, auth = _client(store, load(data_dir=tmp_path))
        assert _post(client, auth, {"query": "{ me { sub } }"}).status_code == 200
        store.server.shutdown()  # the store goes away under a running app
        response = _post(client, auth, {"query": f'{{ entity(key: "{SHOP}") {{ key }} }}'})
        assert response.status_code == 200
        body = response.json()
        assert body["data"] == {"entity": None}
        assert body["errors"][0]["message"] == MASKED_MESSAGE
        assert str(data_dir) not in response.text and "falkordb" not in response.text.lower()
        assert response.headers["x-request-id"]
    finally:
        store.server.shutdown()


def test_production_mode_turns_off_introspection_suggestions_and_graphiql(
    prod: tuple[TestClient, dict[str, str]], dev: tuple[TestClient, dict[str, str]]
) -> None:
    client, auth = prod
    response = _post(client, auth, {"query": "{ __schema { types { name } } }"})
    assert response.status_code == 400
    assert "introspection" in response.json()["errors"][0]["message"].lower()
    response = _post(client, auth, {"query": "{ mee { sub } }"})
    assert response.status_code == 400 and "Did you mean" not in response.text
    assert client.get("/graphql", headers={"accept": "text/html"}).status_code == 404
    assert client.get("/docs").status_code == 404

    client, auth = dev
    response = _post(client, auth, {"query": "{ mee { sub } }"})
    assert "Did you mean" in response.text
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
