"""The console's sign-in routes against a real (loopback) OpenID Connect provider:
``GET /api/signin`` says which ways are open, ``POST /api/signin/token`` exchanges an
authorization code with its PKCE verifier at the provider and hands back a token only
when the hub itself accepts it. The browser half (redirect, callback page) is in
test_console_browser.py; the verifier and challenge building in console/src/auth."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from cluehub.api import signin
from cluehub.api.app import create_app
from cluehub.graph.store import GraphStore
from cluehub.settings import load
from tests.support import oidc_provider
from tests.support.oidc_provider import Provider, challenge_of

PERSON = {"sub": "wm-17", "name": "王敏", "bureau": "330782", "role": "investigator"}
CALLBACK = "http://127.0.0.1:8000/signin/callback"


@pytest.fixture
def store(falkordb_store: GraphStore) -> GraphStore:
    return falkordb_store  # the sign-in does not read the store: one backend is enough


@pytest.fixture
def provider() -> Iterator[Provider]:
    with oidc_provider.running(PERSON) as running:
        yield running


def _client(store: GraphStore, tmp_path: Path, **settings: Any) -> TestClient:
    return TestClient(create_app(load(data_dir=tmp_path, **settings), store))


def _authorize(provider: Provider, verifier: str, redirect: str = CALLBACK) -> str:
    """What the browser does: follow the redirect to the provider, get a code back."""
    state = secrets.token_urlsafe(16)
    query = {
        "response_type": "code",
        "client_id": oidc_provider.CLIENT_ID,
        "redirect_uri": redirect,
        "scope": "openid",
        "state": state,
        "code_challenge": challenge_of(verifier),
        "code_challenge_method": "S256",
    }
    answer = httpx.get(f"{provider.url}/authorize?{urlencode(query)}", follow_redirects=False)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["location"])
    params = {k: v[0] for k, v in parse_qs(back.query).items()}
    assert back.path == "/signin/callback" and params["state"] == state
    return params["code"]


def test_signin_methods_without_and_with_oidc(
    store: GraphStore, tmp_path: Path, provider: Provider
) -> None:
    plain = _client(store, tmp_path)
    answer = plain.get("/api/signin")
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    assert answer.json() == {"localTokens": True, "oidc": None}
    refused = plain.post("/api/signin/token", json={"code": "x"})
    assert refused.status_code == 404 and "not configured" in refused.json()["detail"]

    oidc = _client(store, tmp_path, local_tokens=False, **provider.settings()).get("/api/signin")
    assert oidc.json() == {
        "localTokens": False,
        "oidc": {
            "issuer": oidc_provider.ISSUER,
            "authorizeUrl": f"{provider.url}/authorize",
            "clientId": oidc_provider.CLIENT_ID,
            "scope": "openid",
            "callbackPath": "/signin/callback",
        },
    }


def test_a_client_id_without_the_provider_urls_is_refused_at_start(
    store: GraphStore, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="CLUEHUB_OIDC_AUTHORIZE_URL, CLUEHUB_OIDC_TOKEN_URL"):
        _client(
            store,
            tmp_path,
            oidc_client_id="console",
            oidc_issuer=oidc_provider.ISSUER,
            oidc_jwks_url="http://127.0.0.1:1/jwks",
        )


def test_code_exchange_with_pkce_gives_a_token_the_hub_accepts(
    store: GraphStore, tmp_path: Path, provider: Provider
) -> None:
    client = _client(store, tmp_path, **provider.settings())
    verifier = secrets.token_urlsafe(48)
    code = _authorize(provider, verifier)
    body = {"code": code, "codeVerifier": verifier, "redirectUri": CALLBACK}
    answer = client.post("/api/signin/token", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    token = answer.json()["token"]
    asked = dict(provider.requests)["/token"]
    assert asked["code_verifier"] == verifier and asked["client_id"] == oidc_provider.CLIENT_ID
    me = client.post(
        "/graphql",
        json={"query": "{ me { sub name role bureau { code } } }"},
        headers={"authorization": f"Bearer {token}"},
    ).json()
    assert me["data"]["me"] == {
        "sub": "wm-17",
        "name": "王敏",
        "role": "investigator",
        "bureau": {"code": "330782"},
    }
    # A code works once: the provider refuses it again, and the hub says so.
    again = client.post("/api/signin/token", json=body)
    assert again.status_code == 400 and "bad code" in again.json()["detail"]


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"codeVerifier": "A" * 43}, 400, "PKCE check failed"),  # not the challenge's verifier
        ({"codeVerifier": "short"}, 400, "43-128 characters"),
        ({"redirectUri": "http://127.0.0.1:8000/elsewhere"}, 400, "console callback"),
        ({"code": ""}, 400, "authorization code"),
    ],
)
def test_bad_exchanges_are_refused_saying_why(
    store: GraphStore,
    tmp_path: Path,
    provider: Provider,
    change: dict[str, str],
    status: int,
    message: str,
) -> None:
    client = _client(store, tmp_path, **provider.settings())
    verifier = secrets.token_urlsafe(48)
    body = {"code": _authorize(provider, verifier), "codeVerifier": verifier} | {
        "redirectUri": CALLBACK
    }
    answer = client.post("/api/signin/token", json=body | change)
    assert answer.status_code == status and message in answer.json()["detail"], answer.text
    assert "token" not in answer.json()


def test_a_provider_token_the_hub_would_refuse_is_not_handed_out(
    store: GraphStore, tmp_path: Path, provider: Provider
) -> None:
    provider.person.pop("bureau")  # the provider does not map the bureau claim
    client = _client(store, tmp_path, **provider.settings())
    verifier = secrets.token_urlsafe(48)
    body = {"code": _authorize(provider, verifier), "codeVerifier": verifier}
    answer = client.post("/api/signin/token", json=body | {"redirectUri": CALLBACK})
    assert answer.status_code == 401
    assert "lacks the 'bureau' claim" in answer.json()["detail"]
    unreachable = _client(
        store, tmp_path, **(provider.settings() | {"oidc_token_url": "http://127.0.0.1:9/token"})
    )
    down = unreachable.post(
        "/api/signin/token", json={"code": "c", "codeVerifier": verifier, "redirectUri": CALLBACK}
    )
    assert down.status_code == 502 and "did not answer" in down.json()["detail"]


def test_code_exchanges_are_rate_limited_per_address(
    store: GraphStore, tmp_path: Path, provider: Provider
) -> None:
    client = _client(store, tmp_path, **provider.settings())
    body = {"code": "guess", "codeVerifier": secrets.token_urlsafe(48), "redirectUri": CALLBACK}
    limit = int(signin.EXCHANGE_RATE.split("/")[0])
    answers = [client.post("/api/signin/token", json=body) for _ in range(limit + 1)]
    assert {a.status_code for a in answers[:limit]} == {400}  # refused by the issuer, counted
    over = answers[limit]
    assert over.status_code == 429 and "sign-in code exchanges" in over.json()["detail"]
    assert int(over.headers["retry-after"]) >= 1 and over.headers["cache-control"] == "no-store"
    assert len(provider.requests) == limit  # the issuer was not asked again
