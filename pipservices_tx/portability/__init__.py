"""Converters between JSON-ish values and Python types, portable across languages."""

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
