"""Rights holders in the loop (issue 15), at the services over the real store: the
directory (权利人联系名录), authentication requests (商品鉴别) with their answers, tracing
and escalation, credit records (信用信息) with the supervisor's review before export,
and the publicity (公示) made from the takedown ledger."""

from __future__ import annotations

import pytest

from cluehub.cases import audit, jobs
from cluehub.cases.attention.service import attention
from cluehub.cases.authentication import service as auth
from cluehub.cases.context import Actor, SequentialIds
from cluehub.cases.credit import export as credit_export
from cluehub.cases.credit import service as credit
from cluehub.cases.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from cluehub.cases.escalation import service as ladder
from cluehub.cases.periods import quarter_of
from cluehub.cases.publicity import service as publicity
from cluehub.cases.rightsholder import service as directory
from cluehub.cases.takedown import service as takedowns
from cluehub.cases.task import service as tasks
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore, is_visible
from tests.support.rights_case import (
    COMPANY,
    DAY,
    FUJIAN,
    GUANGZHOU,
    HOUR,
    LISTING,
    OUTSIDER,
    PUTIAN,
    SHOP,
    SLUG,
    T0,
    register,
    seed,
)


def test_the_directory_links_brands_to_holders_and_audits_contacts(store: GraphStore) -> None:
    seed(store)
    with pytest.raises(PermissionDenied, match="kept by coordinators, supervisors and admins"):
        directory.register_holder(store, slug="x-co", name="X", actor=GUANGZHOU, now_ms=T0)
    with pytest.raises(InvalidInput, match="Nice class 46 must be 1-45"):
        directory.register_holder(
            store, slug="x-co", name="X", actor=PUTIAN, now_ms=T0, trademarks=[("x", "1", 46)]
        )
    with pytest.raises(InvalidInput, match="registration number 'TM-1' must be the 1-10 digits"):
        directory.register_holder(
            store, slug="x-co", name="X", actor=PUTIAN, now_ms=T0, trademarks=[("x", "TM-1", 3)]
        )
    partner = register(store)
    entry = directory.get(store, SLUG)
    assert entry.partner_id == partner == "rh-nike-cn"
    assert [t.label for t in entry.trademarks] == ["1234567/25", "7654321/18"]
    # The brand node links to the holder, the registrations on the link.
    assert [h.key for h in directory.holders_of_brand(store, "brand:nike")] == ["holder:nike-cn"]
    held = store.neighbourhood("brand:nike", 1, types=["HELD_BY"])
    assert "holder:nike-cn" in held.nodes
    [edge] = [e for e in held.edges if e.type == "HELD_BY"]
    assert edge.src == "brand:nike"
    # Search: by name, registration number, brand slug (the api room reads 耐克 -> nike).
    for text in ("耐克", "nike innovate", "7654321"):
        assert [e.key for e in directory.directory(store, text=text)] == [entry.key], text
    assert directory.directory(store, brands=frozenset({"nike"}))[0].key == entry.key
    assert directory.directory(store, text="阿迪达斯") == []
    # Contacts: the region's and the national one, the read audited.
    found = directory.contacts(
        store, holder=SLUG, actor=GUANGZHOU, now_ms=T0 + 60_000, region="350304"
    )
    assert [c.name for c in found] == ["林专员", "王律师"]
    [read] = store.find_docs("AuditEvent", {"operation": "rights_holder.contacts.read"})
    assert read["actor"] == GUANGZHOU.user and entry.key in read["object_keys"]
    # Only the keeping bureau (or one above) changes the entry.
    keeper = Actor("gz.coord", "bureau:440111", "coordinator")
    with pytest.raises(PermissionDenied, match="kept by 荔城区市场监督管理局"):
        directory.add_trademark(
            store,
            holder=SLUG,
            brand="air-jordan",
            registration_no="111",
            nice_class=25,
            actor=keeper,
            now_ms=T0,
        )
    updated = directory.add_trademark(
        store,
        holder=SLUG,
        brand="air-jordan",
        registration_no="111",
        nice_class=25,
        actor=FUJIAN,
        now_ms=T0 + HOUR,
    )
    assert updated.brands == ("nike", "air-jordan")
    trail = [e["operation"] for e in audit.trail(store, object_key=entry.key)]
    assert trail == [
        "rights_holder.register",
        "rights_holder.contacts.read",
        "rights_holder.trademark.add",
    ]


def test_an_authentication_request_is_answered_and_escalates_when_not(store: GraphStore) -> None:
    case_id = seed(store)
    partner = register(store)
    ids = SequentialIds()
    ask = dict(holder=SLUG, brand="nike", what="鉴别 AF1 是否为正品", case_id=case_id)
    with pytest.raises(PermissionDenied, match="not visible to 四川省"):
        auth.request_authentication(
            store, **ask, deadline_ms=T0 + DAY, actor=OUTSIDER, now_ms=T0, listing_keys=[LISTING]
        )
    with pytest.raises(InvalidInput, match="holds no trademark of brand:adidas"):
        auth.request_authentication(
            store,
            **{**ask, "brand": "adidas"},
            deadline_ms=T0 + DAY,
            actor=PUTIAN,
            now_ms=T0,
            listing_keys=[LISTING],
        )
    with pytest.raises(InvalidInput, match="sha256 'abc' must be the 64 hex digits"):
        auth.request_authentication(
            store, **ask, deadline_ms=T0 + DAY, actor=PUTIAN, now_ms=T0, photos=[("a", "b", "abc")]
        )
    request = auth.request_authentication(
        store,
        **ask,
        deadline_ms=T0 + 2 * DAY,
        actor=PUTIAN,
        now_ms=T0,
        listing_keys=[LISTING],
        seized_items=["运动鞋 40 双（扣押）"],
        photos=[
            (
                "1.jpg",
                "case://photos/1.jpg",
                "9e6dbb065c29ce8052addfabf844817acd39577c4420f4fc9cfa9230e11b425d",
            )
        ],
        ids=ids,
    )
    assert request.status == "sent" and request.requested_by == PUTIAN.bureau
    # The holder's work list; another partner is not a holder.
    assert [r.key for r in auth.open_for_partner(store, partner_id=partner, now_ms=T0)] == [
        request.key
    ]
    with pytest.raises(PermissionDenied, match="not a rights holder of the directory"):
        auth.open_for_partner(store, partner_id="tmall", now_ms=T0)
    # Overdue: marked, in attention, escalated to 莆田市 (350300), then to 福建省.
    [item] = [
        i
        for i in attention(
            store, user_bureau=PUTIAN.bureau, role="investigator", now_ms=T0 + 3 * DAY
        )
    ]
    assert (item.kind, item.ref, item.overdue) == ("authentication", request.key, True)
    run = jobs.run_due_jobs(store, now_ms=T0 + 2 * DAY + HOUR, ids=ids)
    assert run.escalations == (f"esc-{request.key}",)
    [step] = [
        i
        for i in attention(
            store, user_bureau="bureau:350300", role="coordinator", now_ms=T0 + 3 * DAY
        )
    ]
    assert step.kind == "escalation" and "商品鉴别" in step.title and step.case_id == case_id
    run = jobs.run_due_jobs(store, now_ms=T0 + 4 * DAY + 2 * HOUR, ids=ids)
    assert run.escalations == (f"esc-{request.key}-2",)
    assert [s.to_bureau for s in ladder.ladder(store, request.key)] == [
        "bureau:350300",
        "bureau:350000",
    ]

    # The holder answers (late): the report is evidence on the case, the step closes.
    answer = dict(
        partner_id=partner,
        request_id=request.key,
        verdict="counterfeit",
        report_no="NK-2026-1",
        examiner="鉴定中心",
        examined_at_ms=T0 + 4 * DAY,
        record_id="r-1",
        files=[("report.pdf", "nike://r/1", "a" * 64)],
    )
    with pytest.raises(NotFound, match="no authentication request"):
        auth.answer_request(store, **{**answer, "request_id": "auth-nope"}, now_ms=T0 + 5 * DAY)
    report = auth.answer_request(store, **answer, now_ms=T0 + 5 * DAY, ids=ids)
    assert (report.verdict, report.on_time, report.files[0].sha256) == (
        "counterfeit",
        False,
        "a" * 64,
    )
    assert auth.answer_request(store, **answer, now_ms=T0 + 6 * DAY) == report  # resent
    with pytest.raises(InvalidTransition, match="answered already"):
        auth.answer_request(store, **{**answer, "verdict": "genuine"}, now_ms=T0 + 6 * DAY)
    assert [s.status for s in ladder.ladder(store, request.key)] == ["climbed", "answered"]
    assert (
        attention(store, user_bureau="bureau:350000", role="supervisor", now_ms=T0 + 6 * DAY) == []
    )

    # The case's bureaus read it; a bureau outside the case cannot (the refusal audited).
    [view] = auth.of_case(store, case_id=case_id, actor=GUANGZHOU, now_ms=T0 + 6 * DAY)
    assert view.report == report and view.request.status == "answered"
    with pytest.raises(PermissionDenied):
        auth.view(store, request_id=request.key, actor=OUTSIDER, now_ms=T0 + 6 * DAY)
    refused = store.find_docs("AuditEvent", {"operation": "authentication.read.refused"})
    assert [e["actor"] for e in refused] == [OUTSIDER.user]

    # Tracing for the request: its nodes are granted to the case's bureaus.
    b = Batch()
    b.node("waybill:SF:SF1311234567891", T0 + 4 * DAY, f"{partner}.tracing/t-1", region="350304")
    store.write(b)
    assert not is_visible(store.get("waybill:SF:SF1311234567891"), "440111")
    traced = auth.attach_tracing(
        store,
        partner_id=partner,
        request_id=request.key,
        record_id="t-1",
        node_keys=["waybill:SF:SF1311234567891", "shop:tmall:absent"],
        now_ms=T0 + 6 * DAY,
    )
    assert traced.node_keys == ("waybill:SF:SF1311234567891",)
    assert is_visible(store.get("waybill:SF:SF1311234567891"), "440111")


def test_credit_entries_export_only_after_a_supervisors_review(store: GraphStore, tmp_path) -> None:
    case_id = seed(store)
    quarter = quarter_of(T0).label
    with pytest.raises(InvalidInput, match="names its decision"):
        credit.record_entry(
            store, case_id=case_id, subject_key=COMPANY, category="penalised", facts="x",
            decided_at_ms=T0, actor=PUTIAN, now_ms=T0,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        credit.record_entry(
            store, case_id=case_id, subject_key=COMPANY, category="repeat_infringement",
            facts="x", decided_at_ms=T0, actor=OUTSIDER, now_ms=T0,
        )  # fmt: skip
    repeat = credit.record_entry(
        store,
        case_id=case_id,
        subject_key=COMPANY,
        category="repeat_infringement",
        facts="五年内第二次销售假冒耐克运动鞋",
        decided_at_ms=T0,
        actor=PUTIAN,
        now_ms=T0 + HOUR,
    )
    assert repeat.legal_basis == "trademark_law_60_2" and repeat.uscc == "91350300MA2YB8XK0X"
    task = tasks.create_task(
        store,
        case_id=case_id,
        bureau="440111",
        kind="investigate",
        title="核查",
        due_ms=T0 + DAY,
        actor=PUTIAN,
        now_ms=T0,
    )
    refusal = credit.record_refusal(
        store,
        task_id=task.key,
        subject_key=SHOP,
        facts="拒绝提供进货记录",
        decided_at_ms=T0 + HOUR,
        actor=GUANGZHOU,
        now_ms=T0 + 2 * HOUR,
    )
    assert (refusal.category, refusal.task_id, refusal.bureau) == (
        "refused_to_cooperate",
        task.key,
        GUANGZHOU.bureau,
    )
    national = Actor("samr.coord", "bureau:100000", "coordinator")
    with pytest.raises(credit.NotReviewed, match="have not been reviewed"):
        credit.export(store, quarter=quarter, region="100000", actor=national, now_ms=T0 + DAY)
    with pytest.raises(PermissionDenied, match="needs a supervisor"):
        credit.review(store, quarter=quarter, region="350304", actor=PUTIAN, now_ms=T0 + DAY)
    with pytest.raises(PermissionDenied, match="outside"):
        credit.review(store, quarter=quarter, region="440000", actor=FUJIAN, now_ms=T0 + DAY)
    review = credit.review(store, quarter=quarter, region="350000", actor=FUJIAN, now_ms=T0 + DAY)
    assert review.entry_keys == (repeat.key,)  # 福建's entries only
    found = credit.export(store, quarter=quarter, region="350000", actor=FUJIAN, now_ms=T0 + DAY)
    [row] = found.rows
    columns = dict(zip(credit.header(), row, strict=True))
    assert columns["subject_name"] == "莆田某某鞋业有限公司"
    assert columns["category"] == "repeat_infringement" and columns["case_ref"] == case_id
    assert "第六十条第二款" in columns["legal_basis_label"]
    assert columns["bureau_name"] == "莆田市荔城区市场监督管理局"
    path = credit_export.write_export(found, tmp_path / "credit.csv", "csv")
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(credit.header())
    credit_export.write_export(found, tmp_path / "credit.xlsx", "xlsx")
    # An entry recorded after the review stops the export until a supervisor reviews again.
    credit.record_entry(
        store, case_id=case_id, subject_key=COMPANY, category="penalised",
        facts="罚款", decided_at_ms=T0 + DAY, actor=PUTIAN, now_ms=T0 + 2 * DAY,
        decision_no="莆荔市监处〔2026〕12号",
    )  # fmt: skip
    with pytest.raises(credit.NotReviewed, match="recorded after the review"):
        credit.export(store, quarter=quarter, region="350000", actor=FUJIAN, now_ms=T0 + 2 * DAY)
    operations = [e["operation"] for e in store.find_docs("AuditEvent", {"actor": FUJIAN.user})]
    assert operations.count("credit.export.refused") == 1 and "credit.export" in operations


def test_publicity_shows_removed_listings_without_personal_data(store: GraphStore) -> None:
    case_id = seed(store)
    notice = takedowns.issue_takedown(
        store,
        listing_keys=[LISTING],
        platform="tmall",
        from_bureau=GUANGZHOU.bureau,
        actor=GUANGZHOU,
        now_ms=T0,
        reason="林某 13905941234 销售假冒耐克",  # the bureau's text names a person: never shown
        case_id=case_id,
    )
    assert publicity.entries(store) == []  # not removed yet
    with pytest.raises(InvalidTransition, match="only a removed listing is published"):
        takedowns.record_publication(
            store, notice_id=notice.key, listing_key=LISTING, published_at_ms=T0, now_ms=T0
        )
    takedowns.record_takedown_result(
        store, notice_id=notice.key, listing_key=LISTING, action="removed", acted_at_ms=T0 + HOUR
    )
    [entry] = publicity.entries(store, platform="tmall")
    assert (entry.listing_id, entry.shop_id, entry.action) == (
        "692345678901",
        "58812345",
        "removed",
    )
    assert entry.legal_basis.startswith("《中华人民共和国商标法》第五十七条")
    assert entry.bureau == "广州市白云区市场监督管理局" and entry.published_on is None
    with pytest.raises(PermissionDenied, match="partner jd cannot answer"):
        takedowns.record_publication(
            store, notice_id=notice.key, listing_key=LISTING, published_at_ms=T0 + 2 * HOUR,
            now_ms=T0 + 2 * HOUR, partner="jd",
        )  # fmt: skip
    takedowns.record_publication(
        store, notice_id=notice.key, listing_key=LISTING, published_at_ms=T0 + DAY,
        now_ms=T0 + DAY, partner="tmall",
    )  # fmt: skip
    [entry] = publicity.entries(store)
    assert entry.published_on == "2026-08-04"
    shown = " ".join(entry.row())
    for secret in ("林某", "13905941234", "潮鞋汇", "莆田某某"):
        assert secret not in shown
    assert publicity.entries(store, platform="jd") == []
    with pytest.raises(InvalidInput, match="unknown platform"):
        publicity.entries(store, platform="ebay")
