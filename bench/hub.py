"""How a bench finds the hub it starts: the ``cluehub`` console script beside the running
interpreter (``sys.executable``'s bin directory), so a bench run as ``.venv/bin/python
bench/….py`` starts this checkout's hub whatever ``PATH`` holds."""

from __future__ import annotations

import sys
from pathlib import Path


def cluehub_script() -> str:
    """The console script's path; a clear exit when the checkout is not installed."""
    script = Path(sys.executable).with_name("cluehub")
    if not script.exists():
        raise SystemExit(
            f"the cluehub console script is not beside {sys.executable} "
            "(scripts/setup.sh, or pip install -e .)"
        )
    return str(script)
