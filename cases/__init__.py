"""Cross-region coordination (跨区域协作): bureaus, routing, notifications, joint cases, takedowns.

Why this room exists: the graph room knows *what* is connected and the analysis room finds
rings and sources; neither knows *who must act*. This room turns a finding into work between
bureaus, following the cross-region rules of DOMAIN.md (003 §3, 004 §4): which bureau leads
and coordinates, who must be notified (通报), what each bureau must do by when, who
supervises (挂牌督办), and how every item gets a reply (件件有回音). It stands on ``graph``
(and may use ``analysis``); the ``api`` room stands on it and stays thin.

Each domain keeps the same few modules (Netflix Dispatch shape, STYLE.md §2): ``models``
(data and validation, document kinds registered at import), ``service`` (plain functions
over the store), ``flows`` (multi-step processes), ``scheduled`` (timed jobs). Pure rules
(routing, permissions, quarters) sit in modules of their own with table-driven tests.

Importing the room registers every document kind it owns, so a reader anywhere can
``find_docs`` them.
"""

# The models register the room's document kinds as they are imported.
from . import grants as _grants  # noqa: F401
from .authentication import models as _authentication_models  # noqa: F401
from .credit import models as _credit_models  # noqa: F401
from .escalation import models as _escalation_models  # noqa: F401
from .jointcase import models as _jointcase_models  # noqa: F401
from .jurisdiction import models as _jurisdiction_models  # noqa: F401
from .notification import models as _notification_models  # noqa: F401
from .rightsholder import models as _rightsholder_models  # noqa: F401
from .supervision import models as _supervision_models  # noqa: F401
from .takedown import models as _takedown_models  # noqa: F401
from .task import models as _task_models  # noqa: F401

__all__: list[str] = []
