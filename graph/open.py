"""Open the configured store: embedded FalkorDB by default, Neo4j when a URI is given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .embedded import DEFAULT_STALL_SECONDS, Fsync, OnLoading
from .store import GraphStore


@dataclass(frozen=True, slots=True)
class StoreConfig:
    data_dir: Path
    fsync: Fsync = "everysec"
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    stall_seconds: float = DEFAULT_STALL_SECONDS  # embedded: replay watchdog


def open_store(config: StoreConfig, on_loading: OnLoading | None = None) -> GraphStore:
    """The store; the embedded one waits for its AOF replay, reporting progress to
    ``on_loading`` (default: a log line every few seconds)."""
    if config.neo4j_uri:
        from .neo4j_store import Neo4jStore

        return Neo4jStore(
            config.neo4j_uri, config.neo4j_user, config.neo4j_password, config.neo4j_database
        )
    from .falkordb_store import FalkorDBStore

    return FalkorDBStore(
        config.data_dir,
        fsync=config.fsync,
        on_loading=on_loading,
        stall_seconds=config.stall_seconds,
    )
