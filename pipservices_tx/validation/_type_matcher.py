# -*- test-case-name: tests.validation.test_type_matcher -*-
"""Whether a value fits an expected type: a TypeCode, a type name or a Python type."""

from __future__ import annotations

import datetime
from typing import Any, Optional

from ..portability import DateTimeConverter, FloatConverter, MapConverter, TypeCode, TypeConverter

_NAMES: dict[str, TypeCode] = {
    "string": TypeCode.String, "str": TypeCode.String,
    "boolean": TypeCode.Boolean, "bool": TypeCode.Boolean,
    "integer": TypeCode.Integer, "int": TypeCode.Integer,
    "long": TypeCode.Long,
    "float": TypeCode.Double, "double": TypeCode.Double, "number": TypeCode.Double,
    "datetime": TypeCode.DateTime, "date": TypeCode.DateTime,
    "duration": TypeCode.Duration, "timespan": TypeCode.Duration, "timedelta": TypeCode.Duration,
    "object": TypeCode.Object, "any": TypeCode.Object,
    "enum": TypeCode.Enum,
    "array": TypeCode.Array, "list": TypeCode.Array, "tuple": TypeCode.Array,
    "map": TypeCode.Map, "dict": TypeCode.Map, "dictionary": TypeCode.Map, "mapping": TypeCode.Map,
}

_PYTHON_TYPES: dict[type, TypeCode] = {
    str: TypeCode.String, bool: TypeCode.Boolean, int: TypeCode.Integer, float: TypeCode.Double,
    datetime.datetime: TypeCode.DateTime, datetime.date: TypeCode.DateTime,
    datetime.timedelta: TypeCode.Duration, dict: TypeCode.Map, list: TypeCode.Array,
    tuple: TypeCode.Array, object: TypeCode.Object,
}

_INTEGERS = (TypeCode.Integer, TypeCode.Long)
_NUMBERS = (TypeCode.Integer, TypeCode.Long, TypeCode.Float, TypeCode.Double)
_FROM_STRINGS = _NUMBERS + (TypeCode.Boolean, TypeCode.Duration)


def type_code_of_name(name: str) -> Optional[TypeCode]:
    """The TypeCode a type name stands for (C{"str"}, C{"Integer"}, C{"dict"}...), if any."""
    text = name.strip().lower()
    if text.endswith("[]"):
        return TypeCode.Array
    return _NAMES.get(text)


_EXACT = {str: TypeCode.String, bool: TypeCode.Boolean, int: TypeCode.Long, float: TypeCode.Float}


def _match_code(expected: TypeCode, value: Any, accept_strings: bool) -> bool:
    exact = _EXACT.get(type(value))
    if exact is not None and exact == expected:
        return True  # the common JSON case, decided without conversion
    actual = TypeConverter.to_type_code(value)
    if expected in (actual, TypeCode.Object, TypeCode.Unknown):
        return True
    if expected in _INTEGERS:
        return actual in _INTEGERS or (actual == TypeCode.Float and float(value).is_integer()) or (
            accept_strings and actual == TypeCode.String and _integer_text(value)
        )
    if expected in _NUMBERS or expected == TypeCode.Duration:
        if actual in _NUMBERS:
            return True
    if expected == TypeCode.DateTime and actual == TypeCode.String:
        return DateTimeConverter.to_nullable_datetime(value) is not None
    if expected == TypeCode.Enum:
        return actual in (TypeCode.String, TypeCode.Integer, TypeCode.Long)
    if expected == TypeCode.Map:
        return actual == TypeCode.Object and MapConverter.to_nullable_map(value) is not None
    if accept_strings and actual == TypeCode.String and expected in _FROM_STRINGS:
        return TypeConverter.to_nullable_type(expected, value) is not None
    return False


def _integer_text(value: str) -> bool:
    number = FloatConverter.to_nullable_float(value)
    return number is not None and number.is_integer()


def match_type(expected: Any, value: Any, accept_strings: bool = False) -> bool:
    """
    True when C{value} (not None) fits C{expected}. Integers fit Long and
    floating types, ISO strings fit DateTime; with C{accept_strings}, a string
    fits a number, Boolean or Duration type when it converts to it (query strings).
    """
    if expected is None:
        return True
    if isinstance(expected, TypeCode):
        return _match_code(expected, value, accept_strings)
    if isinstance(expected, str):
        if type(value).__name__.lower() == expected.strip().lower():
            return True
        code = type_code_of_name(expected)
        return code is not None and _match_code(code, value, accept_strings)
    if isinstance(expected, type):
        if expected in _PYTHON_TYPES:
            return _match_code(_PYTHON_TYPES[expected], value, accept_strings)
        return isinstance(value, expected)
    return False


def type_name(expected: Any) -> str:
    """How an expected type is named in messages and results (C{"String"}, C{"Object"}...)."""
    from ._schema import Schema

    if isinstance(expected, TypeCode):
        return expected.name
    if isinstance(expected, Schema):
        return expected.type_name
    if isinstance(expected, str):
        return expected
    if isinstance(expected, type):
        code = _PYTHON_TYPES.get(expected)
        return code.name if code is not None else expected.__name__
    return TypeCode.Unknown.name


_JSON_TYPES: dict[TypeCode, dict[str, Any]] = {
    TypeCode.String: {"type": "string"},
    TypeCode.Boolean: {"type": "boolean"},
    TypeCode.Integer: {"type": "integer", "format": "int32"},
    TypeCode.Long: {"type": "integer", "format": "int64"},
    TypeCode.Float: {"type": "number", "format": "float"},
    TypeCode.Double: {"type": "number", "format": "double"},
    TypeCode.DateTime: {"type": "string", "format": "date-time"},
    TypeCode.Duration: {"type": "number", "description": "milliseconds"},
    TypeCode.Array: {"type": "array"},
    TypeCode.Map: {"type": "object"},
}


def type_json_schema(expected: Any) -> dict[str, Any]:
    """The JSON Schema of an expected type; C{{}} (anything) when it has none."""
    from ._schema import Schema

    if isinstance(expected, Schema):
        return expected.to_json_schema()
    code: Optional[TypeCode] = None
    if isinstance(expected, TypeCode):
        code = expected
    elif isinstance(expected, str):
        code = type_code_of_name(expected)
    elif isinstance(expected, type):
        code = _PYTHON_TYPES.get(expected)
    return dict(_JSON_TYPES.get(code, {})) if code is not None else {}
