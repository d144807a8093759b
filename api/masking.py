"""What a viewer without need sees of a node: pure functions over keys and properties.

Personal data is masked for everyone by default (000 §12): keys of personal kinds
(phones, ID numbers, personal names, addresses: ``IdentifierType.pii``) through
``identifiers.mask_key``, and the properties each kind lists in ``NodeKind.pii_props``
through the identifier type that knows the value's form. Cleartext only comes out of
the audited ``unmask`` mutation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluehub.graph import identifiers as ids
from cluehub.graph import model

NAME_PROPS = frozenset({"name", "legal_rep", "sender_name", "receiver_name", "seller_name"})
PII_KINDS: frozenset[str] = frozenset(k.label for k in model.NODE_KINDS if k.identifier.pii)
# Kinds that hold personal data in their key or in a property.
SENSITIVE_KINDS: frozenset[str] = frozenset(
    k.label for k in model.NODE_KINDS if k.identifier.pii or k.pii_props
)


def mask_name(value: str) -> str:
    """'张伟' -> '张*': the family name stays, so colleagues can still talk about it."""
    return ids.PERSON.mask(value)


def mask_text(value: str) -> str:
    """Free text (complaint bodies) can hold anything: only its length is shown."""
    return f"[masked: {len(value)} characters]"


def mask_prop_value(kind: str, name: str, value: Any) -> Any:
    """The value of property ``name`` of a ``kind`` node as a viewer without need sees it."""
    if isinstance(value, list):
        return [mask_prop_value(kind, name, v) for v in value]
    if not isinstance(value, str):
        return "***"
    if name in NAME_PROPS:
        return mask_name(value)
    if kind == "Address" and name == "text":
        return ids.ADDRESS.mask(value)
    if name == "text":
        return mask_text(value)
    return "***"


def is_pii_prop(kind: str, name: str) -> bool:
    node_kind = model.KIND_BY_LABEL.get(kind)
    return node_kind is not None and name in node_kind.pii_props


def mask_props(kind: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """Every property, the personal ones masked."""
    return {
        name: mask_prop_value(kind, name, value) if is_pii_prop(kind, name) else value
        for name, value in props.items()
    }


def masked_key(key: str) -> str:
    return ids.mask_key(key)


def is_sensitive(kind: str, props: Mapping[str, Any]) -> bool:
    """Whether masking hides anything of this node (and so ``unmask`` would show more)."""
    node_kind = model.KIND_BY_LABEL.get(kind)
    if node_kind is None:
        return False
    return node_kind.identifier.pii or any(p in props for p in node_kind.pii_props)


def caption(kind: str, key: str, props: Mapping[str, Any], *, masked: bool = True) -> str:
    """A short human label: the node's name or title, else the value part of its key."""
    for name in ("name", "title"):
        value = props.get(name)
        if isinstance(value, str) and value:
            if masked and is_pii_prop(kind, name):
                return mask_prop_value(kind, name, value)
            return value
    shown = masked_key(key) if masked else key
    value = shown.split(":", 1)[1] if ":" in shown else shown
    node_kind = model.KIND_BY_LABEL.get(kind)
    if node_kind is not None and isinstance(node_kind.identifier, ids.PersonType | ids.CompanyType):
        return node_kind.identifier.name_of(value)
    return value
