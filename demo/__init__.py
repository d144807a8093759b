"""The demo world (演示数据): a synthetic counterfeiting landscape as feed records.

``generate(size, seed)`` gives a :class:`World` (records by feed kind and its
:class:`GroundTruth`); ``iter_records(size, seed)`` streams the same records for worlds too
big to hold; ``cli_main(size, seed, out_dir)`` writes them as JSONL per kind with the truth
as JSON; ``estimate_nodes(records)`` counts the graph nodes the records would make.
"""

from __future__ import annotations

from .estimate import NodeEstimate, estimate_nodes
from .export import cli_main, read_kind, read_records, write_world
from .plan import PROFILES, REFERENCE_NOW, SIZES, plan_world
from .truth import GroundTruth, read_truth, write_truth
from .world import World, generate, iter_records

__all__ = [
    "PROFILES",
    "REFERENCE_NOW",
    "SIZES",
    "GroundTruth",
    "NodeEstimate",
    "World",
    "cli_main",
    "estimate_nodes",
    "generate",
    "iter_records",
    "plan_world",
    "read_kind",
    "read_records",
    "read_truth",
    "write_truth",
    "write_world",
]
