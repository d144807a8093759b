"""The coordination views: one module per domain of ``cluehub.cases``, the same names.

Thin on purpose. A type is a list of fields filled by its ``of(record)`` constructor
(``shapes.FromRecord``); a resolver method exists only where something is loaded (a
record's graph nodes through the viewer's scoped loader, a case's tasks or comments
through the room's services). Each resolver turns its arguments into the room's terms
(bureau codes, epoch ms, node keys from opaque ids), calls one service as the signed-in
viewer (``bridge.call``) and wraps what it returns. Who may do what is the room's rule
(``cases.permissions``), checked and audited inside the services, and so are the rules
of reads (whose notices a list shows, who sees the reads in a case's history). Refusals
come back as GraphQL errors people can act on (``FORBIDDEN``, ``BAD_USER_INPUT``,
``NOT_FOUND``, ``INVALID_TRANSITION``); a case or notification the viewer's bureau may
not see is answered exactly like one that does not exist.

Enums are the room's own ``StrEnum`` classes, shown under their GraphQL names
(``shapes.expose``). Only ``runDueJobs`` has a role gate here (admins; the server also
runs the jobs on a timer, see ``api.app``).
"""

from __future__ import annotations

from .attention import AttentionQuery
from .jobs import JobsMutation
from .jointcase import JointCaseMutation, JointCaseQuery
from .jurisdiction import JurisdictionMutation
from .notification import NotificationMutation, NotificationQuery
from .routing import RoutingQuery
from .stats import StatsQuery
from .supervision import SupervisionMutation
from .takedown import TakedownMutation, TakedownQuery
from .task import TaskMutation

QUERIES: tuple[type, ...] = (
    JointCaseQuery,
    NotificationQuery,
    AttentionQuery,
    StatsQuery,
    TakedownQuery,
    RoutingQuery,
)
MUTATIONS: tuple[type, ...] = (
    NotificationMutation,
    JointCaseMutation,
    TaskMutation,
    SupervisionMutation,
    JurisdictionMutation,
    TakedownMutation,
    JobsMutation,
)
