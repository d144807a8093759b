"""Public, read-only pages: the takedown publicity (公示), for anyone, without signing in.

``GET /public/takedowns`` (HTML) and ``GET /public/takedowns.csv`` list the takedown
outcomes the publicity must show (``cases.publicity``): platform, listing and shop ids,
action, date, legal basis, issuing bureau, notice, the platform's own publication date.
Nothing personal is read, so nothing personal can show. ``?platform=tmall`` narrows to
one platform, ``?page=2`` pages on (100 a page).

Anyone may read, so each client address is rate limited (:data:`RATE`,
``client_rate.check_client_rate``); over it is a 429 with ``Retry-After``. Bad
parameters are 400s that say what is accepted.
"""

from __future__ import annotations

import csv
import html
import io

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from cluehub.cases import errors as case_errors
from cluehub.cases.publicity import service as publicity
from cluehub.graph import identifiers as ids

from .client_rate import check_client_rate

RATE = "120/minute"
PAGE = 100
MAX_PAGE_NUMBER = 1000

router = APIRouter(prefix="/public", tags=["public"])


def _check_rate(request: Request) -> None:
    check_client_rate(request, RATE, "public", "the public pages")


async def _entries(request: Request, platform: str | None, page: int) -> list:
    _check_rate(request)
    if not 1 <= page <= MAX_PAGE_NUMBER:
        raise HTTPException(400, f"page must be 1..{MAX_PAGE_NUMBER}")
    if platform is not None and platform not in ids.PLATFORMS:
        raise HTTPException(400, f"platform must be one of {', '.join(ids.PLATFORMS)}")
    try:
        return await run_in_threadpool(
            publicity.entries,
            request.app.state.store,
            platform=platform,
            limit=PAGE,
            skip=(page - 1) * PAGE,
        )
    except case_errors.InvalidInput as exc:
        raise HTTPException(400, str(exc)) from None


@router.get("/takedowns", response_class=HTMLResponse, summary="Takedown publicity (公示)")
async def takedowns_page(request: Request, platform: str | None = None, page: int = 1) -> Response:
    """The publicity page: removed listings, newest first."""
    found = await _entries(request, platform, page)
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in publicity.COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in e.row()) + "</tr>"
        for e in found
    )
    which = f"（{html.escape(ids.PLATFORMS[platform])}）" if platform else ""
    more = (
        f'<p><a href="?{"platform=" + platform + "&" if platform else ""}page={page + 1}">'
        "下一页 next</a></p>"
        if len(found) == PAGE
        else ""
    )
    text = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>侵权商品链接删除公示{which}</title></head>
<body><h1>侵权商品链接删除公示{which}</h1>
<p>Takedown publicity: listings removed by platforms on notices of market-regulation
bureaus (通知—删除—公示). <a href="/public/takedowns.csv">CSV</a></p>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<p>{len(found)} entries on this page.</p>{more}
</body></html>"""
    return HTMLResponse(
        text,
        headers={
            "Cache-Control": "public, max-age=60",
            "Content-Security-Policy": "default-src 'none'",
        },
    )


@router.get("/takedowns.csv", summary="Takedown publicity (公示) as CSV")
async def takedowns_csv(request: Request, platform: str | None = None, page: int = 1) -> Response:
    """The same entries as the page, one row each, with a header of the column names."""
    found = await _entries(request, platform, page)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(name for name, _ in publicity.COLUMNS)
    writer.writerows(e.row() for e in found)
    return Response(
        "\ufeff" + out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Cache-Control": "public, max-age=60",
            "Content-Disposition": 'attachment; filename="takedown-publicity.csv"',
        },
    )


def mount(app) -> None:  # type: ignore[no-untyped-def]
    app.include_router(router)
