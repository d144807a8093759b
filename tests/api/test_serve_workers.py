"""`cluehub serve --workers 2`: the same answers as one worker under concurrent load, a
rate limit shared by the workers, and scheduled jobs that run in one worker only."""

from __future__ import annotations

import copy
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

import httpx
import pytest

from cluehub.api.identity import issue_token
from cluehub.cases.jobs import JOB_RUN
from cluehub.graph.embedded import EmbeddedServer
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.ingest import feeds
from cluehub.ingest.partners import add_partner
from cluehub.settings import Settings
from tests.support.served import free_port, healthz, serve

JOBS_INTERVAL_S = 0.5
QUERIES = [
    "{ me { name role bureau { name } } }",
    '{ bureau(code: "350300") { name } }',
    '{ search(text: "nike") { edges { node { kind } } } }',
    '{ neighbourhood(key: "shop:tmall:777", hops: 2) { nodes { kind } } }',
]


def _serve(data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    return serve(
        data_dir, port, "--workers", str(workers), CLUEHUB_JOBS_INTERVAL_S=str(JOBS_INTERVAL_S)
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _record(record_id: str, bad: bool = False) -> dict:
    value = copy.deepcopy(feeds.EXAMPLES["waybill"])
    value["record_id"] = record_id
    if bad:
        value["sender"]["phone"] = "1381234"
    return value


def _load(port: int, token: str, key: str, run: str) -> list:
    """The request set, sent 8 at a time: answers without per-run ids, in request order."""
    base = f"http://127.0.0.1:{port}"
    graphql = {"Authorization": f"Bearer {token}"}
    intake = {"Authorization": f"Bearer {key}"}

    def ask(i: int) -> object:
        with httpx.Client(base_url=base, timeout=60) as client:
            if i % 2:
                query = QUERIES[(i // 2) % len(QUERIES)]
                answer = client.post("/graphql", json={"query": query}, headers=graphql)
                return answer.status_code, answer.json()
            records = [_record(f"{run}-{i}-{j}", bad=j == 2) for j in range(3)]
            for _ in range(3):  # a 503 means nothing was written: the API says retry
                answer = client.post(
                    "/intake/v1/waybill", json={"records": records}, headers=intake
                )
                if answer.status_code != 503:
                    break
                time.sleep(float(answer.headers.get("Retry-After", "1")))
            body = answer.json()
            assert "results" in body, (answer.status_code, body)
            return answer.status_code, [
                (r["status"], [e["field"] for e in r.get("errors", []) + r.get("warnings", [])])
                for r in body["results"]
            ]

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(ask, range(48)))


@pytest.mark.slow
def test_two_workers_answer_as_one_share_limits_and_run_jobs_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "hub"
    store = FalkorDBStore(data_dir)
    batch = Batch()
    shop = batch.node("shop:tmall:777", 1, "t/1", "350304", name="nike outlet")
    phone = batch.node("tel:+8613812345678", 1, "t/1", "350304")
    batch.rel(shop, "HAS_PHONE", phone, 1, "t/1")
    store.write(batch)
    key = add_partner(
        store, "sf", "sf", ["waybill"], now_ms=1, actor="test", rate_limit="10000/minute"
    )
    slow_key = add_partner(store, "slow", "slow", ["waybill"], now_ms=1, actor="test",
                           rate_limit="10/minute")  # fmt: skip
    token = issue_token(
        Settings(data_dir=data_dir), sub="lin", bureau="350300", role="investigator", ttl_s=3600
    )
    try:
        answers = {}
        for workers in (1, 2):
            port = free_port()
            process = _serve(data_dir, port, workers)
            try:
                healthz(port, process)
                started = int(time.time() * 1000)
                answers[workers] = _load(port, token, key, f"w{workers}")
                if workers == 2:
                    limited = _limited(port, slow_key)
                    time.sleep(JOBS_INTERVAL_S * 8)
                    runs = [
                        r for r in store.find_docs(JOB_RUN, order_by="at", limit=1000)
                        if r["at"] >= started
                    ]  # fmt: skip
                    ticks = (time.time() * 1000 - started) / (JOBS_INTERVAL_S * 1000)
            finally:
                _stop(process)
        assert answers[1] == answers[2]
        assert {status for status, _ in answers[2]} == {200}
        assert answers[2][0][1] == [
            ("accepted", []),
            ("accepted", []),
            ("accepted", ["sender.phone"]),  # a bad optional phone costs a warning
        ]
        assert sorted(limited) == [200] * 10 + [429] * 10  # one limit for both workers
        assert len({r["holder"] for r in runs}) == 1, "jobs ran in more than one worker"
        assert 3 <= len(runs) <= ticks + 2  # once per tick, not once per worker and tick
        gaps = [b["at"] - a["at"] for a, b in pairwise(runs)]
        assert min(gaps) >= JOBS_INTERVAL_S * 1000 * 0.9
    finally:
        store.shutdown_server()
        EmbeddedServer(data_dir.resolve()).shutdown()


def _limited(port: int, key: str) -> list[int]:
    def push(i: int) -> int:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            body = {"records": [_record(f"slow-{i}")]}
            headers = {"Authorization": f"Bearer {key}"}
            return client.post("/intake/v1/waybill", json=body, headers=headers).status_code

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(push, range(20)))
