"""Entity extraction from free Chinese text (complaints, letters, platform and logistics notes).

``extract(text)`` finds phones, USCCs (and ones with a wrong check digit), resident ID
numbers, waybills, URLs and platform ids, shops, brands, organisations, people and regions,
each with a canonical value from ``cluehub.graph.identifiers`` and offsets into the original
text. One spaCy pipeline (``pipeline.py``) per process does the work; ``extract_many`` and
``extract_lines`` spread large inputs over a process pool.

Modules: ``normalise`` (NFKC with an offset map), ``lexicon`` (trigger words, gazetteer
patterns), ``scan`` (finder state), ``numbers``, ``web``, ``names`` (the finders),
``pipeline`` (the spaCy pipeline), ``batch`` (pools and JSON lines), ``entity`` (results).
"""

from .batch import extract_lines, extract_many
from .entity import TYPES, Entity, to_json
from .pipeline import extract

__all__ = ["TYPES", "Entity", "extract", "extract_lines", "extract_many", "to_json"]
