"""How the hub reads what intake cannot take from the record itself.

``default_enrichment()`` places addresses in regions with the packaged division table
and reads complaint texts with the extraction pipeline; both are built once per process.
"""

from __future__ import annotations

from functools import cache

from .intake import Enrichment


@cache
def default_enrichment() -> Enrichment:
    from .extract import extract
    from .places import region_of

    def mentions(text: str) -> list[tuple[str, str, str]]:
        return [(e.type, e.value, e.role) for e in extract(text)]

    return Enrichment(locate=region_of, extract=mentions)
