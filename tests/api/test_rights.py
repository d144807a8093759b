"""The issue-15 routes over HTTP on a small hand-built world: the public publicity page's
rate limit and parameters, the credit export's formats and refusals, who may keep the
directory, and the holder-only request list."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cluehub.api import public
from cluehub.api.identity import issue_token
from cluehub.cases.credit import models as credit
from cluehub.graph.store import GraphStore
from cluehub.ingest.partners import add_partner
from cluehub.settings import load
from tests.support.gql import Hub
from tests.support.rights_case import COMPANY, PUTIAN, seed

REGISTER = """mutation($input: RegisterRightsHolderInput!) { registerRightsHolder(input: $input) {
  apiKey holder { id } } }"""


@pytest.fixture
def hub(falkordb_store: GraphStore, tmp_path: Path) -> Hub:
    return Hub(load(data_dir=tmp_path), falkordb_store)


def bearer(hub: Hub, bureau: str, role: str) -> dict[str, str]:
    token = issue_token(hub.settings, sub=f"{role}@{bureau}", bureau=bureau, role=role)
    return {"authorization": f"Bearer {token}"}


def test_the_public_page_is_rate_limited_and_checks_its_parameters(hub: Hub) -> None:
    assert hub.client.get("/public/takedowns?platform=ebay").status_code == 400
    assert hub.client.get("/public/takedowns?page=0").status_code == 400
    left = int(public.RATE.split("/")[0]) - 2  # the two refused above count too
    codes = [hub.client.get("/public/takedowns.csv").status_code for _ in range(left + 1)]
    assert codes[:-1] == [200] * left and codes[-1] == 429
    refused = hub.client.get("/public/takedowns")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1


def test_the_credit_export_in_both_formats_after_review(hub: Hub) -> None:
    from cluehub.cases.credit import service
    from cluehub.cases.periods import quarter_of

    case_id = seed(hub.store)
    entry = service.record_entry(
        hub.store,
        case_id=case_id,
        subject_key=COMPANY,
        category="penalised",
        facts="销售假冒注册商标的商品",
        decided_at_ms=1_786_000_000_000,
        actor=PUTIAN,
        now_ms=1_786_000_100_000,
        decision_no="莆荔市监处〔2026〕7号",
    )
    url = f"/exports/credit?quarter={quarter_of(entry.decided_at).label}&region=350304"
    coordinator = bearer(hub, "350304", "coordinator")
    assert hub.client.get(url, headers=coordinator).status_code == 403
    assert hub.client.get(url + "&format=pdf", headers=coordinator).status_code == 400
    assert hub.client.get(url, headers=bearer(hub, "350304", "investigator")).status_code == 403
    review = f"""mutation {{ reviewCreditEntries(quarter: "{entry.quarter}", region: "350304")
      {{ entryCount }} }}"""
    assert hub.ok("350300", "supervisor", review)["reviewCreditEntries"]["entryCount"] == 1
    xlsx = hub.client.get(url + "&format=xlsx", headers=coordinator)
    assert xlsx.status_code == 200 and xlsx.headers["content-type"].startswith(
        "application/vnd.openxmlformats"
    )
    book = load_workbook(io.BytesIO(xlsx.content))
    header, row = list(book["credit"].iter_rows(values_only=True))
    assert list(header) == [name for name, _ in credit.COLUMNS]
    values = dict(zip(header, row, strict=True))
    assert values["decision_no"] == "莆荔市监处〔2026〕7号" and values["category"] == "penalised"
    assert [tuple(r) for r in book["columns"].iter_rows(values_only=True)] == list(credit.COLUMNS)
    events = hub.store.find_docs("AuditEvent", {"operation": "credit.export"})
    assert [e["actor"] for e in events] == ["coordinator@350304"]


def test_only_keepers_register_holders_and_only_holders_read_requests(hub: Hub) -> None:
    seed(hub.store)
    holder = {"slug": "puma-cn", "name": "彪马", "trademarks": [
        {"brand": "puma", "registrationNo": "123", "niceClass": 25}]}  # fmt: skip
    code, message = hub.refused("350304", "investigator", REGISTER, input=holder)
    assert code == "FORBIDDEN" and "kept by coordinators" in message
    key = hub.ok("350304", "coordinator", REGISTER, input=holder)["registerRightsHolder"]["apiKey"]
    code, message = hub.refused("350304", "coordinator", REGISTER, input=holder)
    assert code == "BAD_USER_INPUT" and "exists already" in message
    assert (
        hub.client.get("/intake/v1/requests", headers={"authorization": f"Bearer {key}"}).json()[
            "requests"
        ]
        == []
    )
    platform = add_partner(hub.store, "tmall", "天猫", ["takedown"], now_ms=0, actor="t")
    refused = hub.client.get("/intake/v1/requests", headers={"authorization": f"Bearer {platform}"})
    assert refused.status_code == 403 and "not a rights holder" in refused.json()["detail"]
    pushed = hub.client.post(
        "/intake/v1/authentication",
        json={"records": []},
        headers={"authorization": f"Bearer {platform}"},
    )
    assert pushed.status_code == 403 and "may not push authentication" in pushed.json()["detail"]
