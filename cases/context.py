"""Who acts, when, and under which ids: passed into every service, never read inside.

An :class:`Actor` is a person at a bureau with a role, as the API layer authenticated
them. Clocks and id sources are protocols so tests and replays are deterministic.
"""

from __future__ import annotations

import itertools
import time
import uuid
from dataclasses import dataclass, field
from typing import Literal, Protocol

from . import bureaus
from .errors import InvalidInput

# The api room's roles (``api.identity``). Bureau relations decide most permissions; the
# bureau's decisions — listing for supervision (挂牌督办), designating jurisdiction
# (指定管辖) — need a supervisor (or admin); escalations show to coordinators and up.
Role = Literal["investigator", "coordinator", "supervisor", "admin"]
ROLES: tuple[Role, ...] = ("investigator", "coordinator", "supervisor", "admin")
DECIDERS: frozenset[str] = frozenset({"supervisor", "admin"})


@dataclass(frozen=True, slots=True)
class Actor:
    """A user acting for a bureau; ``bureau`` is normalised to ``bureau:<code>``."""

    user: str
    bureau: str
    role: Role = "investigator"
    request_id: str = ""

    def __post_init__(self) -> None:
        if not self.user or not self.user.strip():
            raise InvalidInput("actor.user is empty: give the user id of the person acting")
        if self.role not in ROLES:
            raise InvalidInput(
                f"actor {self.user}: role '{self.role}' is unknown (expected {', '.join(ROLES)})"
            )
        object.__setattr__(self, "bureau", bureaus.bureau_id(self.bureau))

    @property
    def code(self) -> str:
        """Region code of the actor's bureau (the visibility scope)."""
        return bureaus.code_of(self.bureau)

    @property
    def scope(self) -> str | None:
        """Visibility scope for graph queries: None (everything) for the national bureau."""
        return None if self.bureau == bureaus.NATIONAL_ID else self.code


class Clock(Protocol):
    def now_ms(self) -> int: ...


class SystemClock:
    """Wall-clock time in epoch milliseconds (the API and the scheduler use this)."""

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000


class IdSource(Protocol):
    def new(self, kind: str) -> str: ...


class RandomIds:
    """``<kind>-<16 hex>`` from uuid4: unique without coordination."""

    def new(self, kind: str) -> str:
        return f"{kind}-{uuid.uuid4().hex[:16]}"


@dataclass
class SequentialIds:
    """``<kind>-0001``, ``<kind>-0002``…: readable, deterministic ids for tests and demos."""

    counters: dict[str, itertools.count[int]] = field(default_factory=dict)

    def new(self, kind: str) -> str:
        counter = self.counters.setdefault(kind, itertools.count(1))
        return f"{kind}-{next(counter):04d}"


RANDOM_IDS = RandomIds()
