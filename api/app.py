"""The FastAPI application: built by :func:`create_app` from settings and a store.

Routes: ``/graphql`` (people: GraphQL over HTTP, bearer tokens), ``/intake/v1/…``
(partners: REST with API keys, see ``intake``), ``/healthz``, ``/metrics`` (Prometheus).
Every response carries ``X-Request-ID``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from cluehub.graph.open import open_store
from cluehub.graph.store import GraphStore
from cluehub.ingest.pipeline import default_enrichment
from fastapi import FastAPI
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from cluehub import __version__
from cluehub.settings import Settings, load

from .gql.schema import build_schema
from .graphql_http import GraphQLEndpoint
from .intake import mount as mount_intake
from .observability import (
    Metrics,
    RequestContextMiddleware,
    configure_logging,
    configure_structlog,
)
from .opaque_ids import OpaqueIds
from .ring_updates import RingUpdater
from .secrets import ID_SECRET_FILE, load_or_create


async def run_jobs_every(store: GraphStore, seconds: float) -> None:
    """The coordination room's scheduled jobs (deadline escalation, overdue tasks, repeat
    alerts), idempotent, so every worker may run them."""
    from cluehub.cases.jobs import run_due_jobs

    log = logging.getLogger("cluehub.jobs")
    while True:
        await asyncio.sleep(seconds)
        try:
            run = await asyncio.to_thread(run_due_jobs, store, int(time.time() * 1000))
            log.info(
                "jobs ran: %d escalations, %d overdue tasks, %d repeat alerts",
                len(run.escalations),
                len(run.overdue_tasks),
                len(run.repeat_alerts),
            )
        except Exception:  # a failed run must not stop the next one
            log.exception("scheduled jobs failed")


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The app. Without a store it opens the configured one and closes it on shutdown.

    An app that opens its own store is a server (``cluehub serve``): it also turns every
    log line into JSON. Apps given a store (tests, embedding) leave logging alone.
    """
    settings = settings or load()
    configure_structlog()
    if store is None:
        configure_logging(settings.log_level)
    metrics = Metrics()
    ids = OpaqueIds(
        load_or_create(settings.data_dir, ID_SECRET_FILE, settings.id_secret, "CLUEHUB_ID_SECRET")
    )
    graphql = GraphQLEndpoint(build_schema(settings), settings, ids, metrics)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store or open_store(settings.store_config())
        app.state.rings = RingUpdater(app.state.store)
        jobs = None
        if owned and settings.jobs_interval_s > 0:
            jobs = asyncio.create_task(run_jobs_every(app.state.store, settings.jobs_interval_s))
        try:
            yield
        finally:
            if jobs is not None:
                jobs.cancel()
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="cluehub",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs" if settings.mode == "development" else None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.mode == "development" else None,
    )
    app.state.settings = settings
    app.state.metrics = metrics
    if store is not None:  # usable before startup too (tests without lifespan)
        app.state.store = store
        app.state.rings = RingUpdater(store)
    app.state.enrichment = default_enrichment()
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    mount_intake(app)
    app.add_api_route(
        "/graphql",
        graphql,
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],  # others get our 405
        include_in_schema=False,
        name="graphql",
    )

    @app.get("/healthz", tags=["operations"])
    def healthz() -> dict[str, Any]:
        """Liveness and which store backs the hub."""
        current: GraphStore = app.state.store
        nodes, relationships = current.counts()
        return {
            "status": "ok",
            "version": __version__,
            "store": current.describe(),
            "nodes": nodes,
            "relationships": relationships,
        }

    @app.get("/metrics", tags=["operations"], include_in_schema=False)
    def prometheus_metrics() -> Response:
        """Prometheus metrics of this process."""
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return app
