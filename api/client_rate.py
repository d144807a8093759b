"""Per-address rate limits for the routes anyone may call without a token.

The public publicity pages and the console's OIDC code exchange answer before anyone is
known, so each client address gets a moving window of its own (the partner API's limiter,
shared by every worker: ``intake.limiter_of``); over it is a 429 with ``Retry-After``.
"""

from __future__ import annotations

import time

from fastapi import HTTPException, Request
from limits import parse as parse_rate

from .intake import limiter_of


def check_client_rate(request: Request, rate: str, area: str, what: str) -> None:
    """Count this request against ``rate`` (e.g. ``"120/minute"``) for its client address
    in ``area``; raise a 429 naming ``what`` was limited when the window is full."""
    limiter, prefix = limiter_of(request)
    limit = parse_rate(rate)
    who = f"{area}:{request.client.host if request.client else 'unknown'}"
    if not limiter.hit(limit, prefix, who):
        reset = limiter.get_window_stats(limit, prefix, who).reset_time
        raise HTTPException(
            429,
            f"rate limit {rate} exceeded for {what}",
            headers={"Retry-After": str(max(1, int(reset - time.time())))},
        )
