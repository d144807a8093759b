"""Package layout only (everything else is in pyproject.toml).

The rooms sit at the repository top and install as ``cluehub.<room>``; setuptools cannot
discover packages under a remapped directory, so they are listed here from the tree.
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
        for init in sorted(Path(folder).rglob("__init__.py")):
            parts = init.parent.relative_to(folder).parts
            found.append(".".join((package, *parts)))
    return found


setup(packages=packages(), package_dir=ROOMS)
