"""Operations: JSON logs with a request id on every line, Prometheus metrics, tracing.

- Logs: structlog renders every record as one JSON line, including uvicorn's and the
  standard library's, with the ``request_id`` bound for the request in a context var.
- Request id: taken from ``X-Request-ID`` when it is sane (1-128 of ``[A-Za-z0-9._:-]``),
  else generated; echoed in the response header and written into audit events.
- Metrics: one registry per app (so tests can build many apps), served at ``/metrics``:
  HTTP requests by route and status, GraphQL operations by name and outcome, store
  statement latency by statement.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import structlog
from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
_SANE_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_configured = False

log = structlog.get_logger("cluehub.api")


_SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def configure_structlog() -> None:
    """structlog hands its events to the standard library, whose handlers decide the
    output: JSON lines in a server (:func:`configure_logging`), pytest's capture in tests."""
    global _configured
    if _configured:
        return
    structlog.configure(
        processors=[*_SHARED, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    _configured = True


def configure_logging(level: str = "info") -> None:
    """Route every logger (ours, uvicorn's, libraries') through one JSON renderer."""
    configure_structlog()
    shared = _SHARED
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
    # Our middleware logs each request with its id and duration; uvicorn's access
    # line would be a second, id-less line for the same request.
    logging.getLogger("uvicorn.access").disabled = True


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name == b"x-request-id":
            text = value.decode("latin-1").strip()
            if _SANE_ID.fullmatch(text):
                return text
    return uuid.uuid4().hex


class Metrics:
    """The app's Prometheus metrics in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._names: set[str] = set()
        self.http_requests = self._counter(
            "cluehub_http_requests_total",
            "HTTP requests by route, method and status.",
            ("route", "method", "status"),
        )
        self.http_seconds = self._histogram(
            "cluehub_http_request_seconds", "HTTP request latency by route.", ("route", "method")
        )
        self.graphql_operations = self._counter(
            "cluehub_graphql_operations_total",
            "GraphQL operations by operation name, type and outcome (ok, errors, refused).",
            ("operation", "type", "outcome"),
        )
        self.graphql_seconds = self._histogram(
            "cluehub_graphql_operation_seconds",
            "GraphQL operation latency by operation name.",
            ("operation",),
        )
        self.store_seconds = self._histogram(
            "cluehub_store_statement_seconds",
            "Latency of store calls made by the API, by statement.",
            ("statement",),
        )

    def _counter(self, name: str, documentation: str, labels: tuple[str, ...]) -> Counter:
        return Counter(name, documentation, labels, registry=self.registry)

    def _histogram(self, name: str, documentation: str, labels: tuple[str, ...]) -> Histogram:
        """A latency histogram, in the app's buckets (1 ms to 10 s)."""
        return Histogram(name, documentation, labels, buckets=_BUCKETS, registry=self.registry)

    def operation_label(self, name: str) -> str:
        """Client-chosen operation names as metric labels, at most 200 distinct ones."""
        if name in self._names:
            return name
        if len(self._names) >= 200:
            return "other"
        self._names.add(name)
        return name

    @contextmanager
    def store_timer(self, statement: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.store_seconds.labels(statement).observe(time.perf_counter() - start)


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path or "unmatched"


class RequestContextMiddleware:
    """Binds the request id for logs, echoes it, logs and counts each HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope.get("headers", []))
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        status = 500
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - start
            route = _route_of(scope)
            method = scope.get("method", "")
            self.metrics.http_requests.labels(route, method, str(status)).inc()
            self.metrics.http_seconds.labels(route, method).observe(elapsed)
            log.info(
                "request",
                method=method,
                path=scope.get("path"),
                status=status,
                ms=round(elapsed * 1000, 2),
            )
            structlog.contextvars.clear_contextvars()
