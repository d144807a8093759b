"""GraphQL over HTTP conformance: graphql-http's ``auditServer`` against ``cluehub serve``.

A real server process (as a user runs it) on the embedded store, audited with a dev
token by the reference implementation's audit (npm ``graphql-http``), run by node from
``tests/js/audit.mjs``. No MUST or SHOULD audit may fail. The same server's stderr must
be JSON lines, each HTTP line carrying the request id the response echoed.

Skipped, saying why, when ``node``/``npm`` are missing or the package cannot be installed
(it is cached in ``~/.cache/cluehub-test-npm``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

import httpx
import pytest

from tests import CLUEHUB, ROOT
from tests.support.served import clean_env, free_port, healthz

pytestmark = pytest.mark.slow  # starts cluehub serve and node

NPM_CACHE = Path(os.environ.get("CLUEHUB_TEST_NPM", Path.home() / ".cache" / "cluehub-test-npm"))
GRAPHQL_HTTP = "graphql-http@1.22"  # 1.22+ ships the audits used here


def _node_modules() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip(
            "node and npm are needed for the graphql-http audit (apt-get install nodejs npm)"
        )
    modules = NPM_CACHE / "node_modules"
    if (modules / "graphql-http" / "lib" / "index.mjs").exists():
        return modules
    NPM_CACHE.mkdir(parents=True, exist_ok=True)
    if not (NPM_CACHE / "package.json").exists():
        (NPM_CACHE / "package.json").write_text('{"name": "cluehub-test-npm", "private": true}')
    result = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", GRAPHQL_HTTP, "graphql@16"],
        cwd=NPM_CACHE,
        capture_output=True,
        text=True,
        timeout=240,
    )
    if result.returncode != 0:
        pytest.skip(f"npm install {GRAPHQL_HTTP} failed: {result.stderr[-500:]}")
    return modules


def test_graphql_over_http_audit_passes_must_and_should(tmp_path: Path) -> None:
    modules = _node_modules()
    assert Path(CLUEHUB).exists(), f"the cluehub console script is not installed: {CLUEHUB}"
    data_dir = tmp_path / "hub"
    port = free_port()
    env = clean_env(CLUEHUB_JWT_SECRET="audit-secret-" + "x" * 40, CLUEHUB_MODE="development")
    token = subprocess.run(
        [CLUEHUB, "token", "--user", "auditor", "--bureau", "350000", "--role", "investigator",
         "--data-dir", str(data_dir), "--ttl", "1h"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [CLUEHUB, "serve", "--port", str(port), "--data-dir", str(data_dir)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            healthz(port, process, timeout=60)
            audit = subprocess.run(
                [
                    "node",
                    str(ROOT / "tests" / "js" / "audit.mjs"),
                    f"http://127.0.0.1:{port}/graphql",
                ],
                env=env | {"CLUEHUB_TOKEN": token, "GRAPHQL_HTTP_DIR": str(modules)},
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert audit.returncode == 0, audit.stderr[-2000:]
            results = json.loads(audit.stdout)
            tagged = httpx.post(
                f"http://127.0.0.1:{port}/graphql",
                json={"query": "{ me { sub } }"},
                headers={"authorization": f"Bearer {token}", "x-request-id": "audit-trace-1"},
            )
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)

    assert len(results) > 40
    failed = [r for r in results if r["status"] in ("error", "warn")]
    assert not failed, json.dumps(failed, ensure_ascii=False, indent=1)
    assert tagged.headers["x-request-id"] == "audit-trace-1"

    lines = [line for line in log_path.read_text("utf-8").splitlines() if line.strip()]
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            if line.startswith("{"):
                raise
            continue  # the CLI's own banner before the app starts is not a log line
    http = [r for r in records if r.get("event") == "request"]
    assert len(http) >= len(results)
    assert all(r.get("request_id") for r in http)
    assert any(r["request_id"] == "audit-trace-1" and r["status"] == 200 for r in http)
    assert not [r for r in records if r.get("level") == "error"]
