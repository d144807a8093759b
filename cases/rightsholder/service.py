"""Rights-holder directory services: register, add trademarks and contacts, read, search.

Each change is one transaction with its audit event: the entry, the ``RightsHolder``
node and the ``HELD_BY`` links of its brands (the registrations on them), and, at
registration, the holder's partner (kind ``rights_holder``): the api room, which issues
partner keys (``ingest.partners.partner_batch``), passes its batch in, and the key it
made goes to the holder once.
Coordinators, supervisors and admins keep the directory; the bureau that registered an
entry (or one above it) changes it. Reading the entries is open to every bureau (the
directory is shared, 004 §3.4); reading contacts (people's names and phones) is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cluehub.cases import audit, bureaus, documents, queries
from cluehub.cases.context import RANDOM_IDS, Actor, IdSource
from cluehub.cases.errors import InvalidInput, PermissionDenied
from cluehub.graph import identifiers, regions
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore

from .models import (
    LABEL,
    Contact,
    RightsHolder,
    Trademark,
    check_contact,
    check_trademark,
    partner_id_of,
)

KEEPERS = frozenset({"coordinator", "supervisor", "admin"})
MAX_ENTRIES = 2000


def _holder_key(slug: str) -> str:
    try:
        return identifiers.RIGHTS_HOLDER.key_of(slug)
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(f"rights holder: {exc}") from None


def _may_keep(actor: Actor, entry: RightsHolder | None) -> None:
    if actor.role not in KEEPERS:
        raise PermissionDenied(
            f"{actor.user} ({actor.role}): the rights-holder directory is kept by "
            "coordinators, supervisors and admins"
        )
    if entry is not None and not bureaus.is_within(entry.maintained_by, actor.bureau):
        raise PermissionDenied(
            f"{entry.key} is kept by {bureaus.label(entry.maintained_by)}: only it and the "
            f"bureaus above it change the entry, not {bureaus.label(actor.bureau)}"
        )


def _graph(batch: Batch, entry: RightsHolder, now_ms: int) -> None:
    """The holder's node and its brands' HELD_BY links (registrations on each)."""
    source = f"directory/{entry.slug}"
    batch.node(entry.key, now_ms, source, name=entry.name, name_en=entry.name_en or None)
    by_brand: dict[str, list[str]] = {}
    for mark in entry.trademarks:
        by_brand.setdefault(mark.brand, []).append(mark.label)
    for brand, registrations in by_brand.items():
        brand_key = batch.node(identifiers.BRAND.key(brand), now_ms, source)
        batch.rel(brand_key, "HELD_BY", entry.key, now_ms, source, registrations=registrations)


def _with_trademarks(entry: RightsHolder, marks: Sequence[Trademark]) -> RightsHolder:
    known = {(m.brand, m.registration_no, m.nice_class) for m in entry.trademarks}
    added = [m for m in marks if (m.brand, m.registration_no, m.nice_class) not in known]
    return replace(
        entry,
        brands=tuple(dict.fromkeys((*entry.brands, *(m.brand for m in added)))),
        tm_brands=(*entry.tm_brands, *(m.brand for m in added)),
        tm_numbers=(*entry.tm_numbers, *(m.registration_no for m in added)),
        tm_classes=(*entry.tm_classes, *(m.nice_class for m in added)),
    )


def _with_contacts(entry: RightsHolder, contacts: Sequence[Contact]) -> RightsHolder:
    return replace(
        entry,
        contact_regions=(*entry.contact_regions, *(c.region for c in contacts)),
        contact_names=(*entry.contact_names, *(c.name for c in contacts)),
        contact_phones=(*entry.contact_phones, *(c.phone for c in contacts)),
        contact_emails=(*entry.contact_emails, *(c.email for c in contacts)),
        contact_titles=(*entry.contact_titles, *(c.title for c in contacts)),
    )


def register_holder(
    store: GraphStore,
    *,
    slug: str,
    name: str,
    actor: Actor,
    now_ms: int,
    name_en: str = "",
    uscc: str | None = None,
    trademarks: Sequence[tuple[str, str, int]] = (),
    contacts: Sequence[tuple[str, str, str, str, str]] = (),
    partner: tuple[str, Batch] | None = None,
    ids: IdSource = RANDOM_IDS,
) -> RightsHolder:
    """Enter a rights holder in the directory.

    ``trademarks``: (brand slug, registration number, Nice class); ``contacts``:
    (region code, name, phone, email, title); ``partner``: the holder's partner id
    (:func:`partner_id_for`) and the batch that creates it, written in the same
    transaction.
    """
    _may_keep(actor, None)
    key = _holder_key(slug)
    where = f"rights holder {key}"
    if store.get_doc(LABEL, key) is not None:
        raise InvalidInput(f"{where} is in the directory already: add trademarks or contacts")
    name = (name or "").strip()
    if not 1 <= len(name) <= 200:
        raise InvalidInput(f"{where}: name must be 1-200 characters")
    if uscc:
        try:
            uscc = identifiers.USCC.clean(uscc)
        except identifiers.InvalidIdentifier as exc:
            raise InvalidInput(f"{where}: {exc}") from None
    if partner is not None and partner[0] != partner_id_of(key):
        raise InvalidInput(f"{where}: its partner id is {partner_id_of(key)}, not {partner[0]}")
    entry = RightsHolder(
        key=key,
        name=name,
        name_en=(name_en or "").strip(),
        uscc=uscc or None,
        created_at=now_ms,
        created_by=actor.user,
        maintained_by=actor.bureau,
        updated_at=now_ms,
        partner_id=partner[0] if partner else None,
    )
    entry = _with_trademarks(
        entry,
        [check_trademark(*t, f"{where}, trademark {i}") for i, t in enumerate(trademarks)],
    )
    entry = _with_contacts(
        entry, [check_contact(*c, f"{where}, contact {i}") for i, c in enumerate(contacts)]
    )
    batch = Batch()
    if partner is not None:
        batch.extend(partner[1])
    documents.put(batch, LABEL, entry)
    _graph(batch, entry, now_ms)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "rights_holder.register",
        [key, *(identifiers.BRAND.key(b) for b in entry.brands)],
        f"{name}: {len(entry.tm_numbers)} trademarks, {len(entry.contact_names)} contacts"
        + (f", partner {entry.partner_id}" if entry.partner_id else ""),
    )
    store.write(batch)
    return entry


def partner_id_for(slug: str) -> str:
    """The partner id a holder's key is issued under: ``rh-<slug>``."""
    return partner_id_of(_holder_key(slug))


def get(store: GraphStore, holder: str) -> RightsHolder:
    """An entry by key (``holder:<slug>``) or slug."""
    key = holder if holder.startswith("holder:") else _holder_key(holder)
    return documents.load(store, RightsHolder, LABEL, key, "rights holder")


def add_trademark(
    store: GraphStore,
    *,
    holder: str,
    brand: str,
    registration_no: str,
    nice_class: int,
    actor: Actor,
    now_ms: int,
    ids: IdSource = RANDOM_IDS,
) -> RightsHolder:
    """Add a registered trademark; its brand node links to the holder."""
    entry = get(store, holder)
    _may_keep(actor, entry)
    mark = check_trademark(brand, registration_no, nice_class, f"rights holder {entry.key}")
    updated = replace(_with_trademarks(entry, [mark]), updated_at=now_ms)
    if updated.tm_numbers == entry.tm_numbers:
        raise InvalidInput(f"{entry.key} already holds trademark {mark.label} of {mark.brand}")
    batch = Batch()
    documents.put(batch, LABEL, updated)
    _graph(batch, updated, now_ms)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "rights_holder.trademark.add",
        [entry.key, identifiers.BRAND.key(mark.brand)],
        f"注册号 {mark.registration_no}, 第{mark.nice_class}类, brand {mark.brand}",
    )
    store.write(batch)
    return updated


def add_contact(
    store: GraphStore,
    *,
    holder: str,
    region: str,
    name: str,
    actor: Actor,
    now_ms: int,
    phone: str = "",
    email: str = "",
    title: str = "",
    ids: IdSource = RANDOM_IDS,
) -> RightsHolder:
    """Add a contact person for a region."""
    entry = get(store, holder)
    _may_keep(actor, entry)
    contact = check_contact(region, name, phone, email, title, f"rights holder {entry.key}")
    updated = replace(_with_contacts(entry, [contact]), updated_at=now_ms)
    batch = Batch()
    documents.put(batch, LABEL, updated)
    audit.by(
        batch,
        ids,
        actor,
        now_ms,
        "rights_holder.contact.add",
        [entry.key],
        f"contact for region {contact.region}",
    )
    store.write(batch)
    return updated


def directory(
    store: GraphStore,
    *,
    text: str | None = None,
    brands: frozenset[str] = frozenset(),
    limit: int = 100,
) -> list[RightsHolder]:
    """Active entries, by name; ``text`` matches the holder's names, its id, its brand
    slugs and its registration numbers; ``brands`` (slugs the caller read in ``text``,
    e.g. 耐克 -> nike from the brand table) match the holders of those brands."""
    docs = store.docs(queries.RIGHTS_HOLDERS_ACTIVE, {"status": "active"}, limit=MAX_ENTRIES)
    entries = sorted((documents.from_doc(RightsHolder, d) for d in docs), key=lambda e: e.name)
    needle = (text or "").strip().casefold()
    if not needle and not brands:
        return entries[:limit]
    return [e for e in entries if _matches(e, needle, brands)][:limit]


def _matches(entry: RightsHolder, needle: str, brands: frozenset[str]) -> bool:
    words = (entry.name, entry.name_en, entry.slug, *entry.brands, *entry.tm_numbers)
    return bool(brands & set(entry.brands)) or bool(
        needle and any(needle in w.casefold() for w in words if w)
    )


def holders_of_brand(store: GraphStore, brand_key: str) -> list[RightsHolder]:
    """The directory's holders of a brand (``brand:<slug>``), through ``HELD_BY``."""
    rows = store.run(queries.HOLDERS_OF_BRAND, {"key": brand_key})
    found = store.get_docs(LABEL, [r["holder"] for r in rows])
    entries = [documents.from_doc(RightsHolder, d) for d in found.values()]
    return sorted((e for e in entries if e.status == "active"), key=lambda e: e.key)


def holder_of_partner(store: GraphStore, partner_id: str) -> RightsHolder | None:
    """The entry whose partner key this is, or None (a partner not in the directory)."""
    docs = store.docs(queries.RIGHTS_HOLDER_OF_PARTNER, {"partner_id": partner_id}, limit=2)
    return documents.from_doc(RightsHolder, docs[0]) if docs else None


def contacts(
    store: GraphStore,
    *,
    holder: str,
    actor: Actor,
    now_ms: int,
    region: str | None = None,
    ids: IdSource = RANDOM_IDS,
) -> list[Contact]:
    """The holder's contacts (most specific region first); with ``region``, those who
    answer for it (its own, a region above it, the whole country). The read is audited:
    it shows people's names and phones."""
    entry = get(store, holder)
    found = list(entry.contacts)
    if region is not None:
        try:
            code = identifiers.REGION.clean(region)
        except identifiers.InvalidIdentifier as exc:
            raise InvalidInput(f"contacts of {entry.key}: {exc}") from None
        found = [
            c for c in found if c.region == regions.NATIONAL or regions.is_within(code, c.region)
        ]
    found.sort(key=lambda c: (-len(regions.lineage(c.region)), c.region, c.name))
    audit.read(
        store,
        ids,
        actor,
        now_ms,
        "rights_holder.contacts.read",
        [entry.key],
        f"{len(found)} contacts" + (f" for region {region}" if region else ""),
    )
    return found
