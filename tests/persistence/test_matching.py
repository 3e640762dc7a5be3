# -*- test-case-name: tests.persistence.test_matching -*-
"""Field lookup, equality filters, sorting and the JSON copier."""

from __future__ import annotations

import datetime

from twisted.trial import unittest

from pipservices_tx.data import FilterParams, SortParams
from pipservices_tx.persistence import copy_value, equality_filter, get_field, sort_items


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
