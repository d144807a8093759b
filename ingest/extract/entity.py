"""What extraction returns: typed entities with canonical values and original-text offsets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

# Entity types, and the graph identifier each value is canonical for.
PHONE: Final = "PHONE"  # E.164, PHONE.clean
USCC: Final = "USCC"  # USCC.clean (check digit valid)
USCC_INVALID: Final = "USCC_INVALID"  # USCC form, wrong check digit: compact text, for review
ID_CARD: Final = "ID_CARD"  # resident ID number (PII), ID_CARD.clean
WAYBILL: Final = "WAYBILL"  # CARRIER:NUMBER, WAYBILL.clean
URL: Final = "URL"  # URL.clean
PLATFORM_ID: Final = "PLATFORM_ID"  # platform-kind:id, e.g. tmall-item:123, douyin-shop:abc
SHOP: Final = "SHOP"  # normalize_name of the shop name
BRAND: Final = "BRAND"  # brand slug from ingest/data/brands.tsv
ORG: Final = "ORG"  # normalize_name of the organisation's full name
PERSON: Final = "PERSON"  # the name as written (2-4 Chinese characters)
REGION: Final = "REGION"  # 6-digit GB/T 2260 code
ADDRESS: Final = "ADDRESS"  # canonical address text, ingest.addresses.canonical (PII)
TYPES: Final = (
    PHONE,
    USCC,
    USCC_INVALID,
    ID_CARD,
    WAYBILL,
    URL,
    PLATFORM_ID,
    SHOP,
    BRAND,
    ORG,
    PERSON,
    REGION,
    ADDRESS,
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A found entity in the normalised text (offsets into that text)."""

    type: str
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity in the caller's text: ``text == original[start:end]``; ``role`` says
    whose it is in a complaint (``roles``: complainant, accused or other)."""

    type: str
    value: str
    text: str
    start: int
    end: int
    role: str = "other"

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "role": self.role,
        }


def to_json(entities: Iterable[Entity]) -> dict[str, list[dict[str, Any]]]:
    """``{"entities": [{"type", "value", "text", "start", "end", "role"}, ...]}``."""
    return {"entities": [e.as_dict() for e in entities]}
