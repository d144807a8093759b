"""The FastAPI application: built by :func:`create_app` from settings and a store.

Routes: ``/graphql`` (people: GraphQL over HTTP, bearer tokens), ``/intake/v1/…``
(partners: REST with API keys, see ``intake``), ``/public/…`` (the takedown publicity
公示, for anyone, rate limited, see ``public``), ``/exports/credit`` (the reviewed credit
export, bearer tokens, see ``exports``), ``/healthz`` (liveness, no filesystem
paths), ``/healthz/detail`` (the store's paths and settings, for an admin's bearer
token), ``/metrics`` (Prometheus; behind ``CLUEHUB_METRICS_TOKEN`` when set, and refused
in production without one), the console's sign-in (``/api/signin``: how people sign in,
and the OIDC code exchange, ``signin``), and the web console at ``/`` with GraphiQL and
``/docs`` from its build (``console``). Every response carries ``X-Request-ID``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
import logging
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from cluehub import __version__
from cluehub.graph.open import open_store
from cluehub.graph.store import GraphStore
from cluehub.ingest.pipeline import default_enrichment
from cluehub.settings import Settings, load

from . import console, signin
from .errors import AuthError
from .exports import router_for as exports_router
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
from .openapi import declare_intake_security
from .public import mount as mount_public
from .ring_updates import RingUpdater
from .secrets import ID_SECRET_FILE, load_or_create

PUBLIC_STORE_FIELDS = ("backend", "graph", "fsync")  # what /healthz tells anyone


async def run_jobs_every(store: GraphStore, seconds: float) -> None:
    """The coordination room's scheduled jobs (deadline escalation, overdue tasks, repeat
    alerts). Every worker ticks; the jobs run in the one holding the store's ``jobs``
    lease (``cases.jobs.run_scheduled``), so they run once per tick, not once per worker."""
    from cluehub.cases.jobs import LEASE, run_scheduled

    log = logging.getLogger("cluehub.jobs")
    holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    try:
        while True:
            await asyncio.sleep(seconds)
            try:
                now = int(time.time() * 1000)
                run = await asyncio.to_thread(
                    run_scheduled, store, now, holder=holder, interval_ms=int(seconds * 1000)
                )
                if run is not None:
                    log.info(
                        "jobs ran: %d escalations, %d overdue tasks, %d repeat alerts, "
                        "%d credit entries",
                        len(run.escalations),
                        len(run.overdue_tasks),
                        len(run.repeat_alerts),
                        len(run.credit_entries),
                    )
            except Exception:  # a failed run must not stop the next one
                log.exception("scheduled jobs failed")
    finally:
        with contextlib.suppress(Exception):  # let another worker take over at once
            store.release_lease(LEASE, holder)


def metrics_refusal(settings: Settings, authorization: str | None) -> Response | None:
    """Why ``/metrics`` is refused to this caller, or None to serve it."""
    token = settings.metrics_token
    if not token:
        if settings.mode == "production":
            return JSONResponse(
                {"detail": "/metrics is off in production until CLUEHUB_METRICS_TOKEN is set"},
                403,
            )
        return None
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return None
    return JSONResponse(
        {"detail": "/metrics needs 'Authorization: Bearer <CLUEHUB_METRICS_TOKEN>'"},
        401,
        {"WWW-Authenticate": "Bearer"},
    )


def freeze_startup_heap() -> None:
    """Move what start-up allocated (the libraries, the schema, the opened store: some
    180,000 objects) out of the cyclic garbage collector's sight (``gc.freeze``). They
    live as long as the process; without this every full collection walks them again,
    about 100 ms on the development machine, in the middle of whichever request triggered
    it."""
    gc.collect()
    gc.freeze()


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
        if owned:
            freeze_startup_heap()
        if owned and settings.jobs_interval_s > 0:
            jobs = asyncio.create_task(run_jobs_every(app.state.store, settings.jobs_interval_s))
        try:
            yield
        finally:
            if jobs is not None:
                jobs.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await jobs  # releases the jobs lease before the store closes
            if owned:
                app.state.store.close()

    development = settings.mode == "development"
    app = FastAPI(
        title="cluehub",
        version=__version__,
        lifespan=lifespan,
        # Swagger UI from the console build (offline); FastAPI's own loads from a CDN
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if development else None,
    )
    app.state.settings = settings
    app.state.metrics = metrics
    if store is not None:  # usable before startup too (tests without lifespan)
        app.state.store = store
        app.state.rings = RingUpdater(store)
    app.state.enrichment = default_enrichment()
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    mount_intake(app)
    mount_public(app)
    app.include_router(exports_router(graphql.authenticator))
    intake_openapi = app.openapi
    app.openapi = lambda: declare_intake_security(intake_openapi())  # type: ignore[method-assign]
    app.add_api_route(
        "/graphql",
        graphql,
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],  # others get our 405
        include_in_schema=False,
        name="graphql",
    )

    def health(detail: bool) -> dict[str, Any]:
        current: GraphStore = app.state.store
        nodes, relationships = current.counts()
        described = current.describe()
        if not detail:
            described = {k: v for k, v in described.items() if k in PUBLIC_STORE_FIELDS}
        return {
            "status": "ok",
            "version": __version__,
            "store": described,
            "gds": current.gds_version(),  # Neo4j Graph Data Science found (its version)
            "nodes": nodes,
            "relationships": relationships,
        }

    @app.get("/healthz", tags=["operations"])
    def healthz() -> dict[str, Any]:
        """Liveness and which store backs the hub (no filesystem paths)."""
        return health(detail=False)

    @app.get("/healthz/detail", tags=["operations"], include_in_schema=False)
    def healthz_detail(request: Request) -> Response:
        """Liveness with the store's data directory and socket: admins only."""
        try:
            viewer = graphql.authenticator.authenticate(request.headers.get("authorization"))
        except AuthError as exc:
            return JSONResponse({"detail": exc.message}, 401, {"WWW-Authenticate": "Bearer"})
        if viewer.role != "admin":
            return JSONResponse({"detail": "the health detail is for the admin role"}, 403)
        return JSONResponse(health(detail=True))

    @app.get("/metrics", tags=["operations"], include_in_schema=False)
    def prometheus_metrics(request: Request) -> Response:
        """Prometheus metrics of this process (bearer ``CLUEHUB_METRICS_TOKEN`` when set)."""
        refused = metrics_refusal(settings, request.headers.get("authorization"))
        if refused is not None:
            return refused
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    signin.mount(app, settings, graphql.authenticator)
    console.mount(app, development=development)
    return app
