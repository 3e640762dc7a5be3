# -*- test-case-name: tests.portability.test_any_value -*-
"""AnyValue: one value of any type with typed getters that never raise."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Optional

from ._boolean_converter import BooleanConverter
from ._datetime_converter import DateTimeConverter
from ._float_converter import FloatConverter
from ._integer_converter import IntegerConverter
from ._string_converter import StringConverter
from ._type_code import TypeCode
from ._type_converter import TypeConverter

if TYPE_CHECKING:
    from ._any_value_array import AnyValueArray
    from ._any_value_map import AnyValueMap


class AnyValue:
    """A holder for a dynamic value, e.g. one item of a loosely typed message."""

    def __init__(self, value: Any = None) -> None:
        self.value: Any = value.value if isinstance(value, AnyValue) else value

    def get_type_code(self) -> TypeCode:
        return TypeConverter.to_type_code(self.value)

    def get_as_object(self) -> Any:
        return self.value

    def set_as_object(self, value: Any) -> None:
        self.value = value.value if isinstance(value, AnyValue) else value

    def get_as_nullable_string(self) -> Optional[str]:
        return StringConverter.to_nullable_string(self.value)

    def get_as_string(self) -> str:
        return StringConverter.to_string(self.value)

    def get_as_string_with_default(self, default_value: str) -> str:
        return StringConverter.to_string_with_default(self.value, default_value)

    def get_as_nullable_boolean(self) -> Optional[bool]:
        return BooleanConverter.to_nullable_boolean(self.value)

    def get_as_boolean(self) -> bool:
        return BooleanConverter.to_boolean(self.value)

    def get_as_boolean_with_default(self, default_value: bool) -> bool:
        return BooleanConverter.to_boolean_with_default(self.value, default_value)

    def get_as_nullable_integer(self) -> Optional[int]:
        return IntegerConverter.to_nullable_integer(self.value)

    def get_as_integer(self) -> int:
        return IntegerConverter.to_integer(self.value)

    def get_as_integer_with_default(self, default_value: int) -> int:
        return IntegerConverter.to_integer_with_default(self.value, default_value)

    get_as_nullable_long = get_as_nullable_integer
    get_as_long = get_as_integer
    get_as_long_with_default = get_as_integer_with_default

    def get_as_nullable_float(self) -> Optional[float]:
        return FloatConverter.to_nullable_float(self.value)

    def get_as_float(self) -> float:
        return FloatConverter.to_float(self.value)

    def get_as_float_with_default(self, default_value: float) -> float:
        return FloatConverter.to_float_with_default(self.value, default_value)

    get_as_nullable_double = get_as_nullable_float
    get_as_double = get_as_float
    get_as_double_with_default = get_as_float_with_default

    def get_as_nullable_datetime(self) -> Optional[datetime.datetime]:
        return DateTimeConverter.to_nullable_datetime(self.value)

    def get_as_datetime(self) -> datetime.datetime:
        return DateTimeConverter.to_datetime(self.value)

    def get_as_datetime_with_default(self, default_value: datetime.datetime) -> datetime.datetime:
        return DateTimeConverter.to_datetime_with_default(self.value, default_value)

    def get_as_nullable_type(self, type_code: Any) -> Any:
        return TypeConverter.to_nullable_type(type_code, self.value)

    def get_as_type(self, type_code: Any) -> Any:
        return TypeConverter.to_type(type_code, self.value)

    def get_as_type_with_default(self, type_code: Any, default_value: Any) -> Any:
        return TypeConverter.to_type_with_default(type_code, self.value, default_value)

    def get_as_array(self) -> AnyValueArray:
        from ._any_value_array import AnyValueArray

        return AnyValueArray.from_value(self.value)

    def get_as_map(self) -> AnyValueMap:
        from ._any_value_map import AnyValueMap

        return AnyValueMap.from_value(self.value)

    def equals(self, other: Any) -> bool:
        """Equal values, or equal once C{other} is converted to this value's type."""
        other_value = other.value if isinstance(other, AnyValue) else other
        if self.value is None or other_value is None:
            return self.value is None and other_value is None
        if self.value == other_value:
            return True
        return TypeConverter.to_nullable_type(self.get_type_code(), other_value) == self.value

    def equals_as_type(self, type_code: Any, other: Any) -> bool:
        """Equal once both values are converted to the type of C{type_code}."""
        other_value = other.value if isinstance(other, AnyValue) else other
        return TypeConverter.to_nullable_type(type_code, self.value) == TypeConverter.to_nullable_type(
            type_code, other_value
        )

    def __eq__(self, other: object) -> bool:
        return self.equals(other)

    def __hash__(self) -> int:
        try:
            return hash(self.value)
        except TypeError:
            return hash(self.get_as_string())

    def __str__(self) -> str:
        return self.get_as_string()

    def __repr__(self) -> str:
        return f"AnyValue({self.value!r})"

    def clone(self) -> AnyValue:
        return AnyValue(self.value)
