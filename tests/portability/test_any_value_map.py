"""Tests for AnyValueMap."""

from __future__ import annotations

import datetime

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import AnyValue, AnyValueArray, AnyValueMap, TypeCode

from .strategies import Point

UTC = datetime.timezone.utc


class AnyValueMapTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.map = AnyValueMap.from_tuples(
            "s", "abc", "i", "12", "f", 1.5, "b", "yes", "t", "2020-01-01T00:00:00Z",
            "m", {"x": "1"}, "a", [1, "2"], "n", None,
        )

    def test_is_a_dict(self) -> None:
        self.assertIsInstance(self.map, dict)
        self.assertEqual(self.map["i"], "12")
        self.assertEqual(self.map.get_key_names(), ["s", "i", "f", "b", "t", "m", "a", "n"])

    def test_typed_getters(self) -> None:
        m = self.map
        self.assertEqual(m.get_as_string("s"), "abc")
        self.assertEqual(m.get_as_integer("i"), 12)
        self.assertEqual(m.get_as_long("i"), 12)
        self.assertEqual(m.get_as_float("f"), 1.5)
        self.assertEqual(m.get_as_double("i"), 12.0)
        self.assertIs(m.get_as_boolean("b"), True)
        self.assertEqual(m.get_as_datetime("t"), datetime.datetime(2020, 1, 1, tzinfo=UTC))
        self.assertIsNone(m.get_as_nullable_integer("s"))
        self.assertIsNone(m.get_as_nullable_string("missing"))
        self.assertEqual(m.get_as_string_with_default("n", "d"), "d")
        self.assertEqual(m.get_as_integer_with_default("s", 3), 3)
        self.assertEqual(m.get_as_float_with_default("missing", 2.5), 2.5)
        self.assertIs(m.get_as_boolean_with_default("missing", True), True)
        self.assertEqual(m.get_as_type(TypeCode.Integer, "i"), 12)
        self.assertEqual(m.get_as_nullable_type(TypeCode.Integer, "s"), None)
        self.assertEqual(m.get_as_type_with_default(TypeCode.Integer, "s", 8), 8)
        self.assertEqual(m.get_as_value("i"), AnyValue("12"))

    def test_nested(self) -> None:
        inner = self.map.get_as_map("m")
        self.assertIsInstance(inner, AnyValueMap)
        self.assertEqual(inner.get_as_integer("x"), 1)
        self.assertIsNone(self.map.get_as_nullable_map("s"))
        self.assertEqual(self.map.get_as_map("s"), AnyValueMap())
        array = self.map.get_as_array("a")
        self.assertIsInstance(array, AnyValueArray)
        self.assertEqual(array.get_as_integer(1), 2)
        self.assertIsNone(self.map.get_as_nullable_array("n"))
        self.assertEqual(self.map.get_as_array_with_default("n", AnyValueArray([0])), [0])

    def test_construction(self) -> None:
        self.assertEqual(AnyValueMap.from_value(Point(1, 2)), {"x": 1, "y": 2})
        self.assertEqual(AnyValueMap.from_value("junk"), {})
        self.assertEqual(AnyValueMap.from_maps({"a": 1}, None, {"a": 2, "b": 3}), {"a": 2, "b": 3})
        self.assertEqual(AnyValueMap({1: "x"}), {"1": "x"})
        self.assertEqual(AnyValueMap.from_tuples("a", 1, "dangling"), {"a": 1})

    def test_setters(self) -> None:
        m = AnyValueMap()
        m.set_as_object("a", 1)
        m.put(2, "two")
        self.assertEqual(m, {"a": 1, "2": "two"})
        m.set_as_object({"z": 0})
        self.assertEqual(m, {"z": 0})
        self.assertEqual(m.get_as_object(), {"z": 0})
        clone = m.clone()
        clone["y"] = 1
        self.assertNotIn("y", m)
        self.assertIsInstance(clone, AnyValueMap)
