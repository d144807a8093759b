"""The web console in a real browser: Debian's chromium driven by Playwright against a real
``cluehub serve --demo`` (one server start for the module, the small demo world).

One flow, as people would use it: the national coordinator signs in, searches a shop of
the first planted ring, expands its network picture (collapses a kind and expands it
back, narrows the time window, exports PNG, SVG and GraphML), traces its production
sources, follows an evidence path and opens a joint case from the trace (the routing
proposal shown first); opens a joint case from a ring (its proposal shown before
confirming) and adds a task for a participating bureau; that bureau's investigator sees
the task in the attention inbox and replies to a clue notified to it; a bureau outside
(甘肃) sees neither. A second test signs in through OIDC (authorization code + PKCE)
against a loopback identity provider (tests/support/oidc_provider.py) the hub is configured
with. Every page
must load nothing from another host (requests are checked and aborted), break no rule of
the Content-Security-Policy, and pass axe-core's WCAG 2 A/AA checks at "serious" and
"critical". Screenshots go to ``docs/console/`` (committed; the README shows them).

Skipped, saying why, only when chromium, the Python ``playwright`` package or the
console build is missing and ``CI`` is not set; under ``CI=true`` they must run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
import pytest

from cluehub.api import console
from cluehub.api.identity import issue_token
from cluehub.settings import load
from tests import ROOT
from tests.support import oidc_provider
from tests.support.oidc_provider import Provider, challenge_of
from tests.support.served import free_port

SHOTS = ROOT / "docs" / "console"
AXE = ROOT / "console" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTSIDER = "620000"  # 甘肃: no part of the first planted ring
OIDC_PERSON = {"sub": "wm-17", "name": "王敏", "bureau": "350300", "role": "investigator"}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not console.has_build():
        return "the console is not built (bash scripts/setup.sh builds it)"
    if not AXE.exists():
        return "console/node_modules is missing (npm ci in console/)"
    return None


_why = _missing()
if _why and os.environ.get("CI") != "true":
    pytest.skip(_why, allow_module_level=True)
elif _why:
    raise RuntimeError(f"browser tests must run in CI: {_why}")

from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.slow


@dataclass
class Hub:
    url: str
    data_dir: Path
    truth: dict[str, Any]
    outside: list[str] = field(default_factory=list)  # requests to other hosts
    csp: list[str] = field(default_factory=list)  # CSP violations reported by pages

    def token(self, bureau: str, role: str, name: str) -> str:
        settings = load(data_dir=self.data_dir)
        return issue_token(settings, sub=name, bureau=bureau, role=role, name=name)

    def gql(self, token: str, query: str, **variables: Any) -> dict[str, Any]:
        response = httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
            timeout=120,
        )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with oidc_provider.running(OIDC_PERSON) as running:
        yield running


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, provider: Provider) -> Iterator[Hub]:
    data_dir = tmp_path_factory.mktemp("console-hub")
    port = free_port()
    cluehub = shutil.which("cluehub") or str(Path(sys.executable).parent / "cluehub")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUEHUB_", "NEO4J_"))}
    env |= provider.env()  # OIDC sign-in offered beside local tokens
    log = (data_dir / "serve.log").open("wb")
    process = subprocess.Popen(
        [cluehub, "serve", "--demo", "--port", str(port), "--data-dir", str(data_dir)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            if process.poll() is not None:
                pytest.fail(f"cluehub serve exited: {(data_dir / 'serve.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("cluehub serve --demo did not answer /healthz in 240 s")
            time.sleep(0.5)
        truth = json.loads((data_dir / "demo-small-7" / "truth.json").read_text())
        yield Hub(url, data_dir, truth)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        subprocess.run(
            [cluehub, "store", "stop", "--data-dir", str(data_dir)],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


def _context(browser: Browser, hub: Hub) -> BrowserContext:
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, locale="zh-CN", accept_downloads=True
    )

    def guard(route: Route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            hub.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context


def _watch(page: Page, hub: Hub) -> Page:
    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            hub.csp.append(message.text)

    page.on("console", on_console)
    page.set_default_timeout(30_000)
    return page


_SETTLED = (  # no finite animation or transition still running (spinners loop for ever)
    "() => document.getAnimations().every(a => a.playState !== 'running'"
    " || !a.effect || a.effect.getComputedTiming().iterations === Infinity)"
)


def _axe(page: Page, screen: str) -> None:
    """axe-core's WCAG 2 A/AA rules; serious and critical findings fail. Evaluated over
    DevTools (not a page script), so the page's CSP stays as it is."""
    page.mouse.move(0, 0)  # no hover state left from the last click
    # Colours are judged once the page is still: mid-way through antd's fade-in a panel
    # is half transparent and its text fails contrast that it meets when shown.
    page.wait_for_function(_SETTLED, timeout=10_000)
    page.evaluate("() => {" + AXE.read_text(encoding="utf-8") + "\n}")
    found = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    bad = [v for v in found if v["impact"] in ("serious", "critical")]
    assert not bad, f"{screen}: accessibility violations {json.dumps(bad, ensure_ascii=False)}"


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


_DRAWN_IS = (  # a function: wait_for_function's plain expressions need eval, which the CSP bars
    "n => Number((document.querySelector('[data-testid=graph-canvas]')"
    ".getAttribute('aria-label').match(/\\d+/) || ['-1'])[0]) === n"
)


def _drawn(page: Page) -> tuple[int, int]:
    """(nodes, edges) the picture draws, from its accessible label."""
    label = page.get_by_test_id("graph-canvas").get_attribute("aria-label") or ""
    nodes, edges = (int(n) for n in re.findall(r"\d+", label)[:2])
    return nodes, edges


def _sign_in(page: Page, hub: Hub, token: str, then: str = "/") -> None:
    page.goto(hub.url + then)
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    page.get_by_test_id("token-input").fill(token)
    page.get_by_role("button", name="登 录").click()
    expect(page.get_by_test_id("who")).to_contain_text("·")


def test_console_flow_from_search_to_joint_case_and_inbox(browser: Browser, hub: Hub) -> None:
    ring = hub.truth["rings"][0]
    samr_token = hub.token("100000", "coordinator", "cora")

    # --- sign in (deep link kept), search, the network picture --------------------------
    context = _context(browser, hub)
    page = _watch(context.new_page(), hub)
    page.goto(hub.url + "/search")
    expect(page.get_by_test_id("token-input")).to_be_visible()
    expect(page).to_have_url(f"{hub.url}/signin?next=%2Fsearch")
    expect(page.get_by_test_id("oidc-signin")).to_be_visible()  # the hub has OIDC configured
    _axe(page, "sign-in")
    _shot(page, "signin")
    page.get_by_test_id("token-input").fill(samr_token)
    page.get_by_role("button", name="登 录").click()
    expect(page).to_have_url(f"{hub.url}/search")
    assert samr_token not in page.url

    shop_key = next(s for s in ring["shops"] if s.startswith("shop:taobao:"))
    page.get_by_test_id("search-input").fill(shop_key)
    page.get_by_role("button", name="检 索").click()
    results = page.locator("table a[href^='/entity/']")
    expect(results.first).to_be_visible()
    _axe(page, "search")
    _shot(page, "search")
    results.first.click()

    rows = page.get_by_test_id("node-list").locator("tbody tr.ant-table-row")
    expect(rows.first).to_be_visible()
    before = rows.count()
    expect(page.get_by_test_id("graph-canvas").locator("canvas").first).to_be_attached()
    # select a neighbour in the list twin (keyboard-reachable buttons) and expand it
    rows.nth(1).get_by_role("button").click()
    page.get_by_test_id("expand").click()
    expect(page.get_by_role("button", name="撤 销")).to_be_enabled()
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=node-list] tbody tr.ant-table-row').length"
        " > n || document.querySelector('[data-testid=node-list] .ant-pagination')",
        arg=before,
    )
    with page.expect_download() as download:
        page.get_by_test_id("export-png").click()
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000
    drawn = _drawn(page)
    with page.expect_download() as download:
        page.get_by_test_id("export-svg").click()
    svg = ET.parse(download.value.path()).getroot()
    shapes = svg.findall(".//{*}circle") + svg.findall(".//{*}g/{*}rect")
    assert svg.tag.endswith("svg") and len(shapes) == drawn[0], (len(shapes), drawn)
    with page.expect_download() as download:
        page.get_by_test_id("export-graphml").click()
    graphml = ET.parse(download.value.path()).getroot()
    assert len(graphml.findall(".//{*}node")) == drawn[0]
    # collapse the most frequent kind into one node, then expand it back
    page.get_by_role("combobox", name="按类型合并").click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option").first.click()
    page.get_by_text("图例（点击筛选）").click()  # closes the (multiple) select's list
    expect(page.locator(".ant-select-dropdown:visible")).to_have_count(0)
    expect(page.get_by_test_id("expand-group").first).to_be_visible()
    assert _drawn(page)[0] < drawn[0]
    _axe(page, "network, a kind collapsed")
    page.get_by_test_id("expand-group").first.click()
    page.wait_for_function(_DRAWN_IS, arg=drawn[0])
    # narrow the time window from its start: fewer (or as many) nodes, never more
    shown_all = page.get_by_test_id("time-shown").inner_text()
    start = page.get_by_role("slider", name="起始日期")
    for _ in range(3):  # the picture may re-render under the handle (layout); press again
        start.focus()
        expect(start).to_be_focused()
        for _ in range(40):  # at a held key's repeat rate (~30 a second)
            page.keyboard.press("PageUp")
            page.wait_for_timeout(30)
        if page.get_by_test_id("time-shown").inner_text() != shown_all:
            break
        page.wait_for_timeout(500)
    expect(page.get_by_test_id("time-shown")).not_to_have_text(shown_all)
    assert _drawn(page)[0] <= drawn[0]
    _axe(page, "network")
    page.evaluate("() => document.activeElement?.blur()")  # no slider tooltip in the shot
    page.get_by_text("关系图", exact=True).first.evaluate("e => e.scrollIntoView()")
    _shot(page, "network")

    # --- trace to the production source, follow an evidence path ------------------------
    page.get_by_test_id("trace-sources").click()
    candidates = page.get_by_test_id("candidates").locator("tbody tr.ant-table-row")
    expect(candidates.first).to_be_visible()
    workshop_phone = next(k for k in ring["workshop"] if k.startswith("tel:"))
    masked = workshop_phone[7:10] + "****" + workshop_phone[-4:]  # tel:+86 138****5678
    expect(page.get_by_test_id("candidates")).to_contain_text(masked)
    page.get_by_test_id("evidence-path").first.click()
    hops = page.get_by_test_id("hops").locator("li")
    expect(hops.first).to_be_visible()
    assert hops.count() >= 1
    expect(hops.first).to_contain_text("出现")
    _axe(page, "trace")
    _shot(page, "trace")
    page.get_by_test_id("trace-to-case").click()  # the proposal first, nothing written yet
    proposal = page.get_by_test_id("proposed-case")
    expect(proposal).to_be_visible(timeout=60_000)
    expect(proposal).to_contain_text("主办")
    expect(page.get_by_test_id("proposed-reasons").locator("li").first).to_be_visible()
    _axe(page, "trace, joint case proposed")
    page.get_by_role("textbox", name="案件名称").fill("溯源至生产源头（控制台）")
    page.locator("#confirm-trace-case").click()
    expect(page.get_by_test_id("routing-reasons")).to_be_visible(timeout=60_000)
    page.locator("#confirm-trace-case").click()
    expect(page).to_have_url(re.compile(r"/cases/[^/]+$"))
    expect(page.locator("h2").first).to_contain_text("溯源至生产源头（控制台）")

    # --- a ring becomes a joint case; a task for a participating bureau ----------------
    page.goto(hub.url + "/rings")
    cards = page.get_by_test_id("ring")
    expect(cards.first).to_be_visible(timeout=180_000)  # the analysis runs on request
    _axe(page, "rings")
    _shot(page, "rings")
    cards.first.get_by_test_id("ring-to-case").click()
    proposal = page.get_by_test_id("proposed-case")  # before anything is written
    expect(proposal).to_be_visible()
    expect(proposal).to_contain_text("主办")
    expect(page.get_by_test_id("proposed-reasons").locator("li").first).to_be_visible()
    _axe(page, "rings, joint case proposed")
    _shot(page, "ring-case")
    page.get_by_role("textbox", name="案件名称").fill("莆田鞋类链条（控制台）")
    page.locator("#confirm-ring-case").click()
    expect(page.get_by_test_id("routing-reasons")).to_be_visible(timeout=60_000)
    page.locator("#confirm-ring-case").click()
    expect(page).to_have_url(re.compile(r"/cases/[^/]+$"))
    case_id = unquote(page.url.rsplit("/cases/", 1)[1])
    case = hub.gql(
        samr_token,
        "query($id: ID!) { jointCase(id: $id) { status lead { code } participants { code } } }",
        id=case_id,
    )["jointCase"]
    partner = next(p["code"] for p in case["participants"] if p["code"] != case["lead"]["code"])

    if case["status"] == "PROPOSED":  # open it from the board's status move
        page.get_by_role("combobox", name="新状态").click()
        page.locator(".ant-select-item-option", has_text="办理中").click()
        page.get_by_role("textbox", name="理由").fill("立案协查")
        page.get_by_role("button", name="提 交").click()
        status = page.locator("h2 + .ant-tag, .page-title .ant-tag").first
        expect(status).to_contain_text("办理中", timeout=20_000)  # a loaded CI machine
    form = page.get_by_test_id("add-task")
    form.get_by_role("combobox", name="承办局").fill(partner)  # the list filters as typed
    page.locator(".ant-select-item-option", has_text=f"({partner})").click()
    form.get_by_label("任务内容").fill("核查本辖区销售网店")
    form.get_by_label("期限").fill((date.today() + timedelta(days=7)).isoformat())
    form.get_by_role("button", name="添 加").click()
    expect(page.get_by_test_id("tasks")).to_contain_text("核查本辖区销售网店")
    expect(page.get_by_test_id("tasks")).to_contain_text("剩余")
    _axe(page, "case")
    _shot(page, "case")
    page.goto(hub.url + "/cases")
    expect(page.get_by_test_id("case-card").first).to_be_visible()
    _axe(page, "case board")
    _shot(page, "cases")
    context.close()

    # --- a clue notified to that bureau (through the API, as another screen would) ------
    complaint = hub.gql(
        samr_token,
        "query($key: String!) { entity(key: $key) { id } }",
        key=hub.truth["complaints"][0]["complaint"],
    )["entity"]["id"]
    hub.gql(
        samr_token,
        """mutation($input: NotifyClueInput!) { notifyClue(input: $input) {
            notifications { id } } }""",
        input={
            "clueId": complaint,
            "to": [partner],
            "deadline": f"{date.today() + timedelta(days=5)}T12:00:00+08:00",
            "caseId": case_id,
            "message": "请核查本辖区网店并回复",
        },
    )

    # --- the participating bureau sees the task and replies -----------------------------
    context = _context(browser, hub)
    page = _watch(context.new_page(), hub)
    _sign_in(page, hub, hub.token(partner, "investigator", "xie"), "/attention")
    expect(page).to_have_url(f"{hub.url}/attention")
    expect(page.get_by_test_id("attention-items")).to_contain_text("核查本辖区销售网店")
    notification = page.get_by_test_id("notifications").locator(".ant-list-item").first
    expect(notification).to_contain_text("请核查本辖区网店并回复")
    notification.get_by_role("textbox", name="回复内容").fill("已接收，正在核查")
    notification.get_by_role("button", name="回 复").click()
    expect(page.get_by_test_id("replied").first).to_contain_text("已接收，正在核查")
    _axe(page, "attention")
    _shot(page, "attention")
    page.get_by_role("button", name="退 出").click()
    expect(page.get_by_text("已退出登录")).to_be_visible()
    page.goto(hub.url + "/attention")
    expect(page.get_by_test_id("token-input")).to_be_visible()  # the token is gone
    context.close()

    # --- a bureau outside sees neither ---------------------------------------------------
    context = _context(browser, hub)
    page = _watch(context.new_page(), hub)
    _sign_in(page, hub, hub.token(OUTSIDER, "coordinator", "gan"), "/cases")
    expect(page.get_by_text("本局没有参与的联合案件")).to_be_visible()
    page.goto(hub.url + "/attention")
    expect(page.get_by_text("没有待办事项")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("核查本辖区销售网店")
    expect(page.locator("body")).not_to_contain_text("请核查本辖区网店并回复")
    page.goto(f"{hub.url}/cases/{case_id}")
    expect(page.get_by_role("alert")).to_be_visible()  # the hub's refusal, as it said it
    context.close()

    # --- a supervisor: unmask with a reason, then the audit trail shows it -------------
    context = _context(browser, hub)
    page = _watch(context.new_page(), hub)
    _sign_in(page, hub, hub.token("100000", "supervisor", "sun"), "/search")
    page.get_by_test_id("search-input").fill(workshop_phone[3:])
    page.get_by_role("button", name="检 索").click()
    page.locator("table a[href^='/entity/']").first.click()
    page.get_by_test_id("unmask").click()
    page.get_by_test_id("unmask-reason").fill("案件协查：核实工厂联系电话")
    page.get_by_role("button", name="查 看").click()
    expect(page.get_by_test_id("unmasked")).to_contain_text(workshop_phone)
    page.keyboard.press("Escape")
    page.goto(hub.url + "/takedowns")
    expect(page.get_by_text("本局发出的通知")).to_be_visible()
    _axe(page, "takedowns")
    _shot(page, "takedowns")
    page.goto(hub.url + "/audit")
    expect(page.get_by_test_id("audit-events")).to_contain_text("entity.unmask")
    _axe(page, "audit")
    _shot(page, "audit")
    context.close()

    assert not hub.outside, f"pages asked other hosts: {hub.outside[:5]}"
    assert not hub.csp, f"Content-Security-Policy violations: {hub.csp[:5]}"


def test_oidc_sign_in_with_pkce(browser: Browser, hub: Hub, provider: Provider) -> None:
    context = _context(browser, hub)
    page = _watch(context.new_page(), hub)
    page.goto(hub.url + "/cases")
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    page.get_by_test_id("oidc-signin").click()  # to the provider and back with a code
    expect(page).to_have_url(f"{hub.url}/cases")
    expect(page.get_by_test_id("who")).to_contain_text("王敏 · 350300 · investigator")
    asked = dict(provider.requests)
    authorize, exchanged = asked["/authorize"], asked["/token"]
    assert authorize["code_challenge_method"] == "S256"
    assert authorize["redirect_uri"] == f"{hub.url}/signin/callback"
    assert challenge_of(exchanged["code_verifier"]) == authorize["code_challenge"]  # PKCE
    token = page.evaluate("() => sessionStorage.getItem('cluehub.token')")
    assert token and token.count(".") == 2 and token not in page.url
    assert "code=" not in page.url and not page.evaluate("() => location.search")
    # the hub accepts the token: the case board loads (cards or its empty state; which one
    # depends on whether another test made a case), with no refusal shown
    answered = page.get_by_test_id("case-card").first.or_(
        page.get_by_text("本局没有参与的联合案件")
    )
    expect(answered).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    page.goto(hub.url + "/signin/callback?code=replayed&state=stale")  # a callback again
    expect(page.get_by_test_id("signin-failed")).to_contain_text("不属于本标签页发起的登录")
    context.close()
    assert not hub.outside, f"pages asked other hosts: {hub.outside[:5]}"
    assert not hub.csp, f"Content-Security-Policy violations: {hub.csp[:5]}"


def test_developer_pages_work_offline(browser: Browser, hub: Hub) -> None:
    context = _context(browser, hub)
    page = _watch(context.new_page(), hub)
    page.goto(hub.url + "/graphql")
    expect(page.locator(".graphiql-container")).to_be_visible()
    page.goto(hub.url + "/docs")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("cluehub")
    expect(page.get_by_text("/intake/v1/waybill")).to_be_visible()
    context.close()
    assert not hub.outside, f"developer pages asked other hosts: {hub.outside[:5]}"
    assert not hub.csp, f"Content-Security-Policy violations: {hub.csp[:5]}"
