"""Issue 15 end to end on the demo world, through HTTP with real tokens and partner keys.

The small demo world (seed 7) is loaded through the real intake; a joint case is opened
on the first planted ring. Then: the rights holder of the ring's brand enters the
directory with its partner key; the lead's coordinator asks it for 商品鉴别; the holder
reads its work list and answers ``counterfeit`` through the partner API, and sends a
test buy that is shared with the case; the answer is on the case for its bureaus and
NOT_FOUND for a bureau outside; a second request nobody answers escalates to the lead's
city and, after the second deadline, to its province. A platform's takedown and its
publicity confirmation show on the public page, which holds no phone, ID number or name
of the world. The credit export refuses until a supervisor reviews, then lists the
case's repeat infringer with its basis. A raid at a registered market counts in the
quarterly statistics, and the market is on the key markets list.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from cluehub.analysis import RingParams, find_rings
from cluehub.api.identity import issue_token
from cluehub.cases import bureaus as directory
from cluehub.cases.periods import quarter_of
from cluehub.graph import identifiers as ids
from cluehub.ingest import brands
from cluehub.ingest.partners import add_partner
from tests.support.gql import (
    ADD_TASK,
    ATTENTION,
    DAY,
    ISSUE,
    RUN_JOBS,
    STATS,
    TRANSITION,
    UPDATE_TASK,
    Hub,
    iso,
    ms,
)

pytestmark = pytest.mark.slow  # loads a whole demo world

FROM_RING = """mutation($ring: ID!) { createJointCaseFromRing(ringId: $ring, title: "鉴别链条") {
  id lead { code } participants { code } members { edges { node { id key kind } } } } }"""
REGISTER = """mutation($input: RegisterRightsHolderInput!) { registerRightsHolder(input: $input) {
  apiKey holder { id name brands hasPartnerKey trademarks { brand registrationNo } } } }"""
HOLDERS = """query($search: String, $brand: ID) { rightsHolders(search: $search, brandId: $brand) {
  id name contacts(region: "350304") { name region } } }"""
ASK = """mutation($input: RequestAuthenticationInput!) { requestAuthentication(input: $input) {
  id status deadline holderId } }"""
REQUESTS = """query($case: ID!) { authenticationRequests(caseId: $case) {
  id status overdue holder { name } items { key }
  report { verdict verdictLabel reportNo examiner onTime files { name sha256 } }
  tracing { recordId entities { key kind } }
  escalations { id level to { code } status nextDeadline } } }"""
ONE_REQUEST = "query($id: ID!) { authenticationRequest(id: $id) { id report { verdict } } }"
RECORD_CREDIT = """mutation($input: CreditEntryInput!) { recordCreditEntry(input: $input) {
  id category legalBasis legalBasisLabel subjectName uscc caseId } }"""
REVIEW = """mutation($q: String!, $r: String!) { reviewCreditEntries(quarter: $q, region: $r) {
  id entryCount approvedBy } }"""
MARKET = """mutation($name: String!, $region: String!) {
  registerMarket(name: $name, region: $region) { id key kind } }"""
LINK = """mutation($clue: ID!, $market: ID!) {
  linkClueToMarket(clueId: $clue, marketId: $market) { key } }"""
KEY_MARKETS = "{ keyMarkets { market { key } score clues cases reasons } }"
ENTITY = "query($k: String!) { entity(key: $k) { id key kind } }"
OUTSIDER = "620000"  # 甘肃: no part of the first planted ring
MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
ID_CARD = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
REPORT_SHA = "659bac32cdc1c2c5ca957af6bfefa609c48a94d6f79315fa754dacd75a1fa269"


def partner_push(hub: Hub, key: str, kind: str, record: dict[str, Any]) -> dict[str, Any]:
    response = hub.client.post(
        f"/intake/v1/{kind}", json={"records": [record]}, headers={"authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["accepted"] + body["duplicate"] == 1, body
    return body


def wait_until(ms_at: int) -> None:
    time.sleep(max(0.0, (ms_at - time.time() * 1000) / 1000) + 0.05)


def personal_data_of(demo_dir: Path) -> set[str]:
    """Every phone, name and address the world's records carry."""
    found: set[str] = set()
    for kind, fields in (
        ("listing", ("seller_name", "seller_phone", "shop_name")),
        ("waybill", ()),
    ):
        for line in (demo_dir / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            found.update(str(record[f]) for f in fields if record.get(f))
            for side in ("sender", "receiver"):
                party = record.get(side) or {}
                found.update(str(party[f]) for f in ("name", "phone") if party.get(f))
                if party.get("address"):
                    found.add(party["address"]["text"])
            for place in ("ship_from", "return_address"):
                if record.get(place):
                    found.add(record[place]["text"])
    return {text for text in found if len(text) >= 2}


def test_rights_holders_publicity_credit_and_markets_on_the_demo_world(world) -> None:
    hub, truth, demo_dir = world
    planted = truth.rings[0]
    ring = max(
        find_rings(hub.store, RingParams(min_members=2)),
        key=lambda r: len(set(planted.workshop) & set(r.members)),
    )
    samr = ("100000", "coordinator")
    case = hub.ok(*samr, FROM_RING, ring=ring.id)["createJointCaseFromRing"]
    case_id, lead = case["id"], case["lead"]["code"]
    assert lead == planted.lead_region
    hub.ok(*samr, TRANSITION, id=case_id, status="OPEN", reason="立案")
    listing = next(  # a listing of the ring the lead's bureau sees (its region's shops)
        found
        for key in planted.listings
        if (found := hub.gql(lead, "investigator", ENTITY, {"k": key})["data"]["entity"])
    )
    participant = next(p["code"] for p in case["participants"] if p["code"] != lead)
    province = lead[:2] + "0000"
    city = directory.superior(directory.of_region(lead).id)
    assert city is not None and city.code != province

    # --- the rights holder of the ring's brand enters the directory ---------------------
    slug = planted.brands[0]
    brand = brands.get(slug)
    assert brand is not None
    registered = hub.ok(
        *samr,
        REGISTER,
        input={
            "slug": f"{slug}-cn",
            "name": f"{brand.name}（中国）品牌权利人",
            "trademarks": [{"brand": slug, "registrationNo": "1234567", "niceClass": 25}],
            "contacts": [
                {
                    "region": province,
                    "name": "林专员",
                    "email": f"ip@{slug}.example",
                    "title": "打假",
                }
            ],
        },
    )["registerRightsHolder"]
    key, holder = registered["apiKey"], registered["holder"]
    assert key.startswith(f"chk_rh-{slug}-cn_") and holder["hasPartnerKey"]
    brand_id = hub.ok(*samr, "query($k: String!) { entity(key: $k) { id } }", k=f"brand:{slug}")
    by_brand = hub.ok(lead, "investigator", HOLDERS, brand=brand_id["entity"]["id"])
    [found] = by_brand["rightsHolders"]
    assert found["id"] == holder["id"] and found["contacts"] == [
        {"name": "林专员", "region": province}
    ]
    assert (
        hub.ok(lead, "investigator", HOLDERS, search=brand.name)["rightsHolders"][0]["id"]
        == holder["id"]
    )

    # --- the lead's coordinator asks for 商品鉴别; the holder answers counterfeit ---------
    coordinator = (lead, "coordinator")
    asked = hub.ok(
        *coordinator,
        ASK,
        input={
            "caseId": case_id,
            "holderId": holder["id"],
            "brand": slug,
            "what": "鉴别涉案商品是否为正品",
            "deadline": iso(int(time.time() * 1000) + 7 * DAY),
            "listingIds": [listing["id"]],
            "seizedItems": ["运动鞋 40 双（扣押）"],
        },
    )["requestAuthentication"]
    late_deadline = int(time.time() * 1000) + 1500
    unanswered = hub.ok(
        *coordinator,
        ASK,
        input={
            "caseId": case_id,
            "holderId": holder["id"],
            "brand": slug,
            "what": "第二批扣押商品",
            "deadline": iso(late_deadline),
            "seizedItems": ["运动鞋 12 双"],
        },
    )["requestAuthentication"]
    headers = {"authorization": f"Bearer {key}"}
    work = hub.client.get("/intake/v1/requests", headers=headers).json()["requests"]
    assert {r["request_id"] for r in work} == {asked["id"], unanswered["id"]}
    shown = next(r for r in work if r["request_id"] == asked["id"])
    assert shown["listings"] == [ids.LISTING.value_of(listing["key"])] and shown["brand"] == slug
    answer = {
        "record_id": "auth-e2e-1",
        "request_id": asked["id"],
        "verdict": "counterfeit",
        "report_no": f"{slug.upper()}-2026-0001",
        "examiner": "品牌鉴定中心",
        "examined_at": iso(int(time.time() * 1000) - 60_000),
        "files": [{"name": "鉴定报告.pdf", "ref": f"{slug}://reports/0001", "sha256": REPORT_SHA}],
    }
    pushed = partner_push(hub, key, "authentication", answer)
    assert pushed["request_ledger"][0]["request"] == "recorded"
    assert partner_push(hub, key, "authentication", answer)["results"][0]["status"] == "duplicate"
    other = add_partner(hub.store, "rh-other", "other", ["rights_holder"], now_ms=0, actor="t")
    stray = partner_push(hub, other, "authentication", {**answer, "record_id": "x-1"})
    assert stray["request_ledger"][0]["request"] == "not_matched"
    waybill = "SF1311234567891"
    tracing = {
        "record_id": "buy-e2e-1",
        "request_id": asked["id"],
        "bought_at": iso(int(time.time() * 1000) - 3_600_000),
        "parcel": {
            "carrier": "SF",
            "waybill_no": waybill,
            "sender": {"address": {"text": "福建省莆田市荔城区黄石镇工业路99号"}},
        },
    }
    assert partner_push(hub, key, "tracing", tracing)["request_ledger"][0]["request"] == "recorded"

    # --- the answer is on the case, for its bureaus only ---------------------------------
    for bureau in (lead, participant):
        views = hub.ok(bureau, "investigator", REQUESTS, case=case_id)["authenticationRequests"]
        answered = next(v for v in views if v["id"] == asked["id"])
        assert answered["status"] == "ANSWERED" and answered["holder"]["name"] == holder["name"]
        assert answered["report"]["verdict"] == "COUNTERFEIT"
        assert answered["report"]["reportNo"] == answer["report_no"]
        assert answered["report"]["files"] == [{"name": "鉴定报告.pdf", "sha256": REPORT_SHA}]
        if bureau == lead:  # the listing is in the lead's region; a participant may not see it
            assert answered["items"] == [{"key": listing["key"]}]
        [traced] = answered["tracing"]
        assert {"key": f"waybill:SF:{waybill}", "kind": "Waybill"} in traced["entities"]
    for query, variables in ((REQUESTS, {"case": case_id}), (ONE_REQUEST, {"id": asked["id"]})):
        body = hub.gql(OUTSIDER, "coordinator", query, variables)
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", body

    # --- the unanswered request escalates, and again after the second deadline ----------
    wait_until(late_deadline)
    run = hub.ok("100000", "admin", RUN_JOBS)["runDueJobs"]
    assert run["escalations"] == [f"esc-{unanswered['id']}"]
    overdue = [
        i for i in hub.ok(*coordinator, ATTENTION)["attention"] if i["kind"] == "AUTHENTICATION"
    ]
    assert [(i["ref"], i["overdue"]) for i in overdue] == [(unanswered["id"], True)]
    at_city = hub.ok(city.code, "coordinator", ATTENTION)["attention"]
    assert [i["ref"] for i in at_city if i["kind"] == "ESCALATION"] == [f"esc-{unanswered['id']}"]
    [step] = next(
        v["escalations"]
        for v in hub.ok(lead, "investigator", REQUESTS, case=case_id)["authenticationRequests"]
        if v["id"] == unanswered["id"]
    )
    assert (step["level"], step["to"]["code"], step["status"]) == (1, city.code, "OPEN")
    wait_until(ms(step["nextDeadline"]))
    run = hub.ok("100000", "admin", RUN_JOBS)["runDueJobs"]
    assert run["escalations"] == [f"esc-{unanswered['id']}-2"]
    at_province = hub.ok(province, "coordinator", ATTENTION)["attention"]
    assert [i["ref"] for i in at_province if i["kind"] == "ESCALATION"] == [
        f"esc-{unanswered['id']}-2"
    ]
    assert not [
        i
        for i in hub.ok(city.code, "coordinator", ATTENTION)["attention"]
        if i["kind"] == "ESCALATION"
    ]

    # --- a platform's takedown on the public page, with no personal data ------------------
    platform = ids.LISTING.platform_of(ids.LISTING.value_of(listing["key"]))
    notice = hub.ok(
        *coordinator,
        ISSUE,
        input={
            "caseId": case_id,
            "platform": platform,
            "listingIds": [listing["id"]],
            "reason": "假冒注册商标（鉴别结论：假冒）",
        },
    )["issueTakedown"]
    acted = (ms(notice["issuedAt"]) // 1000 + 2) * 1000
    wait_until(acted)
    platform_key = add_partner(hub.store, platform, platform, ["takedown"], now_ms=0, actor="t")
    listing_id = ids.LISTING.value_of(listing["key"]).split(":", 1)[1]
    for action, record_id in (("removed", "td-e2e-1"), ("published", "td-e2e-2")):
        body = partner_push(
            hub,
            platform_key,
            "takedown",
            {
                "record_id": record_id,
                "notice_id": notice["id"],
                "platform": platform,
                "listing_id": listing_id,
                "action": action,
                "acted_at": iso(acted),
            },
        )
        assert body["takedown_ledger"][0]["ledger"] == "recorded", body
    page = hub.client.get("/public/takedowns")  # no token
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert listing_id in page.text and notice["id"] in page.text
    assert "商标法》第五十七条" in page.text
    exported = hub.client.get(f"/public/takedowns.csv?platform={platform}")
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    [row] = [r for r in rows if r["notice"] == notice["id"]]
    assert row["listing_id"] == listing_id and row["published_on"] and row["action"] == "删除"
    personal = personal_data_of(demo_dir)
    assert len(personal) > 100  # the scan has something to find
    for text in (page.text, exported.text):
        assert not MOBILE.search(text), MOBILE.search(text)
        assert not ID_CARD.search(text), ID_CARD.search(text)
        leaked = [p for p in personal if p in text]
        assert leaked == [], leaked[:5]
        assert "假冒注册商标（鉴别结论" not in text  # the bureau's own words are not published

    # --- the credit export refuses before a supervisor's review, then lists the entry ---
    company = next(k for k in planted.workshop if k.startswith("uscc:"))
    company_id = hub.ok(
        lead, "investigator", "query($k: String!) { entity(key: $k) { id } }", k=company
    )
    entry = hub.ok(
        *coordinator,
        RECORD_CREDIT,
        input={
            "caseId": case_id,
            "subjectId": company_id["entity"]["id"],
            "category": "REPEAT_INFRINGEMENT",
            "facts": "五年内第二次生产假冒注册商标的运动鞋",
            "decidedAt": iso(int(time.time() * 1000) - 1000),
        },
    )["recordCreditEntry"]
    assert entry["legalBasis"] == "TRADEMARK_LAW_60_2" and entry["uscc"] == ids.USCC.value_of(
        company
    )
    quarter = quarter_of(int(time.time() * 1000)).label
    url = f"/exports/credit?quarter={quarter}&region={province}&format=csv"
    bearer = {
        "authorization": "Bearer "
        + issue_token(hub.settings, sub="chen@prov", bureau=province, role="coordinator")
    }
    refused = hub.client.get(url, headers=bearer)
    assert refused.status_code == 403 and "have not been reviewed" in refused.json()["detail"]
    assert hub.client.get(url).status_code == 401
    code, message = hub.refused(province, "coordinator", REVIEW, q=quarter, r=province)
    assert code == "FORBIDDEN" and "needs a supervisor" in message
    review = hub.ok(province, "supervisor", REVIEW, q=quarter, r=province)["reviewCreditEntries"]
    assert review["entryCount"] == 1
    done = hub.client.get(url, headers=bearer)
    assert done.status_code == 200, done.text
    [credit_row] = list(csv.DictReader(io.StringIO(done.text.lstrip("\ufeff"))))
    assert credit_row["uscc"] == ids.USCC.value_of(company)
    assert credit_row["category"] == "repeat_infringement" and credit_row["case_ref"] == case_id
    assert "第六十条第二款" in credit_row["legal_basis_label"]
    assert credit_row["subject_name"] == entry["subjectName"]

    # --- a raid at a registered market counts; the market is a key market ---------------
    market = hub.ok(*coordinator, MARKET, name="黄石镇鞋业批发市场", region=lead)["registerMarket"]
    task = hub.ok(
        *coordinator,
        ADD_TASK,
        input={
            "caseId": case_id,
            "bureau": lead,
            "kind": "RAID",
            "title": "检查鞋业批发市场",
            "due": iso(int(time.time() * 1000) + DAY),
            "market": market["key"],
        },
    )["addTask"]
    hub.ok(
        lead,
        "investigator",
        UPDATE_TASK,
        input={"id": task["id"], "status": "DONE", "result": "查获假冒鞋 300 双"},
    )
    stats = hub.ok(*samr, STATS, quarter=quarter, region=province)["quarterlyStats"]
    assert stats["total"]["marketsInspected"] == 1
    outside = hub.ok(*samr, STATS, quarter=quarter, region="440000")["quarterlyStats"]
    assert outside["total"]["marketsInspected"] == 0
    ring_complaints = [c.complaint for c in truth.complaints if c.ring == planted.id][:2]
    for complaint in ring_complaints:
        clue = hub.ok(*samr, "query($k: String!) { entity(key: $k) { id } }", k=complaint)
        hub.ok(*samr, LINK, clue=clue["entity"]["id"], market=market["id"])
    listed = {m["market"]["key"]: m for m in hub.ok(*samr, KEY_MARKETS)["keyMarkets"]}
    assert listed[market["key"]]["clues"] == len(ring_complaints) == 2
    assert listed[market["key"]]["cases"] == 1
    assert hub.ok(OUTSIDER, "coordinator", KEY_MARKETS)["keyMarkets"] == []
