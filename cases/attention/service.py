"""The attention list: "what must my bureau do, by when" — for a polling GraphQL query.

Items by role:

- everyone: open and overdue tasks of the bureau, notifications awaiting its reply,
  progress reports due on cases it leads under supervision, repeat alerts on its
  takedown notices, its authentication requests (商品鉴别) a rights holder has not
  answered yet (overdue ones flagged);
- coordinators, supervisors and admins in addition: the escalation steps that reached
  the bureau (a subordinate's unanswered notification or unanswered authentication
  request, 件件有回音; each level of the ladder in turn) and designated-jurisdiction
  requests waiting for the bureau's decision.

Sorted by due date, the most pressing first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cluehub.cases import bureaus, documents, queries
from cluehub.cases.authentication.models import AuthenticationRequest
from cluehub.cases.context import ROLES
from cluehub.cases.errors import InvalidInput
from cluehub.cases.escalation.models import Escalation
from cluehub.cases.jurisdiction.models import JurisdictionRequest
from cluehub.cases.notification.models import Notification
from cluehub.cases.supervision.models import Supervision, next_report_due
from cluehub.cases.takedown.models import RepeatAlert
from cluehub.cases.task.models import Task
from cluehub.graph.store import GraphStore


class ItemKind(StrEnum):
    """What an attention item asks for."""

    TASK = "task"
    REPLY = "reply"
    PROGRESS_REPORT = "progress_report"
    REPEAT_ALERT = "repeat_alert"
    AUTHENTICATION = "authentication"
    ESCALATION = "escalation"
    DESIGNATION = "designation"


OVERSEERS: frozenset[str] = frozenset({"coordinator", "supervisor", "admin"})


@dataclass(frozen=True, slots=True)
class Item:
    kind: ItemKind
    ref: str  # the record to open: task, notification, supervision, alert, request id
    title: str
    due_ms: int
    overdue: bool
    case_id: str | None = None


def attention(
    store: GraphStore, *, user_bureau: str, role: str, now_ms: int, limit: int = 200
) -> list[Item]:
    """The bureau's open items for a user of ``role``, by due date."""
    if role not in ROLES:
        raise InvalidInput(f"role '{role}' is unknown (expected {', '.join(ROLES)})")
    bureau = bureaus.bureau_id(user_bureau)
    items: list[Item] = []
    for status in ("open", "overdue"):
        for doc in store.docs(
            queries.TASKS_OF_BUREAU, {"bureau": bureau, "status": status}, limit=limit
        ):
            task = documents.from_doc(Task, doc)
            items.append(
                Item(
                    "task",
                    task.key,
                    f"{task.kind}: {task.title}",
                    task.due,
                    task.due < now_ms,
                    task.case_id,
                )
            )
    for doc in store.docs(
        queries.NOTIFICATIONS_TO_REPLY, {"to_bureau": bureau, "status": "sent"}, limit=limit
    ):
        n = documents.from_doc(Notification, doc)
        items.append(
            Item(
                "reply",
                n.key,
                f"reply to 线索通报 from {bureaus.label(n.from_bureau)}",
                n.deadline,
                n.deadline < now_ms,
                n.case_id,
            )
        )
    for row in store.run(queries.SUPERVISIONS_OF_LEAD, {"bureau": bureau}):
        s = documents.from_doc(Supervision, row["props"])
        due = next_report_due(s)
        items.append(
            Item(
                "progress_report",
                s.key,
                f"progress report (挂牌督办): {row['title']}",
                due,
                due < now_ms,
                s.case_id,
            )
        )
    for doc in store.docs(
        queries.ALERTS_OF_BUREAU, {"bureau": bureau, "status": "open"}, limit=limit
    ):
        a = documents.from_doc(RepeatAlert, doc)
        items.append(
            Item(
                "repeat_alert",
                a.key,
                f"重复侵权: {a.new_listing} ({a.via}) after removal of {a.removed_listing}",
                a.raised_at,
                False,
            )
        )
    for doc in store.docs(
        queries.AUTHENTICATIONS_TO_FOLLOW, {"requested_by": bureau, "status": "sent"}, limit=limit
    ):
        r = documents.from_doc(AuthenticationRequest, doc)
        items.append(
            Item(
                "authentication",
                r.key,
                f"商品鉴别 of {r.brand} by {r.holder}: no answer yet",
                r.deadline,
                r.deadline < now_ms,
                r.case_id,
            )
        )
    if role in OVERSEERS:
        for doc in store.docs(
            queries.ESCALATIONS_TO_BUREAU, {"to_bureau": bureau, "status": "open"}, limit=limit
        ):
            e = documents.from_doc(Escalation, doc)
            items.append(
                Item(
                    "escalation",
                    e.key,
                    escalation_title(e),
                    e.deadline,
                    True,
                    e.case_id,
                )
            )
        for doc in store.docs(
            queries.JURISDICTION_TO_DECIDE, {"decider": bureau, "status": "pending"}, limit=limit
        ):
            r = documents.from_doc(JurisdictionRequest, doc)
            items.append(
                Item(
                    "designation",
                    r.key,
                    f"指定管辖 asked by {', '.join(r.requesters)}",
                    r.created_at,
                    False,
                    r.case_id,
                )
            )
    items.sort(key=lambda i: (i.due_ms, i.kind, i.ref))
    return items[:limit]


def escalation_title(e: Escalation) -> str:
    """What a step asks of its bureau, naming who owes the answer."""
    if e.subject_kind == "authentication":
        what = f"the rights holder has not answered 商品鉴别 request {e.subject} of " + (
            bureaus.label(e.from_bureau)
        )
    elif e.level == 1:
        what = f"{bureaus.label(e.subordinate)} has not answered notification {e.subject}"
    else:
        what = f"notification {e.subject} to a bureau below is still unanswered"
    if e.level > 1:
        what += f" (level {e.level}: still unanswered at {bureaus.label(e.subordinate)})"
    return what
