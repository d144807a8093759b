"""GraphQL over HTTP (the GraphQL-over-HTTP spec) for the strawberry schema.

Our own thin transport rather than strawberry's router, because the spec's status codes
need the request phase, which the router does not expose:

- ``Accept``: ``application/graphql-response+json`` (preferred when asked for) or
  ``application/json`` (also for ``*/*`` and no ``Accept``); anything else: 406.
- With ``application/graphql-response+json``, a request error (unparsable or invalid
  document, variables that do not coerce: no ``data`` at all) is **400** and the body has
  no ``data`` entry; field errors keep 200 with partial data. With ``application/json``,
  every GraphQL response is 200, as the spec says for legacy clients.
- POST needs ``Content-Type: application/json`` (415 otherwise); bodies over
  ``max_request_bytes`` get 413 before they are parsed; malformed JSON or parameters 400.
- GET runs queries only: a mutation over GET is 405 with ``Allow: POST``.
- ``GET /graphql`` from a browser shows GraphiQL in development mode only.
- No valid bearer token: 401 with ``WWW-Authenticate: Bearer``, before any GraphQL runs.
- Hostile bodies are 400, never 5xx: nesting deeper than ``safe_json.MAX_DEPTH``, lone
  surrogates, NUL, integers over 4,300 digits (or number literals over 400 digits in the
  document), NaN.

Cost (``gql.cost``): every request's static cost is estimated before it runs. Over the
role's budget: 400 with ``extensions.code = COST_LIMIT``, the cost, the budget and by
how much. A heavy request (cost ≥ ``cost.HEAVY``) counts against its user's rate limit
of heavy requests (:data:`HEAVY_RATE`, 429 ``RATE_LIMITED`` with ``Retry-After``) and runs
in the heavy lane: at most :data:`HEAVY_LANES` at once per process, each executed and
serialised in a worker thread with its own event loop, so cheap requests and
``/healthz`` keep the main loop. Each request also has a work budget enforced in every
store call (``Context.call_store``: :data:`MAX_STORE_CALLS` calls, :data:`TIME_BUDGET_S`
seconds), which answers ``WORK_LIMIT`` field errors instead of running on.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from typing import Any

import anyio
import anyio.to_thread
import orjson
import structlog
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from graphql import GraphQLError, GraphQLSyntaxError, parse
from limits import parse as parse_rate
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from strawberry import Schema
from strawberry.exceptions import MissingQueryError
from strawberry.http.ides import get_graphql_ide_html
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from cluehub.graph.store import GraphStore, StoreError
from cluehub.ingest import safe_json
from cluehub.settings import Settings

from .errors import AuthError
from .gql import cost
from .gql.context import Context
from .identity import Authenticator
from .observability import Metrics
from .opaque_ids import OpaqueIds
from .users import UserDirectory

GRAPHQL_RESPONSE = "application/graphql-response+json"
_LONG_NUMBER = re.compile(r"\d{400,}")
HEAVY_LANES = 1  # heavy requests executing at once per process; more wait their turn
HEAVY_WAIT_S = 30.0  # how long a heavy request waits for a lane before 503
HEAVY_RATE = "30/minute"  # heavy requests per user
GIL_SWITCH_S = 0.001
MAX_STORE_CALLS = 2_000
TIME_BUDGET_S = 120.0  # a safety net for runaway requests, not a latency target
JSON = "application/json"
log = structlog.get_logger("cluehub.api.graphql")


class HttpProblem(Exception):
    """A request refused before GraphQL runs: status, message, extra headers."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.extensions = extensions


def _accept_entries(accept: str) -> list[tuple[str, float]]:
    entries = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        entries.append((media, quality))
    return entries


def negotiate(accept: str | None) -> str | None:
    """The response media type for an ``Accept`` header; None when we can serve none."""
    if not accept or not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for media, quality in _accept_entries(accept):
        if quality <= 0:
            continue
        if media == GRAPHQL_RESPONSE:
            choice = (quality, 2, GRAPHQL_RESPONSE)
        elif media in (JSON, "application/*", "*/*"):
            choice = (quality, 1, JSON)  # wildcards get JSON, as the spec asks
        else:
            continue
        if best is None or choice[:2] > best[:2]:
            best = choice
    return best[2] if best else None


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "query" not in request.query_params


def _error_body(message: str, extensions: dict[str, Any] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message}
    if extensions:
        error["extensions"] = extensions
    return {"errors": [error]}


def problem_response(problem: HttpProblem, media: str | None) -> Response:
    return Response(
        json.dumps(_error_body(problem.message, problem.extensions), ensure_ascii=False),
        status_code=problem.status,
        media_type=f"{media or JSON}; charset=utf-8",
        headers=problem.headers,
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            too_big = int(declared) > limit
        except ValueError:
            raise HttpProblem(400, "Content-Length is not a number") from None
        if too_big:
            raise HttpProblem(413, _too_large(limit))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpProblem(413, _too_large(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> str:
    return (
        f"request body is larger than {limit // 1024} KiB; send smaller documents "
        "(page with first/after instead of asking for everything at once)"
    )


def _refuse_odd_values(params: dict[str, Any]) -> dict[str, Any]:
    """400 for values no request may carry (NUL, lone surrogates, huge integers, NaN)."""
    for path, reason in safe_json.odd_values(params):
        raise HttpProblem(400, f"{path}: {reason}")
    return params


def _params_from_json(body: bytes) -> dict[str, Any]:
    if not body.strip():
        raise HttpProblem(400, 'the request body is empty; send {"query": "…"}')
    try:
        data = safe_json.loads(body)
    except safe_json.JsonRefused as exc:
        raise HttpProblem(400, f"the request body is refused: {exc}") from None
    if not isinstance(data, dict):
        raise HttpProblem(400, "the request body must be a JSON object with a 'query' string")
    return _refuse_odd_values(data)


def _params_from_query_string(request: Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query_params)
    for name in ("variables", "extensions"):
        if params.get(name):
            try:
                params[name] = safe_json.loads(params[name])
            except safe_json.JsonRefused:
                raise HttpProblem(400, f"the '{name}' parameter is not valid JSON") from None
        else:
            params.pop(name, None)
    return _refuse_odd_values(params)


def check_params(params: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None]:
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        raise HttpProblem(400, "the 'query' parameter must be a non-empty string")
    long_number = _LONG_NUMBER.search(query)
    if long_number:  # graphql-core would int() it and fail past 4,300 digits
        raise HttpProblem(
            400,
            f"the document holds a number of {len(long_number.group())} digits at offset "
            f"{long_number.start()}; GraphQL Int is 32-bit (at most 10 digits)",
        )
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise HttpProblem(400, "the 'variables' parameter must be an object or null")
    name = params.get("operationName")
    if name is not None and not isinstance(name, str):
        raise HttpProblem(400, "the 'operationName' parameter must be a string or null")
    extensions = params.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise HttpProblem(400, "the 'extensions' parameter must be an object or null")
    return query, variables, name


def is_request_error(result: ExecutionResult) -> bool:
    """True when the request failed before execution: no ``data`` entry at all.

    Parse and validation failures come back as :class:`PreExecutionError`; variable
    coercion failures as errors without a ``path`` and no data (field errors always
    have a path).
    """
    if isinstance(result, PreExecutionError):
        return True
    return (
        result.data is None and bool(result.errors) and all(e.path is None for e in result.errors)
    )


def _formatted(errors: list[GraphQLError]) -> list[dict[str, Any]]:
    return [error.formatted for error in errors]


class GraphQLEndpoint:
    """The ``/graphql`` route: one instance per app."""

    def __init__(
        self, schema: Schema, settings: Settings, ids: OpaqueIds, metrics: Metrics
    ) -> None:
        self.schema = schema
        self.settings = settings
        self.ids = ids
        self.metrics = metrics
        self.authenticator = Authenticator(settings)
        self.users = UserDirectory()
        self.development = settings.mode == "development"
        self.heavy_lanes = anyio.Semaphore(HEAVY_LANES)
        # A heavy lane's worker thread holds the GIL for up to the switch interval at a
        # time; 1 ms instead of 5 keeps the event loop (and /healthz) responsive.
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
        self.heavy_limiter = MovingWindowRateLimiter(MemoryStorage())
        self.heavy_rate = parse_rate(HEAVY_RATE)
        self.heavy_rate_text = HEAVY_RATE

    async def __call__(self, request: Request) -> Response:
        media = negotiate(request.headers.get("accept"))
        try:
            if request.method not in ("GET", "POST"):
                raise HttpProblem(
                    405,
                    f"{request.method} is not supported: send queries with GET or POST, "
                    "mutations with POST",
                    {"Allow": "GET, POST"},
                )
            if request.method == "GET" and _wants_html(request):
                if not self.development:
                    raise HttpProblem(404, "GraphiQL is available in development mode only")
                return HTMLResponse(get_graphql_ide_html("graphiql"))
            if media is None:
                raise HttpProblem(
                    406,
                    f"cannot answer with any media type in Accept; use {GRAPHQL_RESPONSE} "
                    f"or {JSON}",
                )
            viewer = self._authenticate(request)
            params = await self._params(request)
            query, variables, operation_name = check_params(params)
            store: GraphStore = request.app.state.store
            request_id = request.scope.get("state", {}).get("request_id", "")
            try:
                await _in_thread(self.users.ensure, store, viewer, request_id)
            except StoreError:
                log.exception("store unavailable while registering the user")
                raise HttpProblem(
                    503, "the graph store is unavailable; try again shortly"
                ) from None
            heavy = self._check_cost(viewer, query, variables, operation_name)
            context = Context(
                viewer=viewer,
                store=store,
                settings=self.settings,
                ids=self.ids,
                metrics=self.metrics,
                request_id=request_id,
                deadline=time.monotonic() + TIME_BUDGET_S,
                max_store_calls=MAX_STORE_CALLS,
            )
            args = (request.method, media, context, query, variables, operation_name)
            if not heavy:
                return await self._execute(*args)
            with anyio.move_on_after(HEAVY_WAIT_S):
                async with self.heavy_lanes:
                    return await anyio.to_thread.run_sync(_in_own_loop, self._execute, *args)
            raise HttpProblem(
                503,
                f"all {HEAVY_LANES} lanes for heavy requests stayed busy for {HEAVY_WAIT_S:.0f} s; "
                "retry later or ask for less",
                {"Retry-After": "10"},
            )
        except HttpProblem as problem:
            self.metrics.graphql_operations.labels("", "", f"http_{problem.status}").inc()
            return problem_response(problem, media)

    def _check_cost(
        self,
        viewer: Any,
        query: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
    ) -> bool:
        """Refuse a request over its role's cost budget or its user's heavy-request rate;
        True when it is heavy (runs in the heavy lane)."""
        try:
            document = parse(query, max_tokens=self.settings.graphql_max_tokens)
        except GraphQLSyntaxError:
            return False  # execution answers with the syntax error
        settings = self.settings
        estimate = cost.estimate(
            self.schema._schema,
            document,
            variables,
            operation_name,
            page_cap=settings.graphql_page_cap,
            neighbourhood_cap=settings.graphql_neighbourhood_cap,
        )
        if (
            estimate.depth > settings.graphql_max_depth
            or estimate.aliases > settings.graphql_max_aliases
        ):
            return False  # validation refuses it, naming the limit
        budget = cost.budget_of(str(viewer.role))
        if estimate.total > budget:
            raise HttpProblem(
                400,
                estimate.refusal(str(viewer.role), budget),
                extensions={"code": "COST_LIMIT", "cost": estimate.total, "budget": budget},
            )
        if estimate.total < cost.HEAVY:
            return False
        if not self.heavy_limiter.hit(self.heavy_rate, viewer.sub):
            reset = self.heavy_limiter.get_window_stats(self.heavy_rate, viewer.sub).reset_time
            retry = max(1, int(reset - time.time()))
            raise HttpProblem(
                429,
                f"rate limit of heavy requests ({self.heavy_rate_text} per user, cost ≥ "
                f"{cost.HEAVY:,}) reached; this one costs {estimate.total:,}: retry in "
                f"{retry} s or ask for less",
                {"Retry-After": str(retry)},
                extensions={
                    "code": "RATE_LIMITED",
                    "cost": estimate.total,
                    "limit": self.heavy_rate_text,
                },
            )
        return True

    def _authenticate(self, request: Request) -> Any:
        try:
            return self.authenticator.authenticate(request.headers.get("authorization"))
        except AuthError as exc:
            raise HttpProblem(
                401, exc.message, {"WWW-Authenticate": 'Bearer realm="cluehub"'}
            ) from None

    async def _params(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            return _params_from_query_string(request)
        content_type = request.headers.get("content-type", "")
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime != JSON:
            raise HttpProblem(
                415,
                f"Content-Type must be {JSON} for POST, got '{content_type or 'none'}'",
            )
        return _params_from_json(await read_body(request, self.settings.max_request_bytes))

    async def _execute(
        self,
        method: str,
        media: str,
        context: Context,
        query: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
    ) -> Response:
        allowed = (
            {OperationType.QUERY}
            if method == "GET"
            else {OperationType.QUERY, OperationType.MUTATION}
        )
        start = time.perf_counter()
        try:
            result = await self.schema.execute(
                query,
                variable_values=variables,
                context_value=context,
                operation_name=operation_name,
                allowed_operation_types=allowed,
            )
        except InvalidOperationTypeError as exc:
            raise HttpProblem(
                405,
                f"{exc.as_http_error_reason(method)}; send mutations with POST",
                {"Allow": "POST"},
            ) from None
        except CannotGetOperationTypeError as exc:
            raise HttpProblem(400, exc.as_http_error_reason()) from None
        except MissingQueryError:
            raise HttpProblem(400, "the 'query' parameter must be a non-empty string") from None
        elapsed = time.perf_counter() - start
        name = self.metrics.operation_label(operation_name or _first_operation_name(query))
        request_error = is_request_error(result)
        outcome = "refused" if request_error else ("errors" if result.errors else "ok")
        kind = "mutation" if query.lstrip().startswith("mutation") else "query"
        self.metrics.graphql_operations.labels(name, kind, outcome).inc()
        self.metrics.graphql_seconds.labels(name).observe(elapsed)
        log.info("graphql", operation=name, outcome=outcome, ms=round(elapsed * 1000, 2))
        body: dict[str, Any] = {}
        if not request_error:
            body["data"] = result.data
        if result.errors:
            body["errors"] = _formatted(result.errors)
        status = 400 if request_error and media == GRAPHQL_RESPONSE else 200
        return Response(
            response_json(body), status_code=status, media_type=f"{media}; charset=utf-8"
        )


_ORJSON_AS_STDLIB = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def response_json(body: dict[str, Any]) -> bytes:
    """A response body as UTF-8 JSON. orjson writes a 500-node answer several times
    faster than ``json.dumps``; what it refuses (an integer beyond 64 bits) goes the
    stdlib way, and anything else that is not JSON is ``str()``-ed by both alike."""
    try:
        return orjson.dumps(body, default=str, option=_ORJSON_AS_STDLIB)
    except TypeError:
        return json.dumps(body, ensure_ascii=False, default=str).encode()


def _first_operation_name(query: str) -> str:
    """A metrics label: the first named operation, else 'anonymous' (bounded length)."""
    text = query.lstrip()
    for keyword in ("query", "mutation"):
        if text.startswith(keyword):
            rest = text[len(keyword) :].lstrip()
            name = ""
            for char in rest:
                if not (char.isalnum() or char == "_"):
                    break
                name += char
            return name[:64] or "anonymous"
    return "anonymous"


async def _in_thread(fn: Any, *args: Any) -> Any:
    return await anyio.to_thread.run_sync(fn, *args)


def _in_own_loop(coroutine_fn: Any, *args: Any) -> Any:
    """Run an async function to completion on a fresh event loop in this (worker) thread."""
    return asyncio.run(coroutine_fn(*args))
