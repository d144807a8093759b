"""Multi-step: notify bureaus of a clue (通报), those named or those the rules name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cluehub.analysis.params import CaseParams
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput
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


def notify_clue(
    store: GraphStore,
    *,
    clue_key: str,
    deadline_ms: int,
    actor: Actor,
    now_ms: int,
    to: Sequence[str] | None = None,
    involvement: Sequence[Place | Mapping[str, Any] | Sequence[str]] | None = None,
    evidence_keys: Sequence[str] = (),
    message: str = "",
    case_id: str | None = None,
    facts: CaseFacts = NO_FACTS,
    ids: IdSource = RANDOM_IDS,
) -> tuple[Routing | None, list[Notification]]:
    """线索通报 to the bureaus named in ``to``, or to those routing names for the
    ``involvement`` (then with the routing, which says why)."""
    if (to is None) == (involvement is None):
        raise InvalidInput(
            'give exactly one of `to` (bureau codes, e.g. ["440111"]) or `involvement` '
            "(regions and roles; routing then names the bureaus to notify)"
        )
    if to is not None:
        sent = notify(
            store,
            clue_key=clue_key,
            from_bureau=actor.bureau,
            to_bureaus=to,
            evidence_keys=evidence_keys,
            deadline_ms=deadline_ms,
            actor=actor,
            now_ms=now_ms,
            message=message,
            case_id=case_id,
            ids=ids,
        )
        return None, sent
    if case_id is not None:
        raise InvalidInput("`caseId` goes with `to`: name the bureaus when notifying for a case")
    assert involvement is not None
    return notify_by_routing(
        store,
        clue_key=clue_key,
        involvement=involvement,
        evidence_keys=evidence_keys,
        deadline_ms=deadline_ms,
        actor=actor,
        now_ms=now_ms,
        facts=facts,
        message=message,
        ids=ids,
    )
