"""The intake room's Cypher, registered in the one query registry (``cluehub.graph.queries``).

Intake writes through ``GraphStore.write`` (the graph room's batch statement) and reads
its ledger, receipts and partners as documents; what it runs of its own is here:

- before a complaint batch is mapped (``mentions``): waybills by their number (a
  digit-only number in a text names no carrier) and shops by their normalised name; and,
  when a carrier's feed brings a number first seen in a text, the complaints that mention
  its ``UNK`` placeholder; the shop names of the learned lexicon (``learned``);
- entity resolution's reads of same-name candidates (``resolution``);
- the partner list.

Conventions (braces, slots) are the registry's: Cypher as written, ``{{label}}`` filled
from the model.
"""

from __future__ import annotations

from cluehub.graph.queries import Query, documents, register

# --- complaint mentions ----------------------------------------------------------------

# Waybills whose number (without carrier) is one of $numbers; Waybill.number is indexed.
WAYBILLS_BY_NUMBER = register(
    Query(
        "intake_waybills_by_number",
        """UNWIND $numbers AS number
MATCH (w:Waybill {number: number})
RETURN number, w.key AS key
ORDER BY number, key""",
    )
)

# Shops whose normalised name is one of $names, with their platform; Shop.name_key is
# indexed. At most $cap per name, so a generic name cannot fan a complaint out.
SHOPS_BY_NAME_KEY = register(
    Query(
        "intake_shops_by_name_key",
        """UNWIND $names AS name
CALL {
  WITH name
  MATCH (s:Shop {name_key: name})
  RETURN s ORDER BY s.key LIMIT $cap
}
RETURN name, s.key AS key""",
    )
)

# Complaints and clues that mention one of $keys (UNK waybill placeholders).
MENTIONED_BY = register(
    Query(
        "intake_mentioned_by",
        """UNWIND $keys AS k
MATCH (c:Entity)-[m:MENTIONS]->(x:Entity {key: k})
RETURN k AS key, c.key AS by, m.role AS role""",
    )
)

# Every shop name, for the learned lexicon (``learned``), and how many shops there are.
SHOP_NAMES = register(
    Query(
        "intake_shop_names",
        """MATCH (s:Shop)
WHERE s.name_key IS NOT NULL
RETURN DISTINCT s.name_key AS name
LIMIT $cap""",
    )
)
SHOP_COUNT = register(
    Query("intake_shop_count", "MATCH (s:Shop) RETURN count(s) AS n"),
)

# --- entity resolution ------------------------------------------------------------------

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

# --- partners ---------------------------------------------------------------------------

# Feed partners, by key (``cluehub partner list``).
PARTNERS = documents("Partner", order_by="key", name="ingest_partners")
