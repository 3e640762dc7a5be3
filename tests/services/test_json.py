# -*- test-case-name: tests.services.test_json -*-
"""
encode_json: orjson writes what it writes exactly as the standard encoder
would, and the standard encoder writes the rest (NaN refused, big integers,
subclasses of the JSON types), so the bytes do not depend on the encoder.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import uuid
from typing import Any

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.data import DataPage
from pipservices_tx.portability import AnyValueMap, StringValueMap
from pipservices_tx.services import _json, encode_json


def standard(value: Any) -> bytes:
    return _json._standard(value)


class Color(enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


class Text(str):
    def __str__(self) -> str:
        return "changed"


class Number(float):
    def __repr__(self) -> str:
        return "7"


class Items(dict):  # type: ignore[type-arg]
    def items(self) -> Any:
        return [("only", 1)]


@dataclasses.dataclass
class Point:
    x: int
    _y: int = 2


class JsonEncoderTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.fast_calls = 0
        dumps = _json.fast_dumps
        assert dumps is not None

        def counting(*args: Any, **kwargs: Any) -> bytes:
            self.fast_calls += 1
            return dumps(*args, **kwargs)

        self.patch(_json, "fast_dumps", counting)

    def assertSameAsStandard(self, value: Any) -> bytes:
        body = encode_json(value)
        self.assertEqual(body, standard(value))
        return body

    def test_plain_values_go_through_orjson_unchanged(self) -> None:
        value = {"id": "1", "label": "Bé\u2028acon \"x\"\n\x00", "n": [1, 2.5, -0.0, True, 2**63 - 1, -2**63],
                 "nested": {"b": 1, "a": [(1, 2)]}, "z": 0.1}
        body = self.assertSameAsStandard(value)
        self.assertEqual(json.loads(body), json.loads(json.dumps(value)))
        self.assertEqual(self.fast_calls, 1)

    def test_key_order_is_kept(self) -> None:
        self.assertEqual(encode_json({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}), b'{"b":1,"a":2,"c":{"z":1,"y":2}}')

    def test_non_finite_numbers_are_refused(self) -> None:
        for value in (float("nan"), float("inf"), -float("inf")):
            for wrapped in (value, [value], {"a": {"b": value}}, DataPage([{"radius": value}])):
                self.assertRaises(ValueError, encode_json, wrapped)
            self.assertRaises(ValueError, encode_json, DataPage([], value))  # type: ignore[arg-type]

    def test_null_is_written_by_the_standard_encoder(self) -> None:
        self.assertEqual(encode_json({"a": None, "b": [None]}), b'{"a":null,"b":[null]}')
        self.assertEqual(encode_json(None), b"null")

    def test_integers_beyond_64_bits_are_exact(self) -> None:
        for value in (2**64, -2**63 - 1, 10**40, {"big": [2**200]}):
            self.assertSameAsStandard(value)
        self.assertEqual(encode_json({"big": 2**64}), b'{"big":18446744073709551616}')

    def test_subclasses_are_written_as_the_standard_encoder_writes_them(self) -> None:
        for value in (Text("x"), Number(1.5), Items(a=2), Level.HIGH, Color.RED,
                      [Text("a"), {"k": Number(2.0)}], StringValueMap.from_tuples("a", 1, "b", "x"),
                      AnyValueMap({"a": 1, "b": [1, 2]}), {"m": AnyValueMap({"x": {"y": 1}})}):
            self.assertSameAsStandard(value)
        self.assertEqual(encode_json(Items(a=2)), b'{"only":1}')

    def test_value_objects(self) -> None:
        moment = datetime.datetime(2024, 1, 2, 3, 4, 5, 678000)
        values = [moment, moment.replace(tzinfo=datetime.timezone.utc), datetime.date(2024, 1, 2), Color.RED,
                  {1, 2}, frozenset(), b"bytes", Point(1), DataPage([{"id": "1"}], 3), uuid.UUID(int=5)]
        for value in values:
            self.assertSameAsStandard(value)
        self.assertEqual(encode_json(uuid.UUID(int=5)), b'"00000000-0000-0000-0000-000000000005"')
        self.assertEqual(encode_json(Point(1)), b'{"x":1,"_y":2}')

    def test_what_neither_encoder_takes_fails_the_same_way(self) -> None:
        cycle: list[Any] = []
        cycle.append(cycle)
        self.assertRaises(ValueError, encode_json, cycle)
        self.assertRaises(TypeError, encode_json, {"key": object.__new__(type("Slotted", (), {"__slots__": ()}))})
        self.assertRaises(TypeError, encode_json, {(1, 2): 3})
        self.assertRaises(UnicodeEncodeError, encode_json, {"text": "\ud800"})

    def test_non_string_keys(self) -> None:
        self.assertSameAsStandard({2: "a", 2.5: "b", True: "c", None: "d"})

    def test_page_is_written_with_its_total(self) -> None:
        items = [{"id": "1", "n": 1.5}, {"id": "2", "center": {"coordinates": [1, 2]}}]
        for total in (None, 2, 2**70):
            page = DataPage(list(items), total)
            self.assertEqual(encode_json(page), standard(page))
        self.assertEqual(encode_json(DataPage(items)), b'{"data":[{"id":"1","n":1.5},'
                                                       b'{"id":"2","center":{"coordinates":[1,2]}}],"total":null}')

    def test_shared_page_is_encoded_without_copying(self) -> None:
        copies: list[Any] = []

        def copy(items: list[Any]) -> list[Any]:
            copies.append(items)
            return json.loads(json.dumps(items))

        stored = [{"id": "1"}]
        page = DataPage.of_shared(stored, 1, copy)
        self.assertEqual(encode_json(page), b'{"data":[{"id":"1"}],"total":1}')
        self.assertEqual(copies, [])
        page.data[0]["id"] = "changed"  # the caller's copy, not the stored item
        self.assertEqual(stored, [{"id": "1"}])
        self.assertEqual(encode_json(page), b'{"data":[{"id":"changed"}],"total":1}')

    def test_page_subclass_with_its_own_to_json(self) -> None:
        class Custom(DataPage[Any]):
            def to_json(self) -> dict[str, Any]:
                return {"items": self.data}

        self.assertEqual(encode_json(Custom([1])), b'{"items":[1]}')

    def test_without_the_fast_encoder(self) -> None:
        self.patch(_json, "fast_dumps", None)
        self.assertEqual(encode_json({"a": [1, 2.5]}), b'{"a":[1,2.5]}')
        self.assertRaises(ValueError, encode_json, [float("nan")])

    def test_exponent_floats_are_the_same_numbers(self) -> None:
        # The one difference of bytes: orjson writes 1e16 and 1e-7 where the standard encoder writes 1e+16 and 1e-07.
        for value in (1e16, 1e-7, 1.5e300, -2.5e-300, 5e-324, 1e15, 123456789.123):
            self.assertEqual(json.loads(encode_json([value])), [value])
