"""Open the configured store: embedded FalkorDB by default, Neo4j when a URI is given.

The hub runs on one store at a time. :func:`open_store` refuses (:class:`StoreConflict`)
to open Neo4j while the embedded server of the data directory is running, and to open an
embedded data directory whose data was migrated elsewhere (``cluehub migrate`` leaves
:data:`MIGRATED_MARKER` in it), so writes never split between two stores.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .embedded import DEFAULT_STALL_SECONDS, EmbeddedServer, Fsync, OnLoading
from .store import GraphStore, StoreError

MIGRATED_MARKER = "migrated.json"


class StoreConflict(StoreError):
    """The configuration would put the hub on two stores at once."""


@dataclass(frozen=True, slots=True)
class StoreConfig:
    data_dir: Path
    fsync: Fsync = "everysec"
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    stall_seconds: float = DEFAULT_STALL_SECONDS  # embedded: replay watchdog


def mark_migrated(data_dir: Path, target: str, at: str) -> Path:
    """Record in an embedded data directory that its data now lives in ``target``."""
    marker = Path(data_dir) / MIGRATED_MARKER
    marker.write_text(json.dumps({"to": target, "at": at}), encoding="utf-8")
    return marker


def check_one_store(config: StoreConfig) -> None:
    """Raise :class:`StoreConflict` when this configuration would run on two stores."""
    data_dir = Path(config.data_dir).resolve()
    if config.neo4j_uri:
        if EmbeddedServer(data_dir, config.fsync).is_alive():
            raise StoreConflict(
                f"NEO4J_URI is set ({config.neo4j_uri}) but the embedded store in {data_dir} "
                "is running: the hub runs on one store at a time. Stop the embedded store "
                f"(cluehub store stop --data-dir {data_dir}) or unset NEO4J_URI"
            )
        return
    marker = data_dir / MIGRATED_MARKER
    if marker.exists():
        moved = json.loads(marker.read_text(encoding="utf-8"))
        raise StoreConflict(
            f"the data in {data_dir} was migrated to {moved.get('to')} at {moved.get('at')}: "
            "the hub runs on one store at a time. Configure that store (NEO4J_URI, or "
            f"--data-dir for an embedded copy), or delete {marker} to go on with this one"
        )


def open_store(
    config: StoreConfig, on_loading: OnLoading | None = None, *, check: bool = True
) -> GraphStore:
    """The store; the embedded one waits for its AOF replay, reporting progress to
    ``on_loading`` (default: a log line every few seconds). ``check=False`` only for
    ``cluehub migrate``, which opens two stores on purpose."""
    if check:
        check_one_store(config)
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
