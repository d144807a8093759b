"""The graph model as data: node kinds and relationship types, in one registry.

Every node carries the label ``Entity`` (one uniqueness constraint on ``key`` across all
kinds, since keys are prefixed) and the label of its kind. Every node and relationship
carries provenance, written only by the store's upsert queries:

- ``first_seen`` / ``last_seen``: epoch-ms of the earliest and latest observation;
- ``sightings``: how many times a source asserted it (idempotent re-sends count too);
- ``sources``: the distinct ``feed/record-id`` strings that asserted it, the first
  :data:`MAX_SOURCES` kept (the sighting count stays exact beyond that);
- ``regions`` (nodes only): region codes with their superiors (see ``regions.lineage``),
  the index that visibility filters on.

Adding a kind or a relationship means adding a line here; the store, the schema export
and the masking rules read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import identifiers as ids

MAX_SOURCES = 32
ENTITY_LABEL = "Entity"
PROVENANCE_PROPS = ("first_seen", "last_seen", "sightings", "sources")


@dataclass(frozen=True, slots=True)
class NodeKind:
    """One kind of node: its label, the identifier type that builds its key, its role."""

    label: str
    identifier: ids.IdentifierType
    description: str
    pii_props: tuple[str, ...] = ()  # properties masked for viewers without need
    indexes: tuple[str, ...] = ()  # properties looked up by value (besides key, regions)

    @property
    def prefix(self) -> str:
        return self.identifier.prefix


@dataclass(frozen=True, slots=True)
class RelType:
    """One relationship type, directed from one of ``sources`` to one of ``targets``."""

    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    description: str


NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("Phone", ids.PHONE, "A phone number (mobile or landline)."),
    NodeKind("Company", ids.USCC, "A company identified by its USCC.", ("legal_rep",), ("name",)),
    NodeKind(
        "NamedCompany", ids.COMPANY, "A company known only by a name in one record.", (), ("name",)
    ),
    NodeKind("Person", ids.PERSON, "A natural person named in one record.", ("name",), ("name",)),
    NodeKind("IdCard", ids.ID_CARD, "A resident identity card number."),
    NodeKind("Address", ids.ADDRESS, "A postal address.", ("text",)),
    NodeKind(
        "Waybill",
        ids.WAYBILL,
        "An express waybill.",
        ("sender_name", "receiver_name"),
        ("number",),  # the number without its carrier: digit-only numbers in texts meet it
    ),
    NodeKind("Carrier", ids.CARRIER, "An express carrier."),
    NodeKind("Platform", ids.PLATFORMS_TYPE, "An e-commerce or live-streaming platform."),
    NodeKind(
        "Shop",
        ids.SHOP,
        "A shop on a platform.",
        ("seller_name",),
        ("name", "name_key"),  # name_key: normalize_name(name), what texts are matched on
    ),
    NodeKind("Listing", ids.LISTING, "A listing (item page) on a platform."),
    NodeKind("Region", ids.REGION, "An administrative division (GB/T 2260)."),
    NodeKind("Brand", ids.BRAND, "A brand, from the hub's brand table."),
    NodeKind("Url", ids.URL, "A web address."),
    NodeKind("Complaint", ids.COMPLAINT, "A complaint or report ticket (投诉举报).", ("text",)),
    NodeKind("Clue", ids.CLUE, "A clue (线索) raised in the hub or handed over."),
    NodeKind(
        "Market",
        ids.MARKET,
        "A physical market (实体市场) in a county-level region; stalls are addresses in it.",
        (),
        ("name",),
    ),
    NodeKind(
        "RightsHolder",
        ids.RIGHTS_HOLDER,
        "A rights holder of the directory (权利人联系名录); its brands are HELD_BY it.",
        (),
        ("name",),
    ),
)

_ANY_PARTY = ("Phone", "Company", "NamedCompany", "Person")
_RESOLVABLE = (*_ANY_PARTY, "Shop")
_ANY_ENTITY = tuple(k.label for k in NODE_KINDS)

REL_TYPES: tuple[RelType, ...] = (
    RelType("LISTED_IN", ("Listing",), ("Shop",), "A listing belongs to a shop."),
    RelType("ON_PLATFORM", ("Shop", "Listing"), ("Platform",), "Where a shop or listing lives."),
    RelType("OPERATED_BY", ("Shop",), ("Company", "NamedCompany", "Person"), "Seller of a shop."),
    RelType("HAS_PHONE", ("Shop", "Company", "NamedCompany", "Person"), ("Phone",), "Contact."),
    RelType("HAS_ID", ("Person",), ("IdCard",), "A person's identity card."),
    RelType("SHIPS_FROM", ("Shop", "Listing"), ("Address",), "Declared ship-from address."),
    RelType("RETURNS_TO", ("Shop",), ("Address",), "Declared return address."),
    RelType("CLAIMS_BRAND", ("Listing", "Complaint", "Clue"), ("Brand",), "Brand claimed/named."),
    RelType("HAS_URL", ("Listing", "Shop"), ("Url",), "Web address of a listing or shop."),
    RelType("CARRIED_BY", ("Waybill",), ("Carrier",), "Carrier of a waybill."),
    RelType("SENT_BY", ("Waybill",), ("Phone", "Person", "Company", "NamedCompany"), "Sender."),
    RelType("SENT_FROM", ("Waybill",), ("Address",), "Sender address."),
    RelType("RECEIVED_BY", ("Waybill",), ("Phone", "Person", "Company", "NamedCompany"), "To."),
    RelType("DELIVERED_TO", ("Waybill",), ("Address",), "Receiver address."),
    RelType(
        "LOCATED_IN", ("Address", "Company", "Shop", "Market"), ("Region",), "Division of a place."
    ),
    RelType("WITHIN", ("Region",), ("Region",), "A division lies within its superior."),
    RelType("MENTIONS", ("Complaint", "Clue"), _ANY_ENTITY, "A text or clue names an entity."),
    RelType("RECEIVED_IN", ("Complaint", "Clue"), ("Region",), "Region of the receiving bureau."),
    RelType(
        "NAMES_SHOP",
        ("Complaint", "Clue"),
        ("Shop",),
        "The text names a shop by its display name only (derived when tracing, not stored).",
    ),
    RelType("POSSIBLY_SAME_AS", _RESOLVABLE, _RESOLVABLE, "Candidate, never merged silently."),
    RelType("SAME_AS", _RESOLVABLE, _RESOLVABLE, "Confirmed merge (reversible)."),
    RelType(
        "HELD_BY",
        ("Brand",),
        ("RightsHolder",),
        "A brand's registered trademarks are held by a rights holder (registrations on it).",
    ),
    RelType("IN_MARKET", ("Address",), ("Market",), "A stall: an address inside a market."),
    RelType("AT_MARKET", ("Complaint", "Clue"), ("Market",), "A clue about a physical market."),
)


@dataclass(frozen=True, slots=True)
class DocumentKind:
    """Records the hub keeps beside the entity graph, in the same store and transaction:
    intake ledger rows, receipts, audit events, cases, tasks. They carry no ``Entity``
    label, so graph algorithms never see them. ``append_only`` documents are written once
    and never changed (the audit log)."""

    label: str
    description: str
    indexes: tuple[str, ...] = ()
    append_only: bool = False


DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        "IntakeRecord",
        "One partner record: (partner, kind, record id), status, reason, receipt.",
        ("receipt", "partner"),
    ),
    DocumentKind("Receipt", "One pushed batch or imported file: counts per status.", ("partner",)),
    DocumentKind("Partner", "A feed partner: hashed API keys, allowed kinds."),
    DocumentKind(
        "AuditEvent",
        "Who did or read what, when, why (全程留痕). Append-only.",
        ("at", "actor", "bureau"),
        append_only=True,
    ),
)
DOCUMENT_BY_LABEL: dict[str, DocumentKind] = {d.label: d for d in DOCUMENT_KINDS}

KIND_BY_LABEL: dict[str, NodeKind] = {k.label: k for k in NODE_KINDS}
KIND_BY_PREFIX: dict[str, NodeKind] = {k.prefix: k for k in NODE_KINDS}
REL_BY_NAME: dict[str, RelType] = {r.name: r for r in REL_TYPES}


class UnknownModelElement(ValueError):
    """A label, relationship type or key prefix that is not in the registry."""


def kind_of_key(key: str) -> NodeKind:
    """The node kind a key belongs to, from its prefix."""
    prefix = key.split(":", 1)[0]
    try:
        return KIND_BY_PREFIX[prefix]
    except KeyError:
        raise UnknownModelElement(
            f"'{key}' has no known kind (prefixes: {', '.join(sorted(KIND_BY_PREFIX))})"
        ) from None


def kind(label: str) -> NodeKind:
    try:
        return KIND_BY_LABEL[label]
    except KeyError:
        raise UnknownModelElement(
            f"unknown node kind '{label}' (known: {', '.join(KIND_BY_LABEL)})"
        ) from None


def register_document(kind_: DocumentKind) -> DocumentKind:
    """Rooms above add their own document kinds (cases, tasks…) at import time."""
    existing = DOCUMENT_BY_LABEL.get(kind_.label)
    if existing is not None and existing != kind_:
        raise UnknownModelElement(f"document kind '{kind_.label}' is already registered")
    if kind_.label in KIND_BY_LABEL or kind_.label == ENTITY_LABEL:
        raise UnknownModelElement(f"'{kind_.label}' is a node kind, not a document kind")
    DOCUMENT_BY_LABEL[kind_.label] = kind_
    return kind_


def document(label: str) -> DocumentKind:
    try:
        return DOCUMENT_BY_LABEL[label]
    except KeyError:
        raise UnknownModelElement(
            f"unknown document kind '{label}' (known: {', '.join(DOCUMENT_BY_LABEL)})"
        ) from None


def rel_type(name: str) -> RelType:
    try:
        return REL_BY_NAME[name]
    except KeyError:
        raise UnknownModelElement(
            f"unknown relationship type '{name}' (known: {', '.join(REL_BY_NAME)})"
        ) from None


def check_relationship(name: str, src_key: str, dst_key: str) -> RelType:
    """The relationship type, after checking its endpoints' kinds are allowed."""
    rel = rel_type(name)
    src, dst = kind_of_key(src_key), kind_of_key(dst_key)
    if src.label not in rel.sources or dst.label not in rel.targets:
        raise UnknownModelElement(
            f"{name} does not go from {src.label} to {dst.label} "
            f"(allowed: {'/'.join(rel.sources)} -> {'/'.join(rel.targets)})"
        )
    return rel
