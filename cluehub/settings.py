"""All settings in one place: ``CLUEHUB_*`` environment variables, overridden by CLI flags.

Neo4j is configured with the driver's usual names (``NEO4J_URI``, ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``); when ``NEO4J_URI`` is unset the hub runs on the
embedded FalkorDB in ``data_dir``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from cluehub.graph.open import StoreConfig


def default_data_dir() -> Path:
    """``./var/cluehub`` inside a checkout, else ``$XDG_DATA_HOME/cluehub``."""
    if Path("pyproject.toml").exists() or Path("var").is_dir():
        return Path("var/cluehub")
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "cluehub"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLUEHUB_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    fsync: Literal["everysec", "always"] = "everysec"
    mode: Literal["development", "production"] = "development"
    log_level: str = "info"
    jobs_interval_s: float = Field(300, ge=0)  # scheduled coordination jobs; 0 turns them off
    # embedded store: give up start-up when the AOF replay makes no progress this long
    store_stall_seconds: float = Field(120, gt=0)

    neo4j_uri: str | None = Field(
        None, validation_alias=AliasChoices("NEO4J_URI", "CLUEHUB_NEO4J_URI")
    )
    neo4j_user: str = Field(
        "neo4j", validation_alias=AliasChoices("NEO4J_USER", "CLUEHUB_NEO4J_USER")
    )
    neo4j_password: str = Field(
        "", validation_alias=AliasChoices("NEO4J_PASSWORD", "CLUEHUB_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        "neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "CLUEHUB_NEO4J_DATABASE")
    )

    # --- identity and the GraphQL API (api room) -----------------------------------------
    # Plain strings, not SecretStr: `cluehub serve` hands settings to uvicorn workers through
    # the environment, and SecretStr would be handed over as '**********'. repr=False keeps
    # them out of logs and tracebacks.
    jwt_secret: str | None = Field(None, repr=False)  # HS256 key of local tokens; else file
    jwt_issuer: str = "cluehub"  # `iss` of locally signed tokens (`cluehub token`)
    local_tokens: bool = True  # accept locally signed tokens (dev, demo, air-gapped sites)
    id_secret: str | None = Field(None, repr=False)  # key of opaque entity ids; else file
    oidc_issuer: str | None = None  # e.g. https://sso.example.gov.cn/realms/samr
    oidc_jwks_url: str | None = None  # the issuer's JWKS endpoint
    oidc_audience: str | None = None  # `aud` the hub expects in OIDC tokens
    oidc_algorithms: str = "RS256,ES256"  # comma-separated; never 'none' or HS*
    # the console's sign-in with the issuer (authorization code + PKCE, a public client):
    oidc_client_id: str | None = None  # the console's client id at the issuer
    oidc_authorize_url: str | None = None  # the issuer's authorization endpoint
    oidc_token_url: str | None = None  # its token endpoint (the hub exchanges the code)
    oidc_scope: str = "openid"  # scopes the console asks for
    max_request_bytes: int = Field(64 * 1024, ge=1024)  # larger GraphQL bodies get 413
    graphql_max_depth: int = Field(12, ge=2)
    graphql_max_tokens: int = Field(2000, ge=50)
    graphql_max_aliases: int = Field(30, ge=1)
    graphql_page_cap: int = Field(100, ge=1, le=1000)  # `first` of every connection
    graphql_neighbourhood_cap: int = Field(500, ge=1, le=5000)  # nodes of one neighbourhood
    otel: bool = False  # CLUEHUB_OTEL=1 traces GraphQL with OpenTelemetry when installed
    # `limits` storage URI shared by API workers (redis://…); default: the embedded redis
    rate_limit_storage: str | None = None
    # longest lifetime (exp - iat) of a bearer token, local or OIDC; longer ones get 401
    max_token_hours: float = Field(12, gt=0, le=24 * 30)
    # bearer token for /metrics; unset: open in development, refused (403) in production
    metrics_token: str | None = Field(None, repr=False)
    # --- end of identity and GraphQL API settings -----------------------------------------

    def store_config(self) -> StoreConfig:
        return StoreConfig(
            data_dir=self.data_dir,
            fsync=self.fsync,
            neo4j_uri=self.neo4j_uri or None,
            neo4j_user=self.neo4j_user,
            neo4j_password=self.neo4j_password,
            neo4j_database=self.neo4j_database,
            stall_seconds=self.store_stall_seconds,
        )


def load(**overrides: object) -> Settings:
    """Settings from the environment with CLI flags (non-None values) on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
