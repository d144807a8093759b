"""The rights-holder directory (权利人联系名录, 004 §3.4) in GraphQL.

Thin like the other domains: resolvers turn arguments into the room's terms, call one
service of ``cluehub.cases.rightsholder`` as the viewer and wrap what it returns. Types
are plain fields filled by ``of(record)``; the one method is ``contacts``, a read of
people's names and phones that the service audits.

Registering a holder issues its partner key (partner kind ``rights_holder``, through
``ingest.partners.partner_batch``) in the same transaction as the entry; the key is in
the mutation's answer once and never again (only its hash is kept).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from cluehub.api.audit import now_ms
from cluehub.api.errors import BadInput
from cluehub.cases import errors
from cluehub.cases.rightsholder import service as directory
from cluehub.ingest import brands as brand_table
from cluehub.ingest.partners import PartnerError, partner_batch

from .cases.bridge import actor_of, call, command, term, terms
from .cases.shapes import FromRecord, read
from .context import Context, Info
from .types import Bureau

MAX_LIST = 200


@strawberry.type(
    description="A registered trademark: brand, registration number (注册号), Nice class."
)
class Trademark(FromRecord):
    brand: str
    registration_no: str
    nice_class: int


def _or_none(text: str) -> str | None:
    return text or None


def _is_set(value: object) -> bool:
    return value is not None


@strawberry.type(description="A contact person of a rights holder for a region.")
class HolderContact(FromRecord):
    region: str
    name: str
    phone: str | None = read(convert=_or_none)
    email: str | None = read(convert=_or_none)
    title: str | None = read(convert=_or_none)


@strawberry.type(
    name="RightsHolderEntry",
    description=(
        "A rights holder's directory entry (权利人联系名录); its graph node is the "
        "RightsHolder entity its brands are HELD_BY."
    ),
)
class RightsHolder(FromRecord):
    id: strawberry.ID
    name: str
    name_en: str
    uscc: str | None
    status: str
    brands: list[str]
    trademarks: list[Trademark]
    maintained_by: Bureau | None
    has_partner_key: bool = read(
        "partner_id",
        _is_set,
        description="True when the holder answers authentication requests through the hub.",
    )
    updated_at: datetime | None

    @strawberry.field(
        description=(
            "Contact persons, most specific region first; with `region`, those who answer "
            "for it. Names and phones: the read is audited."
        )
    )
    async def contacts(self, info: Info, region: str | None = None) -> list[HolderContact]:
        found = await call(info, directory.contacts, holder=str(self.id), region=region)
        return [HolderContact.of(c) for c in found]


@strawberry.type(description="A new directory entry and its partner API key, shown this once.")
class RegisteredHolder:
    holder: RightsHolder
    api_key: str | None = strawberry.field(
        description="The holder's partner key (kind rights_holder): give it to the holder now."
    )


@strawberry.input(description="A registered trademark of the holder.")
class TrademarkInput:
    brand: str = strawberry.field(description="Brand slug of the brand table, e.g. nike.")
    registration_no: str
    nice_class: int


@strawberry.input(description="A contact person for a region (100000: the whole country).")
class HolderContactInput:
    region: str
    name: str
    phone: str = ""
    email: str = ""
    title: str = ""


def _rows(info: Info, items: list[Any]) -> list[tuple[Any, ...]]:
    """Nested inputs as the service's rows: each one's fields in order."""
    return [tuple(terms(info, item).values()) for item in items]


@strawberry.input(description="A rights holder for the directory.")
class RegisterRightsHolderInput:
    slug: str = strawberry.field(description="Short id, 2-28 of a-z 0-9 -, e.g. nike-cn.")
    name: str
    name_en: str = ""
    uscc: str | None = None
    trademarks: list[TrademarkInput] = term("trademarks", _rows, default_factory=list)
    contacts: list[HolderContactInput] = term("contacts", _rows, default_factory=list)
    partner_key: bool = term(  # the resolver issues it and passes the partner
        None, default=True, description="Issue the holder's partner key (to answer requests)."
    )


def _brand_key(ctx: Context, brand_id: strawberry.ID) -> str:
    key = ctx.ids.decode(str(brand_id))
    if not key.startswith("brand:"):
        raise BadInput(f"brandId must be a Brand's id, not a {key.split(':', 1)[0]}'s")
    return key


@strawberry.type
class RightsQuery:
    @strawberry.field(
        description=(
            "The rights-holder directory, by name. `search` matches names, ids, brands (耐克, "
            "Nike, nike) and registration numbers; `brandId` gives the holders of a brand."
        )
    )
    async def rights_holders(
        self,
        info: Info,
        search: str | None = None,
        brand_id: strawberry.ID | None = None,
        first: int = 50,
    ) -> list[RightsHolder]:
        ctx = info.context
        size = max(1, min(first, MAX_LIST))
        if brand_id is not None:
            found = await call(
                info,
                directory.holders_of_brand,
                brand_key=_brand_key(ctx, brand_id),
            )
            return [RightsHolder.of(e) for e in found[:size]]
        named = brand_table.named(search) if search else None
        found = await call(
            info,
            directory.directory,
            text=search,
            brands=frozenset({named.slug}) if named else frozenset(),
            limit=size,
        )
        return [RightsHolder.of(e) for e in found]

    @strawberry.field(description="One rights holder of the directory.")
    async def rights_holder(self, info: Info, id: strawberry.ID) -> RightsHolder | None:
        entry = await call(info, directory.get, holder=str(id))
        return RightsHolder.of(entry)


@strawberry.type
class RightsMutation:
    @strawberry.mutation(
        description="Enter a rights holder in the directory (coordinators and up); its key once."
    )
    async def register_rights_holder(
        self, info: Info, input: RegisterRightsHolderInput
    ) -> RegisteredHolder | None:
        ctx = info.context
        actor, now = actor_of(ctx), now_ms()
        partner = None
        key = None
        if input.partner_key:
            try:
                partner_id = directory.partner_id_for(input.slug)
                batch, key = await ctx.call_store(
                    "rights_holder.partner",
                    partner_batch,
                    ctx.store,
                    partner_id,
                    input.name,
                    ["rights_holder"],
                    now_ms=now,
                    actor=actor.user,
                )
            except (PartnerError, errors.CasesError) as exc:
                raise BadInput(str(exc)) from None
            partner = (partner_id, batch)
        entry = await call(
            info,
            directory.register_holder,
            **terms(info, input, actor=actor, now_ms=now, partner=partner),
        )
        return RegisteredHolder(holder=RightsHolder.of(entry), api_key=key)

    @command(directory.add_trademark, holder_id="holder")
    def add_holder_trademark(
        self, holder_id: strawberry.ID, trademark: TrademarkInput
    ) -> RightsHolder | None:
        """Add a registered trademark to a holder (its keeper)."""

    @command(directory.add_contact, holder_id="holder")
    def add_holder_contact(
        self, holder_id: strawberry.ID, contact: HolderContactInput
    ) -> RightsHolder | None:
        """Add a contact person for a region (the holder's keeper)."""
