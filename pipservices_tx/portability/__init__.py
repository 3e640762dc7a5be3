"""Converters between JSON-ish values and Python types, portable across languages."""

from ._boolean_converter import BooleanConverter
from ._float_converter import FloatConverter
from ._integer_converter import IntegerConverter, LongConverter
from ._string_converter import StringConverter

__all__ = [
    "BooleanConverter",
    "FloatConverter",
    "IntegerConverter",
    "LongConverter",
    "StringConverter",
]
