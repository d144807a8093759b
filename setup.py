"""Package layout only (everything else is in pyproject.toml).

The rooms sit at the repository top and install as ``cluehub.<room>``; setuptools cannot
discover packages under a remapped directory, so they are listed here from the tree: every
folder with an ``__init__.py``, and the folders of package data (``data/`` tables read with
``importlib.resources``, the built console in ``api/console_dist/``), listed so setuptools
ships them on purpose rather than by accident.
"""

from pathlib import Path

from setuptools import setup

ROOMS = {
    "cluehub": "cluehub",
    "cluehub.graph": "graph",
    "cluehub.ingest": "ingest",
    "cluehub.analysis": "analysis",
    "cluehub.cases": "cases",
    "cluehub.demo": "demo",
    "cluehub.api": "api",
}


def packages() -> list[str]:
    found = []
    for package, folder in ROOMS.items():
        for path in sorted(Path(folder).rglob("*")):
            if (path.is_dir() and path.name != "__pycache__") or path.name == "__init__.py":
                parts = (path if path.is_dir() else path.parent).relative_to(folder).parts
                found.append(".".join((package, *parts)))
    return sorted(set(found))


setup(packages=packages(), package_dir=ROOMS)
