"""GraphQL cost limits (#10 item 3), against a real server: the cost bomb of the issue
(10 aliases × three levels of neighbours(first: 100)) is refused before it runs, saying
which limit and by how much; /healthz stays fast while 4 heavy but allowed requests run;
heavy requests are rate-limited per user. Timings have wide margins: this guards against
the 7.7 s /healthz of the issue, it is not a benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from graphql import parse

from cluehub.api.gql import cost
from cluehub.api.gql.schema import build_schema
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.settings import load
from tests import CLUEHUB

from .live_hub import Hub, serve

HUB = "shop:tmall:hub"
FAN = 60


def _star(store: FalkorDBStore) -> None:
    """A shop with FAN phones, each shared with FAN listings: FAN² nodes two hops out."""
    batch = Batch()
    batch.node(HUB, 1, "t/1", region="350304", name="中心店")
    for i in range(FAN):
        phone = f"tel:+86138{i:08d}"
        batch.node(phone, 1, "t/1", region="350304")
        batch.rel(HUB, "HAS_PHONE", phone, 1, "t/1")
        for j in range(FAN):
            shop = f"shop:tmall:s{i}-{j}"
            batch.node(shop, 1, "t/1", region="350304", name=f"店{i}-{j}")
            batch.rel(shop, "HAS_PHONE", phone, 1, "t/1")
    store.write(batch)


def _level(inner: str) -> str:
    return f"neighbours(first: 100) {{ edges {{ node {{ key {inner} }} }} }}"


BOMB = (
    "{ "
    + " ".join(f'a{i}: entity(key: "{HUB}") {{ {_level(_level(_level("")))} }}' for i in range(10))
    + " }"
)
HEAVY = f'{{ entity(key: "{HUB}") {{ {_level(_level(""))} }} }}'


def _post(hub: Hub, query: str, token: str) -> httpx.Response:
    return httpx.post(
        hub.url + "/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {token}", "Accept": "application/graphql-response+json"},
        timeout=120,
    )


@pytest.fixture
def hub(falkordb_store: FalkorDBStore, tmp_path: Path):
    _star(falkordb_store)
    with serve(falkordb_store, tmp_path) as running:
        yield running


def test_the_cost_bomb_is_refused_fast_with_the_limit_and_the_excess(hub: Hub) -> None:
    token = hub.token()
    _post(hub, "{ me { name } }", token)  # warm up
    start = time.perf_counter()
    response = _post(hub, BOMB, token)
    elapsed = time.perf_counter() - start
    print(f"cost bomb refused in {elapsed * 1000:.1f} ms")
    assert response.status_code == 400, response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "COST_LIMIT"
    assert error["extensions"]["cost"] > error["extensions"]["budget"] == 100_000
    assert "investigator budget is 100,000" in error["message"] and "over by" in error["message"]
    assert elapsed < 0.1 * 5  # the issue asks < 100 ms; margin for a loaded CI machine
    assert "data" not in response.json()


@pytest.fixture
def served(tmp_path: Path):
    """``cluehub serve`` in its own process (clients here do not share its GIL)."""
    data_dir = tmp_path / "hub"
    store = FalkorDBStore(data_dir)
    _star(store)
    store.close()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUEHUB_", "NEO4J_"))}
    process = subprocess.Popen(
        [CLUEHUB, "serve", "--port", str(port), "--data-dir", str(data_dir)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield Hub(url, load(data_dir=data_dir), "")
    finally:
        process.terminate()
        process.wait(timeout=30)
        EmbeddedServer(data_dir.resolve()).shutdown()


@pytest.mark.slow  # starts processes
def test_healthz_stays_fast_while_heavy_requests_run(served: Hub) -> None:
    hub = served
    token = hub.token()
    sizes: list[int] = []

    def heavy() -> None:
        response = _post(hub, HEAVY, token)
        assert response.status_code == 200, response.text
        sizes.append(len(response.content))

    threads = [threading.Thread(target=heavy) for _ in range(4)]
    for thread in threads:
        thread.start()
    latencies = []
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        while any(t.is_alive() for t in threads):
            start = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            latencies.append(time.perf_counter() - start)
            time.sleep(0.02)
    for thread in threads:
        thread.join()
    assert len(sizes) == 4 and min(sizes) > 100_000  # they were heavy, and answered
    latencies.sort()
    assert latencies, "the heavy requests ended before /healthz was asked"
    median = latencies[len(latencies) // 2]
    print(f"/healthz during 4 heavy requests: median {median * 1000:.1f} ms")
    assert median < 0.05 * 2, latencies  # the issue asks < 50 ms; 2× margin for CI
    assert latencies[-1] < 2.0, latencies  # the issue saw 7.7 s; one slow tick is the machine


def test_heavy_requests_are_rate_limited_per_user(
    falkordb_store: FalkorDBStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cluehub.api import graphql_http

    monkeypatch.setattr(graphql_http, "HEAVY_RATE", "3/minute")
    missing = HEAVY.replace(HUB, "shop:tmall:none")  # statically heavy, quick to answer
    with serve(falkordb_store, tmp_path) as hub:
        token = hub.token(sub="busy")
        answers = [_post(hub, missing, token) for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        error = answers[-1].json()["errors"][0]
        assert error["extensions"]["code"] == "RATE_LIMITED" and "3/minute" in error["message"]
        assert int(answers[-1].headers["Retry-After"]) >= 1
        assert _post(hub, missing, hub.token(sub="calm")).status_code == 200  # per user
        assert _post(hub, "{ me { name } }", token).status_code == 200  # cheap ones go on


def test_the_static_estimate_is_fan_out_times_page_size() -> None:
    schema = build_schema(load())._schema
    one = cost.estimate(schema, parse(f'{{ entity(key: "{HUB}") {{ {_level("")} }} }}'))
    two = cost.estimate(schema, parse(HEAVY))
    bomb = cost.estimate(schema, parse(BOMB))
    assert one.total < 500 < two.total < cost.budget_of("investigator") < bomb.total
    assert bomb.total > 10 * 100**3 and bomb.aliases == 10
    cheap = cost.estimate(schema, parse("{ me { name bureau { name } } }"))
    assert cheap.total < cost.HEAVY
