"""The console's sign-in: which ways are open, and the OIDC code exchange.

Two public routes, the only ones without a bearer token besides ``/healthz``:

- ``GET /api/signin`` says how people sign in here: ``localTokens`` (the token form of
  development and the demo) and ``oidc`` (the issuer's authorization endpoint, the
  console's client id and scopes) or null. Nothing secret: the same facts are in the
  redirect every browser follows.
- ``POST /api/signin/token`` takes ``{code, codeVerifier, redirectUri}`` from the console's
  callback page and exchanges them at the issuer's token endpoint (authorization code
  with PKCE, RFC 7636, for a public client: no secret). The hub checks the access token
  it got exactly as it checks every request (``identity.Authenticator``), so a token the
  hub would refuse (no ``bureau`` claim, too long a lifetime…) is refused here, with the
  same message, before the console keeps it. The token goes back in the JSON body, never
  in a URL.

The browser builds the verifier, the challenge and the ``state`` and follows the redirect
itself (``console/src/auth/oidc.ts``); the exchange runs through the hub so the pages'
``connect-src 'self'`` holds and the browser talks to no other host but by navigation.
Each client address may try :data:`EXCHANGE_RATE` exchanges (``client_rate``: a 429 with
``Retry-After`` beyond), so the route cannot be used to hammer the issuer or to guess.
OIDC sign-in is offered when ``CLUEHUB_OIDC_CLIENT_ID`` is set; it then needs the
issuer, its JWKS, authorization and token URLs (:func:`oidc_client` says which is missing).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import structlog
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from cluehub.settings import Settings

from .client_rate import check_client_rate
from .errors import AuthError
from .identity import Authenticator

log = structlog.get_logger("cluehub.api.signin")
CALLBACK_PATH = "/signin/callback"  # the console's route that finishes the sign-in
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")  # RFC 7636 §4.1
_MAX_CODE = 4096
_EXCHANGE_TIMEOUT_S = 15.0
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
EXCHANGE_RATE = "20/minute"  # per client address; a person signs in a few times a day


@dataclass(frozen=True, slots=True)
class OidcClient:
    """The console as a public OIDC client of the configured issuer."""

    client_id: str
    authorize_url: str
    token_url: str
    scope: str


def oidc_client(settings: Settings) -> OidcClient | None:
    """The console's OIDC client, or None when ``CLUEHUB_OIDC_CLIENT_ID`` is unset.

    A client id without the rest is a configuration mistake: ``ValueError`` names what
    to set (the hub refuses to start rather than offer a sign-in that cannot work)."""
    if not settings.oidc_client_id:
        return None
    needed = {
        "CLUEHUB_OIDC_ISSUER": settings.oidc_issuer,
        "CLUEHUB_OIDC_JWKS_URL": settings.oidc_jwks_url,
        "CLUEHUB_OIDC_AUTHORIZE_URL": settings.oidc_authorize_url,
        "CLUEHUB_OIDC_TOKEN_URL": settings.oidc_token_url,
    }
    missing = [name for name, value in needed.items() if not value]
    if missing:
        raise ValueError(
            "CLUEHUB_OIDC_CLIENT_ID is set, so the console offers OIDC sign-in, which also "
            f"needs {', '.join(missing)} (the issuer's discovery document, "
            ".well-known/openid-configuration, lists the URLs)"
        )
    for name in ("CLUEHUB_OIDC_AUTHORIZE_URL", "CLUEHUB_OIDC_TOKEN_URL"):
        if urlsplit(str(needed[name])).scheme not in ("https", "http"):
            raise ValueError(f"{name} must be an http(s) URL, got '{needed[name]}'")
    assert settings.oidc_authorize_url and settings.oidc_token_url
    return OidcClient(
        client_id=settings.oidc_client_id,
        authorize_url=settings.oidc_authorize_url,
        token_url=settings.oidc_token_url,
        scope=settings.oidc_scope.strip() or "openid",
    )


def signin_methods(settings: Settings, client: OidcClient | None) -> dict[str, Any]:
    """What ``GET /api/signin`` answers."""
    return {
        "localTokens": settings.local_tokens,
        "oidc": None
        if client is None
        else {
            "issuer": settings.oidc_issuer,
            "authorizeUrl": client.authorize_url,
            "clientId": client.client_id,
            "scope": client.scope,
            "callbackPath": CALLBACK_PATH,
        },
    }


class ExchangeError(Exception):
    """A refused exchange: the HTTP status and what to tell the person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_exchange(body: Any) -> tuple[str, str, str]:
    """``code``, ``codeVerifier`` and ``redirectUri`` of a request body, checked."""
    if not isinstance(body, dict):
        raise ExchangeError(400, "send a JSON object {code, codeVerifier, redirectUri}")
    code, verifier, redirect = (body.get(k) for k in ("code", "codeVerifier", "redirectUri"))
    if not isinstance(code, str) or not 0 < len(code) <= _MAX_CODE:
        raise ExchangeError(400, "code must be the authorization code the issuer returned")
    if not isinstance(verifier, str) or not _VERIFIER.fullmatch(verifier):
        raise ExchangeError(
            400, "codeVerifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636)"
        )
    parts = urlsplit(redirect) if isinstance(redirect, str) else None
    if parts is None or parts.scheme not in ("https", "http") or parts.path != CALLBACK_PATH:
        raise ExchangeError(
            400, f"redirectUri must be this hub's console callback (…{CALLBACK_PATH})"
        )
    return code, verifier, str(redirect)


async def exchange(
    client: OidcClient, authenticator: Authenticator, code: str, verifier: str, redirect: str
) -> str:
    """The access token the issuer gives for ``code``, checked as every request is."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": redirect,
        "client_id": client.client_id,
    }
    try:
        async with httpx.AsyncClient(timeout=_EXCHANGE_TIMEOUT_S) as http:
            response = await http.post(
                client.token_url, data=form, headers={"accept": "application/json"}
            )
    except httpx.HTTPError as exc:
        log.warning("oidc token endpoint unreachable", error=str(exc))
        raise ExchangeError(
            502, f"the identity provider's token endpoint did not answer: {exc}"
        ) from None
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.status_code != 200 or not isinstance(answer, dict):
        said = answer.get("error_description") or answer.get("error") if answer else None
        raise ExchangeError(
            502 if response.status_code >= 500 else 400,
            f"the identity provider refused the sign-in ({response.status_code}"
            + (f": {said}" if said else "")
            + "); sign in again",
        )
    token = answer.get("access_token")
    if not isinstance(token, str) or not token:
        raise ExchangeError(502, "the identity provider's answer carries no access_token")
    try:
        # the issuer's keys may have to be fetched: off the event loop
        viewer = await asyncio.to_thread(authenticator.authenticate, f"Bearer {token}")
    except AuthError as exc:
        raise ExchangeError(
            401, f"the hub refuses the identity provider's token: {exc.message}"
        ) from None
    log.info("oidc sign-in", sub=viewer.sub, bureau=viewer.bureau, role=viewer.role)
    return token


def mount(app: FastAPI, settings: Settings, authenticator: Authenticator) -> None:
    """Add ``GET /api/signin`` and ``POST /api/signin/token`` (module docstring)."""
    client = oidc_client(settings)
    methods = signin_methods(settings, client)

    @app.get("/api/signin", include_in_schema=False)
    def signin_config() -> JSONResponse:
        return JSONResponse(methods, headers=NO_STORE)

    @app.post("/api/signin/token", include_in_schema=False)
    async def signin_token(request: Request) -> JSONResponse:
        if client is None:
            return JSONResponse({"detail": "OIDC sign-in is not configured on this hub"}, 404)
        try:
            check_client_rate(request, EXCHANGE_RATE, "signin", "sign-in code exchanges")
        except HTTPException as exc:
            return JSONResponse(
                {"detail": exc.detail}, exc.status_code, headers=NO_STORE | (exc.headers or {})
            )
        try:
            raw = await request.body()
            if len(raw) > 2 * _MAX_CODE:
                raise ExchangeError(413, "the sign-in request is too large")
            try:
                body = await request.json()
            except ValueError:
                body = None
            code, verifier, redirect = check_exchange(body)
            token = await exchange(client, authenticator, code, verifier, redirect)
        except ExchangeError as exc:
            return JSONResponse({"detail": exc.message}, exc.status, headers=NO_STORE)
        return JSONResponse({"token": token}, headers=NO_STORE)
