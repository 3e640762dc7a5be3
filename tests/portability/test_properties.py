"""Property tests: round trips, and the promise that no converter raises."""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import (
    AnyValue,
    AnyValueArray,
    AnyValueMap,
    ArrayConverter,
    BooleanConverter,
    DateTimeConverter,
    FloatConverter,
    IntegerConverter,
    JsonConverter,
    MapConverter,
    RecursiveMapConverter,
    StringConverter,
    StringValueMap,
    TypeCode,
    TypeConverter,
)

from .strategies import json_values, junk, zones

SETTINGS = settings(max_examples=200, deadline=None)
UTC = datetime.timezone.utc

NULLABLE = [
    StringConverter.to_nullable_string,
    BooleanConverter.to_nullable_boolean,
    IntegerConverter.to_nullable_integer,
    FloatConverter.to_nullable_float,
    DateTimeConverter.to_nullable_datetime,
    ArrayConverter.to_nullable_array,
    MapConverter.to_nullable_map,
    RecursiveMapConverter.to_nullable_map,
    JsonConverter.to_nullable_map,
]


def _is_json(value: Any) -> bool:
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_is_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _is_json(item) for key, item in value.items())
    return False


class NeverRaiseTests(SynchronousTestCase):
    @SETTINGS
    @given(junk)
    def test_converters_never_raise(self, value: Any) -> None:
        for convert in NULLABLE:
            convert(value)
        self.assertIsInstance(StringConverter.to_string(value), str)
        self.assertIsInstance(BooleanConverter.to_boolean(value), bool)
        self.assertIsInstance(IntegerConverter.to_integer(value), int)
        self.assertIsInstance(FloatConverter.to_float(value), float)
        self.assertIsInstance(DateTimeConverter.to_datetime(value), datetime.datetime)
        self.assertIsInstance(ArrayConverter.to_array(value), list)
        self.assertIsInstance(ArrayConverter.list_to_array(value), list)
        self.assertIsInstance(MapConverter.to_map(value), dict)
        self.assertIsInstance(RecursiveMapConverter.to_map(value), dict)
        self.assertIsInstance(TypeConverter.to_type_code(value), TypeCode)

    @SETTINGS
    @given(junk)
    def test_every_type_code_never_raises(self, value: Any) -> None:
        for code in TypeCode:
            TypeConverter.to_nullable_type(code, value)
            TypeConverter.to_type(code, value)

    @SETTINGS
    @given(junk)
    def test_json_is_always_valid_json(self, value: Any) -> None:
        text = JsonConverter.to_json(value)
        if value is None:
            self.assertIsNone(text)
        else:
            self.assertTrue(_is_json(json.loads(text or "")))
        self.assertTrue(_is_json(JsonConverter.to_json_value(value)))

    @SETTINGS
    @given(junk)
    def test_containers_never_raise(self, value: Any) -> None:
        holder = AnyValue(value)
        holder.get_as_string()
        holder.get_as_datetime()
        holder.get_as_map()
        holder.get_as_array()
        values = AnyValueMap.from_tuples("k", value)
        values.get_as_nullable_integer("k")
        values.get_as_map("k")
        values.get_as_array("k")
        strings = StringValueMap.from_tuples("k", value)
        self.assertIsInstance(strings["k"], (str, type(None)))
        strings.get_as_map("k")
        strings.get_as_array("k")
        AnyValueArray.from_value(value).get_as_float(0)

    @SETTINGS
    @given(st.dictionaries(st.text(max_size=5), json_values, max_size=5))
    def test_json_maps_round_trip(self, value: dict[str, Any]) -> None:
        self.assertEqual(JsonConverter.to_nullable_map(JsonConverter.to_json(value)), value)


class RoundTripTests(SynchronousTestCase):
    @SETTINGS
    @given(st.integers(min_value=-(10**30), max_value=10**30))
    def test_integer_through_string(self, value: int) -> None:
        self.assertEqual(IntegerConverter.to_nullable_integer(StringConverter.to_string(value)), value)

    @SETTINGS
    @given(st.floats(allow_nan=False))
    def test_float_through_string(self, value: float) -> None:
        self.assertEqual(FloatConverter.to_nullable_float(StringConverter.to_string(value)), value)

    @SETTINGS
    @given(st.booleans())
    def test_boolean_through_string(self, value: bool) -> None:
        self.assertIs(BooleanConverter.to_nullable_boolean(StringConverter.to_string(value)), value)

    @SETTINGS
    @given(st.datetimes(timezones=zones))
    def test_datetime_through_iso(self, value: datetime.datetime) -> None:
        result = DateTimeConverter.to_nullable_datetime(StringConverter.to_string(value))
        expected = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        self.assertEqual(result, expected)
        self.assertEqual(result.utcoffset(), expected.utcoffset())

    @SETTINGS
    @given(st.datetimes(min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30)))
    def test_datetime_through_millis(self, value: datetime.datetime) -> None:
        value = value.replace(microsecond=value.microsecond // 1000 * 1000, tzinfo=UTC)
        millis = IntegerConverter.to_integer(value)
        self.assertEqual(DateTimeConverter.to_nullable_datetime(millis), value)

    @SETTINGS
    @given(st.lists(st.text(alphabet=st.characters(blacklist_characters=", \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0"),
                            min_size=1, max_size=5).filter(str.strip), min_size=1, max_size=5))
    def test_list_through_string(self, value: list[str]) -> None:
        self.assertEqual(ArrayConverter.list_to_array(StringConverter.to_string(value)), value)

    @SETTINGS
    @given(json_values)
    def test_json_text_round_trip(self, value: Any) -> None:
        self.assertEqual(JsonConverter.from_json(JsonConverter.to_json(value)), value)

    @SETTINGS
    @given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_.]{0,8}", fullmatch=True),
                           st.none() | st.from_regex(r"[A-Za-z0-9 _.:-]{0,10}", fullmatch=True).map(str.strip),
                           max_size=5))
    def test_string_value_map_through_string(self, value: dict[str, Any]) -> None:
        values = StringValueMap(value)
        self.assertEqual(StringValueMap.from_string(values.to_string()), values)
