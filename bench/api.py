"""API benchmark: GraphQL over HTTP against the store called directly, same run.

    python bench/api.py [--nodes 100000] [--requests 200] [--hops 3] [--limit 500]
                        [--data-dir DIR]

Builds a logistics-shaped graph (waybills -> sender/receiver phones and addresses) in
a fresh embedded FalkorDB through ``GraphStore.write`` (in ``--data-dir`` when given,
kept afterwards, and used again by a later run for the same ``--nodes``: a million
nodes take a long while to build on a loaded machine), starts ``cluehub serve`` on it
in a subprocess (uvicorn, one worker), and measures with one keep-alive httpx client:

- a small query (``{ me { sub } }``: auth, context, GraphQL, no store work);
- a ``neighbourhood`` of ``--hops`` around random phones through HTTP (national
  investigator, so the same nodes as the unscoped store call), and
- the same neighbourhoods from ``GraphStore.neighbourhood`` in this process, brief (what
  both HTTP queries ask for, so the store sends brief nodes: the baseline) and with
  every property.

Prints req/s, p50 and p99, the ratios to the store call (p50 and p99), the CPU each
request cost (the answering process and the FalkorDB server; far less inflated by other
load on the machine than the times), the build time
and the peak memory (resident high-water mark) of this process, of the FalkorDB server
and of ``cluehub serve``. The machine is shared and noisy: read the ratios, not the
absolute numbers.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.procstat from a checkout

from bench.hub import cluehub_script
from bench.procstat import cpu_seconds, peak_rss_mb
from cluehub.api.identity import issue_token
from cluehub.api.opaque_ids import OpaqueIds
from cluehub.api.secrets import ID_SECRET_FILE, load_or_create
from cluehub.graph import identifiers as ids
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.settings import load

console = Console(width=150)
SECRET = "bench-secret-" + "b" * 40
HOOD = """query($id: ID!, $hops: Int!, $first: Int!) {
  neighbourhood(id: $id, hops: $hops, first: $first) {
    truncated nodes { hops entity { id kind key } } relationships { type } } }"""
VIEW = """query($id: ID!, $hops: Int!, $first: Int!) {
  graphView(id: $id, hops: $hops, first: $first) {
    truncated nodes { id kind caption regions hops } edges { source target type sightings } } }"""


def build(store: FalkorDBStore, n_nodes: int, batch_size: int = 5000, seed: int = 7) -> list[str]:
    """75% waybills, 12.5% phones, 12.5% addresses; 4 relationships per waybill."""
    rng = random.Random(seed)
    n_waybills = n_nodes * 3 // 4
    phones = build_keys(n_nodes)
    addresses = [ids.ADDRESS.key_of(f"浙江省金华市义乌市测试路{i}号") for i in range(len(phones))]
    for start in range(0, len(phones), batch_size):
        batch = Batch()
        for key in phones[start : start + batch_size]:
            batch.node(key, 1, "bench/p", region="350304")
        for key in addresses[start : start + batch_size]:
            batch.node(key, 1, "bench/a", region="330782")
        store.write(batch)
    batch = Batch()
    for i in range(n_waybills):
        waybill = batch.node(ids.WAYBILL.key_of(f"SF{i:013d}"), 1 + i, f"bench/{i}", "350304")
        batch.rel(waybill, "SENT_BY", rng.choice(phones), 1 + i, f"bench/{i}")
        batch.rel(waybill, "RECEIVED_BY", rng.choice(phones), 1 + i, f"bench/{i}")
        batch.rel(waybill, "SENT_FROM", rng.choice(addresses), 1 + i, f"bench/{i}")
        batch.rel(waybill, "DELIVERED_TO", rng.choice(addresses), 1 + i, f"bench/{i}")
        if len(batch) >= batch_size:
            store.write(batch)
            batch = Batch()
    store.write(batch)
    return phones


def expected_counts(n_nodes: int) -> tuple[int, int]:
    """The (nodes, relationships) :func:`build` makes for ``n_nodes``."""
    n_waybills = n_nodes * 3 // 4
    return n_waybills + (n_nodes - n_waybills) // 2 * 2, 4 * n_waybills


def build_keys(n_nodes: int) -> list[str]:
    """The phone keys :func:`build` makes (the starts of the neighbourhoods)."""
    n_phones = (n_nodes - n_nodes * 3 // 4) // 2
    return [ids.PHONE.key_of(f"139{i:08d}") for i in range(n_phones)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    cluehub = cluehub_script()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUEHUB_")}
    env |= {"CLUEHUB_JWT_SECRET": SECRET, "CLUEHUB_LOG_LEVEL": "warning"}
    process = subprocess.Popen(
        [cluehub, "serve", "--port", str(port), "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300  # a 100k-node store replays its AOF first
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("cluehub serve did not come up")


def measure(
    calls: int, call: Callable[[int], None], hub_pid: int | str, engine_pid: int
) -> tuple[float, float, float, float]:
    """(req/s, p50 ms, p99 ms, CPU ms per call) of ``calls`` sequential calls; the CPU is
    what the process answering (``hub_pid``: serve, or this one for the store call) and
    the FalkorDB server spent, which the machine's load inflates far less than time."""
    times = []
    cpu_before = cpu_seconds(hub_pid) + cpu_seconds(engine_pid)
    start = time.perf_counter()
    for i in range(calls):
        t0 = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - start
    cpu = (cpu_seconds(hub_pid) + cpu_seconds(engine_pid) - cpu_before) * 1000 / calls
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return calls / elapsed, statistics.median(times), p99, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--hops", type=int, default=3)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--data-dir", type=Path, help="build here and keep it (default: temp)")
    args = parser.parse_args()

    keep = args.data_dir is not None
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="cluehub-bench-api-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    store = FalkorDBStore(data_dir)
    process = None
    try:
        start = time.perf_counter()
        reused = keep and store.counts() == expected_counts(args.nodes)
        if reused:
            phones = build_keys(args.nodes)
        else:
            store.drop_all()
            phones = build(store, args.nodes)
            if keep:
                store.compact()  # a smaller append-only file for the server to replay
        nodes, rels = store.counts()
        done = "found (built by an earlier run) in" if reused else "built in"
        console.print(
            f"{nodes} nodes, {rels} relationships {done} {time.perf_counter() - start:.1f}s"
        )
        # The keys of a million-node build are millions of objects the collector would
        # walk again and again during the store calls; out of its sight, as `cluehub
        # serve` keeps its start-up heap, the store call is timed, not the bench's heap.
        gc.collect()
        gc.freeze()
        settings = load(data_dir=data_dir, jwt_secret=SECRET)
        token = issue_token(settings, sub="bench", bureau="100000", role="investigator")
        codec = OpaqueIds(load_or_create(data_dir, ID_SECRET_FILE, None, "CLUEHUB_ID_SECRET"))
        port = _free_port()
        process = serve(data_dir, port)
        rng = random.Random(11)
        starts = [rng.choice(phones) for _ in range(args.requests)]
        url = f"http://127.0.0.1:{port}/graphql"
        headers = {"authorization": f"Bearer {token}"}
        sizes: list[int] = []
        view_sizes: list[int] = []
        with httpx.Client(headers=headers, timeout=60) as client:

            def small(_: int) -> None:
                response = client.post(url, json={"query": "{ me { sub } }"})
                assert response.status_code == 200 and "errors" not in response.json()

            def hood(i: int) -> None:
                variables = {"id": codec.encode(starts[i]), "hops": args.hops, "first": args.limit}
                response = client.post(url, json={"query": HOOD, "variables": variables})
                body = response.json()
                assert response.status_code == 200 and "errors" not in body, body
                sizes.append(len(body["data"]["neighbourhood"]["nodes"]))

            def view(i: int) -> None:
                variables = {"id": codec.encode(starts[i]), "hops": args.hops, "first": args.limit}
                response = client.post(url, json={"query": VIEW, "variables": variables})
                body = response.json()
                assert response.status_code == 200 and "errors" not in body, body
                view_sizes.append(len(body["data"]["graphView"]["nodes"]))

            def direct(i: int) -> None:  # what both HTTP queries ask: brief nodes
                store.neighbourhood(starts[i], args.hops, limit=args.limit, brief=True)

            def direct_full(i: int) -> None:
                store.neighbourhood(starts[i], args.hops, limit=args.limit)

            for i in range(10):  # warm up: connections, caches, the user's registration
                small(i)
                hood(i)
                view(i)
            sizes.clear()
            view_sizes.clear()
            engine = int(store.server.pid_path.read_text().strip())
            served = process.pid
            results = {
                "small query (HTTP)": measure(args.requests, small, served, engine),
                f"{args.hops}-hop neighbourhood (HTTP)": measure(
                    args.requests, hood, served, engine
                ),
                f"{args.hops}-hop graphView, compact (HTTP)": measure(
                    args.requests, view, served, engine
                ),
                f"{args.hops}-hop neighbourhood (store)": measure(
                    args.requests, direct, "self", engine
                ),
                f"{args.hops}-hop neighbourhood, every property (store)": measure(
                    args.requests, direct_full, "self", engine
                ),
            }
        serve_peak = peak_rss_mb(process.pid)
        table = Table(title=f"API benchmark, {nodes} nodes, {args.requests} requests each")
        columns = ("what", "req/s", "p50 ms", "p99 ms", "p50 / store", "p99 / store")
        for column in (*columns, "CPU ms/req", "CPU / store"):
            table.add_column(column, justify="right" if column != "what" else "left")
        store_p50, store_p99, store_cpu = results[f"{args.hops}-hop neighbourhood (store)"][1:]
        for name, (rate, p50, p99, cpu) in results.items():
            table.add_row(
                name,
                f"{rate:.0f}",
                f"{p50:.2f}",
                f"{p99:.2f}",
                f"{p50 / store_p50:.2f}x",
                f"{p99 / store_p99:.2f}x",
                f"{cpu:.1f}",
                f"{cpu / store_cpu:.2f}x",
            )
        console.print(table)
        console.print(
            f"nodes per neighbourhood: median {statistics.median(sizes):.0f} (neighbourhood), "
            f"{statistics.median(view_sizes):.0f} (graphView)"
        )
        console.print(
            "CPU ms/req: the answering process (serve, or this one for the store call) "
            "and the FalkorDB server together, per request"
        )
        server_pid = int(store.server.pid_path.read_text().strip())
        console.print(
            f"peak memory (VmHWM): bench process {peak_rss_mb():.0f} MiB, FalkorDB server "
            f"{peak_rss_mb(server_pid):.0f} MiB, cluehub serve {serve_peak:.0f} MiB; "
            f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
    finally:
        if process is not None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
        store.shutdown_server()
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
