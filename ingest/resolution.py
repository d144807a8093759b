"""Entity resolution: same canonical key → same node; names alone → candidates, never merges.

Identifier-keyed entities (phones, USCCs, waybills…) resolve by construction: the key is
the identity. Names without an identifier (persons, companies known only by name, shops'
display names) are keyed to the record that named them, and this module proposes
``POSSIBLY_SAME_AS`` between nodes of one kind that share a name, scored with the reasons:

- same normalised name: 0.5 (the precondition: nothing is proposed without it);
- a shared phone (both ``HAS_PHONE`` the same number): +0.35 each, up to two;
- a shared region (both placed in the same county): +0.1.

Proposals at or above ``threshold`` (0.5 by default: a name match alone is proposed, for
a person to decide) are written; re-running only refreshes them. A person confirms a
merge with :func:`confirm` (``SAME_AS``, state ``confirmed``) and can undo it with
:func:`withdraw` (the same relationship, state ``withdrawn``): nothing is deleted, the
relationship keeps every assertion in its provenance and every decision is audited.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from cluehub.graph import model
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .queries import ALL_NAMED, SAME_NAME

# Kinds compared by name: the model's actors (the same set SAME_AS may join).
RESOLVABLE = model.labels(model.Group.ACTOR)
NAME_WEIGHT = 0.5
PHONE_WEIGHT = 0.35
REGION_WEIGHT = 0.1


@dataclass(frozen=True, slots=True)
class Candidate:
    a: str
    b: str
    score: float
    reasons: tuple[str, ...]


def score(name: str, phones: list[str], counties: list[str]) -> Candidate:
    """Score one same-name pair (``a``/``b`` filled by the caller). Pure."""
    reasons = [f"same name '{name}'"]
    total = NAME_WEIGHT
    for phone in sorted(phones)[:2]:
        total += PHONE_WEIGHT
        reasons.append(f"shared phone {phone}")
    if counties:
        total += REGION_WEIGHT
        reasons.append(f"same county {sorted(counties)[0]}")
    return Candidate("", "", round(min(total, 1.0), 2), tuple(reasons))


def candidates(store: GraphStore, keys: Iterable[str] | None = None) -> list[Candidate]:
    """Same-name candidates among ``keys`` (or all named nodes), each pair once."""
    if keys is None:
        keys = [r["key"] for r in store.run(ALL_NAMED, {"labels": list(RESOLVABLE)})]
    keys = list(keys)
    found: dict[tuple[str, str], Candidate] = {}
    for start in range(0, len(keys), 1_000):
        chunk = keys[start : start + 1_000]
        rows = [
            row
            for label in RESOLVABLE
            for row in store.run(SAME_NAME, {"keys": chunk}, slots={"label": label})
        ]
        for row in rows:
            a, b = sorted((row["a"], row["b"]))
            scored = score(row["name"], row["phones"], row["counties"])
            found[(a, b)] = Candidate(a, b, scored.score, scored.reasons)
    return sorted(found.values(), key=lambda c: (-c.score, c.a, c.b))


def propose(
    store: GraphStore,
    keys: Iterable[str] | None = None,
    *,
    now_ms: int,
    threshold: float = NAME_WEIGHT,
) -> list[Candidate]:
    """Write ``POSSIBLY_SAME_AS`` for every candidate at or above ``threshold``."""
    chosen = [c for c in candidates(store, keys) if c.score >= threshold]
    if chosen:
        batch = Batch()
        for candidate in chosen:
            batch.rel(
                candidate.a, "POSSIBLY_SAME_AS", candidate.b, now_ms, "resolution/proposal",
                score=candidate.score, reasons=list(candidate.reasons),
            )  # fmt: skip
        store.write(batch)
    return chosen


def _decide(
    store: GraphStore, a: str, b: str, state: str, *, actor: str, reason: str, now_ms: int
) -> None:
    if not reason or len(reason.strip()) < 5:
        raise ValueError("a merge decision needs a reason (at least 5 characters)")
    first, second = sorted((a, b))
    found = store.get_many([first, second])
    if len(found) != 2:
        raise ValueError(f"both nodes must exist: {first}, {second}")
    if found[first].kind != found[second].kind:
        raise ValueError(f"cannot merge a {found[first].kind} with a {found[second].kind}")
    batch = Batch()
    decision = f"resolution/{state}/{actor}/{now_ms}"
    batch.rel(first, "SAME_AS", second, now_ms, decision, state=state, by=actor, reason=reason)
    batch.doc(
        "AuditEvent",
        f"resolution/{now_ms}/{secrets.token_hex(4)}",
        at=now_ms,
        actor=actor,
        operation=f"resolution.{state}",
        object_keys=[first, second],
        reason=reason,
    )
    store.write(batch)


def confirm(store: GraphStore, a: str, b: str, *, actor: str, reason: str, now_ms: int) -> None:
    """A person confirms two nodes are one entity (reversible with :func:`withdraw`)."""
    _decide(store, a, b, "confirmed", actor=actor, reason=reason, now_ms=now_ms)


def withdraw(store: GraphStore, a: str, b: str, *, actor: str, reason: str, now_ms: int) -> None:
    """Undo a confirmed merge; the history stays in provenance and the audit log."""
    _decide(store, a, b, "withdrawn", actor=actor, reason=reason, now_ms=now_ms)
