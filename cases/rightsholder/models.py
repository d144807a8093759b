"""Rights holders of the directory (权利人联系名录, 004 §3.4): records and input rules.

A directory entry names a rights holder (the company that owns the trademarks), its
registered trademarks — each a brand of the hub's brand table, a registration number
(注册号, digits) and a Nice class (尼斯分类, 1–45) — and its contact persons per region
(who to call about goods found in that region: name, phone, email, title). The entry is
a document (``RightsHolderEntry``); the graph gets a ``RightsHolder`` node and a
``HELD_BY`` relationship from each brand node to it, carrying the registrations, so a
ring's brand leads to the holder to ask for 商品鉴别.

Contacts are people: their names and phones are read through an audited service call.
An entry may carry a partner key (partner kind ``rights_holder``): the holder answers
authentication requests and sends tracing results through the partner API with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cluehub.cases.errors import InvalidInput
from cluehub.graph import identifiers as ids
from cluehub.graph import model

LABEL = "RightsHolderEntry"
model.register_document(
    model.DocumentKind(
        LABEL, "A rights holder of the directory (权利人联系名录).", ("partner_id", "status")
    )
)

NICE_CLASSES = range(1, 46)
_REGISTRATION = re.compile(r"\d{1,10}")
Status = Literal["active", "withdrawn"]
PARTNER_PREFIX = "rh-"


@dataclass(frozen=True, slots=True)
class Trademark:
    brand: str  # brand slug (brand:<slug> is its node)
    registration_no: str
    nice_class: int

    @property
    def label(self) -> str:
        return f"{self.registration_no}/{self.nice_class}"


@dataclass(frozen=True, slots=True)
class Contact:
    region: str  # GB/T 2260 code the contact answers for (100000: the whole country)
    name: str
    phone: str = ""
    email: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class RightsHolder:
    """One entry; list fields run in parallel (documents hold lists of scalars)."""

    key: str  # holder:<slug>, the node's key too
    name: str
    created_at: int
    created_by: str
    maintained_by: str  # the bureau that keeps the entry
    updated_at: int
    name_en: str = ""
    uscc: str | None = None
    status: Status = "active"
    partner_id: str | None = None
    brands: tuple[str, ...] = ()
    tm_brands: tuple[str, ...] = ()
    tm_numbers: tuple[str, ...] = ()
    tm_classes: tuple[int, ...] = ()
    contact_regions: tuple[str, ...] = ()
    contact_names: tuple[str, ...] = ()
    contact_phones: tuple[str, ...] = ()
    contact_emails: tuple[str, ...] = ()
    contact_titles: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return ids.RIGHTS_HOLDER.value_of(self.key)

    @property
    def trademarks(self) -> tuple[Trademark, ...]:
        return tuple(
            Trademark(b, n, c)
            for b, n, c in zip(self.tm_brands, self.tm_numbers, self.tm_classes, strict=True)
        )

    @property
    def contacts(self) -> tuple[Contact, ...]:
        return tuple(
            Contact(*row)
            for row in zip(
                self.contact_regions,
                self.contact_names,
                self.contact_phones,
                self.contact_emails,
                self.contact_titles,
                strict=True,
            )
        )


def check_trademark(brand: str, registration_no: str, nice_class: int, where: str) -> Trademark:
    """A trademark as the directory keeps it, or an error saying what is accepted."""
    try:
        slug = ids.BRAND.clean(brand)
    except ids.InvalidIdentifier as exc:
        raise InvalidInput(f"{where}: {exc}") from None
    number = (registration_no or "").strip()
    if not _REGISTRATION.fullmatch(number):
        raise InvalidInput(
            f"{where}: registration number '{registration_no}' must be the 1-10 digits of the "
            "trademark registration (注册号), e.g. 1234567"
        )
    if not isinstance(nice_class, int) or nice_class not in NICE_CLASSES:
        raise InvalidInput(
            f"{where}: Nice class {nice_class!r} must be 1-45 (尼斯分类; 25: clothing, shoes)"
        )
    return Trademark(slug, number, nice_class)


def check_contact(
    region: str, name: str, phone: str, email: str, title: str, where: str
) -> Contact:
    try:
        code = ids.REGION.clean(region)
    except ids.InvalidIdentifier as exc:
        raise InvalidInput(f"{where}: {exc}") from None
    name = (name or "").strip()
    if not 1 <= len(name) <= 50:
        raise InvalidInput(f"{where}: the contact's name must be 1-50 characters")
    phone = (phone or "").strip()
    if phone:
        try:
            phone = ids.PHONE.clean(phone)
        except ids.InvalidIdentifier as exc:
            raise InvalidInput(f"{where}: {exc}") from None
    email = (email or "").strip()
    if email and not re.fullmatch(r"[^@\s]{1,64}@[^@\s]{1,190}\.[A-Za-z]{2,24}", email):
        raise InvalidInput(f"{where}: '{email}' is not an email address")
    if not (phone or email):
        raise InvalidInput(f"{where}: give the contact a phone or an email")
    return Contact(code, name, phone, email, (title or "").strip()[:50])


def partner_id_of(key: str) -> str:
    """The partner id of a holder's API key: ``rh-<slug>``."""
    return PARTNER_PREFIX + ids.RIGHTS_HOLDER.value_of(key)
