"""The web console at ``/``: the built single-page app (``console/``), GraphiQL and docs.

``scripts/setup.sh`` builds ``console/`` into ``console_dist/`` beside this module (package
data, not committed). When a build is there, :func:`mount` serves:

- ``/assets/…`` (hashed files, cached for a year) and the few files at the build's top;
- ``index.html`` instead of the router's 404 for a GET of any other path that is not an
  API path and names no file, so deep links (``/cases/…``) work; API paths (``/graphql``,
  ``/intake``, ``/healthz``, ``/metrics``, ``/docs``, ``/openapi.json``…) and every other
  method keep their JSON 404s and 405s (the routing itself is untouched);
- GraphiQL for a browser's GET of ``/graphql`` and Swagger UI at ``/docs`` (development
  mode only), both from the same build: nothing is loaded from another host.

Console pages carry a strict Content-Security-Policy: ``default-src 'self'``, scripts only
from the hub, no inline scripts; inline ``<style>`` only with the per-response nonce the
page hands to Ant Design's style injector. Without a build the hub serves the API only
and says so once in the log.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

DIST = Path(__file__).resolve().parent / "console_dist"
NONCE_MARK = "__CSP_NONCE__"
# First path segments that belong to the API: never answered with the console.
API_PREFIXES = frozenset(
    {"graphql", "intake", "healthz", "metrics", "docs", "redoc", "openapi.json", "assets", "api"}
)
log = logging.getLogger("cluehub.console")


def csp(nonce: str | None = None) -> str:
    """The console's Content-Security-Policy; ``nonce`` admits the app's own ``<style>``."""
    style = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    return (
        "default-src 'self'; script-src 'self'; "
        f"style-src {style}; img-src 'self' data: blob:; font-src 'self' data:; "
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


PAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def has_build(dist: Path | None = None) -> bool:
    return ((dist or DIST) / "index.html").is_file()


class Page:
    """One HTML page of the build, with a fresh nonce in its CSP on every response."""

    def __init__(self, path: Path) -> None:
        self.text = path.read_text(encoding="utf-8")

    def response(self) -> HTMLResponse:
        nonce = secrets.token_urlsafe(18)
        return HTMLResponse(
            self.text.replace(NONCE_MARK, nonce),
            headers={**PAGE_HEADERS, "Content-Security-Policy": csp(nonce)},
        )


def wants_graphiql(scope: Scope) -> bool:
    """A browser opening ``/graphql`` (HTML accepted, no query in the URL)."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/graphql":
        return False
    accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
    query = scope.get("query_string", b"").decode("latin-1")
    return "text/html" in accept and not any(
        part.split("=", 1)[0] == "query" for part in query.split("&")
    )


class GraphiQLMiddleware:
    """Answers a browser's GET of ``/graphql`` with the built GraphiQL page; everything
    else goes straight through (no cost on the API path)."""

    def __init__(self, app: ASGIApp, page: Page) -> None:
        self.app = app
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if wants_graphiql(scope):
            await self.page.response()(scope, receive, send)
            return
        await self.app(scope, receive, send)


def is_api_path(path: str) -> bool:
    return path.strip("/").split("/", 1)[0] in API_PREFIXES


def _file_route(file: Path) -> Callable[[], FileResponse]:
    def serve() -> FileResponse:
        return FileResponse(file)

    return serve


def mount(app: FastAPI, *, development: bool, dist: Path | None = None) -> bool:
    """Serve the console from ``dist`` (default :data:`DIST`). False (and a log line)
    without a build."""
    dist = dist or DIST
    if not has_build(dist):
        log.warning(
            "console: no build at %s; serving the API only (run scripts/setup.sh, which "
            "builds console/ with npm, to get the web console at /)",
            dist,
        )
        return False
    index = Page(dist / "index.html")
    top_files = {p.name: p for p in dist.iterdir() if p.is_file() and p.suffix != ".html"}
    app.mount("/assets", StaticFiles(directory=dist / "assets"), name="console-assets")
    if development:
        if (dist / "graphiql.html").is_file():
            app.add_middleware(GraphiQLMiddleware, page=Page(dist / "graphiql.html"))
        if (dist / "docs.html").is_file():
            docs = Page(dist / "docs.html")
            app.add_api_route(
                "/docs", lambda: docs.response(), methods=["GET"], include_in_schema=False
            )

    for name, file in top_files.items():
        app.add_api_route(f"/{name}", _file_route(file), methods=["GET"], include_in_schema=False)

    async def not_found(request: Request, exc: Exception) -> Response:
        """The router's 404: a console route (deep link) gets index.html, the rest JSON."""
        path = request.url.path
        is_http_404 = isinstance(exc, StarletteHTTPException) and exc.status_code == 404
        if (
            is_http_404
            and request.method in ("GET", "HEAD")
            and not is_api_path(path)
            and "." not in path.rsplit("/", 1)[-1]
        ):
            return index.response()
        return await http_exception_handler(request, exc)  # type: ignore[arg-type]

    app.add_exception_handler(StarletteHTTPException, not_found)
    log.info("console: serving the web console from %s at /", dist)
    return True
