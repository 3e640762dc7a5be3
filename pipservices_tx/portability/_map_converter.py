# -*- test-case-name: tests.portability.test_map_converter -*-
"""Conversion of maps, sequences and plain objects to string-keyed dicts."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import inspect
import numbers
import types
from typing import Any, Mapping, Optional

import attrs

from ._string_converter import StringConverter

_SCALARS = (str, bytes, bytearray, numbers.Number, datetime.date, datetime.timedelta, enum.Enum)


def object_properties(value: Any) -> Optional[dict[str, Any]]:
    """
    The top level of C{value} as a dict: a map's items, a sequence's items
    keyed C{"0"}, C{"1"}..., an object's public attributes (attrs, dataclass or
    C{__dict__}); None for scalars and for values that have no properties.
    """
    if value is None or isinstance(value, _SCALARS):
        return None
    try:
        if isinstance(value, Mapping):
            return {StringConverter.to_string(key): item for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return {str(index): item for index, item in enumerate(value)}
        if isinstance(value, (type, types.ModuleType)) or inspect.isroutine(value):
            return None
        if attrs.has(type(value)):
            return {field.name: getattr(value, field.name) for field in attrs.fields(type(value))}
        if dataclasses.is_dataclass(value):
            return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
        if hasattr(value, "__dict__"):
            return {name: item for name, item in vars(value).items() if not name.startswith("_")}
    except Exception:
        return None
    return None


class MapConverter:
    """One level deep: nested values are kept as they are (see L{RecursiveMapConverter})."""

    @staticmethod
    def to_nullable_map(value: Any) -> Optional[dict[str, Any]]:
        return object_properties(value)

    @staticmethod
    def to_map(value: Any) -> dict[str, Any]:
        return MapConverter.to_map_with_default(value, {})

    @staticmethod
    def to_map_with_default(value: Any, default_value: dict[str, Any]) -> dict[str, Any]:
        result = MapConverter.to_nullable_map(value)
        return default_value if result is None else result
