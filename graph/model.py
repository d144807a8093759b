"""The graph model as data: node kinds, their properties, relationship types, in one registry.

Modelled on FollowTheMoney's schemata. Each :class:`NodeKind` names the identifier type
that builds its key (``identifiers``), the groups it belongs to (:class:`Group`: who is a
party, an actor, an organisation, a record, shared reference) and its **declared
properties** (:class:`Prop`): each with a property type (``properties``) and flags:

- ``pii``: personal data, masked for viewers without need (only text types may be);
- ``caption``: names the node for people (the first caption property present wins,
  else the identifier type captions the key's value);
- ``matchable``: texts and records are matched on it by value, so the store indexes it;
- ``many``: the value is a list of values of the type.

:meth:`NodeKind.check_props` refuses a property a kind does not declare or a value of
the wrong type; ``records.Batch.node`` calls it, so nothing undeclared reaches the graph.
Rooms classify nodes by asking the model (:func:`labels`, :func:`is_a`), never with
their own lists of labels.

Every node carries the label ``Entity`` (one uniqueness constraint on ``key`` across all
kinds, since keys are prefixed) and the label of its kind. Every node and relationship
carries provenance, written only by the store's upsert queries and common to all kinds
(never declared per kind):

- ``first_seen`` / ``last_seen``: epoch-ms of the earliest and latest observation;
- ``sightings``: how many times a source asserted it (idempotent re-sends count too);
- ``sources``: the distinct ``feed/record-id`` strings that asserted it, the first
  :data:`MAX_SOURCES` kept (the sighting count stays exact beyond that);
- ``regions`` (nodes only): region codes with their superiors (see ``regions.lineage``),
  the index that visibility filters on; ``grants``: bureaus a node was shared with.

Adding a kind, a property or a relationship means adding a line here; the store, the
schema export, masking and the GraphQL entity types read this table.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from . import identifiers as ids
from . import properties as pt

MAX_SOURCES = 32
ENTITY_LABEL = "Entity"
PROVENANCE_PROPS = ("first_seen", "last_seen", "sightings", "sources")
# What the store itself writes on every node, beside the kind's declared properties.
STORE_PROPS = frozenset({"key", "regions", "grants", *PROVENANCE_PROPS})


class UnknownModelElement(ValueError):
    """A label, relationship type, key prefix or property that is not in the registry."""


class UndeclaredProperty(UnknownModelElement):
    """A property a node kind does not declare, or a value of the wrong type for it."""


class Group(StrEnum):
    """What a node kind stands for; a kind may be in several groups (as FtM's schemata
    extend abstract ones: a Company is a party, an actor and an organisation)."""

    PARTY = "party"  # who or where someone is: the ends of a parcel, a seller's contacts
    ACTOR = "actor"  # acts under a name (sells, operates, ships): compared by name
    #                  (entity resolution), named on the high-risk lists
    ORGANISATION = "organisation"  # a company, with or without a USCC
    RECORD = "record"  # an observation of activity: a parcel, a listing, a complaint, a clue
    CLUE = "clue"  # a lead (线索): complaints and clues, texts that mention entities
    REFERENCE = "reference"  # shared context (divisions, platforms, carriers, brands, web
    #                          addresses): it would join unrelated records, so rings stop there


@dataclass(frozen=True, slots=True)
class Prop:
    """One declared property of a node kind (see the module docstring for the flags)."""

    name: str
    type: pt.PropertyType
    description: str
    pii: bool = False
    caption: bool = False
    matchable: bool = False
    many: bool = False

    def check(self, value: Any) -> bool:
        """Whether ``value`` fits this property (a list of the type's values if ``many``)."""
        if self.many:
            return isinstance(value, list) and all(self.type.check(v) for v in value)
        return self.type.check(value)

    def mask(self, value: Any) -> Any:
        """The value as a viewer without need sees it (each element of a list)."""
        if isinstance(value, list):
            return [self.type.mask(v) for v in value]
        return self.type.mask(value)


@dataclass(frozen=True, slots=True)
class NodeKind:
    """One kind of node: its label, the identifier type that builds its key, its groups
    and its declared properties."""

    label: str
    identifier: ids.IdentifierType
    description: str
    groups: tuple[Group, ...]
    props: tuple[Prop, ...] = ()

    def __post_init__(self) -> None:
        names = [p.name for p in self.props]
        if len(set(names)) != len(names):
            raise UnknownModelElement(f"{self.label} declares a property twice: {names}")
        for prop in self.props:
            if prop.name in STORE_PROPS:
                raise UnknownModelElement(
                    f"{self.label}.{prop.name}: '{prop.name}' is written by the store"
                )
            if prop.pii and not prop.type.maskable:
                raise UnknownModelElement(
                    f"{self.label}.{prop.name} is personal data but of type "
                    f"'{prop.type.name}', which has no masked form (use a text type)"
                )

    @property
    def prefix(self) -> str:
        return self.identifier.prefix

    @property
    def pivot(self) -> bool:
        """Its key is an identifier linking records of one party (``identifiers``)."""
        return self.identifier.pivot

    @property
    def pii_props(self) -> tuple[str, ...]:
        """Properties masked for viewers without need."""
        return tuple(p.name for p in self.props if p.pii)

    @property
    def indexes(self) -> tuple[str, ...]:
        """Properties looked up by value (besides key and regions): the matchable ones."""
        return tuple(p.name for p in self.props if p.matchable)

    @property
    def sensitive(self) -> bool:
        """Its key or one of its properties can hold personal data."""
        return self.identifier.pii or any(p.pii for p in self.props)

    def prop(self, name: str) -> Prop:
        for prop in self.props:
            if prop.name == name:
                return prop
        raise UndeclaredProperty(
            f"{self.label} has no property '{name}' (declared: "
            f"{', '.join(p.name for p in self.props) or 'none'}); "
            "declare it in graph/model.py first"
        )

    def find_prop(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)

    def check_props(self, props: Mapping[str, Any]) -> None:
        """Refuse a property this kind does not declare, or a value of the wrong type
        (``None`` means "not asserted" and is always allowed)."""
        for name, value in props.items():
            if name in STORE_PROPS:
                raise UndeclaredProperty(
                    f"{self.label}.{name} is written by the store (provenance, key, "
                    "regions, grants), never asserted by a source"
                )
            prop = self.prop(name)
            if value is not None and not prop.check(value):
                shown = f"{type(value).__name__} {value!r:.40}"
                want = f"a list of {prop.type.name}" if prop.many else prop.type.name
                raise UndeclaredProperty(
                    f"{self.label}.{name} must be {want} ({prop.type.description}), got {shown}"
                )

    def caption_value(self, props: Mapping[str, Any]) -> tuple[Prop, Any] | None:
        """The first caption property present with a value, or None."""
        for prop in self.props:
            value = props.get(prop.name) if prop.caption else None
            if isinstance(value, str) and value:
                return prop, value
        return None

    def is_a(self, group: Group) -> bool:
        return group in self.groups


NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("Phone", ids.PHONE, "A phone number (mobile or landline).", (Group.PARTY,)),
    NodeKind(
        "Company",
        ids.USCC,
        "A company identified by its USCC.",
        (Group.PARTY, Group.ACTOR, Group.ORGANISATION),
        (
            Prop("name", pt.NAME, "Registered or displayed name.", caption=True, matchable=True),
            Prop("legal_rep", pt.NAME, "Legal representative (法定代表人).", pii=True),
        ),
    ),
    NodeKind(
        "NamedCompany",
        ids.COMPANY,
        "A company known only by a name in one record.",
        (Group.PARTY, Group.ACTOR, Group.ORGANISATION),
        (Prop("name", pt.NAME, "The name as written.", caption=True, matchable=True),),
    ),
    NodeKind(
        "Person",
        ids.PERSON,
        "A natural person named in one record.",
        (Group.PARTY, Group.ACTOR),
        (Prop("name", pt.NAME, "The name as written.", pii=True, caption=True, matchable=True),),
    ),
    NodeKind("IdCard", ids.ID_CARD, "A resident identity card number.", (Group.PARTY,)),
    NodeKind(
        "Address",
        ids.ADDRESS,
        "A postal address.",
        (Group.PARTY,),
        (Prop("text", pt.ADDRESS, "As the source wrote it (the key: normalised).", pii=True),),
    ),
    NodeKind(
        "Waybill",
        ids.WAYBILL,
        "An express waybill.",
        (Group.RECORD,),
        (
            Prop(
                "number",
                pt.STRING,
                "The number without its carrier: digit-only numbers in texts meet it.",
                matchable=True,
            ),
            Prop("format_unverified", pt.FLAG, "The carrier's format did not match."),
            Prop("contents", pt.STRING, "Declared contents (托寄物)."),
            Prop("weight_kg", pt.NUMBER, "Declared weight in kilograms."),
            Prop("picked_up_at", pt.TIME, "When the carrier took the parcel."),
            Prop("delivered_at", pt.TIME, "When it was delivered."),
            Prop("sender_name", pt.NAME, "Sender's name as written.", pii=True),
            Prop("receiver_name", pt.NAME, "Receiver's name as written.", pii=True),
        ),
    ),
    NodeKind("Carrier", ids.CARRIER, "An express carrier.", (Group.REFERENCE,)),
    NodeKind(
        "Platform",
        ids.PLATFORMS_TYPE,
        "An e-commerce or live-streaming platform.",
        (Group.REFERENCE,),
    ),
    NodeKind(
        "Shop",
        ids.SHOP,
        "A shop on a platform.",
        (Group.ACTOR,),
        (
            Prop("name", pt.NAME, "Display name on the platform.", caption=True, matchable=True),
            Prop(
                "name_key",
                pt.STRING,
                "normalize_name(name): what texts are matched on.",
                matchable=True,
            ),
            Prop("seller_name", pt.NAME, "Seller's name as the platform gives it.", pii=True),
        ),
    ),
    NodeKind(
        "Listing",
        ids.LISTING,
        "A listing (item page) on a platform.",
        (Group.RECORD,),
        (
            Prop("title", pt.STRING, "Item title.", caption=True),
            Prop("price", pt.NUMBER, "Price in yuan."),
            Prop("sales_count", pt.INTEGER, "Sales the platform shows."),
            Prop("takedown_notice", pt.STRING, "The takedown notice the platform answered."),
            Prop("takedown_action", pt.STRING, "removed, rejected, pending or restored."),
            Prop("takedown_at", pt.TIME, "When the platform acted on it."),
            Prop("takedown_published_at", pt.TIME, "When the outcome was published (公示)."),
        ),
    ),
    NodeKind("Region", ids.REGION, "An administrative division (GB/T 2260).", (Group.REFERENCE,)),
    NodeKind("Brand", ids.BRAND, "A brand, from the hub's brand table.", (Group.REFERENCE,)),
    NodeKind("Url", ids.URL, "A web address.", (Group.REFERENCE,)),
    NodeKind(
        "Complaint",
        ids.COMPLAINT,
        "A complaint or report ticket (投诉举报).",
        (Group.RECORD, Group.CLUE),
        (
            Prop("channel", pt.STRING, "12315, 12330, letter, visit, platform or rights_holder."),
            Prop("received_at", pt.TIME, "When the bureau received it."),
            Prop("text", pt.TEXT, "The complaint's text.", pii=True),
            Prop(
                "review",
                pt.TEXT,
                "What extraction could not make a node of, for a person.",
                pii=True,
                many=True,
            ),
            Prop(
                "complainant",
                pt.STRING,
                "The complainant's identifiers, masked at intake.",
                many=True,
            ),
        ),
    ),
    NodeKind(
        "Clue",
        ids.CLUE,
        "A clue (线索) raised in the hub or handed over.",
        (Group.RECORD, Group.CLUE),
        (Prop("title", pt.STRING, "What the clue is about.", caption=True),),
    ),
    NodeKind(
        "Market",
        ids.MARKET,
        "A physical market (实体市场) in a county-level region; stalls are addresses in it.",
        (Group.REFERENCE,),  # a market joins the clues of unrelated stalls: rings stop there
        (
            Prop("name", pt.NAME, "The market's name.", caption=True, matchable=True),
            Prop("address", pt.ADDRESS, "Where it is, as registered (public, not personal)."),
        ),
    ),
    NodeKind(
        "RightsHolder",
        ids.RIGHTS_HOLDER,
        "A rights holder of the directory (权利人联系名录); its brands are HELD_BY it.",
        (Group.REFERENCE,),
        (
            Prop("name", pt.NAME, "The holder's name.", caption=True, matchable=True),
            Prop("name_en", pt.STRING, "The holder's name in English."),
        ),
    ),
)
KIND_BY_LABEL: dict[str, NodeKind] = {k.label: k for k in NODE_KINDS}
KIND_BY_PREFIX: dict[str, NodeKind] = {k.prefix: k for k in NODE_KINDS}


@functools.cache
def labels(
    group: Group | None = None,
    *,
    pivot: bool | None = None,
    pii: bool | None = None,
    exclude: Group | None = None,
) -> tuple[str, ...]:
    """Labels of the node kinds matching every filter given, in registry order:
    ``group`` (in it), ``exclude`` (not in it), ``pivot`` (its key links records of one
    party), ``pii`` (its key is personal data)."""
    return tuple(
        k.label
        for k in NODE_KINDS
        if (group is None or group in k.groups)
        and (exclude is None or exclude not in k.groups)
        and (pivot is None or k.identifier.pivot == pivot)
        and (pii is None or k.identifier.pii == pii)
    )


@functools.cache
def prop_names(*, caption: bool | None = None, pii: bool | None = None) -> tuple[str, ...]:
    """Names of the properties, over every node kind, matching the filters given
    (``caption``: names a node for people; ``pii``: masked), in registry order."""
    return tuple(
        dict.fromkeys(
            p.name
            for k in NODE_KINDS
            for p in k.props
            if (caption is None or p.caption == caption) and (pii is None or p.pii == pii)
        )
    )


def is_a(label: str, group: Group) -> bool:
    """Whether the kind ``label`` is in ``group`` (unknown labels are in none)."""
    found = KIND_BY_LABEL.get(label)
    return found is not None and group in found.groups


@dataclass(frozen=True, slots=True)
class RelType:
    """One relationship type, directed from one of ``sources`` to one of ``targets``."""

    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    description: str


# Who may be said to be the same as whom: actors, whose names may denote one party.
# Pivot-keyed parties (a phone, an address) are one node by construction.
_RESOLVABLE = labels(Group.ACTOR)
_CLUES = labels(Group.CLUE)
_ANY_ENTITY = tuple(k.label for k in NODE_KINDS)

REL_TYPES: tuple[RelType, ...] = (
    RelType("LISTED_IN", ("Listing",), ("Shop",), "A listing belongs to a shop."),
    RelType("ON_PLATFORM", ("Shop", "Listing"), ("Platform",), "Where a shop or listing lives."),
    RelType("OPERATED_BY", ("Shop",), ("Company", "NamedCompany", "Person"), "Seller of a shop."),
    RelType("HAS_PHONE", ("Shop", "Company", "NamedCompany", "Person"), ("Phone",), "Contact."),
    RelType("HAS_ID", ("Person",), ("IdCard",), "A person's identity card."),
    RelType("SHIPS_FROM", ("Shop", "Listing"), ("Address",), "Declared ship-from address."),
    RelType("RETURNS_TO", ("Shop",), ("Address",), "Declared return address."),
    RelType("CLAIMS_BRAND", ("Listing", *_CLUES), ("Brand",), "Brand claimed/named."),
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
    RelType("MENTIONS", _CLUES, _ANY_ENTITY, "A text or clue names an entity."),
    RelType("RECEIVED_IN", _CLUES, ("Region",), "Region of the receiving bureau."),
    RelType(
        "NAMES_SHOP",
        _CLUES,
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

REL_BY_NAME: dict[str, RelType] = {r.name: r for r in REL_TYPES}


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
