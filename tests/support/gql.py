"""The app in-process over a real store, a token for anyone, and the GraphQL documents
the coordination tests send (joint cases, tasks, notifications, takedowns, statistics).

``Hub.gql`` posts through FastAPI's test client (real HTTP handling, no socket) with a
token issued for the bureau and role asked, and fails on any answer that carries one of
``cleartext`` unmasked.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from cluehub.api.app import create_app
from cluehub.api.identity import issue_token
from cluehub.graph.store import GraphStore
from cluehub.settings import Settings

HOUR = 3_600_000
DAY = 24 * HOUR


class Hub:
    """The app over the store, with a token for anyone."""

    def __init__(
        self, settings: Settings, store: GraphStore, *, cleartext: tuple[str, ...] = ()
    ) -> None:
        self.settings = settings
        self.store = store
        self.cleartext = cleartext  # personal data no answer may carry unmasked
        self.client = TestClient(create_app(settings, store))

    def token(self, bureau: str, role: str, sub: str | None = None) -> str:
        return issue_token(self.settings, sub=sub or f"{role}@{bureau}", bureau=bureau, role=role)

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        bureau: str = "350300",
        role: str = "investigator",
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """The answer's body (status 200 asserted, no ``cleartext`` in it)."""
        response = self.client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {self.token(bureau, role)}"} | (headers or {}),
        )
        assert response.status_code == 200, response.text
        for secret in self.cleartext:
            assert secret not in response.text, f"cleartext {secret} leaked: {response.text}"
        return response.json()

    def gql(
        self, bureau: str, role: str, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return self.post(query, variables, bureau=bureau, role=role)

    def ok(self, bureau: str, role: str, query: str, **variables: Any) -> dict[str, Any]:
        body = self.gql(bureau, role, query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def refused(self, bureau: str, role: str, query: str, **variables: Any) -> tuple[str, str]:
        body = self.gql(bureau, role, query, variables)
        assert body.get("errors"), body
        error = body["errors"][0]
        return error["extensions"]["code"], error["message"]


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()


def ms(text: str) -> int:
    return round(datetime.fromisoformat(text).timestamp() * 1000)


ENTITY_ID = "query($key: String!) { entity(key: $key) { id key } }"
CASE_FIELDS = """id title status relation lead { code } participants { code }
  coordinators { code } coordinationLevel openedAt jointActionAt supervised
  members { edges { node { id key kind } } } clue { key }
  tasks { totalCount edges { node { id kind status bureau { code } result market } } }
  comments { text bureau { code } }
  evidenceTransfers { what from { code } to { code } evidence { key } }
  policeTransfers { reference offence offenceLabel bureau { code } }
  supervisions { id supervisor { code } reportCount status }
  designationRequests { id status decider { code } designated { code } }
  takedownNotices { id platform }"""
CREATE = f"""mutation($input: CreateJointCaseInput!) {{
  createJointCase(input: $input) {{ {CASE_FIELDS} }} }}"""
CASE = f"query($id: ID!) {{ jointCase(id: $id) {{ {CASE_FIELDS} }} }}"
CASES = "{ jointCases { edges { node { id relation } } pageInfo { hasNextPage } } }"
TRANSITION = """mutation($id: ID!, $status: JointCaseStatus!, $reason: String!) {
  transitionJointCase(id: $id, status: $status, reason: $reason) { status openedAt } }"""
ADD_TASK = """mutation($input: AddTaskInput!) { addTask(input: $input) { id status kind } }"""
UPDATE_TASK = """mutation($input: UpdateTaskInput!) {
  updateTask(input: $input) { id status result market doneAt } }"""
NOTIFY = """mutation($input: NotifyClueInput!) { notifyClue(input: $input) {
  notifications { id status to { code } deadline }
  routing { lead { code } notify { code } level } } }"""
REPLY = """mutation($id: ID!, $kind: ReplyKind!, $text: String!) {
  replyNotification(id: $id, kind: $kind, text: $text) {
    status overdue escalatedTo { code } reply { text onTime } } }"""
ATTENTION = "{ attention { kind ref title overdue caseId } }"
NOTIFICATIONS = """query($filter: NotificationFilter) { notifications(filter: $filter) {
  id status from { code } to { code } clue { key } } }"""
RUN_JOBS = "mutation { runDueJobs { escalations overdueTasks repeatAlerts creditEntries } }"
ISSUE = """mutation($input: IssueTakedownInput!) { issueTakedown(input: $input) {
  id platform issuedAt from { code } results { action listing { key } } } }"""
NOTICES = """query($filter: TakedownNoticeFilter) { takedownNotices(filter: $filter) {
  id issuedAt results { action actedAt timeToRemovalHours listing { key } }
  removalTimes { answered removed maxHours } } }"""
STATS = """query($quarter: String!, $region: String) {
  quarterlyStats(quarter: $quarter, region: $region) {
    quarter region { code } dueDate
    total { ...figures }
    byRegion { region { code } figures { ...figures } }
    rows { region section metric value } } }
fragment figures on Figures {
  cluesByChannel { name count } cluesTotal casesOpened casesClosed majorCasesOpened
  actionsByKind { name count } actionsTotal marketsInspected policeTransfers
  notifications { received replied onTime unansweredOverdue replyRate onTimeRate }
  takedowns { platform answered removed } }"""
HISTORY = """query($id: ID!, $reads: Boolean!) { jointCase(id: $id) {
  history(includeReads: $reads) { operation actor bureau { code } } } }"""
