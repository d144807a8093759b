"""People and bureaus: who am I, bureaus by code, liaison officers (set by admins)."""

from __future__ import annotations

import contextlib
import re

import strawberry

from cluehub.api import audit, bureaus
from cluehub.api.errors import BadInput, Forbidden, NotFound
from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch

from .context import Info
from .permissions import IsAdmin, covers_region
from .types import Bureau, Liaison, Region

_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[A-Za-z]{2,}")


@strawberry.type(description="The signed-in person, as their token says.")
class Me:
    sub: str
    name: str
    role: str
    bureau: Bureau
    scope: Region | None = strawberry.field(
        description="The division whose data you see (with everything below it); null: all."
    )


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="Who you are, your bureau and your scope.")
    def me(self, info: Info) -> Me:
        viewer = info.context.viewer
        home = Bureau.of(viewer.bureau)
        assert home is not None  # checked when the token was accepted
        return Me(
            sub=viewer.sub,
            name=viewer.name,
            role=viewer.role,
            bureau=home,
            scope=Region(code=viewer.scope) if viewer.scope else None,
        )

    @strawberry.field(description="A bureau by the code of its division (100000: SAMR).")
    def bureau(self, code: str) -> Bureau | None:
        return Bureau.of(code)


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(
        description="Set the liaison officer (知识产权执法联络员) of a bureau in your region.",
        permission_classes=[IsAdmin],
    )
    async def set_liaison(
        self,
        info: Info,
        bureau: str,
        name: str,
        phone: str | None = None,
        email: str | None = None,
    ) -> Bureau | None:
        ctx = info.context
        target = Bureau.of(bureau)
        if target is None:
            raise NotFound(f"no bureau with code '{bureau}' (6-digit GB/T 2260 region code)")
        if not covers_region(ctx.viewer, bureau):
            raise Forbidden(
                f"bureau {bureau} is outside your region ({ctx.viewer.bureau}); "
                "an admin of a superior bureau can set it"
            )
        clean_name = (name or "").strip()
        if not 1 <= len(clean_name) <= 50:
            raise BadInput("name must be 1-50 characters")
        props: dict[str, str | int] = {
            "name": clean_name,
            "bureau": bureau,
            "updated": audit.now_ms(),
            "updated_by": ctx.viewer.sub,
        }
        if phone:
            try:
                props["phone"] = ids.PHONE.clean(phone)
            except ids.InvalidIdentifier as exc:
                raise BadInput(f"phone: {exc}") from None
        if email:
            if not _EMAIL.fullmatch(email.strip()):
                raise BadInput(f"email '{email[:60]}' is not an e-mail address")
            props["email"] = email.strip()
        batch = Batch()
        batch.doc(bureaus.LIAISON, bureau, **props)
        await ctx.audit(
            "liaison.set",
            [f"bureau:{bureau}"],
            object_regions=[bureau],
            detail=f"liaison {clean_name}",
            batch=batch,
        )
        with contextlib.suppress(KeyError):  # not loaded yet in this request
            ctx.loaders.liaisons.clear(bureau)
        return target


__all__ = ["Liaison", "Me", "PeopleMutation", "PeopleQuery"]
