"""The test suite (pytest): real stores, real HTTP, real processes.

``CLUEHUB`` is the installed ``cluehub`` console script, found beside the interpreter
running the tests (``sys.executable``'s bin directory), so the suite passes without the
virtual environment on ``PATH``.
"""

import sys
from pathlib import Path

CLUEHUB = str(Path(sys.executable).with_name("cluehub"))
