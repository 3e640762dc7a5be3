"""Tests for the matching of values to expected types."""

from __future__ import annotations

import datetime

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation._type_matcher import match_type, type_json_schema, type_name

from ..portability.strategies import Color, Point


class MatchTypeTests(SynchronousTestCase):
    def test_type_codes(self) -> None:
        yes = [
            (TypeCode.String, "a"), (TypeCode.Integer, 1), (TypeCode.Integer, 2**40), (TypeCode.Integer, 3.0),
            (TypeCode.Long, 1), (TypeCode.Float, 1), (TypeCode.Double, 1.5), (TypeCode.Boolean, False),
            (TypeCode.DateTime, datetime.datetime(2020, 1, 1)), (TypeCode.DateTime, "2020-01-01T00:00:00Z"),
            (TypeCode.Duration, datetime.timedelta(1)), (TypeCode.Duration, 1000), (TypeCode.Enum, Color.RED),
            (TypeCode.Enum, "red"), (TypeCode.Array, [1]), (TypeCode.Array, (1,)), (TypeCode.Map, {"a": 1}),
            (TypeCode.Map, Point()), (TypeCode.Object, "anything"), (TypeCode.Unknown, 1), (None, object()),
        ]
        for expected, value in yes:
            self.assertTrue(match_type(expected, value), (expected, value))
        no = [
            (TypeCode.String, 5), (TypeCode.Integer, 1.5), (TypeCode.Integer, "1"), (TypeCode.Integer, True),
            (TypeCode.Float, "1.5"), (TypeCode.Boolean, "true"), (TypeCode.Boolean, 1), (TypeCode.DateTime, "soon"),
            (TypeCode.DateTime, 5), (TypeCode.Array, "a,b"), (TypeCode.Map, [1]), (TypeCode.Map, "m"),
            (TypeCode.Enum, 1.5), (TypeCode.Integer, float("nan")),
        ]
        for expected, value in no:
            self.assertFalse(match_type(expected, value), (expected, value))

    def test_accept_strings(self) -> None:
        for expected, value in [(TypeCode.Integer, "10"), (TypeCode.Long, " 5 "), (TypeCode.Float, "1.5"),
                                (TypeCode.Boolean, "true"), (TypeCode.Duration, "100")]:
            self.assertTrue(match_type(expected, value, accept_strings=True), (expected, value))
        for expected, value in [(TypeCode.Integer, "1.5"), (TypeCode.Long, "x"), (TypeCode.Boolean, "maybe"),
                                (TypeCode.Array, "a"), (TypeCode.Map, "a=1")]:
            self.assertFalse(match_type(expected, value, accept_strings=True), (expected, value))

    def test_names(self) -> None:
        yes = [("str", "a"), ("String", "a"), ("int", 1), ("Integer", 1), ("long", 1), ("float", 1), ("double", 1.5),
               ("bool", True), ("boolean", False), ("datetime", "2020-01-01"), ("date", datetime.date(2020, 1, 1)),
               ("dict", {}), ("map", {}), ("list", []), ("array", ()), ("string[]", []), ("object", 1),
               ("Point", Point()), ("point", Point()), ("timedelta", datetime.timedelta(0))]
        for expected, value in yes:
            self.assertTrue(match_type(expected, value), (expected, value))
        for expected, value in [("str", 1), ("int", "1"), ("Point", {}), ("NoSuchType", 1), ("list", {})]:
            self.assertFalse(match_type(expected, value), (expected, value))

    def test_python_types(self) -> None:
        self.assertTrue(match_type(str, "a"))
        self.assertTrue(match_type(int, 5))
        self.assertFalse(match_type(int, True))
        self.assertTrue(match_type(float, 5))
        self.assertTrue(match_type(dict, {}))
        self.assertTrue(match_type(Point, Point()))
        self.assertFalse(match_type(Point, {}))
        self.assertFalse(match_type(42, "anything"))


class TypeNameTests(SynchronousTestCase):
    def test_names(self) -> None:
        self.assertEqual(type_name(TypeCode.String), "String")
        self.assertEqual(type_name("str"), "str")
        self.assertEqual(type_name(int), "Integer")
        self.assertEqual(type_name(Point), "Point")
        self.assertEqual(type_name(42), "Unknown")

    def test_json_schemas(self) -> None:
        self.assertEqual(type_json_schema(TypeCode.Long), {"type": "integer", "format": "int64"})
        self.assertEqual(type_json_schema("str"), {"type": "string"})
        self.assertEqual(type_json_schema("string[]"), {"type": "array"})
        self.assertEqual(type_json_schema(bool), {"type": "boolean"})
        self.assertEqual(type_json_schema(TypeCode.DateTime), {"type": "string", "format": "date-time"})
        self.assertEqual(type_json_schema(TypeCode.Object), {})
        self.assertEqual(type_json_schema(Point), {})
        self.assertEqual(type_json_schema(None), {})
