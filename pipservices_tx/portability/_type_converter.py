# -*- test-case-name: tests.portability.test_type_converter -*-
"""Type codes of values, and conversion of a value to the type a code names."""

from __future__ import annotations

import datetime
import decimal
import enum
import math
import numbers
from typing import Any, Callable, Mapping, Optional

from ._array_converter import ArrayConverter
from ._boolean_converter import BooleanConverter
from ._datetime_converter import EPOCH, DateTimeConverter
from ._float_converter import FloatConverter
from ._integer_converter import IntegerConverter
from ._map_converter import MapConverter
from ._string_converter import StringConverter
from ._type_code import TypeCode

_INT32 = 2**31


def _to_nullable_duration(value: Any) -> Optional[datetime.timedelta]:
    """A duration, or milliseconds as a number or a numeric string."""
    if isinstance(value, datetime.timedelta):
        return value
    if isinstance(value, (bool, datetime.date)):
        return None
    millis = FloatConverter.to_nullable_float(value)
    if millis is None or math.isinf(millis):
        return None
    try:
        return datetime.timedelta(milliseconds=millis)
    except (OverflowError, ValueError):
        return None


def _keep(value: Any) -> Any:
    return value


_CONVERTERS: dict[TypeCode, Callable[[Any], Any]] = {
    TypeCode.String: StringConverter.to_nullable_string,
    TypeCode.Boolean: BooleanConverter.to_nullable_boolean,
    TypeCode.Integer: IntegerConverter.to_nullable_integer,
    TypeCode.Long: IntegerConverter.to_nullable_integer,
    TypeCode.Float: FloatConverter.to_nullable_float,
    TypeCode.Double: FloatConverter.to_nullable_float,
    TypeCode.DateTime: DateTimeConverter.to_nullable_datetime,
    TypeCode.Duration: _to_nullable_duration,
    TypeCode.Array: ArrayConverter.to_nullable_array,
    TypeCode.Map: MapConverter.to_nullable_map,
}

_DEFAULTS: dict[TypeCode, Callable[[], Any]] = {
    TypeCode.String: str,
    TypeCode.Boolean: bool,
    TypeCode.Integer: int,
    TypeCode.Long: int,
    TypeCode.Float: float,
    TypeCode.Double: float,
    TypeCode.DateTime: lambda: EPOCH,
    TypeCode.Duration: datetime.timedelta,
    TypeCode.Array: list,
    TypeCode.Map: dict,
}


# The classes of the portable types, most specific first (bool is an int, datetime a date).
_CLASS_CODES: tuple[tuple[type, TypeCode], ...] = (
    (bool, TypeCode.Boolean),
    (enum.Enum, TypeCode.Enum),
    (numbers.Integral, TypeCode.Integer),
    (float, TypeCode.Float),
    (numbers.Real, TypeCode.Double),
    (decimal.Decimal, TypeCode.Double),
    (str, TypeCode.String),
    (datetime.date, TypeCode.DateTime),
    (datetime.timedelta, TypeCode.Duration),
    (Mapping, TypeCode.Map),
    (list, TypeCode.Array),
    (tuple, TypeCode.Array),
    (set, TypeCode.Array),
    (frozenset, TypeCode.Array),
)


def _class_code(cls: type) -> TypeCode:
    """The code of the values of a class: C{str} is String, C{dict} Map, any other class Object."""
    for base, code in _CLASS_CODES:
        try:
            if issubclass(cls, base):
                return code
        except TypeError:  # not a real class (a typing construct...)
            break
    return TypeCode.Object


def _code(type_code: Any) -> TypeCode:
    """A L{TypeCode} from itself, its number, its name or a class (C{str}, C{int}...); Unknown otherwise."""
    try:
        if isinstance(type_code, str):
            return TypeCode[type_code]
        if isinstance(type_code, type) and not issubclass(type_code, enum.Enum):
            return _class_code(type_code)
        return TypeCode(type_code)
    except KeyError:
        return TypeCode.Unknown
    except (ValueError, TypeError):
        return TypeCode.Unknown


class TypeConverter:
    """Bridges values and L{TypeCode}s; Object, Enum and Unknown keep the value as it is."""

    @staticmethod
    def to_type_code(value: Any) -> TypeCode:
        """
        The code of a value (C{"abc"}: String), or of the values of a class
        (C{str}: String, C{int}: Integer, C{datetime}: DateTime, C{list}:
        Array, C{dict}: Map, any other class: Object); Unknown for None.
        """
        if value is None:
            return TypeCode.Unknown
        if isinstance(value, type):
            return _class_code(value)
        code = _class_code(type(value))
        if code == TypeCode.Integer and not -_INT32 <= int(value) < _INT32:
            return TypeCode.Long
        return code

    @staticmethod
    def to_nullable_type(type_code: Any, value: Any) -> Any:
        """C{value} converted to the type of C{type_code}, or None when it does not convert."""
        if value is None:
            return None
        return _CONVERTERS.get(_code(type_code), _keep)(value)

    @staticmethod
    def to_type(type_code: Any, value: Any) -> Any:
        """Like L{to_nullable_type}, with that type's empty value (C{""}, 0, the epoch...) instead of None."""
        code = _code(type_code)
        result = TypeConverter.to_nullable_type(code, value)
        if result is None and code in _DEFAULTS:
            return _DEFAULTS[code]()
        return result

    @staticmethod
    def to_type_with_default(type_code: Any, value: Any, default_value: Any) -> Any:
        result = TypeConverter.to_nullable_type(type_code, value)
        return default_value if result is None else result

    @staticmethod
    def to_string(type_code: Any) -> str:
        """The name of a type code as it appears on the wire, e.g. C{"String"}."""
        return _code(type_code).name
