"""Feed partners and their API keys: stored hashed, scoped to feed kinds, rotatable.

A key looks like ``chk_<partner>_<key-id>.<secret>``. A partner is scoped to partner
kinds (``feeds.PARTNER_KINDS``): a platform or logistics feed kind, or ``rights_holder``
for the rights-holder feeds (``authentication``, ``tracing``). Only the SHA-256 of the whole key is
stored (keys are 190 random bits, so a slow hash adds nothing); comparison is constant
time. Rotation issues a new key and keeps the old one valid for a grace period so a
partner can switch without dropping pushes; revocation ends every key at once. Every
change is audited.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from . import queries
from .feeds import PARTNER_KINDS, SCOPE_OF

PARTNER_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{1,31}$")
_KEY = re.compile(r"^chk_([a-z0-9][a-z0-9\-]{1,31})_([A-Za-z0-9]{8})\.([A-Za-z0-9_\-]{32})$")
DEFAULT_RATE = "600/minute"


class PartnerError(ValueError):
    """A partner operation that cannot be done; the message says why."""


@dataclass(frozen=True, slots=True)
class Partner:
    partner_id: str
    name: str
    kinds: tuple[str, ...]
    rate_limit: str
    revoked: bool

    def may_push(self, kind: str) -> bool:
        """May this partner push records of feed ``kind`` (its scope: ``SCOPE_OF``)?"""
        return not self.revoked and SCOPE_OF.get(kind) in self.kinds


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _new_key(partner_id: str) -> tuple[str, str]:
    key_id = secrets.token_hex(4)
    secret = secrets.token_urlsafe(24)
    return key_id, f"chk_{partner_id}_{key_id}.{secret}"


def _partner(doc: dict) -> Partner:
    return Partner(
        doc["key"], doc["name"], tuple(doc["kinds"]), doc["rate_limit"], bool(doc["revoked"])
    )


def _audit(
    batch: Batch, now_ms: int, actor: str, operation: str, partner_id: str, why: str
) -> None:
    batch.doc(
        "AuditEvent",
        f"partner/{partner_id}/{operation}/{now_ms}/{secrets.token_hex(4)}",
        at=now_ms,
        actor=actor,
        operation=operation,
        object_keys=[f"partner:{partner_id}"],
        reason=why,
    )


def _check_kinds(kinds: list[str]) -> list[str]:
    unknown = [k for k in kinds if k not in PARTNER_KINDS]
    if unknown or not kinds:
        raise PartnerError(
            f"kinds must be among {', '.join(PARTNER_KINDS)}; got {', '.join(kinds) or 'none'}"
        )
    return sorted(set(kinds))


def add_partner(
    store: GraphStore,
    partner_id: str,
    name: str,
    kinds: list[str],
    *,
    now_ms: int,
    actor: str,
    rate_limit: str = DEFAULT_RATE,
) -> str:
    """Register a partner; returns its first API key (shown once, never stored)."""
    batch, key = partner_batch(
        store, partner_id, name, kinds, now_ms=now_ms, actor=actor, rate_limit=rate_limit
    )
    store.write(batch)
    return key


def partner_batch(
    store: GraphStore,
    partner_id: str,
    name: str,
    kinds: list[str],
    *,
    now_ms: int,
    actor: str,
    rate_limit: str = DEFAULT_RATE,
) -> tuple[Batch, str]:
    """The partner's document and its audit event in a batch (for a caller that writes
    more in the same transaction, like the rights-holder directory), and its first key."""
    if not PARTNER_ID.match(partner_id):
        raise PartnerError(
            f"partner id '{partner_id}' must be 2-32 lowercase letters, digits or '-'"
        )
    if store.get_doc("Partner", partner_id) is not None:
        raise PartnerError(f"partner '{partner_id}' exists already (use rotate for a new key)")
    key_id, key = _new_key(partner_id)
    batch = Batch()
    batch.doc(
        "Partner",
        partner_id,
        name=name,
        kinds=_check_kinds(kinds),
        rate_limit=rate_limit,
        revoked=False,
        key_ids=[key_id],
        key_hashes=[_hash(key)],
        key_expires=[0],  # 0: does not expire
        created_at=now_ms,
    )
    _audit(batch, now_ms, actor, "partner.add", partner_id, f"kinds {','.join(kinds)}")
    return batch, key


def rotate_key(
    store: GraphStore, partner_id: str, *, now_ms: int, actor: str, grace_ms: int = 0
) -> str:
    """A new key; the old ones stay valid for ``grace_ms`` more (0: end now)."""
    doc = store.get_doc("Partner", partner_id)
    if doc is None:
        raise PartnerError(f"no partner '{partner_id}'")
    if doc["revoked"]:
        raise PartnerError(f"partner '{partner_id}' is revoked; add it again to restore it")
    key_id, key = _new_key(partner_id)
    until = now_ms + grace_ms
    expires = [min(e, until) if e else until for e in doc["key_expires"]]
    live = [i for i, e in enumerate(expires) if e > now_ms]
    batch = Batch()
    batch.doc(
        "Partner",
        partner_id,
        key_ids=[doc["key_ids"][i] for i in live] + [key_id],
        key_hashes=[doc["key_hashes"][i] for i in live] + [_hash(key)],
        key_expires=[expires[i] for i in live] + [0],
    )
    _audit(batch, now_ms, actor, "partner.rotate", partner_id, f"grace {grace_ms} ms")
    store.write(batch)
    return key


def revoke(store: GraphStore, partner_id: str, *, now_ms: int, actor: str, reason: str) -> None:
    """End every key of the partner at once."""
    if store.get_doc("Partner", partner_id) is None:
        raise PartnerError(f"no partner '{partner_id}'")
    batch = Batch()
    batch.doc("Partner", partner_id, revoked=True, key_ids=[], key_hashes=[], key_expires=[])
    _audit(batch, now_ms, actor, "partner.revoke", partner_id, reason)
    store.write(batch)


def authenticate(store: GraphStore, key: str, now_ms: int) -> Partner | None:
    """The partner a presented key belongs to, or None (unknown, expired or revoked)."""
    match = _KEY.match(key or "")
    if not match:
        return None
    partner_id, key_id, _ = match.groups()
    doc = store.get_doc("Partner", partner_id)
    if doc is None or doc["revoked"]:
        return None
    presented = _hash(key)
    for kid, stored, expires in zip(
        doc["key_ids"], doc["key_hashes"], doc["key_expires"], strict=True
    ):
        if kid == key_id and hmac.compare_digest(stored, presented):
            if expires and expires <= now_ms:
                return None
            return _partner(doc)
    return None


def list_partners(store: GraphStore) -> list[Partner]:
    return [_partner(d) for d in store.docs(queries.PARTNERS, limit=1000)]
