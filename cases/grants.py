"""Visibility grants: a notified clue or a joint case lets other bureaus see its nodes.

A bureau sees a node when its region is in the node's ``regions`` (or it is SAMR). A
notification (线索通报), a joint case or an evidence transfer (证据移交) extends that: the
recipient bureau (and its superiors) are added to the nodes' ``grants`` by
``Batch.grant`` in the same transaction, and a ``Grant`` document records who granted
what to whom and why. Grants are never withdrawn silently.

Before granting, the granting actor must see every node themselves: nobody can pass on
what they cannot see.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cluehub.graph import identifiers, model
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore, is_visible

from . import bureaus, documents
from .context import Actor, IdSource
from .errors import InvalidInput, NotFound

LABEL = "Grant"
model.register_document(
    model.DocumentKind(
        LABEL,
        "Visibility of graph nodes granted to a bureau by a notification, case or transfer.",
        ("bureau", "source"),
    )
)


@dataclass(frozen=True, slots=True)
class Grant:
    key: str
    bureau: str
    node_keys: tuple[str, ...]
    source: str  # what granted it: 'notification:<id>', 'case:<id>', 'evidence_transfer:<id>'
    granted_at: int
    granted_by: str
    granting_bureau: str


def _shown(key: str) -> str:
    """A key as an error message may show it: masked like the API's output."""
    try:
        return identifiers.mask_key(key)
    except identifiers.InvalidIdentifier:
        return key.split(":", 1)[0] + ":…"


def check_visible(store: GraphStore, actor: Actor, keys: Sequence[str], field: str) -> None:
    """Every key is a node in the graph that ``actor`` may see; else :class:`NotFound`.

    A node that does not exist and one outside the actor's scope get the same answer,
    with masked keys, so the refusal is no oracle of what exists elsewhere and carries
    no personal data into messages or logs."""
    for key in keys:
        try:
            model.kind_of_key(key)
        except model.UnknownModelElement:
            raise InvalidInput(
                f"{field}: '{_shown(key)}' has no known kind "
                f"(prefixes: {', '.join(sorted(model.KIND_BY_PREFIX))})"
            ) from None
    found = store.get_many(keys)
    unseen = [k for k in keys if k not in found or not is_visible(found[k], actor.scope)]
    if unseen:
        raise NotFound(
            f"{field}: {len(unseen)} node(s) not found among what {bureaus.label(actor.bureau)} "
            f"may see ({', '.join(_shown(k) for k in unseen[:5])}): check the id, ingest the "
            "node first, or ask a bureau that sees it to share it"
        )


def add(
    batch: Batch,
    ids: IdSource,
    *,
    bureau: str,
    node_keys: Iterable[str],
    source: str,
    actor: Actor,
    now_ms: int,
) -> Grant | None:
    """Grant ``bureau`` visibility of ``node_keys`` inside ``batch``; None if no keys."""
    keys = tuple(dict.fromkeys(node_keys))
    if not keys:
        return None
    grant = Grant(ids.new("grant"), bureau, keys, source, now_ms, actor.user, actor.bureau)
    documents.put(batch, LABEL, grant)
    batch.grant(keys, bureaus.code_of(bureau))
    return grant
