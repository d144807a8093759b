"""The API's Cypher, registered in the one query registry (``cluehub.graph.queries``).

Visibility lives here, inside the statements: a viewer with scope ``$scope`` (their
bureau's region code, or null for the national bureau) sees node ``n`` iff

    $scope IS NULL OR $scope IN n.regions OR $scope IN coalesce(n.grants, [])

``regions`` holds the node's region codes with all their superiors, ``grants`` the
bureaus it was notified to or whose joint case holds it; the predicate is the graph
room's one rule (``graph.queries.visible``). Resolvers never fetch first and filter
afterwards; whatever a statement returns, the viewer may see.
"""

from __future__ import annotations

from cluehub.graph.queries import Query, register
from cluehub.graph.queries import visible as _visible

# The nodes of ``$keys`` the viewer may see, as ``n``: what the loaders' statements read.
_IN_SCOPE = f"""UNWIND $keys AS k
MATCH (n:Entity {{key: k}})
WITH n WHERE {_visible("n")}
"""

# Nodes by key, only those in scope (the entity loader; one statement per batch).
VISIBLE_NODES = register(
    Query(
        "api_visible_nodes",
        _IN_SCOPE + "RETURN n.key AS key, labels(n) AS labels, properties(n) AS props",
    )
)

# The source lists of nodes in scope (a node read as a summary gets its list on demand).
VISIBLE_SOURCES = register(
    Query("api_visible_sources", _IN_SCOPE + "RETURN n.key AS key, n.sources AS sources")
)

# One page of the neighbours of each of ``$keys`` (the neighbours loader), in scope,
# filtered by relationship type, neighbour kind and direction, ordered, with a total.
NEIGHBOUR_PAGES = register(
    Query(
        "api_neighbour_pages",
        f"""UNWIND $keys AS k
MATCH (a:Entity {{key: k}})
WITH a WHERE {_visible("a")}
MATCH (a)-[e]-(b)
WITH a, e, b
WHERE ($types IS NULL OR type(e) IN $types)
  AND ($labels IS NULL OR any(l IN labels(b) WHERE l IN $labels))
  AND ($direction IS NULL OR ($direction = 'OUT') = (startNode(e) = a))
  AND {_visible("b")}
WITH a, e, b ORDER BY type(e), b.key
WITH a, collect({{type: type(e), outgoing: startNode(e) = a, key: b.key, labels: labels(b),
                  props: properties(b), rel: properties(e)}}) AS rows
RETURN a.key AS key, size(rows) AS total, rows[$skip..$end] AS page""",
    )
)

# Free-text search over what is not personal: keys of non-personal kinds and their
# name/title. Personal data is found only by identifier (``search(identifier:)``,
# audited), so text search cannot be used to probe masked names or addresses.
SEARCH_TEXT = register(
    Query(
        "api_search_text",
        f"""MATCH (n:Entity)
WITH n
WHERE NOT any(l IN labels(n) WHERE l IN $pii_labels)
  AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
  AND (n.key CONTAINS $text OR toLower(coalesce(n.name, '')) CONTAINS $text_lower
       OR toLower(coalesce(n.title, '')) CONTAINS $text_lower)
  AND {_visible("n")}
RETURN n.key AS key, labels(n) AS labels, properties(n) AS props
ORDER BY n.key SKIP $skip LIMIT $limit""",
    )
)

# Audit events a supervisor may read: those of actors of bureaus in their region (the
# bureau code starts with the region's prefix: 35 for 350000, 3503 for 350300) and those
# about objects in their region; newest first, keyset-paged on (at, key). Events written
# by other rooms (cases) carry ``bureau`` too, so they are found the same way.
AUDIT_EVENTS = register(
    Query(
        "api_audit_events",
        """MATCH (x:AuditEvent)
WHERE ($scope IS NULL OR x.bureau STARTS WITH $prefix
       OR $scope IN coalesce(x.object_regions, []))
  AND ($actor IS NULL OR x.actor = $actor)
  AND ($operation IS NULL OR x.operation = $operation)
  AND ($object IS NULL OR $object IN x.object_keys)
  AND ($since IS NULL OR x.at >= $since)
  AND ($until IS NULL OR x.at < $until)
  AND ($after_at IS NULL OR x.at < $after_at OR (x.at = $after_at AND x.key < $after_key))
RETURN properties(x) AS props
ORDER BY x.at DESC, x.key DESC LIMIT $limit""",
    )
)
