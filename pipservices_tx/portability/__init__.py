"""Converters between JSON-ish values and Python types, portable across languages."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._any_value import AnyValue
    from ._any_value_array import AnyValueArray
    from ._any_value_map import AnyValueMap
    from ._array_converter import ArrayConverter
    from ._boolean_converter import BooleanConverter
    from ._datetime_converter import DateTimeConverter
    from ._float_converter import DoubleConverter, FloatConverter
    from ._id_generator import IdGenerator
    from ._integer_converter import IntegerConverter, LongConverter
    from ._json_converter import JsonConverter
    from ._map_converter import MapConverter
    from ._recursive_map_converter import RecursiveMapConverter
    from ._string_converter import StringConverter
    from ._string_value_map import StringValueMap
    from ._type_code import TypeCode
    from ._type_converter import TypeConverter
    from ._typed_getters import TypedGetters
    from ._wire_json import MAX_JSON_DEPTH, check_json_value, parse_json

__all__ = [
    "MAX_JSON_DEPTH",
    "AnyValue",
    "AnyValueArray",
    "AnyValueMap",
    "ArrayConverter",
    "BooleanConverter",
    "DateTimeConverter",
    "DoubleConverter",
    "FloatConverter",
    "IdGenerator",
    "IntegerConverter",
    "JsonConverter",
    "LongConverter",
    "MapConverter",
    "RecursiveMapConverter",
    "StringConverter",
    "StringValueMap",
    "TypeCode",
    "TypeConverter",
    "TypedGetters",
    "check_json_value",
    "parse_json",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "AnyValue":
        from . import _any_value

        module = _any_value
    elif name == "AnyValueArray":
        from . import _any_value_array

        module = _any_value_array
    elif name == "AnyValueMap":
        from . import _any_value_map

        module = _any_value_map
    elif name == "ArrayConverter":
        from . import _array_converter

        module = _array_converter
    elif name == "BooleanConverter":
        from . import _boolean_converter

        module = _boolean_converter
    elif name == "DateTimeConverter":
        from . import _datetime_converter

        module = _datetime_converter
    elif name in ("DoubleConverter", "FloatConverter"):
        from . import _float_converter

        module = _float_converter
    elif name == "IdGenerator":
        from . import _id_generator

        module = _id_generator
    elif name in ("IntegerConverter", "LongConverter"):
        from . import _integer_converter

        module = _integer_converter
    elif name == "JsonConverter":
        from . import _json_converter

        module = _json_converter
    elif name == "MapConverter":
        from . import _map_converter

        module = _map_converter
    elif name == "RecursiveMapConverter":
        from . import _recursive_map_converter

        module = _recursive_map_converter
    elif name == "StringConverter":
        from . import _string_converter

        module = _string_converter
    elif name == "StringValueMap":
        from . import _string_value_map

        module = _string_value_map
    elif name == "TypeCode":
        from . import _type_code

        module = _type_code
    elif name == "TypeConverter":
        from . import _type_converter

        module = _type_converter
    elif name == "TypedGetters":
        from . import _typed_getters

        module = _typed_getters
    elif name in ("MAX_JSON_DEPTH", "check_json_value", "parse_json"):
        from . import _wire_json

        module = _wire_json
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
