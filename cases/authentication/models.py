"""Authentication requests (商品鉴别, 004 §3.4): records and rules.

A bureau on a joint case (or on a task of one) asks the rights holder of a brand to
tell genuine from fake: listings, waybills, seized goods (described), photos (by
reference and SHA-256: the hub keeps references, not files), with a deadline. The holder
answers through its partner key (feed kind ``authentication``): a verdict (``genuine``,
``counterfeit``, ``cannot_tell``) with the report number, the examiner, the date and
the report's files (by reference and SHA-256). The answer is evidence on the case
(``AuthenticationReport``), shown to the case's bureaus and their superiors only. The
holder may also send tracing results (its own test buys, feed kind ``tracing``): they
enter the graph through the normal intake with the holder as source, and a
``TracingReport`` records which nodes the request's case was granted.

Status: ``sent`` → ``answered`` (final; the same answer sent again changes nothing). An
unanswered request past its deadline is marked overdue and climbs the escalation ladder
from the requesting bureau's superior up (``cases.escalation``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from cluehub.cases.errors import InvalidInput
from cluehub.graph import model

REQUEST = "AuthenticationRequest"
REPORT = "AuthenticationReport"
TRACING = "TracingReport"
for _kind in (
    model.DocumentKind(
        REQUEST,
        "A request to a rights holder to tell genuine from fake goods (商品鉴别).",
        ("case_id", "holder", "requested_by", "status"),
    ),
    model.DocumentKind(
        REPORT, "A rights holder's verdict on a request: evidence on the case.", ("case_id",)
    ),
    model.DocumentKind(
        TRACING, "Tracing results a rights holder sent for a request (信息溯源).", ("request",)
    ),
):
    model.register_document(_kind)


class Verdict(StrEnum):
    """A rights holder's verdict: 正品, 假冒, 无法鉴别."""

    GENUINE = "genuine"
    COUNTERFEIT = "counterfeit"
    CANNOT_TELL = "cannot_tell"


VERDICTS: dict[Verdict, str] = {
    Verdict.GENUINE: "正品",
    Verdict.COUNTERFEIT: "假冒",
    Verdict.CANNOT_TELL: "无法鉴别",
}


class Status(StrEnum):
    """A request: sent → answered."""

    SENT = "sent"
    ANSWERED = "answered"


SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_ITEMS = 100


@dataclass(frozen=True, slots=True)
class FileRef:
    name: str
    ref: str
    sha256: str


@dataclass(frozen=True, slots=True)
class AuthenticationRequest:
    key: str
    case_id: str
    holder: str  # holder:<slug>
    brand: str  # brand:<slug>
    requested_by: str  # bureau id
    what: str  # what is to be examined, in words
    deadline: int
    created_at: int
    created_by: str
    status: Status = Status.SENT
    task_id: str | None = None
    listing_keys: tuple[str, ...] = ()
    waybill_keys: tuple[str, ...] = ()
    seized_items: tuple[str, ...] = ()
    photo_names: tuple[str, ...] = ()
    photo_refs: tuple[str, ...] = ()
    photo_sha256: tuple[str, ...] = ()
    overdue: bool = False
    answered_at: int | None = None
    verdict: Verdict | None = None
    report: str | None = None  # the AuthenticationReport's key
    regions: tuple[str, ...] = ()  # the requesting bureau's lineage

    @property
    def photos(self) -> tuple[FileRef, ...]:
        return files_of(self.photo_names, self.photo_refs, self.photo_sha256)


@dataclass(frozen=True, slots=True)
class AuthenticationReport:
    """鉴别报告: the holder's verdict, as the case keeps it."""

    key: str
    request: str
    case_id: str
    holder: str
    verdict: Verdict
    report_no: str
    examiner: str
    examined_at: int
    received_at: int
    on_time: bool
    partner: str
    record_id: str
    file_names: tuple[str, ...] = ()
    file_refs: tuple[str, ...] = ()
    file_sha256: tuple[str, ...] = ()
    note: str = ""

    @property
    def files(self) -> tuple[FileRef, ...]:
        return files_of(self.file_names, self.file_refs, self.file_sha256)


@dataclass(frozen=True, slots=True)
class TracingReport:
    key: str  # tracing-<partner>/<record id>
    request: str
    case_id: str
    holder: str
    record_id: str
    node_keys: tuple[str, ...]
    received_at: int


def files_of(names: tuple[str, ...], refs: tuple[str, ...], digests: tuple[str, ...]):
    return tuple(FileRef(*row) for row in zip(names, refs, digests, strict=True))


def report_key(request_id: str) -> str:
    """One report per request: its key is derived, so a resent answer is recognised."""
    return f"authr-{request_id}"


def check_file(name: str, ref: str, sha256: str, where: str) -> FileRef:
    name, ref, digest = (name or "").strip(), (ref or "").strip(), (sha256 or "").strip().lower()
    if not 1 <= len(name) <= 200 or not 1 <= len(ref) <= 500:
        raise InvalidInput(f"{where}: a file needs a name (≤200) and a reference (≤500)")
    if not SHA256.fullmatch(digest):
        raise InvalidInput(
            f"{where}: sha256 '{sha256[:80]}' must be the 64 hex digits of the file's SHA-256"
        )
    return FileRef(name, ref, digest)


def check_verdict(verdict: str, where: str) -> Verdict:
    if verdict not in VERDICTS:
        raise InvalidInput(
            f"{where}: verdict '{verdict}' is unknown (expected {', '.join(VERDICTS)})"
        )
    return Verdict(verdict)
