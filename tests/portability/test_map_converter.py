"""Tests for MapConverter and RecursiveMapConverter."""

from __future__ import annotations

import dataclasses
import datetime

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import MapConverter, RecursiveMapConverter

from .strategies import Plain, Point, self_map


@dataclasses.dataclass
class Pair:
    left: object
    right: object


class MapConverterTests(SynchronousTestCase):
    def test_maps_keep_values_with_string_keys(self) -> None:
        inner = {"b": 2}
        result = MapConverter.to_nullable_map({"a": inner, 1: "one"})
        self.assertEqual(result, {"a": {"b": 2}, "1": "one"})
        self.assertIs(result["a"], inner)

    def test_objects(self) -> None:
        self.assertEqual(MapConverter.to_map(Point(1, 2)), {"x": 1, "y": 2})
        self.assertEqual(MapConverter.to_map(Pair("l", "r")), {"left": "l", "right": "r"})
        self.assertEqual(MapConverter.to_map(Plain(3)), {"value": 3})

    def test_sequences_are_keyed_by_index(self) -> None:
        self.assertEqual(MapConverter.to_map(["a", "b"]), {"0": "a", "1": "b"})

    def test_scalars_have_no_map(self) -> None:
        for value in (None, "text", b"b", 1, 1.5, True, datetime.datetime(2020, 1, 1), int, len):
            self.assertIsNone(MapConverter.to_nullable_map(value), repr(value))
        self.assertEqual(MapConverter.to_map("x"), {})
        self.assertEqual(MapConverter.to_map_with_default(3, {"d": 1}), {"d": 1})


class RecursiveMapConverterTests(SynchronousTestCase):
    def test_deep(self) -> None:
        value = {"p": Point(Plain([Point(1, 2)]), (3, 4)), "s": {"t": "u"}}
        self.assertEqual(
            RecursiveMapConverter.to_map(value),
            {"p": {"x": {"value": [{"x": 1, "y": 2}]}, "y": [3, 4]}, "s": {"t": "u"}},
        )

    def test_cycles_become_none(self) -> None:
        self.assertEqual(RecursiveMapConverter.to_map(self_map()), {"a": 1, "me": None})

    def test_scalars(self) -> None:
        self.assertIsNone(RecursiveMapConverter.to_nullable_map(5))
        self.assertEqual(RecursiveMapConverter.to_map_with_default("x", {"d": 1}), {"d": 1})
        self.assertEqual(RecursiveMapConverter.to_map([Point(1, 2)]), {"0": {"x": 1, "y": 2}})
        self.assertEqual(RecursiveMapConverter.to_value([Point(1, 2), 3]), [{"x": 1, "y": 2}, 3])
