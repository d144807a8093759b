"""Authorization matrix: roles × bureaus at every level × object kinds × operations.

The graph is built here with ``Batch`` nodes tagged with regions (and one grant). Who
may see what is written out by hand below, not computed with the code under test. For
every viewer, every operation (entity by id and by key, search by text and identifier,
neighbours two levels deep, neighbourhood, unmask, audit trail, liaisons) must return
exactly the visible objects and refuse the rest; a scan of every response for
cleartext, masked keys and ids of invisible objects must find nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cluehub.api.app import create_app
from cluehub.api.identity import ROLES, issue_token
from cluehub.graph import identifiers as ids
from cluehub.graph.records import Batch
from cluehub.graph.store import GraphStore
from cluehub.settings import load

T = 1_700_000_000_000
F_PHONE = ids.PHONE.key_of("13812345678")
F_WAYBILL = ids.WAYBILL.key_of("SF1311234567890")
F_SHOP = ids.SHOP.key_of("tmall:1001")
F_PERSON = ids.PERSON.key(ids.PERSON.clean("张伟", scope="sf/77"))
F_COMPANY = ids.COMPANY.key(ids.COMPANY.clean("莆田某某鞋业有限公司", scope="tmall/1001"))
F_ADDRESS = ids.ADDRESS.key_of("福建省福州市鼓楼区东街88号")
Z_PHONE = ids.PHONE.key_of("13987654321")
Z_WAYBILL = ids.WAYBILL.key_of("YT1234567890123")
Z_SHOP = ids.SHOP.key_of("tmall:2002")
Z_LISTING = ids.LISTING.key_of("tmall:3003")
PLATFORM = ids.PLATFORMS_TYPE.key_of("tmall")
ALL = (
    F_PHONE, F_WAYBILL, F_SHOP, F_PERSON, F_COMPANY, F_ADDRESS,
    Z_PHONE, Z_WAYBILL, Z_SHOP, Z_LISTING, PLATFORM,
)  # fmt: skip
FUJIAN_COUNTY = {F_PHONE, F_WAYBILL, F_SHOP, F_PERSON}
ZHEJIANG = {Z_PHONE, Z_WAYBILL, Z_SHOP, Z_LISTING}
# Written by hand: county data is seen by its county, city, province and SAMR; city-level
# data not by the county; the Yiwu listing was notified (granted) to 莆田市, so 莆田市 and
# its superior 福建省 see it, 荔城区 below does not; the platform node carries no region,
# so only SAMR sees it.
VISIBLE: dict[str, set[str]] = {
    "100000": set(ALL),
    "350000": FUJIAN_COUNTY | {F_COMPANY, F_ADDRESS, Z_LISTING},
    "350300": FUJIAN_COUNTY | {F_COMPANY, Z_LISTING},
    "350304": set(FUJIAN_COUNTY),
    "330000": set(ZHEJIANG),
    "330782": set(ZHEJIANG),
}
BUREAUS = tuple(VISIBLE)
CLEARTEXT = ("13812345678", "13987654321", "张伟", "东街88号", "李娜", "王芳")
SHOP_NAMES = {F_SHOP: "荔城鞋店", Z_SHOP: "义乌鞋店"}


def _build(store: GraphStore) -> None:
    b = Batch()
    b.node(F_PHONE, T, "t/1", region="350304")
    b.node(F_WAYBILL, T, "t/1", region="350304", sender_name="张伟", receiver_name="李娜")
    b.node(F_SHOP, T, "t/1", region="350304", name="荔城鞋店", seller_name="王芳")
    b.node(F_PERSON, T, "t/1", region="350304", name="张伟")
    b.node(F_COMPANY, T, "t/1", region="350300", name="莆田某某鞋业有限公司")
    b.node(F_ADDRESS, T, "t/1", region="350000", text="福建省福州市鼓楼区东街88号")
    b.node(Z_PHONE, T, "t/2", region="330782")
    b.node(Z_WAYBILL, T, "t/2", region="330782", receiver_name="李娜")
    b.node(Z_SHOP, T, "t/2", region="330782", name="义乌鞋店")
    b.node(Z_LISTING, T, "t/2", region="330782", title="运动鞋 鞋店爆款")
    b.node(PLATFORM, T, "t/3")
    b.rel(F_SHOP, "HAS_PHONE", F_PHONE, T, "t/1")
    b.rel(F_SHOP, "OPERATED_BY", F_COMPANY, T, "t/1")
    b.rel(F_SHOP, "ON_PLATFORM", PLATFORM, T, "t/1")
    b.rel(F_WAYBILL, "SENT_BY", F_PHONE, T, "t/1")
    b.rel(F_WAYBILL, "SENT_BY", F_PERSON, T, "t/1")
    b.rel(F_WAYBILL, "SENT_FROM", F_ADDRESS, T, "t/1")
    b.rel(F_WAYBILL, "RECEIVED_BY", Z_PHONE, T, "t/1")  # cross-province parcel
    b.rel(Z_SHOP, "HAS_PHONE", Z_PHONE, T, "t/2")
    b.rel(Z_SHOP, "ON_PLATFORM", PLATFORM, T, "t/2")
    b.rel(Z_WAYBILL, "SENT_BY", Z_PHONE, T, "t/2")
    b.rel(Z_LISTING, "LISTED_IN", Z_SHOP, T, "t/2")
    b.rel(Z_LISTING, "ON_PLATFORM", PLATFORM, T, "t/2")
    store.write(b)
    granted = Batch()
    granted.grant([Z_LISTING], "350300")  # notified to 莆田市 (线索通报)
    store.write(granted)


NEIGHBOURS: dict[str, set[str]] = {}  # true neighbours of each node, ignoring scope


def _true_neighbours(store: GraphStore) -> dict[str, set[str]]:
    sub = store.subgraph(ALL)
    found: dict[str, set[str]] = {k: set() for k in ALL}
    for edge in sub.edges:
        found[edge.src].add(edge.dst)
        found[edge.dst].add(edge.src)
    return found


class Matrix:
    def __init__(self, store: GraphStore, tmp_path: Path) -> None:
        self.settings = load(data_dir=tmp_path)
        self.store = store
        self.client = TestClient(create_app(self.settings, store))
        self.national_token = issue_token(self.settings, sub="samr", bureau="100000", role="admin")
        self.ids = self._ids()
        self.neighbours = _true_neighbours(store)

    def _ids(self) -> dict[str, str]:
        query = " ".join(f'n{i}: entity(key: "{key}") {{ id }}' for i, key in enumerate(ALL))
        data = self.gql(f"{{ {query} }}", token=self.national_token)["data"]
        return {key: data[f"n{i}"]["id"] for i, key in enumerate(ALL)}

    def token(self, bureau: str, role: str) -> str:
        return issue_token(self.settings, sub=f"{role}-{bureau}", bureau=bureau, role=role)

    def gql(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str
    ) -> dict[str, Any]:
        response = self.client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.text
        return response.json()

    def leaks(self, payload: Any, visible: set[str]) -> list[str]:
        """Cleartext, or masked keys / ids of objects the viewer may not see."""
        text = json.dumps(payload, ensure_ascii=False)
        found = [s for s in CLEARTEXT if s in text]
        for key in set(ALL) - visible:
            if self.ids[key] in text:
                found.append(f"id of {key}")
            if f'"{ids.mask_key(key)}"' in text:
                found.append(f"key of {key}")
            if key in SHOP_NAMES and SHOP_NAMES[key] in text:
                found.append(f"name of {key}")
        return found


@pytest.fixture
def matrix(store: GraphStore, tmp_path: Path) -> Matrix:
    _build(store)
    return Matrix(store, tmp_path)


def _errors_by_alias(body: dict[str, Any]) -> dict[str, str]:
    return {e["path"][0]: e["extensions"]["code"] for e in body.get("errors", []) if e.get("path")}


@pytest.mark.parametrize("role", ROLES)
def test_reads_show_exactly_the_viewers_scope(matrix: Matrix, role: str) -> None:
    for bureau in BUREAUS:
        visible = VISIBLE[bureau]
        token = matrix.token(bureau, role)
        where = f"{role}@{bureau}"

        # entity by opaque id and by key, every kind: visible or NOT_FOUND, nothing else.
        by_id = " ".join(
            f'i{n}: entity(id: "{matrix.ids[k]}") {{ id key }}' for n, k in enumerate(ALL)
        )
        by_key = " ".join(f'k{n}: entity(key: "{k}") {{ id key }}' for n, k in enumerate(ALL))
        body = matrix.gql(f"{{ {by_id} {by_key} }}", token=token)
        refused = _errors_by_alias(body)
        for n, key in enumerate(ALL):
            for alias in (f"i{n}", f"k{n}"):
                if key in visible:
                    assert body["data"][alias]["key"] == ids.mask_key(key), (where, key)
                else:
                    assert body["data"][alias] is None, (where, key)
                    assert refused[alias] == "NOT_FOUND", (where, key)
        assert not matrix.leaks(body, visible), (where, matrix.leaks(body, visible))

        # search by text (non-personal kinds only) and by identifier.
        found = matrix.gql(
            '{ s: search(text: "鞋店") { edges { node { id key } } } '
            'p1: search(identifier: "138 1234 5678") { edges { node { key } } } '
            'p2: search(identifier: "13987654321") { edges { node { key } } } '
            'w: search(identifier: "YT1234567890123") { edges { node { key } } } }',
            token=token,
        )
        shown = {e["node"]["key"] for e in found["data"]["s"]["edges"]}
        assert shown == {k for k in (F_SHOP, Z_SHOP, Z_LISTING) if k in visible}, where
        for alias, key in (("p1", F_PHONE), ("p2", Z_PHONE), ("w", Z_WAYBILL)):
            keys = [e["node"]["key"] for e in found["data"][alias]["edges"]]
            assert keys == ([ids.mask_key(key)] if key in visible else []), (where, alias)
        assert not matrix.leaks(found, visible), (where, matrix.leaks(found, visible))

        # neighbours two levels deep from every visible node: exactly the visible ones.
        starts = [k for k in ALL if k in visible]
        nested = " ".join(
            f'n{n}: entity(id: "{matrix.ids[k]}") {{ key neighbours(first: 50) {{ totalCount '
            "edges { node { key neighbours(first: 50) { totalCount edges { node { key } } } } } "
            "} }"
            for n, k in enumerate(starts)
        )
        body = matrix.gql(f"{{ {nested} }}", token=token)
        assert "errors" not in body, (where, body.get("errors"))
        for n, key in enumerate(starts):
            level1 = body["data"][f"n{n}"]["neighbours"]
            expected = {ids.mask_key(k) for k in matrix.neighbours[key] & visible}
            assert {e["node"]["key"] for e in level1["edges"]} == expected, (where, key)
            assert level1["totalCount"] == len(expected), (where, key)
            for edge in level1["edges"]:
                inner = {e["node"]["key"] for e in edge["node"]["neighbours"]["edges"]}
                assert inner <= {ids.mask_key(k) for k in visible}, (where, key, inner)
        assert not matrix.leaks(body, visible), (where, matrix.leaks(body, visible))

        # neighbourhood (3 hops) from every visible node: nodes and relationships in scope.
        hoods = " ".join(
            f'h{n}: neighbourhood(id: "{matrix.ids[k]}", hops: 3) {{ nodes {{ entity {{ key }} }}'
            " relationships { source { key } target { key } } }"
            for n, k in enumerate(starts)
        )
        body = matrix.gql(f"{{ {hoods} }}", token=token)
        assert "errors" not in body, (where, body.get("errors"))
        allowed = {ids.mask_key(k) for k in visible}
        for n, _ in enumerate(starts):
            hood = body["data"][f"h{n}"]
            assert {x["entity"]["key"] for x in hood["nodes"]} <= allowed, where
            for rel in hood["relationships"]:
                assert {rel["source"]["key"], rel["target"]["key"]} <= allowed, where
        assert not matrix.leaks(body, visible), (where, matrix.leaks(body, visible))


def test_unmask_matrix_and_its_audit(matrix: Matrix) -> None:
    unmask = 'mutation($id: ID!) { unmask(id: $id, reason: "matrix check, case 17") { key } }'
    for role in ROLES:
        for bureau in BUREAUS:
            token = matrix.token(bureau, role)
            for key in (F_PHONE, F_PERSON, F_ADDRESS, Z_PHONE, Z_LISTING):
                body = matrix.gql(unmask, {"id": matrix.ids[key]}, token=token)
                if key in VISIBLE[bureau]:
                    assert body["data"]["unmask"] == {"key": key}, (role, bureau, key)
                else:
                    assert body["data"]["unmask"] is None, (role, bureau, key)
                    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
                    assert not matrix.leaks(body, VISIBLE[bureau])
    events = matrix.store.find_docs("AuditEvent", {"operation": "entity.unmask"}, limit=1000)
    granted = sum(
        len(VISIBLE[b] & {F_PHONE, F_PERSON, F_ADDRESS, Z_PHONE, Z_LISTING}) for b in BUREAUS
    )
    assert len(events) == granted * len(ROLES)
    assert all(e["reason"] == "matrix check, case 17" for e in events)


def test_audit_trail_by_role_and_region(matrix: Matrix) -> None:
    unmask = 'mutation($id: ID!) { unmask(id: $id, reason: "audit matrix check") { key } }'
    matrix.gql(unmask, {"id": matrix.ids[F_PHONE]}, token=matrix.token("350304", "investigator"))
    matrix.gql(unmask, {"id": matrix.ids[Z_PHONE]}, token=matrix.token("330782", "investigator"))
    query = '{ auditEvents(filter: {operation: "entity.unmask"}) { edges { node { actor } } } }'
    # Supervisors and admins see events of actors in their region (or about its objects).
    seen_by = {
        "100000": {"investigator-350304", "investigator-330782"},
        "350000": {"investigator-350304"},
        "350300": {"investigator-350304"},
        "350304": {"investigator-350304"},
        "330000": {"investigator-330782"},
        "330782": {"investigator-330782"},
    }
    for role in ROLES:
        for bureau in BUREAUS:
            body = matrix.gql(query, token=matrix.token(bureau, role))
            if role in ("investigator", "coordinator"):
                assert body["data"]["auditEvents"] is None
                assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
                continue
            actors = {e["node"]["actor"] for e in body["data"]["auditEvents"]["edges"]}
            assert actors == seen_by[bureau], (role, bureau)
            assert not matrix.leaks(body, VISIBLE[bureau])


def test_liaison_changes_need_an_admin_over_that_bureau(matrix: Matrix) -> None:
    change = 'mutation { setLiaison(bureau: "350304", name: "林晓") { code } }'
    for role in ROLES:
        for bureau in BUREAUS:
            body = matrix.gql(change, token=matrix.token(bureau, role))
            allowed = role == "admin" and bureau in ("100000", "350000", "350300", "350304")
            if allowed:
                assert body["data"]["setLiaison"] == {"code": "350304"}, (role, bureau)
            else:
                assert body["data"]["setLiaison"] is None, (role, bureau)
                assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (role, bureau)
