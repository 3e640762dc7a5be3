"""Tests for JsonConverter."""

from __future__ import annotations

import datetime
import decimal
import json

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import JsonConverter

from .strategies import Color, Exploding, Point, cycle

UTC = datetime.timezone.utc


class JsonConverterTests(SynchronousTestCase):
    def test_to_json(self) -> None:
        self.assertIsNone(JsonConverter.to_json(None))
        self.assertEqual(JsonConverter.to_json({"a": [1, "b", True, None]}), '{"a":[1,"b",true,null]}')

    def test_special_values(self) -> None:
        value = {
            "t": datetime.datetime(2020, 1, 2, 3, 4, 5),
            "d": datetime.date(2020, 1, 2),
            "span": datetime.timedelta(seconds=1.5),
            "nan": float("nan"),
            "inf": float("-inf"),
            "dec": decimal.Decimal("1.25"),
            "color": Color.RED,
            "point": Point(1, {2, 3}),
            "bytes": b"hi",
            "loop": cycle(),
            "boom": Exploding(),
            5: "int key",
        }
        self.assertEqual(
            json.loads(JsonConverter.to_json(value) or ""),
            {
                "t": "2020-01-02T03:04:05+00:00",
                "d": "2020-01-02",
                "span": 1500,
                "nan": None,
                "inf": None,
                "dec": 1.25,
                "color": "red",
                "point": {"x": 1, "y": [2, 3]},
                "bytes": "hi",
                "loop": [1, None],
                "boom": {},
                "5": "int key",
            },
        )

    def test_from_json(self) -> None:
        self.assertEqual(JsonConverter.from_json('{"a": [1, 2]}'), {"a": [1, 2]})
        self.assertEqual(JsonConverter.from_json(b"3"), 3)
        for text in (None, "", "  ", "{bad", 5, "[" * 100000):
            self.assertIsNone(JsonConverter.from_json(text))

    def test_to_map(self) -> None:
        self.assertEqual(JsonConverter.to_nullable_map('{"a": {"b": 1}}'), {"a": {"b": 1}})
        self.assertEqual(JsonConverter.to_nullable_map({"p": Point(1, 2)}), {"p": {"x": 1, "y": 2}})
        self.assertIsNone(JsonConverter.to_nullable_map("[1, 2]"))
        self.assertIsNone(JsonConverter.to_nullable_map("5"))
        self.assertEqual(JsonConverter.to_map("junk"), {})
        self.assertEqual(JsonConverter.to_map_with_default("junk", {"d": 1}), {"d": 1})
