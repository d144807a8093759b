"""A real hub on a real port for the hostile tests: uvicorn serving ``create_app`` in a
thread of the test process, on the test's embedded store, with an intake partner key
and a local investigator token."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from cluehub.api.app import create_app
from cluehub.api.identity import issue_token
from cluehub.graph.store import GraphStore
from cluehub.ingest import feeds
from cluehub.ingest.partners import add_partner
from cluehub.settings import Settings, load
from tests.support.served import free_port


@dataclass
class Hub:
    url: str
    settings: Settings
    partner_key: str

    def token(self, role: str = "investigator", bureau: str = "350300", sub: str = "h") -> str:
        return issue_token(self.settings, sub=sub, bureau=bureau, role=role)


@contextmanager
def serve(store: GraphStore, data_dir: Path, **settings: object) -> Iterator[Hub]:
    """Run the hub until the block ends."""
    config = load(data_dir=data_dir, **settings)
    app = create_app(config, store)
    key = add_partner(
        store,
        "sf",
        "sf",
        list(feeds.PARTNER_KINDS),
        now_ms=1,
        actor="test",
        rate_limit="100000/minute",
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(url + "/healthz", timeout=2)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield Hub(url, config, key)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
