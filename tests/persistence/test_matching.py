# -*- test-case-name: tests.persistence.test_matching -*-
"""Field lookup, equality filters, sorting and the JSON copier."""

from __future__ import annotations

import datetime

from twisted.trial import unittest

from pipservices_tx.data import FilterParams, SortParams
from pipservices_tx.persistence import copy_value, equality_filter, get_field, sort_items
from pipservices_tx.persistence._matching import candidates_of


class MatchingTests(unittest.SynchronousTestCase):
    def test_get_field(self) -> None:
        item = {"a.b": 1, "a": {"b": 2, "c": {"d": 3}}, "l": [{"x": 4}]}
        self.assertEqual(get_field(item, "a.b"), 1)
        self.assertEqual(get_field(item, "a.c.d"), 3)
        self.assertEqual(get_field(item, "l.0.x"), 4)
        self.assertIsNone(get_field(item, "l.5.x"))
        self.assertIsNone(get_field(item, "a.c.d.e"))

    def test_equality_filter(self) -> None:
        self.assertIsNone(equality_filter(FilterParams()))
        matches = equality_filter(FilterParams({"n": 1, "flag": True, "missing": None}))
        assert matches is not None
        self.assertTrue(matches({"n": 1, "flag": True}))
        self.assertTrue(matches({"n": "1", "flag": "true", "missing": None}))
        self.assertFalse(matches({"n": 2, "flag": True}))
        self.assertFalse(matches({"n": 1, "flag": True, "missing": "x"}))
        self.assertFalse(equality_filter({"n": "1"})({}))  # type: ignore[misc]

    def test_candidates_are_a_superset_in_order(self) -> None:
        items = [
            {"id": 1, "site_id": "1"}, {"id": 2, "site_id": 1}, {"id": 3, "site_id": "2"}, {"id": 4},
            {"id": 5, "site_id": None}, {"id": 6, "site_id": 1.0}, {"id": 7, "site_id": ["1"]},
            {"id": 8, "site_id": "1", "a": {"b": 2}}, {"id": 9, "site_id": "1", "a": {"b": "3"}},
            {"id": 10, "site_id": "1", "a.b": "2"},
        ]
        for criteria in ({"site_id": "1"}, {"site_id": "2"}, {"site_id": "1", "a.b": "2"},
                         {"a.b": "2", "site_id": "1"}, {"site_id": None}, {"id": "2", "site_id": "1"}):
            predicate = equality_filter(FilterParams.from_value(criteria))
            assert predicate is not None
            expected = [item["id"] for item in items if predicate(item)]
            candidates = candidates_of(predicate)
            picked = list(candidates(items)) if candidates is not None else items
            self.assertTrue(all(item in picked for item in items if predicate(item)), criteria)
            self.assertEqual([item["id"] for item in filter(predicate, picked)], expected, criteria)
        self.assertEqual([i["id"] for i in items if equality_filter({"site_id": "1"})(i)], [1, 2, 7, 8, 9, 10])  # type: ignore[misc]
        self.assertIsNone(candidates_of(equality_filter({"a.b": "2"})))  # type: ignore[arg-type]
        self.assertIsNone(candidates_of(lambda item: True))

    def test_sort_items_is_stable(self) -> None:
        items = [{"id": 1, "g": "b"}, {"id": 2, "g": "a"}, {"id": 3, "g": "b"}, {"id": 4, "g": "a"}]
        self.assertEqual([i["id"] for i in sort_items(items, SortParams.from_string("g"))], [2, 4, 1, 3])
        self.assertEqual([i["id"] for i in sort_items(items, SortParams.from_string("-g"))], [1, 3, 2, 4])
        self.assertEqual([i["id"] for i in sort_items(items, SortParams.from_string("g,-id"))], [4, 2, 3, 1])

    def test_copy_value_is_deep(self) -> None:
        when = datetime.datetime(2024, 1, 1)
        value = {"a": [{"b": 1}], "t": when, "s": "x"}
        copied = copy_value(value)
        self.assertEqual(copied, value)
        copied["a"][0]["b"] = 2
        self.assertEqual(value["a"][0]["b"], 1)
        self.assertIsNot(copied["a"], value["a"])
