"""The intake room's Cypher, registered in the one query registry (``cluehub.graph.queries``).

Intake writes through ``GraphStore.write`` (the graph room's batch statement) and reads
its ledger, receipts and partners as documents; what it runs of its own is here: entity
resolution's reads of same-name candidates. Conventions (braces, slots) are the
registry's: Cypher as written, ``{{label}}`` filled from the model.
"""

from __future__ import annotations

from cluehub.graph.queries import Query, documents, register

# Same-name pairs among ``$keys`` of one kind (``{{label}}``): the shared phones and the
# shared counties (region codes not ending in 00) that score them.
SAME_NAME = register(
    Query(
        "resolution_same_name",
        """UNWIND $keys AS k
MATCH (a:Entity {key: k})
WHERE a.name IS NOT NULL AND '{{label}}' IN labels(a)
WITH a
MATCH (b:{{label}} {name: a.name})
WHERE b.key <> a.key
OPTIONAL MATCH (a)-[:HAS_PHONE]->(p:Phone)<-[:HAS_PHONE]-(b)
WITH a, b, collect(DISTINCT p.key) AS phones
RETURN a.key AS a, b.key AS b, a.name AS name, phones,
       [c IN a.regions WHERE c IN b.regions AND NOT c ENDS WITH '00'] AS counties""",
    )
)

# Every named node of the kinds in ``$labels`` (a full resolution run).
ALL_NAMED = register(
    Query(
        "resolution_all_named",
        """MATCH (n:Entity)
WHERE n.name IS NOT NULL AND any(l IN labels(n) WHERE l IN $labels)
RETURN n.key AS key""",
    )
)

# Feed partners, by key (``cluehub partner list``).
PARTNERS = documents("Partner", order_by="key", name="ingest_partners")
