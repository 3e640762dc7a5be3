# -*- test-case-name: tests.portability.test_map_converter -*-
"""Conversion of maps, sequences and plain objects to string-keyed dicts."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
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
    keyed C{"0"}, C{"1"}..., an object's public properties; None for scalars
    and for values that have no properties. An object's properties are its
    attrs or dataclass fields, or else its public instance and class
    attributes holding data; plus, in every case, its public C{@property}
    values (one that raises is left out), as pip-services3 reads objects.
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
            names = [field.name for field in attrs.fields(type(value))]
        elif dataclasses.is_dataclass(value):
            names = [field.name for field in dataclasses.fields(value)]
        elif hasattr(value, "__dict__"):
            names = _class_attribute_names(type(value))
            names += [name for name in vars(value) if not name.startswith("_")]
        else:
            return None
        names += [name for name in _property_names(type(value)) if name not in names]
    except Exception:
        return None
    result: dict[str, Any] = {}
    for name in dict.fromkeys(names):
        try:
            result[name] = getattr(value, name)
        except Exception:  # a property that fails is a property we cannot read
            continue
    return result


def _class_attribute_names(cls: type) -> list[str]:
    """Public class attributes that hold data (not methods, nested classes or properties), base classes first."""
    names = []
    for klass in reversed(cls.__mro__[:-1]):  # all but object, which holds no data
        for name, member in vars(klass).items():
            if name.startswith("_") or isinstance(member, (property, staticmethod, classmethod, type)):
                continue
            if not callable(member) and not hasattr(member, "__get__"):
                names.append(name)
    return names


def _property_names(cls: type) -> list[str]:
    """Public C{@property} and C{@cached_property} names of the class and its bases."""
    names = []
    for klass in reversed(cls.__mro__[:-1]):
        for name, member in vars(klass).items():
            if not name.startswith("_") and isinstance(member, (property, functools.cached_property)):
                names.append(name)
    return names


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
