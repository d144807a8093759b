"""Link analysis (关联分析): sources upstream, sales networks downstream, rings, joint cases.

The room reads the graph through ``cluehub.graph`` only, in bounded pieces, and does the
thinking in Python on small networkx graphs:

- :func:`trace_sources` — from a complaint, clue, listing, shop, phone, address, company or
  waybill, the candidate production sources upstream, with roles, explainable scores and
  evidence paths (``trace``, ``scoring``);
- :func:`sales_network` — from a source, the warehouses, shops, listings, sellers,
  platforms and regions it reaches (``sales``);
- :func:`find_rings` / :class:`RingIndex` — communities of infringement entities, found
  from the engine's connected components and Louvain, kept up to date locally (``rings``);
- :func:`propose_joint_case` — whether a trace or ring is a cross-region joint case, with
  the jurisdiction decided on its footprint (``joint_case``; the rules, shared with the
  coordination room, in ``jurisdiction``);
- :func:`risk_lists` — high-risk enterprises and products, key markets, repeat
  infringers (``risk``).

Results are frozen dataclasses with ``to_dict()`` (``results``); knobs are in ``params``.
How each algorithm maps to Neo4j GDS and FalkorDB at scale: ``analysis/README.md``.
"""

from .algorithms import Algorithms, NetworkxAlgorithms
from .joint_case import propose_joint_case
from .params import (
    CaseParams,
    HubParams,
    RingParams,
    RiskParams,
    RoleParams,
    SalesParams,
    ScoreWeights,
    TraceParams,
)
from .results import (
    AnalysisError,
    EvidencePath,
    Hop,
    ProposedCase,
    Ring,
    RingUpdate,
    RiskEntry,
    RiskLists,
    SalesNetwork,
    SourceCandidate,
    Trace,
)
from .rings import RingIndex, find_rings
from .risk import risk_lists
from .sales import sales_network
from .trace import trace_sources

__all__ = [
    "Algorithms",
    "AnalysisError",
    "CaseParams",
    "EvidencePath",
    "Hop",
    "HubParams",
    "NetworkxAlgorithms",
    "ProposedCase",
    "Ring",
    "RingIndex",
    "RingParams",
    "RingUpdate",
    "RiskEntry",
    "RiskLists",
    "RiskParams",
    "RoleParams",
    "SalesNetwork",
    "SalesParams",
    "ScoreWeights",
    "SourceCandidate",
    "Trace",
    "TraceParams",
    "find_rings",
    "propose_joint_case",
    "risk_lists",
    "sales_network",
    "trace_sources",
]
