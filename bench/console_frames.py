"""Console benchmark: frame times of the network picture at 2,000 nodes against 200.

    python bench/console_frames.py [--nodes 2000] [--baseline 200] [--rounds 3]

Not a test: it prints figures. It builds a logistics-shaped world (a shop, its phone and
return address, parcels delivered there, their senders, and the senders' other parcels)
twice in a fresh embedded FalkorDB through ``GraphStore.write``, one copy about ten times
the other; starts ``cluehub serve`` on it (neighbourhood cap raised to ``--nodes``); and
opens each shop's entity page in Debian's chromium (Playwright, headless, ``--disable-gpu``:
software rendering, as on a CI machine). The console's own ``graphView`` request is
rewritten on its way to the hub (4 hops, ``first`` = the size), so the picture is the
real server's masked answer, ``--nodes`` or ``--baseline`` nodes in one page, as if a
person had expanded and loaded more until then.

Measured in the page with ``requestAnimationFrame`` (deltas between frames, ms), in three
phases per size: a fresh force layout (the layout select: concentric, then fCoSE), panning
(mouse drags over the canvas) and zooming (wheel steps). Prints p50, p95 and the longest
frame of each phase, the layout's wall time, and the ratio to the baseline measured in
the same run: read the ratios, not the absolute numbers, on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.hub from a checkout

from bench.hub import cluehub_script
from cluehub.api.identity import issue_token
from cluehub.graph import identifiers as ids
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.settings import load

console = Console()
SECRET = "bench-secret-" + "c" * 40
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DAY_MS = 86_400_000
T0 = 1_760_000_000_000  # 2025-10-09, epoch ms

# rAF deltas, recorded while window.__rec is true (evaluated over DevTools: the page's
# CSP, script-src 'self', stays as it is).
RECORDER = """() => {
  window.__frames = []; window.__rec = true;
  let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t;
                        if (window.__rec) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}"""
STOP = "() => { window.__rec = false; return window.__frames; }"
DRAWN = (
    "() => Number((document.querySelector('[data-testid=graph-canvas]')"
    "?.getAttribute('aria-label')?.match(/\\d+/) || ['0'])[0])"
)


def build(store: FalkorDBStore, tag: int, scale: int) -> str:
    """One chain around shop ``tag``: ~230 nodes per ``scale``; returns the shop's key."""
    shop = ids.SHOP.key_of(f"taobao:{9_000_000 + tag}")
    seller = ids.PHONE.key_of(f"1380{tag:03d}0000")
    returns = ids.ADDRESS.key_of(f"福建省莆田市荔城区退货路{tag}号")
    batch = Batch()
    batch.node(shop, T0, f"bench/{tag}", region="350304", name=f"鞋店{tag}")
    batch.node(seller, T0, f"bench/{tag}", region="350304")
    batch.node(returns, T0, f"bench/{tag}", region="350304")
    batch.rel(shop, "HAS_PHONE", seller, T0, f"bench/{tag}")
    batch.rel(shop, "SHIPS_FROM", returns, T0, f"bench/{tag}")
    senders = [
        (
            ids.PHONE.key_of(f"139{tag:02d}{j:06d}"),
            ids.ADDRESS.key_of(f"浙江省温州市仓储路{tag}-{j}号"),
        )
        for j in range(10 * scale)
    ]
    for phone, address in senders:
        batch.node(phone, T0, f"bench/{tag}", region="330302")
        batch.node(address, T0, f"bench/{tag}", region="330302")
    serial = 0
    for i in range(70 * scale):  # parcels to the shop, each from one sender
        at = T0 + (i % 300) * DAY_MS
        waybill = batch.node(
            ids.WAYBILL.key_of(f"SF{tag:03d}{serial:010d}"), at, "bench/w", "350304"
        )
        serial += 1
        phone, address = senders[i % len(senders)]
        batch.rel(waybill, "DELIVERED_TO", returns, at, "bench/w")
        batch.rel(waybill, "RECEIVED_BY", seller, at, "bench/w")
        batch.rel(waybill, "SENT_BY", phone, at, "bench/w")
        batch.rel(waybill, "SENT_FROM", address, at, "bench/w")
    for j, (phone, _) in enumerate(senders):  # the senders' other parcels
        for k in range(14):
            at = T0 + ((j * 14 + k) % 300) * DAY_MS
            waybill = batch.node(
                ids.WAYBILL.key_of(f"SF{tag:03d}{serial:010d}"), at, "bench/o", "330302"
            )
            serial += 1
            batch.rel(waybill, "SENT_BY", phone, at, "bench/o")
        if len(batch) > 5000:
            store.write(batch)
            batch = Batch()
    store.write(batch)
    return shop


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(data_dir: Path, port: int, cap: int) -> subprocess.Popen[bytes]:
    cluehub = cluehub_script()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUEHUB_")}
    env |= {
        "CLUEHUB_JWT_SECRET": SECRET,
        "CLUEHUB_LOG_LEVEL": "warning",
        "CLUEHUB_GRAPHQL_NEIGHBOURHOOD_CAP": str(cap),
        "CLUEHUB_JOBS_INTERVAL_S": "0",
    }
    process = subprocess.Popen(
        [cluehub, "serve", "--port", str(port), "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("cluehub serve did not come up")


@dataclass
class Phase:
    frames: list[float]
    wall_ms: float

    def row(self) -> tuple[float, float, float]:
        ordered = sorted(self.frames)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        return statistics.median(ordered), p95, ordered[-1]


def measure(page: Any, action: Any) -> Phase:
    page.evaluate(RECORDER)
    page.wait_for_timeout(300)  # a few idle frames first
    start = time.perf_counter()
    action()
    wall = (time.perf_counter() - start) * 1000
    page.wait_for_timeout(500)
    return Phase(page.evaluate(STOP), wall)


def picture(browser: Any, url: str, token: str, start_id: str, size: int) -> dict[str, Phase]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(300_000)

    def rewrite(route: Any) -> None:
        body = json.loads(route.request.post_data or "{}")
        if body.get("operationName") == "GraphView" and body["variables"].get("id") == start_id:
            body["variables"] |= {"hops": 4, "first": size, "after": None}
            route.fulfill(response=route.fetch(post_data=json.dumps(body)))
        else:
            route.continue_()

    page.route("**/graphql", rewrite)
    page.goto(f"{url}/signin")
    page.get_by_test_id("token-input").fill(token)
    page.get_by_role("button", name="登 录").click()
    page.wait_for_url(f"{url}/search")
    page.goto(f"{url}/entity/{start_id}")
    page.wait_for_function(f"n => ({DRAWN})() >= n", arg=size, timeout=600_000)
    page.wait_for_timeout(1000)
    box = page.get_by_test_id("graph-canvas").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    layout = page.get_by_role("combobox", name="布局")

    def relayout() -> None:
        for name in ("同心圆", "力导向"):
            layout.click()
            page.locator(".ant-select-item-option", has_text=name).click()
            page.wait_for_timeout(200)

    def pan() -> None:
        for dx, dy in ((300, 0), (-300, 150), (0, -150)):
            page.mouse.move(cx, cy)
            page.mouse.down()
            page.mouse.move(cx + dx, cy + dy, steps=40)
            page.mouse.up()

    def zoom() -> None:
        page.mouse.move(cx, cy)
        for delta in [-120] * 15 + [120] * 15:
            page.mouse.wheel(0, delta)
            page.wait_for_timeout(30)

    phases = {
        "layout": measure(page, relayout),
        "pan": measure(page, pan),
        "zoom": measure(page, zoom),
    }
    drawn = page.evaluate(f"({DRAWN})()")
    context.close()
    if drawn < size:
        raise SystemExit(f"the picture drew {drawn} nodes, not {size}")
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's chromium is needed: apt-get install chromium fonts-noto-cjk")
    data_dir = Path(tempfile.mkdtemp(prefix="cluehub-bench-console-"))
    store = FalkorDBStore(data_dir)
    process = None
    try:
        sizes = {args.baseline: build(store, 1, 1), args.nodes: build(store, 2, 10)}
        nodes, rels = store.counts()
        console.print(f"built {nodes} nodes, {rels} relationships")
        settings = load(data_dir=data_dir, jwt_secret=SECRET)
        token = issue_token(settings, sub="bench", bureau="100000", role="investigator")
        port = _free_port()
        process = serve(data_dir, port, max(args.nodes, 500))
        url = f"http://127.0.0.1:{port}"
        ids_of: dict[int, str] = {}
        for size, key in sizes.items():
            body = httpx.post(
                f"{url}/graphql",
                json={
                    "query": "query($k: String!) { entity(key: $k) { id } }",
                    "variables": {"k": key},
                },
                headers={"authorization": f"Bearer {token}"},
                timeout=60,
            ).json()
            ids_of[size] = body["data"]["entity"]["id"]
        results: dict[int, dict[str, Phase]] = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for size in (args.baseline, args.nodes):
                merged: dict[str, Phase] = {}
                for _ in range(args.rounds):
                    for name, phase in picture(browser, url, token, ids_of[size], size).items():
                        had = merged.get(name)
                        merged[name] = (
                            Phase(had.frames + phase.frames, had.wall_ms + phase.wall_ms)
                            if had
                            else phase
                        )
                results[size] = {
                    k: Phase(v.frames, v.wall_ms / args.rounds) for k, v in merged.items()
                }
            browser.close()
        title = f"network picture frame times (ms), {args.rounds} rounds, headless, no GPU"
        table = Table(title=title)
        for column in (
            "nodes",
            "phase",
            "frames",
            "p50",
            "p95",
            "longest",
            "wall ms",
            "p95 vs baseline",
        ):
            table.add_column(column, justify="left" if column == "phase" else "right")
        for size, phases in results.items():
            for name, phase in phases.items():
                p50, p95, longest = phase.row()
                base = results[args.baseline][name].row()[1]
                table.add_row(
                    str(size), name, str(len(phase.frames)), f"{p50:.1f}", f"{p95:.1f}",
                    f"{longest:.0f}", f"{phase.wall_ms:.0f}", f"{p95 / base:.2f}x",
                )  # fmt: skip
        console.print(table)
    finally:
        if process is not None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
        store.shutdown_server()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
