"""Opaque GraphQL ids: node keys encrypted deterministically with a server secret.

Keys of personal nodes hold the personal data (``tel:+8613812345678``), so no key
leaves the hub as an id. AES-SIV (RFC 5297) without a nonce is deterministic: the same
key always gives the same id, so clients can cache and compare by id, pass ids back in
later requests and get the same node, and two ids are equal exactly when the nodes are.
Fernet would give a fresh id on every response (random IV), which breaks client caches
and id comparison, and adds nothing here: equality of ids is all an attacker learns
from determinism, and ids are only shown to people who may see the (masked) node.
SIV also authenticates, so a forged or edited id is refused, not decrypted to garbage.
Being deterministic, ids are remembered once made (:data:`REMEMBERED` of them): a
picture of 500 nodes and 1,500 edges names each node several times.

The 64-byte SIV key is derived from ``id-secret`` with HKDF; rotating the secret
invalidates ids handed out before (clients look nodes up again).
"""

from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import BadInput

PREFIX = "e1_"  # version of the id format
_CONTEXT = b"cluehub entity id v1"
REMEMBERED = 200_000  # ids kept per codec (about 40 MB at most); then it starts afresh


class OpaqueIds:
    """Encode node keys as ids and back."""

    def __init__(self, secret: bytes) -> None:
        key = HKDF(hashes.SHA256(), length=64, salt=None, info=_CONTEXT).derive(secret)
        self._siv = AESSIV(key)
        self._made: dict[str, str] = {}

    def encode(self, key: str) -> str:
        made = self._made.get(key)
        if made is None:
            sealed = self._siv.encrypt(key.encode("utf-8"), [_CONTEXT])
            made = PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii").rstrip("=")
            if len(self._made) >= REMEMBERED:
                self._made = {}
            self._made[key] = made
        return made

    def decode(self, opaque: str) -> str:
        """The key behind an id; :class:`BadInput` for anything this hub did not issue."""
        if not isinstance(opaque, str) or not opaque.startswith(PREFIX) or len(opaque) > 1024:
            raise BadInput(f"'{str(opaque)[:40]}' is not an entity id issued by this hub")
        body = opaque[len(PREFIX) :]
        try:
            sealed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            return self._siv.decrypt(sealed, [_CONTEXT]).decode("utf-8")
        except (binascii.Error, ValueError, InvalidTag, UnicodeDecodeError):
            raise BadInput(
                f"'{opaque[:40]}' is not an entity id issued by this hub "
                "(ids are opaque: pass back an id exactly as a response gave it)"
            ) from None
