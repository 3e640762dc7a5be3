# -*- test-case-name: tests.portability.test_json_converter -*-
"""Conversion between JSON text and values, with datetimes as ISO 8601 strings."""

from __future__ import annotations

import datetime
import decimal
import enum
import json
import math
import numbers
from typing import Any, Optional

from ._map_converter import object_properties
from ._recursive_map_converter import RecursiveMapConverter
from ._string_converter import StringConverter


def _jsonable(value: Any, seen: frozenset[int]) -> Any:
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, enum.Enum):
        return _jsonable(value.value, seen) if isinstance(value.value, (str, int, float)) else value.name
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        try:
            number = float(value)
        except (OverflowError, ValueError):
            return None
        return None if math.isnan(number) or math.isinf(number) else number
    if isinstance(value, (datetime.date, bytes, bytearray)):
        return StringConverter.to_string(value)
    if isinstance(value, datetime.timedelta):
        return int(value / datetime.timedelta(milliseconds=1))
    if isinstance(value, (list, tuple, set, frozenset)):
        if id(value) in seen:
            return None
        inner = seen | {id(value)}
        return [_jsonable(item, inner) for item in value]
    properties = object_properties(value)
    if properties is not None:
        if id(value) in seen:
            return None
        inner = seen | {id(value)}
        return {key: _jsonable(item, inner) for key, item in properties.items()}
    return StringConverter.to_nullable_string(value)


class JsonConverter:
    """
    C{to_json} writes any value (objects by their attributes, datetimes as
    ISO 8601, durations as milliseconds, NaN and infinities as null) and never
    raises; C{from_json} gives None for text that is not JSON.
    """

    @staticmethod
    def to_json_value(value: Any) -> Any:
        """C{value} made of dicts with string keys, lists, strings, finite numbers, booleans and None."""
        try:
            return _jsonable(value, frozenset())
        except RecursionError:
            return None

    @staticmethod
    def to_json(value: Any) -> Optional[str]:
        if value is None:
            return None
        return json.dumps(JsonConverter.to_json_value(value), allow_nan=False, separators=(",", ":"))

    @staticmethod
    def from_json(value: Any) -> Any:
        if isinstance(value, (bytes, bytearray)):
            value = bytes(value).decode("utf-8", "replace")
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            return None

    @staticmethod
    def to_nullable_map(value: Any) -> Optional[dict[str, Any]]:
        """A JSON object's text (or an object) as a dict; None for anything else."""
        if isinstance(value, (str, bytes, bytearray)):
            value = JsonConverter.from_json(value)
        return RecursiveMapConverter.to_nullable_map(value) if not isinstance(value, list) else None

    @staticmethod
    def to_map(value: Any) -> dict[str, Any]:
        return JsonConverter.to_map_with_default(value, {})

    @staticmethod
    def to_map_with_default(value: Any, default_value: dict[str, Any]) -> dict[str, Any]:
        result = JsonConverter.to_nullable_map(value)
        return default_value if result is None else result
