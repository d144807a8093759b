"""People who use the hub: a ``User`` document per token subject, kept current.

The identity provider (or ``cluehub token``) is the source of truth for name, bureau
and role; the hub keeps a record so audit readers and joint cases can name people. The
document is created on a person's first authenticated request and updated when their
claims change (bureau or role moves), each time with an audit event in the same
transaction. A per-process cache of the claims last written keeps this off the hot
path: an unchanged person costs no store round trip.
"""

from __future__ import annotations

import threading

from cluehub.graph import model
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from . import audit
from .identity import Viewer

LABEL = "User"
model.register_document(
    model.DocumentKind(
        LABEL,
        "A person who signed in: token subject, name, bureau, role, first/last seen.",
        ("bureau",),
    )
)


class UserDirectory:
    """Creates and updates ``User`` documents; one per app (thread-safe)."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, str, str, str]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _claims(viewer: Viewer) -> tuple[str, str, str, str]:
        return (viewer.name, viewer.bureau, viewer.role, viewer.issuer)

    def ensure(self, store: GraphStore, viewer: Viewer, request_id: str) -> None:
        """Record ``viewer`` if this process has not seen these claims for them yet."""
        claims = self._claims(viewer)
        with self._lock:
            if self._known.get(viewer.sub) == claims:
                return
        existing = store.get_doc(LABEL, viewer.sub)
        at = audit.now_ms()
        unchanged = (
            existing is not None
            and (
                existing.get("name"),
                existing.get("bureau"),
                existing.get("role"),
                existing.get("issuer"),
            )
            == claims
        )
        if not unchanged:
            batch = Batch()
            batch.doc(
                LABEL,
                viewer.sub,
                name=viewer.name,
                bureau=viewer.bureau,
                role=viewer.role,
                issuer=viewer.issuer,
                first_seen=(existing or {}).get("first_seen", at),
                updated=at,
            )
            operation = "user.register" if existing is None else "user.update"
            before = "" if existing is None else f"{existing.get('bureau')}/{existing.get('role')}"
            audit.add_event(
                batch,
                viewer,
                operation,
                [f"user:{viewer.sub}"],
                request_id=request_id,
                detail=f"{before} -> {viewer.bureau}/{viewer.role}" if before else None,
                at_ms=at,
            )
            store.write(batch)
        with self._lock:
            self._known[viewer.sub] = claims
