# -*- test-case-name: tests.portability.test_any_value_map -*-
"""The typed getters shared by AnyValueMap, AnyValueArray and StringValueMap."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Optional

from ._array_converter import ArrayConverter
from ._boolean_converter import BooleanConverter
from ._datetime_converter import DateTimeConverter
from ._float_converter import FloatConverter
from ._integer_converter import IntegerConverter
from ._map_converter import MapConverter
from ._string_converter import StringConverter
from ._type_converter import TypeConverter

if TYPE_CHECKING:
    from ._any_value import AnyValue
    from ._any_value_array import AnyValueArray
    from ._any_value_map import AnyValueMap


class TypedGetters:
    """
    C{get_as_<type>(key)} for every portable type; C{_value_at(key)} is the
    one thing a container supplies. Nothing here raises on an odd value.
    """

    def _value_at(self, key: Any) -> Any:
        raise NotImplementedError()

    # -- scalars --------------------------------------------------------------

    def get_as_nullable_string(self, key: Any) -> Optional[str]:
        return StringConverter.to_nullable_string(self._value_at(key))

    def get_as_string(self, key: Any) -> str:
        return StringConverter.to_string(self._value_at(key))

    def get_as_string_with_default(self, key: Any, default_value: str) -> str:
        return StringConverter.to_string_with_default(self._value_at(key), default_value)

    def get_as_nullable_boolean(self, key: Any) -> Optional[bool]:
        return BooleanConverter.to_nullable_boolean(self._value_at(key))

    def get_as_boolean(self, key: Any) -> bool:
        return BooleanConverter.to_boolean(self._value_at(key))

    def get_as_boolean_with_default(self, key: Any, default_value: bool) -> bool:
        return BooleanConverter.to_boolean_with_default(self._value_at(key), default_value)

    def get_as_nullable_integer(self, key: Any) -> Optional[int]:
        return IntegerConverter.to_nullable_integer(self._value_at(key))

    def get_as_integer(self, key: Any) -> int:
        return IntegerConverter.to_integer(self._value_at(key))

    def get_as_integer_with_default(self, key: Any, default_value: int) -> int:
        return IntegerConverter.to_integer_with_default(self._value_at(key), default_value)

    get_as_nullable_long = get_as_nullable_integer
    get_as_long = get_as_integer
    get_as_long_with_default = get_as_integer_with_default

    def get_as_nullable_float(self, key: Any) -> Optional[float]:
        return FloatConverter.to_nullable_float(self._value_at(key))

    def get_as_float(self, key: Any) -> float:
        return FloatConverter.to_float(self._value_at(key))

    def get_as_float_with_default(self, key: Any, default_value: float) -> float:
        return FloatConverter.to_float_with_default(self._value_at(key), default_value)

    get_as_nullable_double = get_as_nullable_float
    get_as_double = get_as_float
    get_as_double_with_default = get_as_float_with_default

    def get_as_nullable_datetime(self, key: Any) -> Optional[datetime.datetime]:
        return DateTimeConverter.to_nullable_datetime(self._value_at(key))

    def get_as_datetime(self, key: Any) -> datetime.datetime:
        return DateTimeConverter.to_datetime(self._value_at(key))

    def get_as_datetime_with_default(self, key: Any, default_value: datetime.datetime) -> datetime.datetime:
        return DateTimeConverter.to_datetime_with_default(self._value_at(key), default_value)

    # -- by type code ---------------------------------------------------------

    def get_as_nullable_type(self, type_code: Any, key: Any) -> Any:
        return TypeConverter.to_nullable_type(type_code, self._value_at(key))

    def get_as_type(self, type_code: Any, key: Any) -> Any:
        return TypeConverter.to_type(type_code, self._value_at(key))

    def get_as_type_with_default(self, type_code: Any, key: Any, default_value: Any) -> Any:
        return TypeConverter.to_type_with_default(type_code, self._value_at(key), default_value)

    # -- containers -----------------------------------------------------------

    def get_as_value(self, key: Any) -> AnyValue:
        from ._any_value import AnyValue

        return AnyValue(self._value_at(key))

    def get_as_nullable_array(self, key: Any) -> Optional[AnyValueArray]:
        from ._any_value_array import AnyValueArray

        items = ArrayConverter.to_nullable_array(self._value_at(key))
        return None if items is None else AnyValueArray(items)

    def get_as_array(self, key: Any) -> AnyValueArray:
        from ._any_value_array import AnyValueArray

        return self.get_as_array_with_default(key, AnyValueArray())

    def get_as_array_with_default(self, key: Any, default_value: AnyValueArray) -> AnyValueArray:
        result = self.get_as_nullable_array(key)
        return default_value if result is None else result

    def get_as_nullable_map(self, key: Any) -> Optional[AnyValueMap]:
        from ._any_value_map import AnyValueMap

        items = MapConverter.to_nullable_map(self._value_at(key))
        return None if items is None else AnyValueMap(items)

    def get_as_map(self, key: Any) -> AnyValueMap:
        from ._any_value_map import AnyValueMap

        return self.get_as_map_with_default(key, AnyValueMap())

    def get_as_map_with_default(self, key: Any, default_value: AnyValueMap) -> AnyValueMap:
        result = self.get_as_nullable_map(key)
        return default_value if result is None else result
