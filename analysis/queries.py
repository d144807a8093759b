"""The Cypher link analysis runs, registered in the one query registry.

Each statement reads a bounded piece of the graph around given keys; scoring and
community detection happen in Python. Two rules keep every read bounded on a graph of
millions of parcels:

- per-node fan-out is capped inside a ``CALL { WITH n … LIMIT $cap }`` subquery, so a
  hub with 100 000 parcels costs ``$cap`` rows, and its true size comes from a degree
  function, not from reading it;
- filters on a neighbour sit in a ``WITH … WHERE`` after the ``MATCH`` (FalkorDB's
  planner otherwise starts from a scan of the neighbour label).

Visibility: every node returned passes the registry's one predicate
(``cluehub.graph.queries.visible``: own regions or granted), so a bureau notified of a
clue traces from it and sees what was granted to it on the way, as the API does.

Dialects differ only in degree counting: FalkorDB has ``indegree(n, [types])``, Neo4j
counts with ``COUNT { (n)<-[:T]-() }`` (served from its degree store). Texts are built
once at import from one template per query.
"""

from __future__ import annotations

from collections.abc import Callable

from cluehub.graph import model, queries
from cluehub.graph.queries import Dialect, Query, visible

from .shipments import PIVOT_LABELS, RECEIVER_TYPES, SENDER_TYPES, SHIPMENT_TYPES

STRUCTURE_TYPES = (
    "MENTIONS", "LISTED_IN", "RETURNS_TO", "SHIPS_FROM", "HAS_PHONE", "OPERATED_BY",
)  # fmt: skip
RING_STRUCTURE_TYPES = (
    "HAS_PHONE", "OPERATED_BY", "RETURNS_TO", "SHIPS_FROM", "LISTED_IN", "HAS_ID",
    "MENTIONS", "SAME_AS", "POSSIBLY_SAME_AS",
)  # fmt: skip
# Rings stop at shared reference nodes (regions, platforms, carriers, brands, URLs): the
# model's REFERENCE group; every other kind can be a ring member.
RING_LABELS = model.labels(exclude=model.Group.REFERENCE)
RING_TYPES = SHIPMENT_TYPES + RING_STRUCTURE_TYPES
OUTSIDE_RINGS = model.labels(model.Group.REFERENCE)


def _degree(var: str, types: tuple[str, ...], dialect: Dialect) -> str:
    """Incoming relationships of ``types`` at ``var``, without reading them."""
    if dialect == "falkordb":
        return f"indegree({var}, [{', '.join(repr(t) for t in types)}])"
    return f"COUNT {{ ({var})<-[:{'|'.join(types)}]-() }}"


def _query(name: str, template: Callable[[Dialect], str]) -> Query:
    neo4j, falkordb = template("neo4j"), template("falkordb")
    overrides = {"falkordb": falkordb} if falkordb != neo4j else {}
    return queries.register(Query(name, neo4j, overrides))


def _types(types: tuple[str, ...]) -> str:
    return "|".join(types)


def _capped(
    var: str,
    degree: str,
    cap: str,
    match: str,
    carry: str,
    where: str,
    tail: str,
    *,
    within: str = "true",
) -> str:
    """Per node ``var`` (bound from ``$keys``), the rows of ``match`` passing ``where``,
    at most ``cap`` of them, then ``tail`` — as two parts of a UNION ALL. For nodes
    within the cap (all their rows come back) only the rows passing ``within`` too: the
    caller holds the others already.

    Nodes whose ``degree`` is within the cap traverse together in one step; only the
    busier ones go through a ``CALL { … LIMIT cap }`` subquery. (FalkorDB runs a subquery
    once per input row, a traversal of its own each time: per node that costs a few
    tenths of a millisecond, ten times a shared traversal.) A node of degree 0 and a
    cap of 0 cost one degree lookup.
    """
    head = f"""UNWIND $keys AS k
MATCH ({var}:Entity {{key: k}})
WITH k, {var}, {degree} AS degree"""
    together = f"""{head} WHERE 0 < degree AND degree <= {cap}
MATCH {match}
WITH k, {carry} WHERE {where} AND {within}
{tail}"""
    one_by_one = f"""{head} WHERE 0 < {cap} AND {cap} < degree
CALL {{
  WITH {var}
  MATCH {match}
  WITH {carry} WHERE {where}
  RETURN {carry} LIMIT {cap}
}}
{tail}"""
    return f"{together}\nUNION ALL\n{one_by_one}"


# --- tracing -----------------------------------------------------------------------

# The start node and the structure around it, following only outgoing relationships
# that lead to where parcels arrive: complaint -> shop/listing/phone/waybill, listing ->
# shop, shop -> return/ship-from address, phones, seller -> phones; waybill -> its ends.
START = _query(
    "analysis_start",
    lambda d: (
        f"""MATCH (s:Entity {{key: $key}})
WHERE {visible("s")}
OPTIONAL MATCH p = (s)-[:{_types(STRUCTURE_TYPES + SHIPMENT_TYPES)}*1..3]->(x)
WITH s, p LIMIT $limit
WITH s, collect(CASE WHEN p IS NOT NULL AND all(n IN nodes(p) WHERE {visible("n")})
    THEN [[r IN relationships(p) | [startNode(r).key, type(r), endNode(r).key, r.sources,
           r.first_seen, r.last_seen]],
          [n IN nodes(p) | [n.key, n.regions, n.contents, n.first_seen, n.last_seen,
           {_degree("n", ("MENTIONS",), d)}]]]
    END) AS paths
RETURN s.key AS key, labels(s) AS labels, s.regions AS regions, s.sources AS sources,
       s.review AS review, paths"""
    ),
)

# Shops whose name is exactly one of $names (a complaint that names a shop only by its
# name, normalised: Shop.name_key is indexed), at most $cap.
SHOPS_BY_NAME = _query(
    "analysis_shops_by_name",
    lambda d: (
        f"""UNWIND $names AS name
MATCH (s:Shop {{name_key: name}})
WITH s WHERE {visible("s")}
RETURN DISTINCT s.key AS key
ORDER BY key
LIMIT $cap"""
    ),
)


def _probe_part(side: str, types: tuple[str, ...], cap: str, dialect: Dialect) -> str:
    return _capped(
        "n",
        _degree("n", types, dialect),
        cap,
        f"(n)<-[:{_types(types)}]-(w:Waybill)",
        "w",
        visible("w"),
        f"""MATCH (w)-[e:{_types(SHIPMENT_TYPES)}]->(x)
WITH k, w, e, x WHERE {visible("x")}
RETURN k AS node, '{side}' AS side, w.key AS waybill, collect(type(e) + ' ' + x.key) AS ends,
       w.contents AS contents, w.first_seen AS first_seen, w.last_seen AS last_seen,
       null AS received, null AS sent, null AS regions""",
        within="NOT w.key IN $known",
    )


# Per node: parcels it received and parcels it sent (each side a sample of at most
# $received_cap / $sent_cap; of a node within the cap, only the parcels not among $known,
# which the caller holds with their ends already), one row per parcel with its ends as
# "TYPE key" strings; and
# one row per node with its true totals and regions. (One row per parcel, not per end:
# every cell is decoded by the client, and a parcel has four to six ends.) No degree per
# end: FalkorDB counts a degree in time linear in it, and a hub is an end of every parcel
# it handles.
PROBE = _query(
    "analysis_probe",
    lambda d: "\nUNION ALL\n".join(
        [
            _probe_part("received", RECEIVER_TYPES, "$received_cap", d),
            _probe_part("sent", SENDER_TYPES, "$sent_cap", d),
            f"""UNWIND $keys AS k
MATCH (n:Entity {{key: k}})
RETURN k AS node, 'node' AS side, null AS waybill, null AS ends,
       null AS contents, null AS first_seen, null AS last_seen,
       {_degree("n", RECEIVER_TYPES, d)} AS received, {_degree("n", SENDER_TYPES, d)} AS sent,
       n.regions AS regions""",
        ]
    ),
)

# Provenance of given relationships ([src, type, dst] triples), for evidence paths.
REL_PROPS = _query(
    "analysis_rel_props",
    lambda d: (
        """UNWIND $rels AS r
MATCH (a:Entity {key: r[0]})-[e]->(b:Entity {key: r[2]})
WITH r, e WHERE type(e) = r[1]
RETURN r[0] AS src, r[1] AS type, r[2] AS dst, e.sources AS sources,
       e.first_seen AS first_seen, e.last_seen AS last_seen"""
    ),
)

OWNING_TYPES = ("RETURNS_TO", "SHIPS_FROM", "HAS_PHONE")


# Who declares a phone or an address: shops (return/ship-from address, phone), listings
# (ship-from address) and sellers or companies (phone) — a person only when they operate a
# shop (a waybill's sender or receiver named beside a phone owns nothing); with each
# declarer, the shop of a listing or the shops a seller or company operates (one row per
# shop, or one row with no shop; a shop outside the scope is left out). Mentions = clues
# naming a shop. Keys nothing declares (most receivers) cost one degree lookup; at most
# $cap declarers per key (a phone on thousands of parcels names thousands of senders).
OWNERS = _query(
    "analysis_owners",
    lambda d: _capped(
        "x",
        _degree("x", OWNING_TYPES, d),
        "$cap",
        f"(x)<-[r:{_types(OWNING_TYPES)}]-(o)",
        "r, o",
        f"""{visible("o")}
    AND (NOT 'Person' IN labels(o) OR {_degree("o", ("OPERATED_BY",), d)} > 0)""",
        f"""OPTIONAL MATCH (o)-[:LISTED_IN|OPERATED_BY]-(s:Shop)
RETURN k AS key, type(r) AS type, o.key AS owner, o.regions AS regions,
       r.sources AS sources, r.first_seen AS first_seen, r.last_seen AS last_seen,
       {_degree("o", ("MENTIONS",), d)} AS mentions,
       CASE WHEN s IS NOT NULL AND {visible("s")} THEN s.key END AS shop,
       CASE WHEN s IS NOT NULL AND {visible("s")} THEN s.regions END AS shop_regions,
       CASE WHEN s IS NOT NULL AND {visible("s")} THEN {_degree("s", ("MENTIONS",), d)} END
         AS shop_mentions""",
    ),
)

# --- sales networks ----------------------------------------------------------------


def _shop_part(what: str, pattern: str, var: str) -> str:
    return f"""UNWIND $keys AS k
MATCH (s:Entity {{key: k}})
CALL {{
  WITH s
  MATCH {pattern}
  WITH {var} WHERE {visible(var)}
  RETURN {var} LIMIT $listing_cap
}}
RETURN k AS key, '{what}' AS what, {var}.key AS other, null AS regions,
       null AS first_seen, null AS last_seen, 0 AS complaints"""


# A shop's sellers, platforms and listings (capped), and its own regions and complaints.
SHOP_DETAILS = _query(
    "analysis_shop_details",
    lambda d: "\nUNION ALL\n".join(
        [
            _shop_part("seller", "(s)-[:OPERATED_BY]->(o)", "o"),
            _shop_part("platform", "(s)-[:ON_PLATFORM]->(p)", "p"),
            _shop_part("listing", "(s)<-[:LISTED_IN]-(l)", "l"),
            f"""UNWIND $keys AS k
MATCH (s:Entity {{key: k}})
RETURN k AS key, 'shop' AS what, null AS other, s.regions AS regions,
       s.first_seen AS first_seen, s.last_seen AS last_seen,
       {_degree("s", ("MENTIONS",), d)} AS complaints""",
        ]
    ),
)

# --- rings -------------------------------------------------------------------------


def _links(var: str, dialect: Dialect) -> str:
    """Identity and mention links at ``var``, either direction."""
    if dialect == "falkordb":
        types = ", ".join(repr(t) for t in RING_STRUCTURE_TYPES)
        return f"(indegree({var}, [{types}]) + outdegree({var}, [{types}]))"
    return f"COUNT {{ ({var})-[:{_types(RING_STRUCTURE_TYPES)}]-() }}"


def _capped(match: str, where: str, names: str) -> str:
    return f"CALL {{\n  WITH n\n  {match}\n  {where}\n  RETURN {names} LIMIT $cap\n}}"


def _area(capped: bool) -> str:
    """Parcels and links of nodes; ``capped`` reads at most $cap of each per node inside a
    subquery (for nodes above the cap), otherwise a plain match (FalkorDB runs a
    per-row subquery ten times slower than a plain expansion)."""
    not_outside = " OR ".join(f"m:{x}" for x in OUTSIDE_RINGS)
    head = f"""UNWIND $keys AS k
MATCH (n:Entity {{key: k}})
WHERE {visible("n")}"""
    parcels = f"MATCH (n)<-[r:{_types(SHIPMENT_TYPES)}]-(w:Waybill)"
    links = f"MATCH (n)-[e:{_types(RING_STRUCTURE_TYPES)}]-(m)"
    w_filter = f"{visible('w')}"
    m_filter = f"{visible('m')} AND NOT ({not_outside})"
    if capped:
        parcels = _capped(parcels, f"WITH r, w WHERE {w_filter}", "r, w")
        links = _capped(links, f"WITH e, m WHERE {m_filter}", "e, m")
    else:
        parcels += f"\nWITH k, r, w WHERE {w_filter}"
        links += f"\nWITH k, e, m WHERE {m_filter}"
    return f"""{head}
{parcels}
RETURN k AS node, collect(type(r) + ' ' + w.key) AS items
UNION ALL
{head}
{links}
RETURN k AS node, collect(type(e) + ' ' + m.key) AS items"""


# What ring detection reads about a node, from the node alone: the parcels it is on and
# its identity and mention links to other ring entities, as "TYPE key" strings in one
# row per node and part (a parcel's ends come from WAYBILLS, once per parcel however
# many of its ends are read). AREA reads everything of
# nodes whose totals are within $cap; AREA_CAPPED reads at most $cap of each otherwise.
AREA = _query("analysis_area", lambda d: _area(capped=False))
AREA_CAPPED = _query("analysis_area_capped", lambda d: _area(capped=True))


def _partners(dialect: Dialect) -> str:
    """Per node and side, the distinct pivot identifiers beside it on the parcels
    AREA_CAPPED reads of it (the same capped subquery)."""
    pivots = " OR ".join(f"x:{label}" for label in sorted(PIVOT_LABELS))
    senders = ", ".join(repr(t) for t in SENDER_TYPES)
    parcels = _capped(
        f"MATCH (n)<-[r:{_types(SHIPMENT_TYPES)}]-(w:Waybill)",
        f"WITH r, w WHERE {visible('w')}",
        "r, w",
    )
    return f"""UNWIND $keys AS k
MATCH (n:Entity {{key: k}})
WHERE {visible("n")}
{parcels}
MATCH (w)-[f:{_types(SHIPMENT_TYPES)}]->(x)
WITH k, n, r, f, x WHERE x <> n AND ({pivots}) AND {visible("x")}
  AND (type(r) IN [{senders}]) = (type(f) IN [{senders}])
RETURN k AS key, type(r) IN [{senders}] AS sent, count(DISTINCT x) AS partners"""


# How many parties a busy node stands beside, counted by the engine: a hub's verdict
# without sending its parcels (``area``: nodes above the parcel cap).
PARTNERS = _query("analysis_partners", _partners)

# Waybills by key, one row each: its visible ends as "TYPE key" strings and its facts.
# (One row per parcel, not per end: every cell is decoded by the client.)
WAYBILLS = _query(
    "analysis_waybills",
    lambda d: (
        f"""UNWIND $keys AS k
MATCH (w:Entity {{key: k}})
OPTIONAL MATCH (w)-[f:{_types(SHIPMENT_TYPES)}]->(x)
WITH k, w, CASE WHEN x IS NOT NULL AND {visible("x")} THEN type(f) + ' ' + x.key END AS end
RETURN k AS key, collect(end) AS ends, w.contents AS contents,
       w.first_seen AS first_seen, w.last_seen AS last_seen"""
    ),
)

# The facts a ring summary shows per member.
NODE_FACTS = _query(
    "analysis_node_facts",
    lambda d: (
        """UNWIND $keys AS k
MATCH (n:Entity {key: k})
RETURN k AS key, n.regions AS regions, n.first_seen AS first_seen, n.last_seen AS last_seen"""
    ),
)

# Totals of nodes, counted by the engine: parcels on, parcels sent, identity/mention links.
TOTALS = _query(
    "analysis_totals",
    lambda d: (
        f"""UNWIND $keys AS k
MATCH (n:Entity {{key: k}})
RETURN k AS key, {_degree("n", SHIPMENT_TYPES, d)} AS degree,
       {_degree("n", SENDER_TYPES, d)} AS sent, {_links("n", d)} AS links"""
    ),
)

# The ends of given waybills (an incremental update that starts from a new parcel).
WAYBILL_ENDS = _query(
    "analysis_waybill_ends",
    lambda d: (
        f"""UNWIND $keys AS k
MATCH (w:Entity {{key: k}})-[:{_types(SHIPMENT_TYPES)}]->(x)
WITH x WHERE {visible("x")}
RETURN DISTINCT x.key AS key"""
    ),
)

# Brands claimed by listings and clues, directly or through a shop's listings.
BRANDS = _query(
    "analysis_brands",
    lambda d: (
        """UNWIND $keys AS k
MATCH (x:Entity {key: k})-[:CLAIMS_BRAND]->(b:Brand)
RETURN k AS key, b.key AS brand
UNION ALL
UNWIND $keys AS k
MATCH (x:Entity {key: k})<-[:LISTED_IN]-(l:Listing)
WITH k, l
MATCH (l)-[:CLAIMS_BRAND]->(b:Brand)
RETURN k AS key, b.key AS brand"""
    ),
)

# --- risk lists ----------------------------------------------------------------------


def _per_clue_kind(body: Callable[[str], str]) -> str:
    return "\nUNION ALL\n".join(body(label) for label in model.labels(model.Group.CLUE))


# Every complaint and clue: the seeds of a full ring detection (the engine's components
# of them are read beside, for the rings' component ids).
CLUES = _query(
    "analysis_clues",
    lambda d: _per_clue_kind(lambda label: f"MATCH (c:{label}) RETURN c.key AS key"),
)

# Every (entity, clue) mention since $since, with the clue's first sighting.
CLUE_MENTIONS = _query(
    "analysis_clue_mentions",
    lambda d: _per_clue_kind(
        lambda label: (
            f"""MATCH (c:{label})-[:MENTIONS]->(x)
WITH c, x WHERE c.first_seen >= $since AND {visible("x")}
RETURN x.key AS key, c.key AS clue, c.first_seen AS at"""
        )
    ),
)
CLUE_BRANDS = _query(
    "analysis_clue_brands",
    lambda d: _per_clue_kind(
        lambda label: (
            f"""MATCH (c:{label})-[:CLAIMS_BRAND]->(b:Brand)
WITH c, b WHERE c.first_seen >= $since AND {visible("c")}
RETURN b.key AS key, c.key AS clue, c.first_seen AS at"""
        )
    ),
)
# Clues about a physical market since $since: linked to it (AT_MARKET), naming it, naming
# one of its stalls (an address IN_MARKET), or naming a shop that ships from or returns
# to a stall.
MARKET_CLUES = _query(
    "analysis_market_clues",
    lambda d: _per_clue_kind(
        lambda label: (
            f"""MATCH (c:{label})-[:AT_MARKET|MENTIONS]->(m:Market)
WITH c, m WHERE c.first_seen >= $since AND {visible("m")}
RETURN m.key AS key, c.key AS clue
UNION ALL
MATCH (c:{label})-[:MENTIONS]->(:Address)-[:IN_MARKET]->(m:Market)
WITH c, m WHERE c.first_seen >= $since AND {visible("m")}
RETURN m.key AS key, c.key AS clue
UNION ALL
MATCH (c:{label})-[:MENTIONS]->(:Shop)-[:SHIPS_FROM|RETURNS_TO]->(:Address)
      -[:IN_MARKET]->(m:Market)
WITH c, m WHERE c.first_seen >= $since AND {visible("m")}
RETURN m.key AS key, c.key AS clue"""
        )
    ),
)
# A shop's operator and its declared addresses (to carry its clues to them).
SHOP_LINKS = _query(
    "analysis_shop_links",
    lambda d: (
        f"""UNWIND $keys AS k
MATCH (s:Entity {{key: k}})-[r:OPERATED_BY|RETURNS_TO|SHIPS_FROM]->(o)
WITH k, r, o WHERE {visible("o")}
RETURN k AS key, type(r) AS type, o.key AS other"""
    ),
)


# --- stored rings (``ring_docs``) ------------------------------------------------------

ACTIVE_RINGS = _query(
    "analysis_active_rings",
    lambda d: "MATCH (r:RingRecord) WHERE r.active = true RETURN r.key AS key ORDER BY key",
)
# Nodes granted to a bureau (a notified clue, a joint case's members): rings holding one
# are visible to it too.
GRANTED_KEYS = _query(
    "analysis_granted_keys",
    lambda d: "MATCH (n:Entity) WHERE $scope IN n.grants RETURN n.key AS key",
)
# Active rings a bureau sees: a member in its region subtree (``regions`` holds every
# member's regions with superiors) or granted to it; largest first.
VISIBLE_RINGS = _query(
    "analysis_visible_rings",
    lambda d: (
        """MATCH (r:RingRecord)
WHERE r.active = true AND r.size >= $min_size AND ($id IS NULL OR r.key = $id)
  AND ($scope IS NULL OR $scope IN r.regions OR any(k IN r.members WHERE k IN $granted))
RETURN r.key AS key, r.summary AS summary, r.size AS size
ORDER BY size DESC, key
LIMIT $limit"""
    ),
)
