"""Generated requests (#10 item 9): a bounded schemathesis run over the intake OpenAPI
(0 server errors, 0 responses outside their declared schema) and a bounded hypothesis
fuzz of GraphQL bodies (0 server errors, 0 "internal error")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from cluehub.api.app import create_app
from cluehub.api.identity import issue_token
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.ingest import feeds
from cluehub.ingest.partners import add_partner
from cluehub.settings import load


@pytest.fixture
def app(falkordb_store: FalkorDBStore, tmp_path: Path):
    application = create_app(load(data_dir=tmp_path), falkordb_store)
    application.state.partner_key = add_partner(
        falkordb_store, "sf", "sf", list(feeds.PARTNER_KINDS), now_ms=1, actor="t",
        rate_limit="100000/minute",
    )  # fmt: skip
    application.state.token = issue_token(
        load(data_dir=tmp_path), sub="fuzz", bureau="350300", role="investigator"
    )
    return application


def test_schemathesis_over_the_intake_api(app) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    intake = schema.include(path_regex="^/intake/")
    operations = [op.ok() for op in intake.get_all_operations()]
    assert len(operations) == len(feeds.KINDS) + 2  # the pushes, receipts, holders' requests
    failures: list[str] = []
    statuses: list[int] = []
    headers = {"Authorization": f"Bearer {app.state.partner_key}"}
    for operation in operations:
        _fuzz(operation, headers, failures, statuses)
    assert failures == []
    assert len(statuses) >= 200 and 200 in statuses and any(400 <= s < 500 for s in statuses)


def _fuzz(operation, headers: dict[str, str], failures: list[str], statuses: list[int]) -> None:
    @settings(
        max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(case=operation.as_strategy())
    def run(case) -> None:
        response = case.call(headers=headers)
        statuses.append(response.status_code)
        try:
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )
        except Exception as exc:  # collect, then fail once with all of them
            failures.append(f"{operation.label}: {str(exc)[:300]}")

    run()


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=25,
)
_QUERIES = [
    "{ me { name role bureau { name } } }",
    "query($k: String!) { entity(key: $k) { key caption } }",
    "query($t: String, $n: Int) { search(text: $t, first: $n) { edges { cursor } } }",
    "mutation($i: CreateJointCaseInput!) { createJointCase(input: $i) { id } }",
    "mutation($i: NotifyClueInput!) { notifyClue(input: $i) { routing { level } } }",
    'query($n: Int) { neighbourhood(key: "shop:tmall:1", first: $n) { truncated } }',
]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    query=st.sampled_from(_QUERIES) | st.text(max_size=200),
    variables=st.none() | st.dictionaries(st.sampled_from(["k", "t", "n", "i", "x"]), _json),
    raw=st.none() | st.binary(max_size=300),
)
def test_generated_graphql_bodies_never_fail_inside(app, query, variables, raw) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    if raw is not None:
        body = raw
    else:
        body = json.dumps({"query": query, "variables": variables}, default=str).encode()
    response = client.post(
        "/graphql",
        content=body,
        headers={
            "Authorization": f"Bearer {app.state.token}",
            "Content-Type": "application/json",
            "Accept": "application/graphql-response+json",
        },
    )
    assert response.status_code < 500, response.text
    assert "internal error" not in response.text, response.text
