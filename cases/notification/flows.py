"""Multi-step: route a clue and notify every bureau the rules name (通报)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cluehub.analysis.params import CaseParams
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.routing import DEFAULT_PARAMS, NO_FACTS, CaseFacts, Place, Routing, route
from cluehub.graph.store import GraphStore

from .models import Notification
from .service import notify


def notify_by_routing(
    store: GraphStore,
    *,
    clue_key: str,
    involvement: Iterable[Place | Mapping[str, Any] | Sequence[str]],
    evidence_keys: Sequence[str],
    deadline_ms: int,
    actor: Actor,
    now_ms: int,
    facts: CaseFacts = NO_FACTS,
    params: CaseParams = DEFAULT_PARAMS,
    message: str = "",
    ids: IdSource = RANDOM_IDS,
) -> tuple[Routing, list[Notification]]:
    """Route the clue from the actor's bureau and notify the bureaus routing names.

    Returns the routing (with its reasons) and the notifications sent (none when the
    clue involves only the actor's own bureau).
    """
    routing = route(involvement, investigating=actor.bureau, facts=facts, params=params)
    if not routing.notify:
        return routing, []
    sent = notify(
        store,
        clue_key=clue_key,
        from_bureau=actor.bureau,
        to_bureaus=routing.notify,
        evidence_keys=evidence_keys,
        deadline_ms=deadline_ms,
        actor=actor,
        now_ms=now_ms,
        message=message or "; ".join(routing.reasons),
        ids=ids,
    )
    return routing, sent
