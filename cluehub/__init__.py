"""cluehub — clue-sharing and cross-region coordination hub for IP enforcement.

The distribution's top package holds only what every room shares at start-up: the
version, the settings and the command line. The rooms themselves (``graph``,
``ingest``, ``analysis``, ``api``) sit at the top of the repository and install as
``cluehub.<room>``.
"""

__version__ = "0.1.0"
