"""The room's Cypher, registered in the one query registry (``cluehub.graph.queries``).

Document labels here are the room's own (registered at import), so they are written in
the text rather than templated. Visibility is the registry's one predicate
(``cluehub.graph.queries.visible``: own regions or granted; a null scope, SAMR, sees
all). The statistics that count records *by* a region (notifications by recipient
region ``to_regions``, cases by lead region ``lead_regions``) select on that field, which
is what the figure means, not who may see the record. Filters on a neighbour sit in a
``WITH … WHERE`` after the MATCH (FalkorDB's planner).

The services' reads of documents by equal fields are declared at the end by name
(:func:`cluehub.graph.queries.documents`), so the registry test sees each of them.
"""

from __future__ import annotations

from cluehub.graph.queries import Query, documents, register, visible

_SCOPE = visible("x")

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
# The escalation ladder: open steps whose own deadline passed (SAMR's step has no superior
# to climb to and stays open until the answer comes).
ESCALATIONS_DUE = register(
    Query(
        "cases_escalations_due",
        """MATCH (x:Escalation)
WHERE x.status = 'open' AND x.next_deadline < $now AND x.to_bureau <> 'bureau:100000'
RETURN properties(x) AS props ORDER BY x.next_deadline LIMIT $limit""",
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

# --- documents by equal fields, one per service read --------------------------------------

# attention: a bureau's open items (sorted by due date by the caller)
TASKS_OF_BUREAU = documents("CaseTask", ["bureau", "status"], name="cases_tasks_of_bureau")
NOTIFICATIONS_TO_REPLY = documents(
    "Notification", ["to_bureau", "status"], name="cases_notifications_to_reply"
)
ALERTS_OF_BUREAU = documents("RepeatAlert", ["bureau", "status"], name="cases_alerts_of_bureau")
ESCALATIONS_TO_BUREAU = documents(
    "Escalation", ["to_bureau", "status"], name="cases_escalations_to_bureau"
)
ESCALATIONS_OF_SUBJECT = documents(
    "Escalation", ["subject", "status"], name="cases_escalations_of_subject"
)
ESCALATIONS_OF_SUBJECT_ALL = documents(
    "Escalation", ["subject"], order_by="level", name="cases_escalation_ladder"
)
JURISDICTION_TO_DECIDE = documents(
    "JurisdictionRequest", ["decider", "status"], name="cases_jurisdiction_to_decide"
)

# notifications: received (optionally of one status) and sent, newest first
NOTIFICATIONS_INBOX = register(
    Query(
        "cases_notifications_inbox",
        """MATCH (x:Notification)
WHERE x.to_bureau = $to_bureau AND ($status IS NULL OR x.status = $status)
RETURN properties(x) AS props ORDER BY x.created_at DESC SKIP $skip LIMIT $limit""",
        document="Notification",
    )
)
NOTIFICATIONS_SENT = documents(
    "Notification",
    ["from_bureau"],
    order_by="created_at",
    descending=True,
    name="cases_notifications_sent",
)

# joint cases: tasks, comments, evidence and police transfers of one case
TASKS_OF_CASE = documents("CaseTask", ["case_id"], order_by="due", name="cases_tasks_of_case")
COMMENTS_OF_CASE = documents(
    "CaseComment", ["case_id"], order_by="at", name="cases_comments_of_case"
)
EVIDENCE_TRANSFERS_OF_CASE = documents(
    "EvidenceTransfer",
    ["case_id"],
    order_by="transferred_at",
    name="cases_evidence_transfers_of_case",
)
POLICE_TRANSFERS_OF_CASE = documents(
    "PoliceTransfer", ["case_id"], order_by="transferred_at", name="cases_police_transfers_of_case"
)

# supervision (挂牌督办)
SUPERVISIONS_LISTED_BY = documents(
    "Supervision", ["case_id", "supervisor", "status"], name="cases_supervisions_listed_by"
)
SUPERVISIONS_IN_STATUS = documents(
    "Supervision", ["case_id", "status"], name="cases_supervisions_in_status"
)
SUPERVISIONS_OF_CASE = documents(
    "Supervision", ["case_id"], order_by="listed_at", name="cases_supervisions_of_case"
)
PROGRESS_REPORTS = documents(
    "ProgressReport", ["supervision"], order_by="at", name="cases_progress_reports"
)

# designated jurisdiction (指定管辖): requests waiting for a bureau, oldest first
JURISDICTION_PENDING = documents(
    "JurisdictionRequest",
    ["decider", "status"],
    order_by="created_at",
    name="cases_jurisdiction_pending",
)

# takedowns: a case's notices and a bureau's, newest first, optionally of one platform
TAKEDOWN_NOTICES_OF_CASE = register(
    Query(
        "cases_takedown_notices_of_case",
        """MATCH (x:TakedownNotice)
WHERE x.case_id = $case_id AND ($platform IS NULL OR x.platform = $platform)
RETURN properties(x) AS props ORDER BY x.issued_at DESC SKIP $skip LIMIT $limit""",
        document="TakedownNotice",
    )
)
TAKEDOWN_NOTICES_FROM = register(
    Query(
        "cases_takedown_notices_from",
        """MATCH (x:TakedownNotice)
WHERE x.from_bureau = $from_bureau AND ($platform IS NULL OR x.platform = $platform)
RETURN properties(x) AS props ORDER BY x.issued_at DESC SKIP $skip LIMIT $limit""",
        document="TakedownNotice",
    )
)

# designated jurisdiction (指定管辖): the requests about one case, oldest first
JURISDICTION_OF_CASE = documents(
    "JurisdictionRequest", ["case_id"], order_by="created_at", name="cases_jurisdiction_of_case"
)

# takedowns: a notice's items; removed items, paged by key; a bureau's repeat alerts
TAKEDOWN_ITEMS_OF_NOTICE = documents(
    "TakedownItem", ["notice"], order_by="listing_key", name="cases_takedown_items_of_notice"
)
TAKEDOWN_ITEMS_BY_ACTION = documents(
    "TakedownItem", ["action"], order_by="key", name="cases_takedown_items_by_action"
)
REPEAT_ALERTS = documents(
    "RepeatAlert",
    ["bureau", "status"],
    order_by="raised_at",
    descending=True,
    name="cases_repeat_alerts",
)

# rights-holder directory (权利人联系名录)
RIGHTS_HOLDERS_ACTIVE = documents(
    "RightsHolderEntry", ["status"], order_by="name", name="cases_rights_holders_active"
)
RIGHTS_HOLDER_OF_PARTNER = documents(
    "RightsHolderEntry", ["partner_id"], name="cases_rights_holder_of_partner"
)
# The holders a brand is HELD_BY (the directory is shared: no scope).
HOLDERS_OF_BRAND = register(
    Query(
        "cases_holders_of_brand",
        """MATCH (b:Brand {key: $key})-[:HELD_BY]->(h:RightsHolder)
RETURN h.key AS holder ORDER BY holder""",
    )
)

# authentication requests (商品鉴别)
OVERDUE_AUTHENTICATIONS = register(
    Query(
        "cases_overdue_authentications",
        """MATCH (x:AuthenticationRequest)
WHERE x.status = 'sent' AND x.deadline < $now AND coalesce(x.overdue, false) = false
RETURN properties(x) AS props ORDER BY x.deadline LIMIT $limit""",
    )
)
AUTHENTICATIONS_OF_CASE = documents(
    "AuthenticationRequest",
    ["case_id"],
    order_by="created_at",
    name="cases_authentications_of_case",
)
AUTHENTICATIONS_OF_HOLDER = documents(
    "AuthenticationRequest",
    ["holder", "status"],
    order_by="deadline",
    name="cases_authentications_of_holder",
)
AUTHENTICATIONS_TO_FOLLOW = documents(
    "AuthenticationRequest",
    ["requested_by", "status"],
    name="cases_authentications_to_follow",
)
TRACING_OF_REQUEST = documents(
    "TracingReport", ["request"], order_by="received_at", name="cases_tracing_of_request"
)

# publicity (公示): removed listings, newest first; the shop each listing is listed in
PUBLIC_TAKEDOWNS = register(
    Query(
        "cases_public_takedowns",
        """MATCH (x:TakedownItem)
WHERE x.action = 'removed' AND ($platform IS NULL OR x.platform = $platform)
RETURN properties(x) AS props ORDER BY x.acted_at DESC, x.key SKIP $skip LIMIT $limit""",
        document="TakedownItem",
    )
)
SHOPS_OF_LISTINGS = register(
    Query(
        "cases_shops_of_listings",
        """UNWIND $keys AS k
MATCH (l:Listing {key: k})-[:LISTED_IN]->(s:Shop)
RETURN k AS listing, s.key AS shop""",
    )
)

# markets (实体市场): a region's markets; the cases with work at a market since $since
MARKETS_IN_REGION = register(
    Query(
        "cases_markets_in_region",
        f"""MATCH (x:Market)
WHERE ($region IS NULL OR $region IN x.regions) AND {_SCOPE}
RETURN x.key AS key ORDER BY key LIMIT $limit""",
    )
)
CASE_MARKETS = register(
    Query(
        "cases_case_markets",
        f"""MATCH (t:CaseTask) WHERE t.market IS NOT NULL AND t.created_at >= $since
MATCH (x:JointCase {{key: t.case_id}})
WITH t, x WHERE {_SCOPE}
RETURN DISTINCT t.market AS market, x.key AS case_id
UNION
MATCH (x:JointCase) WHERE x.created_at >= $since AND {_SCOPE}
UNWIND x.member_keys AS k
WITH x, k WHERE k STARTS WITH 'market:'
RETURN DISTINCT k AS market, x.key AS case_id""",
    )
)

# credit records (信用信息): a quarter's entries recorded by bureaus within $scope
CREDIT_ENTRIES_OF_QUARTER = register(
    Query(
        "cases_credit_entries_of_quarter",
        """MATCH (x:CreditEntry)
WHERE x.quarter = $quarter AND ($scope IS NULL OR $scope IN x.regions)
RETURN properties(x) AS props ORDER BY x.decided_at, x.key LIMIT $limit""",
        document="CreditEntry",
    )
)
CREDIT_ENTRIES_OF_CASE = documents(
    "CreditEntry", ["case_id"], order_by="key", name="cases_credit_entries_of_case"
)

# repeat infringers: the shops that list these listings, and the companies that run them
LISTING_OPERATORS = register(
    Query(
        "cases_listing_operators",
        """UNWIND $keys AS k
MATCH (:Listing {key: k})-[:LISTED_IN]->(s:Shop)
OPTIONAL MATCH (s)-[:OPERATED_BY]->(c:Company)
RETURN k AS listing, s.key AS shop, c.key AS company ORDER BY shop, company""",
    )
)
