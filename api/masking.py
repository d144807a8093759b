"""What a viewer without need sees of a node: pure functions over keys and properties.

Personal data is masked for everyone by default (000 §12); cleartext only comes out of
the audited ``unmask`` mutation (``masked=False``, the viewer's need stated and logged).
The rule is the model's, and it is one rule for every kind:

- a key is masked when its identifier type is personal (``IdentifierType.pii``), by
  that type (``identifiers.mask_key``);
- a property is masked when the model declares it ``pii``, by its *property type*
  (``properties``: a name keeps its first character, an address its district, free text
  only its length), whatever the kind or the property's name;
- a property the model does not declare (data written before it was declared) is
  masked as ``***``: what the model cannot vouch for is not shown;
- the caption is the kind's first caption property present, else the identifier type's
  caption of the (masked) key.

The typed GraphQL fields (``Shop.name``, ``Waybill.senderName``…) and ``properties``
both call :func:`shown`, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluehub.graph import identifiers as ids
from cluehub.graph import model

UNDECLARED = "***"


def shown(kind: str, name: str, value: Any, *, masked: bool = True) -> Any:
    """Property ``name`` of a ``kind`` node as the viewer sees it."""
    if not masked or value is None or name in model.STORE_PROPS:
        return value
    node_kind = model.KIND_BY_LABEL.get(kind)
    prop = node_kind.find_prop(name) if node_kind is not None else None
    if prop is None:
        return UNDECLARED
    return prop.mask(value) if prop.pii else value


def mask_props(kind: str, props: Mapping[str, Any], *, masked: bool = True) -> dict[str, Any]:
    """Every property, the personal ones masked (unless ``masked=False``)."""
    return {name: shown(kind, name, value, masked=masked) for name, value in props.items()}


def masked_key(key: str) -> str:
    return ids.mask_key(key)


def is_sensitive(kind: str, props: Mapping[str, Any], *, personal: bool = False) -> bool:
    """Whether masking hides anything of this node (and so ``unmask`` would show more);
    ``personal``: a personal property not in ``props`` is set (a brief node's
    ``Node.personal``)."""
    node_kind = model.KIND_BY_LABEL.get(kind)
    if node_kind is None:
        return False
    return (
        node_kind.identifier.pii
        or personal
        or any(p.pii and props.get(p.name) is not None for p in node_kind.props)
    )


def caption(kind: str, key: str, props: Mapping[str, Any], *, masked: bool = True) -> str:
    """A short human label: the kind's caption property, else its key's value captioned
    by the identifier type (masked first when it is personal and ``masked``)."""
    node_kind = model.KIND_BY_LABEL.get(kind)
    found = node_kind.caption_value(props) if node_kind is not None else None
    if found is not None:
        prop, value = found
        return str(shown(kind, prop.name, value, masked=masked))
    shown_key = masked_key(key) if masked else key
    value = shown_key.split(":", 1)[1] if ":" in shown_key else shown_key
    return node_kind.identifier.caption(value) if node_kind is not None else value
