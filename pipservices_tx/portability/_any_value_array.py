# -*- test-case-name: tests.portability.test_any_value_array -*-
"""AnyValueArray: a list of dynamic values with typed getters by index."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from ._array_converter import ArrayConverter
from ._type_converter import TypeConverter
from ._typed_getters import TypedGetters


class AnyValueArray(list[Any], TypedGetters):
    """An index out of range reads as None, so every getter gives its default."""

    def __init__(self, values: Optional[Iterable[Any]] = None) -> None:
        super().__init__(values or [])

    def _value_at(self, key: Any) -> Any:
        if isinstance(key, bool) or not isinstance(key, int) or not -len(self) <= key < len(self):
            return None
        return self[key]

    @classmethod
    def from_values(cls, *values: Any) -> AnyValueArray:
        return cls(values)

    @classmethod
    def from_value(cls, value: Any) -> AnyValueArray:
        """Sequences as their items, a map as its values, anything else as one item."""
        return cls(ArrayConverter.to_array(value))

    @classmethod
    def from_string(cls, values: Optional[str], separator: str = ",", remove_duplicates: bool = False) -> AnyValueArray:
        """C{"a,b,a"} -> C{["a", "b", "a"]} (or C{["a", "b"]} when removing duplicates)."""
        result = cls()
        if not values:
            return result
        for item in values.split(separator):
            if remove_duplicates and item in result:
                continue
            result.append(item)
        return result

    def get_as_object(self, index: Optional[int] = None) -> Any:
        """The item at C{index}; without an index, the items as a plain list."""
        return list(self) if index is None else self._value_at(index)

    def contains(self, value: Any) -> bool:
        return any(item == value for item in self)

    def contains_as_type(self, type_code: Any, value: Any) -> bool:
        """True when an item equals C{value} once both are converted to that type."""
        expected = TypeConverter.to_nullable_type(type_code, value)
        return any(TypeConverter.to_nullable_type(type_code, item) == expected for item in self)

    def clone(self) -> AnyValueArray:
        return type(self)(self)

    def __str__(self) -> str:
        from ._string_converter import StringConverter

        return StringConverter.to_string(list(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list.__repr__(self)})"
