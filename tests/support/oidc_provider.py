"""A small OpenID Connect provider on loopback, for the sign-in tests (not our code: it
stands in for the site's identity provider, as the JWKS server in test_api_identity does).

- ``GET /authorize?response_type=code&client_id&redirect_uri&state&code_challenge&
  code_challenge_method=S256`` signs the configured person in at once and redirects to
  ``redirect_uri?code=…&state=…`` (a real provider would show its login page first);
- ``POST /token`` (form: ``grant_type=authorization_code``, ``code``, ``code_verifier``,
  ``redirect_uri``, ``client_id``) checks all of it as RFC 6749/7636 ask, each code once,
  and answers ``{access_token, token_type, expires_in}``: an RS256 JWT with the person's
  claims, the issuer and the audience;
- ``GET /jwks`` serves the signing key.

``requests`` records what the provider was asked, so a test can see that the browser
sent a challenge and the hub the matching verifier.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://sso.samr.example/realms/enforcement"
CLIENT_ID = "cluehub-console"
AUDIENCE = "cluehub"


def challenge_of(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass
class Provider:
    url: str
    person: dict[str, Any]  # claims of whoever signs in next (sub, name, bureau, role)
    key: rsa.RSAPrivateKey
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)

    def settings(self) -> dict[str, str]:
        """The hub's settings for this provider (keyword arguments of ``load``)."""
        return {
            "oidc_issuer": ISSUER,
            "oidc_jwks_url": f"{self.url}/jwks",
            "oidc_audience": AUDIENCE,
            "oidc_client_id": CLIENT_ID,
            "oidc_authorize_url": f"{self.url}/authorize",
            "oidc_token_url": f"{self.url}/token",
        }

    def env(self) -> dict[str, str]:
        return {f"CLUEHUB_{k.upper()}": v for k, v in self.settings().items()}

    def token(self, **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 3600}
        return jwt.encode(
            body | self.person | claims, self.key, algorithm="RS256", headers={"kid": "k1"}
        )


@contextmanager
def running(person: dict[str, Any]) -> Iterator[Provider]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwks = json.dumps({"keys": [jwk | {"kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()
    provider = Provider("", dict(person), key)

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: dict[str, Any] | bytes) -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            provider.requests.append((parts.path, query))
            if parts.path == "/jwks":
                self._answer(200, jwks)
            elif parts.path == "/authorize":
                wanted = ("response_type", "client_id", "redirect_uri", "state", "code_challenge")
                if any(not query.get(k) for k in wanted) or query["response_type"] != "code":
                    self._answer(400, {"error": "invalid_request"})
                    return
                if query["client_id"] != CLIENT_ID or query.get("code_challenge_method") != "S256":
                    self._answer(400, {"error": "unauthorized_client"})
                    return
                code = secrets.token_urlsafe(24)
                provider.codes[code] = query
                back = urlencode({"code": code, "state": query["state"]})
                self.send_response(302)
                self.send_header("location", f"{query['redirect_uri']}?{back}")
                self.end_headers()
            else:
                self._answer(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            provider.requests.append((self.path, form))
            if self.path != "/token":
                self._answer(404, {"error": "not_found"})
                return
            asked = provider.codes.pop(form.get("code", ""), None)  # each code once
            if form.get("grant_type") != "authorization_code" or asked is None:
                self._answer(400, {"error": "invalid_grant", "error_description": "bad code"})
                return
            if (
                form.get("client_id") != asked["client_id"]
                or form.get("redirect_uri") != asked["redirect_uri"]
                or challenge_of(form.get("code_verifier", "")) != asked["code_challenge"]
            ):
                self._answer(
                    400, {"error": "invalid_grant", "error_description": "PKCE check failed"}
                )
                return
            self._answer(
                200,
                {"access_token": provider.token(), "token_type": "Bearer", "expires_in": 3600},
            )

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
