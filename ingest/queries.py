"""The statements intake runs besides the store port's writes, in the one registry.

Looked up before a complaint batch is mapped (``mentions``): waybills by their number
(a digit-only number in a text names no carrier) and shops by their normalised name; and,
when a carrier's feed brings a number first seen in a text, the complaints that mention
its ``UNK`` placeholder.
"""

from __future__ import annotations

from cluehub.graph import queries
from cluehub.graph.queries import Query

# Waybills whose number (without carrier) is one of $numbers; Waybill.number is indexed.
WAYBILLS_BY_NUMBER = queries.register(
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
SHOPS_BY_NAME_KEY = queries.register(
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
MENTIONED_BY = queries.register(
    Query(
        "intake_mentioned_by",
        """UNWIND $keys AS k
MATCH (c:Entity)-[m:MENTIONS]->(x:Entity {key: k})
RETURN k AS key, c.key AS by, m.role AS role""",
    )
)

# Every shop name, for the learned lexicon (``learned``), and how many shops there are.
SHOP_NAMES = queries.register(
    Query(
        "intake_shop_names",
        """MATCH (s:Shop)
WHERE s.name_key IS NOT NULL
RETURN DISTINCT s.name_key AS name
LIMIT $cap""",
    )
)
SHOP_COUNT = queries.register(
    Query("intake_shop_count", "MATCH (s:Shop) RETURN count(s) AS n"),
)
