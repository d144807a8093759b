"""The test suite (pytest): real stores, real HTTP, real processes.

The folders mirror the rooms (``graph/``, ``ingest/``, ``analysis/``, ``cases/``,
``api/``, ``console/``, ``demo/``); ``e2e/`` runs whole worlds through every room,
``hostile/`` attacks the running hub, ``support/`` holds what several test modules share
(the in-process GraphQL client, hand-built worlds, a loopback OIDC provider), and the
tests at this level check the repository itself (layering, the query registry, docs).

``ROOT`` is the repository. ``CLUEHUB`` is the installed ``cluehub`` console script, found
beside the interpreter running the tests (``sys.executable``'s bin directory), so the suite
passes without the virtual environment on ``PATH``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLUEHUB = str(Path(sys.executable).with_name("cluehub"))
