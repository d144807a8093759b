"""Who is asking: bearer JWTs (OIDC or locally signed) turned into a :class:`Viewer`.

Two kinds of token are accepted, told apart by their ``iss`` claim and each verified
with its own key and its own algorithm list (no algorithm confusion):

- OIDC tokens from the configured issuer, checked against its JWKS
  (``jwt.PyJWKClient``), audience and issuer;
- local tokens (``cluehub token``), HS256 with the hub's secret, issuer
  ``settings.jwt_issuer``; for development, the demo and sites without an identity
  provider (turn off with ``CLUEHUB_LOCAL_TOKENS=0``).

Claims: ``sub``, ``name``, ``bureau`` (6-digit region code of the user's bureau),
``role``, ``exp``, ``iat``, ``iss``. Roles: investigator, coordinator, supervisor, admin.

Lifetime: a token of either kind that lives longer than ``CLUEHUB_MAX_TOKEN_HOURS``
(``exp - iat``, default 12 h), or whose ``exp`` lies further ahead than that, is refused
with 401 saying so; ``cluehub token`` refuses to issue one.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, get_args

import jwt

from cluehub.graph import regions
from cluehub.settings import Settings

from . import bureaus
from .errors import AuthError
from .secrets import JWT_SECRET_FILE, load_or_create

Role = Literal["investigator", "coordinator", "supervisor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
LOCAL_ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("sub", "bureau", "role", "exp", "iat", "iss")
_TTL = re.compile(r"(\d+)\s*([smhd])")
_TTL_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_TTL_S = 30 * 86400
_LEEWAY_S = 30


@dataclass(frozen=True, slots=True)
class Viewer:
    """An authenticated person: who, which bureau, which role."""

    sub: str
    name: str
    bureau: str
    role: Role
    issuer: str

    @property
    def scope(self) -> str | None:
        """The region code visibility filters on; None for the national bureau (sees all)."""
        return None if self.bureau == regions.NATIONAL else self.bureau


def parse_ttl(text: str) -> int:
    """'8h' -> 28800; accepts s, m, h, d and sums ('1h30m'). At most 30 days."""
    compact = text.replace(" ", "").lower()
    parts = _TTL.findall(compact)
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"ttl '{text}' is not a duration (expected e.g. 30m, 8h, 1d, 1h30m)")
    seconds = sum(int(n) * _TTL_UNITS[u] for n, u in parts)
    if not 60 <= seconds <= MAX_TTL_S:
        raise ValueError(f"ttl '{text}' must be between 1m and 30d")
    return seconds


def check_role(role: str) -> Role:
    if role not in ROLES:
        raise ValueError(f"role '{role}' is not one of {', '.join(ROLES)}")
    return role  # type: ignore[return-value]


def check_bureau(code: str) -> str:
    """A bureau is named by the 6-digit code of its region (100000 for SAMR)."""
    if not re.fullmatch(r"\d{6}", code or "") or regions.get(code) is None:
        raise ValueError(
            f"bureau '{code}' is not a known GB/T 2260 region code "
            "(6 digits, e.g. 350304 for 荔城区, 350300 for 莆田市, 100000 for SAMR)"
        )
    found = bureaus.bureau(code)
    if found is None or found.code != code:
        raise ValueError(
            f"region '{code}' has no market-regulation bureau of its own"
            + (f" (its bureau is {found.code})" if found else " on the mainland")
        )
    return code


def max_lifetime_s(settings: Settings) -> int:
    return int(settings.max_token_hours * 3600)


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:g}"


def check_lifetime(claims: dict[str, Any], limit_s: int, now: float | None = None) -> None:
    """Refuse a token living longer than ``limit_s`` (by its claims, or by its ``exp``
    from now, so a backdated or future ``iat`` does not help)."""
    now = time.time() if now is None else now
    try:
        exp, iat = float(claims["exp"]), float(claims["iat"])
    except (KeyError, TypeError, ValueError):
        raise AuthError("the bearer token's exp and iat claims must be numbers") from None
    lifetime = exp - iat
    if lifetime > limit_s or exp - now > limit_s + _LEEWAY_S:
        raise AuthError(
            f"the bearer token lives {_hours(max(lifetime, exp - now))} h; this hub accepts "
            f"tokens of at most {_hours(limit_s)} h (CLUEHUB_MAX_TOKEN_HOURS): get a new one"
        )


def local_secret(settings: Settings) -> bytes:
    return load_or_create(settings.data_dir, JWT_SECRET_FILE, settings.jwt_secret, "JWT_SECRET")


def issue_token(
    settings: Settings,
    *,
    sub: str,
    bureau: str,
    role: str,
    name: str | None = None,
    ttl_s: int = 8 * 3600,
    now: float | None = None,
) -> str:
    """A locally signed token (HS256) for development, the demo and tests."""
    if not sub or not sub.strip():
        raise ValueError("user (sub) must not be empty")
    limit = max_lifetime_s(settings)
    if ttl_s > limit:
        raise ValueError(
            f"ttl {ttl_s // 60} min is longer than this hub accepts "
            f"({_hours(limit)} h, CLUEHUB_MAX_TOKEN_HOURS)"
        )
    issued = int(now if now is not None else time.time())
    claims = {
        "sub": sub.strip(),
        "name": (name or sub).strip(),
        "bureau": check_bureau(bureau),
        "role": check_role(role),
        "iat": issued,
        "exp": issued + int(ttl_s),
        "iss": settings.jwt_issuer,
    }
    return jwt.encode(claims, local_secret(settings), algorithm=LOCAL_ALGORITHM)


class Authenticator:
    """Verifies bearer tokens against the configured issuers; one per app."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local_key = local_secret(settings) if settings.local_tokens else None
        algorithms = [a.strip() for a in settings.oidc_algorithms.split(",") if a.strip()]
        unsafe = [a for a in algorithms if a.lower() == "none" or a.upper().startswith("HS")]
        if unsafe:
            raise ValueError(f"OIDC algorithms must be asymmetric, not {', '.join(unsafe)}")
        self._oidc_algorithms = algorithms

    @cached_property
    def _jwks(self) -> jwt.PyJWKClient:
        assert self.settings.oidc_jwks_url
        return jwt.PyJWKClient(self.settings.oidc_jwks_url, cache_keys=True, lifespan=3600)

    def authenticate(self, authorization: str | None) -> Viewer:
        """The viewer behind an ``Authorization`` header; :class:`AuthError` says why not."""
        if not authorization:
            raise AuthError(
                "authentication required: send 'Authorization: Bearer <token>' "
                "(get a development token with `cluehub token --user NAME --bureau CODE "
                "--role ROLE`)"
            )
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("the Authorization header must be 'Bearer <token>'")
        claims = self._verify(token.strip())
        check_lifetime(claims, max_lifetime_s(self.settings))
        return self._viewer(claims)

    def _verify(self, token: str) -> dict[str, Any]:
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise AuthError(f"the bearer token is not a JWT ({exc})") from None
        issuer = unverified.get("iss")
        options = {"require": list(REQUIRED_CLAIMS)}
        try:
            if self.settings.oidc_issuer and issuer == self.settings.oidc_issuer:
                if not self.settings.oidc_jwks_url:
                    raise AuthError("OIDC is configured without CLUEHUB_OIDC_JWKS_URL")
                key = self._jwks.get_signing_key_from_jwt(token).key
                return jwt.decode(
                    token,
                    key,
                    algorithms=self._oidc_algorithms,
                    issuer=self.settings.oidc_issuer,
                    audience=self.settings.oidc_audience,
                    options=options | {"verify_aud": bool(self.settings.oidc_audience)},
                    leeway=_LEEWAY_S,
                )
            if self._local_key is not None and issuer == self.settings.jwt_issuer:
                return jwt.decode(
                    token,
                    self._local_key,
                    algorithms=[LOCAL_ALGORITHM],
                    issuer=self.settings.jwt_issuer,
                    options=options,
                    leeway=_LEEWAY_S,
                )
        except jwt.ExpiredSignatureError:
            raise AuthError("the bearer token has expired; get a new one") from None
        except jwt.MissingRequiredClaimError as exc:
            raise AuthError(f"the bearer token lacks the '{exc.claim}' claim") from None
        except jwt.PyJWKClientError as exc:
            raise AuthError(f"cannot check the token against the issuer's keys: {exc}") from None
        except jwt.PyJWTError as exc:
            raise AuthError(f"the bearer token was refused: {exc}") from None
        accepted = [i for i in (self.settings.oidc_issuer,) if i]
        if self._local_key is not None:
            accepted.append(self.settings.jwt_issuer)
        raise AuthError(
            f"tokens from issuer '{issuer}' are not accepted "
            f"(accepted: {', '.join(accepted) or 'none configured'})"
        )

    @staticmethod
    def _viewer(claims: dict[str, Any]) -> Viewer:
        try:
            bureau = check_bureau(str(claims["bureau"]))
            role = check_role(str(claims["role"]))
        except ValueError as exc:
            raise AuthError(f"the bearer token's claims are not usable: {exc}") from None
        sub = str(claims["sub"])
        return Viewer(sub, str(claims.get("name") or sub), bureau, role, str(claims["iss"]))
