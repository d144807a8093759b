"""File exports for people with a bearer token: the quarterly credit export (信用信息).

``GET /exports/credit?quarter=2026Q3&region=350000&format=csv|xlsx`` answers the file in
the column layout of docs/credit-export.md, only when a supervisor has reviewed the
quarter's entries as they are (``cases.credit.service.export``): otherwise 403 with what
is missing. 401 without a valid token, 400 for bad parameters; every export and every
refusal is audited by the service. Each user is rate limited (:data:`RATE`).
``cluehub credit export`` is its command-line twin (``cases.credit.export.export_command``).
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from limits import parse as parse_rate

from cluehub.cases import errors as case_errors
from cluehub.cases.context import Actor
from cluehub.cases.credit import export as credit_files
from cluehub.cases.credit import service as credit

from .errors import AuthError
from .intake import limiter_of

RATE = "30/minute"
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def router_for(authenticator: Any) -> APIRouter:
    router = APIRouter(prefix="/exports", tags=["exports"])

    @router.get("/credit", summary="The quarter's credit entries (信用信息), once reviewed")
    async def credit_export(
        request: Request, quarter: str, region: str | None = None, format: str = "csv"
    ) -> Response:
        try:
            viewer = authenticator.authenticate(request.headers.get("authorization"))
        except AuthError as exc:
            raise HTTPException(401, exc.message, {"WWW-Authenticate": "Bearer"}) from None
        limiter, prefix = limiter_of(request)
        rate = parse_rate(RATE)
        if not limiter.hit(rate, prefix, f"exports:{viewer.sub}"):
            reset = limiter.get_window_stats(rate, prefix, f"exports:{viewer.sub}").reset_time
            raise HTTPException(
                429,
                f"rate limit {RATE} exceeded",
                {"Retry-After": str(max(1, int(reset - time.time())))},
            )
        if format not in MEDIA:
            raise HTTPException(400, f"format must be one of {', '.join(MEDIA)}")
        try:
            actor = Actor(
                viewer.sub,
                viewer.bureau,
                viewer.role,
                request.scope.get("state", {}).get("request_id", ""),
            )
            found = await run_in_threadpool(
                credit.export,
                request.app.state.store,
                quarter=quarter,
                region=region or viewer.bureau,
                actor=actor,
                now_ms=int(time.time() * 1000),
            )
        except case_errors.PermissionDenied as exc:
            raise HTTPException(403, str(exc)) from None
        except case_errors.CasesError as exc:
            raise HTTPException(400, str(exc)) from None
        body: bytes = (
            credit_files.csv_text(found).encode("utf-8")
            if format == "csv"
            else credit_files.xlsx_bytes(found)
        )
        name = credit_files.file_name(found, format)
        return Response(
            body,
            media_type=MEDIA[format],
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )

    return router
