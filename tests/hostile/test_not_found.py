"""No existence oracle (#10 item 7): createJointCase answers the same NOT_FOUND for a node
that does not exist and for one outside the bureau's scope, with the key masked in the
message and in the log; a bad involvement region is BAD_USER_INPUT, not "internal error"."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cluehub.api.app import create_app
from cluehub.api.identity import issue_token
from cluehub.api.opaque_ids import OpaqueIds
from cluehub.api.secrets import ID_SECRET_FILE, load_or_create
from cluehub.graph.falkordb_store import FalkorDBStore
from cluehub.graph.records import Batch
from cluehub.settings import load

HANGZHOU_PHONE = "tel:+8613912345678"  # exists, but only in 杭州 (330100)
ABSENT_PHONE = "tel:+8613700000000"
MUTATION = """mutation($i: CreateJointCaseInput!) { createJointCase(input: $i) { id } }"""


@pytest.fixture
def hub(falkordb_store: FalkorDBStore, tmp_path: Path):
    batch = Batch()
    batch.node(HANGZHOU_PHONE, 1, "t/1", region="330110")
    falkordb_store.write(batch)
    settings = load(data_dir=tmp_path)
    app = create_app(settings, falkordb_store)
    ids = OpaqueIds(load_or_create(tmp_path, ID_SECRET_FILE, None, "CLUEHUB_ID_SECRET"))
    token = issue_token(settings, sub="lin", bureau="350300", role="coordinator")
    return TestClient(app), ids, {"Authorization": f"Bearer {token}"}


def _create(hub, **changes) -> dict:
    client, _, auth = hub
    value = {"title": "莆田鞋案", "lead": "350300", "participants": ["350304"]} | changes
    response = client.post(
        "/graphql", json={"query": MUTATION, "variables": {"i": value}}, headers=auth
    )
    assert response.status_code == 200, response.text
    return response.json()["errors"][0]


def test_absent_and_out_of_scope_nodes_get_the_same_masked_answer(
    hub, caplog: pytest.LogCaptureFixture
) -> None:
    _, ids, _ = hub
    caplog.set_level(logging.INFO)
    hidden = _create(hub, memberIds=[ids.encode(HANGZHOU_PHONE)])
    absent = _create(hub, memberIds=[ids.encode(ABSENT_PHONE)])
    assert hidden["extensions"]["code"] == absent["extensions"]["code"] == "NOT_FOUND"
    assert hidden["message"].replace("139****5678", "X") == absent["message"].replace(
        "137****0000", "X"
    )
    for error, phone in ((hidden, "13912345678"), (absent, "13700000000")):
        assert phone not in error["message"] and "****" in error["message"]
        assert phone not in caplog.text


@pytest.mark.parametrize("region", ["999999", "35030", "abc"])
def test_a_bad_involvement_region_is_bad_user_input(hub, region: str) -> None:
    error = _create(hub, involvement=[{"region": region, "role": "PRODUCTION"}])
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert "involvement[0]" in error["message"] and "internal error" not in error["message"]
