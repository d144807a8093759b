"""The clue graph's node kinds and relationship types as GraphQL enums, built once from
the model (``graph.model.NODE_KINDS``, ``graph.model.REL_TYPES``).

Both are ``StrEnum``s whose values are the model's labels and type names
(``EntityKind.NAMED_COMPANY == "NamedCompany"``), so a resolver passes ``kind.value`` to
the store and builds a member from a stored name (``RelationshipType(edge.type)``). The
members come from the model at import, so a new node kind or relationship type reaches
the schema without code here; a type checker sees the classes declared below as plain
``StrEnum``s (their members are data, not code), which is all the resolvers rely on.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

import strawberry

from cluehub.graph import model


def member_name(label: str) -> str:
    """The enum member of a node label: ``NamedCompany`` → ``NAMED_COMPANY``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label).upper()


if TYPE_CHECKING:

    class EntityKind(StrEnum):
        """A node kind's label."""

    class RelationshipType(StrEnum):
        """A relationship type's name."""

else:
    EntityKind = StrEnum("EntityKind", {member_name(k.label): k.label for k in model.NODE_KINDS})
    RelationshipType = StrEnum("RelationshipType", {r.name: r.name for r in model.REL_TYPES})

strawberry.enum(EntityKind, description="Node kinds of the clue graph (graph.model.NODE_KINDS).")
strawberry.enum(
    RelationshipType, description="Relationship types of the clue graph (graph.model.REL_TYPES)."
)
