"""The Neo4j backend's result conversion (``_plain``) over the driver's real value types.

No server: values are built with the driver's own classes, the way its Bolt hydration
builds them from the wire (``neo4j.graph.Graph``, ``Node``, ``Relationship`` from
``Graph.relationship_type``, ``Path``; ``neo4j.time`` and ``neo4j.spatial`` types). The
rule is the FalkorDB backend's: rows hold maps, lists and scalars; graph objects are
refused, never silently flattened to their properties.
"""

from __future__ import annotations

import datetime as dt

import neo4j.graph
import neo4j.spatial
import neo4j.time
import pytest

from cluehub.graph.neo4j_store import _plain
from cluehub.graph.store import StoreError


def _graph() -> tuple[neo4j.graph.Node, neo4j.graph.Node, neo4j.graph.Relationship]:
    graph = neo4j.graph.Graph()
    phone = neo4j.graph.Node(
        graph, "4:db:1", 1, ["Entity", "Phone"], {"key": "tel:+8613812345678", "regions": []}
    )
    shop = neo4j.graph.Node(graph, "4:db:2", 2, ["Entity", "Shop"], {"key": "shop:tmall:1"})
    has_phone = graph.relationship_type("HAS_PHONE")(graph, "5:db:1", 1, {"sightings": 2})
    has_phone._start_node, has_phone._end_node = shop, phone  # as the driver's hydration does
    return phone, shop, has_phone


def test_maps_lists_and_scalars_pass_through_as_plain_values() -> None:
    row = {
        "key": "tel:+8613812345678",
        "n": 3,
        "share": 0.5,
        "ok": True,
        "none": None,
        "sources": ("sf/1", "sf/2"),  # the driver may hand back tuples
        "props": {"regions": ["350304", "350300"], "nested": [{"a": (1, 2)}]},
    }
    plain = _plain(row)
    assert plain == {
        "key": "tel:+8613812345678",
        "n": 3,
        "share": 0.5,
        "ok": True,
        "none": None,
        "sources": ["sf/1", "sf/2"],
        "props": {"regions": ["350304", "350300"], "nested": [{"a": [1, 2]}]},
    }
    assert type(plain["sources"]) is list and type(plain["props"]["nested"][0]["a"]) is list


@pytest.mark.parametrize("which", ["node", "relationship", "path"])
def test_graph_objects_are_refused_not_flattened(which: str) -> None:
    phone, shop, has_phone = _graph()
    assert isinstance(phone, dict) is False and dict(phone)["key"] == "tel:+8613812345678"
    value = {"node": phone, "relationship": has_phone, "path": neo4j.graph.Path(shop, has_phone)}
    with pytest.raises(StoreError, match="not graph objects"):
        _plain(value[which])
    with pytest.raises(StoreError, match="not graph objects"):  # also inside lists and maps
        _plain({"rows": [value[which]]})


def test_a_path_built_like_the_driver_builds_it_is_a_real_path() -> None:
    """The fixture is what the driver returns: the conversion is tested on the real thing."""
    phone, shop, has_phone = _graph()
    path = neo4j.graph.Path(shop, has_phone)
    assert path.start_node is shop and path.end_node is phone and len(path) == 1
    assert has_phone.type == "HAS_PHONE" and phone.labels == {"Entity", "Phone"}


def test_temporal_values_become_python_datetimes() -> None:
    zone = dt.timezone(dt.timedelta(hours=8))
    row = {
        "at": neo4j.time.DateTime(2026, 3, 21, 8, 30, 15, 123_456_789, tzinfo=zone),
        "local": neo4j.time.DateTime(2026, 3, 21, 8, 30, 15, 500_000_000),
        "day": neo4j.time.Date(2026, 3, 21),
        "time": neo4j.time.Time(8, 30, 15, 250_000_000),
        "wait": neo4j.time.Duration(days=2, seconds=30, nanoseconds=1_500_000),
        "list": [neo4j.time.Date(2026, 1, 1)],
    }
    plain = _plain(row)
    assert plain["at"] == dt.datetime(2026, 3, 21, 8, 30, 15, 123_456, tzinfo=zone)
    assert plain["at"].utcoffset() == dt.timedelta(hours=8)
    assert plain["local"] == dt.datetime(2026, 3, 21, 8, 30, 15, 500_000)
    assert plain["local"].tzinfo is None
    assert plain["day"] == dt.date(2026, 3, 21) and type(plain["day"]) is dt.date
    assert plain["time"] == dt.time(8, 30, 15, 250_000)
    assert plain["wait"] == dt.timedelta(days=2, seconds=30, microseconds=1_500)
    assert plain["list"] == [dt.date(2026, 1, 1)]
    kinds = {k: type(v) for k, v in plain.items() if k != "list"}
    assert kinds == {
        "at": dt.datetime,
        "local": dt.datetime,
        "day": dt.date,
        "time": dt.time,
        "wait": dt.timedelta,
    }  # Python's own types, not the driver's look-alikes


def test_durations_in_months_and_points_are_refused() -> None:
    with pytest.raises(StoreError, match="months"):
        _plain(neo4j.time.Duration(months=1, days=3))
    with pytest.raises(StoreError, match="spatial points"):
        _plain([neo4j.spatial.WGS84Point((119.0, 25.4))])
