"""The FastAPI application: built by :func:`create_app` from settings and a store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from cluehub.graph.open import open_store
from cluehub.graph.store import GraphStore
from fastapi import FastAPI

from cluehub import __version__
from cluehub.settings import Settings, load


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The app. Without a store it opens the configured one and closes it on shutdown."""
    settings = settings or load()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store or open_store(settings.store_config())
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="cluehub",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs" if settings.mode == "development" else None,
    )
    app.state.settings = settings

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

    return app
