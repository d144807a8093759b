"""The room's Cypher, registered in the one query registry (``cluehub.graph.queries``).

Document labels here are the room's own (registered at import), so they are written in
the text rather than templated. Visibility filters follow the graph's rule: a scope (a
region code) sees a record whose ``regions`` hold it; a null scope (SAMR) sees all.
Filters on a neighbour sit in a ``WITH … WHERE`` after the MATCH (FalkorDB's planner).
"""

from __future__ import annotations

from cluehub.graph.queries import Query, register

_SCOPE = "($scope IS NULL OR $scope IN x.regions)"

AUDIT_FOR_OBJECT = register(
    Query(
        "cases_audit_for_object",
        """MATCH (x:AuditEvent) WHERE $key IN x.object_keys
RETURN properties(x) AS props ORDER BY x.at, x.key LIMIT $limit""",
    )
)

# --- notifications (线索通报) ---------------------------------------------------------------

OVERDUE_NOTIFICATIONS = register(
    Query(
        "cases_overdue_notifications",
        """MATCH (x:Notification)
WHERE x.status = 'sent' AND x.deadline < $now AND coalesce(x.overdue, false) = false
RETURN properties(x) AS props ORDER BY x.deadline LIMIT $limit""",
    )
)
NOTIFICATIONS_RECEIVED = register(
    Query(
        "cases_notifications_received",
        """MATCH (x:Notification)
WHERE x.created_at >= $start AND x.created_at < $end
  AND ($bureau IS NULL OR x.to_bureau = $bureau)
  AND ($scope IS NULL OR $scope IN x.to_regions)
RETURN properties(x) AS props""",
    )
)

# --- joint cases, tasks ---------------------------------------------------------------------

VISIBLE_CASES = register(
    Query(
        "cases_visible_cases",
        f"""MATCH (x:JointCase)
WHERE {_SCOPE} AND ($status IS NULL OR x.status = $status)
RETURN properties(x) AS props ORDER BY x.created_at DESC SKIP $skip LIMIT $limit""",
    )
)
OVERDUE_TASKS = register(
    Query(
        "cases_overdue_tasks",
        """MATCH (x:CaseTask) WHERE x.status = 'open' AND x.due < $now
RETURN properties(x) AS props ORDER BY x.due LIMIT $limit""",
    )
)
SUPERVISIONS_OF_LEAD = register(
    Query(
        "cases_supervisions_of_lead",
        """MATCH (s:Supervision {status: 'listed'})
MATCH (c:JointCase {key: s.case_id})
WITH s, c WHERE c.lead_bureau = $bureau
RETURN properties(s) AS props, c.title AS title""",
    )
)

# --- statistics: records of a period within a region ----------------------------------------

COMPLAINTS_BY_CHANNEL = register(
    Query(
        "cases_complaints_by_channel",
        """MATCH (c:Complaint)
WITH c WHERE c.received_at >= $start AND c.received_at < $end
  AND ($scope IS NULL OR $scope IN c.regions)
RETURN coalesce(c.channel, 'unknown') AS channel, c.regions AS regions, count(*) AS n""",
    )
)
CASES_OPENED = register(
    Query(
        "cases_cases_opened",
        """MATCH (x:JointCase) WHERE x.opened_at >= $start AND x.opened_at < $end
  AND ($scope IS NULL OR $scope IN x.lead_regions)
RETURN properties(x) AS props""",
    )
)
CASES_CLOSED = register(
    Query(
        "cases_cases_closed",
        """MATCH (x:JointCase) WHERE x.closed_at >= $start AND x.closed_at < $end
  AND ($scope IS NULL OR $scope IN x.lead_regions)
RETURN properties(x) AS props""",
    )
)
TASKS_DONE = register(
    Query(
        "cases_tasks_done",
        f"""MATCH (x:CaseTask) WHERE x.status = 'done' AND x.done_at >= $start
  AND x.done_at < $end AND {_SCOPE}
RETURN properties(x) AS props""",
    )
)
POLICE_TRANSFERS = register(
    Query(
        "cases_police_transfers",
        f"""MATCH (x:PoliceTransfer) WHERE x.transferred_at >= $start
  AND x.transferred_at < $end AND {_SCOPE}
RETURN properties(x) AS props""",
    )
)
TAKEDOWNS_ACTED = register(
    Query(
        "cases_takedowns_acted",
        f"""MATCH (x:TakedownItem) WHERE x.acted_at >= $start AND x.acted_at < $end
  AND ($platform IS NULL OR x.platform = $platform) AND {_SCOPE}
RETURN properties(x) AS props""",
    )
)

# --- takedowns: listings that reappear after removal ----------------------------------------

# ``$items``: [{listing, after}] for removed listings. A reappearance is a listing seen
# after the removal that is the same listing, in the same shop, in a shop sharing a
# phone (the shop's or its operator's), or in a shop run by the same company (USCC).
REAPPEARANCES = register(
    Query(
        "cases_reappearances",
        """UNWIND $items AS it
MATCH (l:Listing {key: it.listing})
WITH it, l WHERE l.last_seen > it.after
RETURN it.listing AS removed, l.key AS listing, 'same_listing' AS via, l.key AS pivot,
       l.last_seen AS seen
UNION
UNWIND $items AS it
MATCH (:Listing {key: it.listing})-[:LISTED_IN]->(s:Shop)<-[:LISTED_IN]-(l2:Listing)
WITH it, s, l2 WHERE l2.key <> it.listing AND l2.last_seen > it.after
RETURN it.listing AS removed, l2.key AS listing, 'shop' AS via, s.key AS pivot,
       l2.last_seen AS seen
UNION
UNWIND $items AS it
MATCH (:Listing {key: it.listing})-[:LISTED_IN]->(:Shop)-[:OPERATED_BY*0..1]->()
      -[:HAS_PHONE]->(p:Phone)<-[:HAS_PHONE]-()<-[:OPERATED_BY*0..1]-(s2:Shop)
      <-[:LISTED_IN]-(l2:Listing)
WITH it, p, l2 WHERE l2.key <> it.listing AND l2.last_seen > it.after
RETURN DISTINCT it.listing AS removed, l2.key AS listing, 'phone' AS via, p.key AS pivot,
       l2.last_seen AS seen
UNION
UNWIND $items AS it
MATCH (:Listing {key: it.listing})-[:LISTED_IN]->(:Shop)-[:OPERATED_BY]->(c:Company)
      <-[:OPERATED_BY]-(:Shop)<-[:LISTED_IN]-(l2:Listing)
WITH it, c, l2 WHERE l2.key <> it.listing AND l2.last_seen > it.after
RETURN DISTINCT it.listing AS removed, l2.key AS listing, 'uscc' AS via, c.key AS pivot,
       l2.last_seen AS seen""",
    )
)
