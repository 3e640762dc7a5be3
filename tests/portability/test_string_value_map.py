"""Tests for StringValueMap."""

from __future__ import annotations

import datetime

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import AnyValueMap, StringValueMap

from .strategies import Point

UTC = datetime.timezone.utc


class StringValueMapTests(SynchronousTestCase):
    def test_from_string(self) -> None:
        values = StringValueMap.from_string("a=1; b=two ;flag;;c=x=y")
        self.assertEqual(values, {"a": "1", "b": "two", "flag": None, "c": "x=y"})
        self.assertEqual(values.get_as_integer("a"), 1)
        self.assertEqual(StringValueMap.from_string(None), {})

    def test_values_are_stored_as_strings(self) -> None:
        values = StringValueMap()
        values["i"] = 5
        values["b"] = True
        values["t"] = datetime.datetime(2020, 1, 1)
        values["l"] = ["x", "y"]
        values["m"] = {"k": 1}
        values["o"] = Point(1, 2)
        values["n"] = None
        values.update({"u": 1.5}, v=2)
        values.setdefault("w", 3)
        self.assertEqual(values, {
            "i": "5", "b": "true", "t": "2020-01-01T00:00:00+00:00", "l": "x,y", "m": '{"k":1}',
            "o": '{"x":1,"y":2}', "n": None, "u": "1.5", "v": "2", "w": "3",
        })
        self.assertEqual(values.get_as_integer("i"), 5)
        self.assertIs(values.get_as_boolean("b"), True)
        self.assertEqual(values.get_as_datetime("t"), datetime.datetime(2020, 1, 1, tzinfo=UTC))
        self.assertEqual(values.get_as_array("l"), ["x", "y"])
        self.assertEqual(values.get_as_map("m"), {"k": 1})
        self.assertIsInstance(values.get_as_map("m"), AnyValueMap)
        self.assertIsNone(values.get_as_nullable_array("n"))
        self.assertIsNone(values.get_as_nullable_map("i"))

    def test_map_in_string_form(self) -> None:
        values = StringValueMap.from_tuples("m", "a=1;b=2")
        self.assertEqual(values.get_as_map("m"), {"a": "1", "b": "2"})

    def test_round_trip_through_to_string(self) -> None:
        values = StringValueMap.from_tuples("a", 1, "b", "x", "c", None)
        self.assertEqual(values.to_string(), "a=1;b=x;c")
        self.assertEqual(StringValueMap.from_string(str(values)), values)

    def test_construction(self) -> None:
        self.assertEqual(StringValueMap({"a": 1}), {"a": "1"})
        self.assertEqual(StringValueMap.from_value(Point(1, None)), {"x": "1", "y": None})
        self.assertEqual(StringValueMap.from_maps({"a": 1}, {"a": 2}), {"a": "2"})
        values = StringValueMap()
        values.set_as_object("a", 1)
        values.put("b", 2)
        self.assertEqual(values.get_as_object(), {"a": "1", "b": "2"})
        values.set_as_object({"z": 9})
        self.assertEqual(values, {"z": "9"})
        self.assertIsInstance(values.clone(), StringValueMap)
