"""Who may do what: roles per operation, scope coverage, and page-size caps.

Visibility of data is enforced in the store statements (``api.queries``); the checks
here are the role gate in front of operations and a second guard for single nodes.

| operation                  | investigator | coordinator | supervisor | admin |
|----------------------------|:-----------:|:-----------:|:----------:|:-----:|
| read (masked), search      |      ✓      |      ✓      |     ✓      |   ✓   |
| unmask (audited, in scope) |      ✓      |      ✓      |     ✓      |   ✓   |
| auditEvents (own region)   |             |             |     ✓      |   ✓   |
| setLiaison (own region)    |             |             |            |   ✓   |
"""

from __future__ import annotations

import base64
from typing import Any

from strawberry.permission import BasePermission

from cluehub.api.errors import BadInput, Forbidden
from cluehub.api.identity import Role, Viewer
from cluehub.graph import regions
from cluehub.graph.store import Node, is_visible

READ_ROLES: frozenset[Role] = frozenset({"investigator", "coordinator", "supervisor", "admin"})
UNMASK_ROLES: frozenset[Role] = READ_ROLES
AUDIT_ROLES: frozenset[Role] = frozenset({"supervisor", "admin"})
ADMIN_ROLES: frozenset[Role] = frozenset({"admin"})


def require_role(viewer: Viewer, allowed: frozenset[Role], action: str) -> None:
    if viewer.role not in allowed:
        raise Forbidden(
            f"{action} needs the role {' or '.join(sorted(allowed))}; "
            f"your token has role '{viewer.role}'"
        )


def covers(viewer: Viewer, node: Node) -> bool:
    """The same rule as the Cypher predicate, for single nodes already loaded."""
    return is_visible(node, viewer.scope)


def covers_region(viewer: Viewer, code: str) -> bool:
    return regions.is_within(code, viewer.bureau)


class _RolePermission(BasePermission):
    """Strawberry permission class: the role gate, raising our :class:`Forbidden`."""

    roles: frozenset[Role] = READ_ROLES
    action = "this field"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        require_role(info.context.viewer, self.roles, self.action)
        return True


class CanReadAudit(_RolePermission):
    roles = AUDIT_ROLES
    action = "reading the audit trail"


class IsAdmin(_RolePermission):
    roles = ADMIN_ROLES
    action = "this change"


# --- pages ----------------------------------------------------------------------------

_OFFSET = "o:"


def offset_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_OFFSET}{offset}".encode()).decode().rstrip("=")


def page_window(first: int, after: str | None, cap: int) -> tuple[int, int]:
    """(skip, first) of a page; a clear error for sizes over ``cap`` or a bad cursor."""
    if not 1 <= first <= cap:
        raise BadInput(
            f"first must be between 1 and {cap}, got {first}: ask for smaller pages and "
            "follow pageInfo.endCursor with `after`"
        )
    if after is None:
        return 0, first
    try:
        text = base64.urlsafe_b64decode(after + "=" * (-len(after) % 4)).decode()
        if not text.startswith(_OFFSET):
            raise ValueError(text)
        offset = int(text[len(_OFFSET) :])
        if offset < 0:
            raise ValueError(text)
    except (ValueError, UnicodeDecodeError):
        raise BadInput(
            f"after '{after[:40]}' is not a cursor of this connection "
            "(pass pageInfo.endCursor or an edge's cursor as given)"
        ) from None
    return offset + 1, first
