"""The hub serving the console (``api.console``): deep links, API 404s, CSP, dev pages.

Runs on a small build written to a temp directory (real files, the real app), so it
needs no npm; the browser tests (``test_console_browser``) cover the real build.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cluehub.api import console
from cluehub.api.app import create_app
from cluehub.graph.store import GraphStore
from cluehub.settings import load

INDEX = '<html><head><meta name="csp-nonce" content="__CSP_NONCE__"></head><body>app</body></html>'


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX)
    (root / "graphiql.html").write_text("<html>graphiql page</html>")
    (root / "docs.html").write_text("<html>swagger page</html>")
    (root / "assets" / "index-abc.js").write_text("console.log(1)")
    (root / "favicon.svg").write_text("<svg/>")
    return root


def _client(
    store: GraphStore,
    tmp_path: Path,
    dist: Path,
    monkeypatch: pytest.MonkeyPatch,
    mode: str = "development",
) -> TestClient:
    monkeypatch.setattr(console, "DIST", dist)
    return TestClient(create_app(load(data_dir=tmp_path / "data", mode=mode), store))


def test_console_routes_get_index_with_a_fresh_nonce_and_strict_csp(
    store: GraphStore, tmp_path: Path, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(store, tmp_path, dist, monkeypatch)
    first, second = client.get("/"), client.get("/cases/jc-1?tab=tasks")
    for response in (first, second):
        assert response.status_code == 200 and "app" in response.text
        policy = response.headers["content-security-policy"]
        assert policy.startswith("default-src 'self'; script-src 'self';")
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "__CSP_NONCE__" not in response.text
    nonce = first.headers["content-security-policy"].split("'nonce-")[1].split("'")[0]
    assert f'content="{nonce}"' in first.text and nonce not in second.text
    assert client.get("/assets/index-abc.js").text == "console.log(1)"
    assert client.get("/favicon.svg").status_code == 200


def test_api_paths_stay_json_404s_and_methods_keep_their_answers(
    store: GraphStore, tmp_path: Path, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(store, tmp_path, dist, monkeypatch)
    for path in (
        "/graphql/x",
        "/intake/v1/nope",
        "/healthz/x",
        "/metrics/x",
        "/openapi.json/x",
        "/assets/missing.js",
        "/missing.png",
        "/api/v2",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not Found"}, path
    assert client.post("/cases/x").status_code in (404, 405)
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/openapi.json").json()["info"]["title"] == "cluehub"


def test_graphiql_and_docs_come_from_the_build_in_development_only(
    store: GraphStore, tmp_path: Path, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(store, tmp_path, dist, monkeypatch)
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.text == "<html>graphiql page</html>"
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert client.get("/docs").text == "<html>swagger page</html>"
    api = client.get(
        "/graphql", params={"query": "{ me { sub } }"}, headers={"accept": "text/html"}
    )
    # a query in the URL is an API call, not the IDE: the GraphQL endpoint answers it
    assert api.status_code in (401, 406) and "graphiql page" not in api.text
    production = _client(store, tmp_path, dist, monkeypatch, mode="production")
    assert production.get("/graphql", headers={"accept": "text/html"}).status_code == 404
    assert production.get("/docs").status_code == 404


def test_without_a_build_the_hub_serves_the_api_only_and_says_so(
    store: GraphStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="cluehub.console"):
        client = _client(store, tmp_path, tmp_path / "no-build", monkeypatch)
    assert "no build at" in caplog.text and "serving the API only" in caplog.text
    assert client.get("/").status_code == 404
    assert client.get("/healthz").status_code == 200
