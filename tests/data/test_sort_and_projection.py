# -*- test-case-name: tests.data.test_sort_and_projection -*-
"""SortParams, SortField and ProjectionParams."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial import unittest

from pipservices_tx.data import ProjectionParams, SortField, SortParams

names = st.from_regex(r"[a-z_][a-z0-9_]{0,8}(\.[a-z_][a-z0-9_]{0,8}){0,2}", fullmatch=True)


class SortParamsTests(unittest.SynchronousTestCase):
    def test_from_string(self) -> None:
        self.assertEqual(
            SortParams.from_string("name, -created,+id"),
            [SortField("name"), SortField("created", False), SortField("id", True)],
        )
        self.assertEqual(SortParams.from_string(""), [])
        self.assertEqual(SortParams.from_string(None), [])

    def test_from_value(self) -> None:
        expected = [SortField("name"), SortField("created", False)]
        self.assertEqual(SortParams.from_value("name,-created"), expected)
        self.assertEqual(SortParams.from_value(["name", "-created"]), expected)
        self.assertEqual(SortParams.from_value([{"name": "name"}, {"name": "created", "ascending": "false"}]), expected)
        self.assertEqual(SortParams.from_value(SortField("x", False)), [SortField("x", False)])
        self.assertEqual(SortParams.from_value(None), [])

    def test_json_and_query(self) -> None:
        sort = SortParams.from_string("name,-created")
        self.assertEqual(sort.to_json(), [{"name": "name", "ascending": True}, {"name": "created", "ascending": False}])
        self.assertEqual(SortParams.from_json(sort.to_json()), sort)
        self.assertEqual(SortParams.from_json('["name", "-created"]'), sort)
        self.assertEqual(SortParams.from_json("name,-created"), sort)
        self.assertEqual(SortParams.from_query("?sort=name,-created&skip=1"), sort)
        self.assertEqual(str(sort), "name,-created")

    @settings(max_examples=200)
    @given(st.lists(st.builds(SortField, names, st.booleans()), max_size=4))
    def test_round_trips(self, fields: list[SortField]) -> None:
        sort = SortParams(fields)
        self.assertEqual(SortParams.from_string(sort.to_string()), sort)
        self.assertEqual(SortParams.from_json(sort.to_json()), sort)


class ProjectionParamsTests(unittest.SynchronousTestCase):
    def test_parse(self) -> None:
        self.assertEqual(ProjectionParams.from_string("id, center.type"), ["id", "center.type"])
        self.assertEqual(
            ProjectionParams.from_string("id,center(type,coordinates),a(b(c),d)"),
            ["id", "center.type", "center.coordinates", "a.b.c", "a.d"],
        )
        self.assertEqual(ProjectionParams.from_value(["id,label", "udi"]), ["id", "label", "udi"])
        self.assertEqual(ProjectionParams.from_value(None), [])

    def test_json_and_query(self) -> None:
        projection = ProjectionParams(["id", "center.type"])
        self.assertEqual(projection.to_json(), ["id", "center.type"])
        self.assertEqual(ProjectionParams.from_json('["id", "center.type"]'), projection)
        self.assertEqual(ProjectionParams.from_json("id,center.type"), projection)
        self.assertEqual(ProjectionParams.from_query("select=id,center.type"), projection)
        self.assertEqual(str(projection), "id,center.type")

    def test_select_from(self) -> None:
        item = {"id": "1", "label": "x", "center": {"type": "Point", "coordinates": [1, 2]}, "n": 5}
        self.assertEqual(
            ProjectionParams.from_string("id,center.type,missing,n.deeper,center.nothing").select_from(item),
            {"id": "1", "center": {"type": "Point"}},
        )
        self.assertEqual(ProjectionParams().select_from(item), item)

    @settings(max_examples=200)
    @given(st.lists(names, max_size=5))
    def test_round_trips(self, paths: list[str]) -> None:
        projection = ProjectionParams(paths)
        self.assertEqual(ProjectionParams.from_string(projection.to_string()), projection)
        self.assertEqual(ProjectionParams.from_json(projection.to_json()), projection)
