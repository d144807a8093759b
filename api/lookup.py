"""Turning what a person typed into node keys: raw identifiers and full keys.

``search(identifier:)`` and ``entity(key:)`` take text the user already knows (a phone
number read off a parcel, a USCC, a waybill number). It is cleaned with the same
identifier types the feeds use, so ``138 1234 5678`` finds ``tel:+8613812345678``.
"""

from __future__ import annotations

from cluehub.graph import identifiers as ids

from .errors import BadInput

# Types whose values can be recognised without a hint, in the order they are tried.
TRIED: tuple[ids.IdentifierType, ...] = (
    ids.PHONE,
    ids.USCC,
    ids.ID_CARD,
    ids.WAYBILL,
    ids.SHOP,
    ids.LISTING,
    ids.URL,
    ids.REGION,
)
MAX_LENGTH = 256


def canonical_key(key: str) -> str:
    """A full node key (``tel:138…``, ``shop:tmall:1``) cleaned into its canonical form."""
    if not isinstance(key, str) or not key.strip() or len(key) > MAX_LENGTH:
        raise BadInput(f"key must be 1-{MAX_LENGTH} characters")
    try:
        kind = ids.type_of_key(key.strip())
        return kind.key(kind.clean(kind.value_of(key.strip())))
    except ids.InvalidIdentifier as exc:
        raise BadInput(f"key '{key[:60]}' is not valid: {exc}") from None


def identifier_keys(raw: str) -> list[str]:
    """Every node key ``raw`` can stand for (a full key, or a bare identifier)."""
    if not isinstance(raw, str) or not raw.strip() or len(raw) > MAX_LENGTH:
        raise BadInput(f"identifier must be 1-{MAX_LENGTH} characters")
    text = raw.strip()
    prefix = text.split(":", 1)[0]
    if ":" in text and prefix in ids.BY_PREFIX:
        return [canonical_key(text)]
    keys: list[str] = []
    for kind in TRIED:
        try:
            keys.append(kind.key_of(text))
        except ids.InvalidIdentifier:
            continue
    if not keys:
        raise BadInput(
            f"'{text[:60]}' is not an identifier the hub knows: expected a phone number, "
            "USCC, ID card number, waybill number, platform:shop-id, URL, region code, or a "
            "full key such as tel:13812345678"
        )
    return list(dict.fromkeys(keys))


def is_personal(key: str) -> bool:
    return ids.type_of_key(key).pii
