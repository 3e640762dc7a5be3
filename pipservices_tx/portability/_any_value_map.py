# -*- test-case-name: tests.portability.test_any_value_map -*-
"""AnyValueMap: a dict of dynamic values with typed getters."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from ._map_converter import MapConverter
from ._string_converter import StringConverter
from ._typed_getters import TypedGetters


class AnyValueMap(dict[str, Any], TypedGetters):
    """String keys; values kept as given and converted by the C{get_as_*} getters."""

    def __init__(self, values: Optional[Mapping[Any, Any]] = None) -> None:
        super().__init__()
        if values:
            self.append(values)

    def _value_at(self, key: Any) -> Any:
        return self.get(StringConverter.to_string(key))

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_tuples(cls, *tuples: Any) -> AnyValueMap:
        """C{from_tuples("a", 1, "b", [2])}: keys and values alternating."""
        return cls.from_tuples_array(tuples)

    @classmethod
    def from_tuples_array(cls, tuples: Sequence[Any]) -> AnyValueMap:
        result = cls()
        for index in range(0, len(tuples) - 1, 2):
            result[StringConverter.to_string(tuples[index])] = tuples[index + 1]
        return result

    @classmethod
    def from_value(cls, value: Any) -> AnyValueMap:
        """A map's items or an object's public attributes (one level)."""
        return cls(MapConverter.to_map(value))

    @classmethod
    def from_maps(cls, *maps: Optional[Mapping[Any, Any]]) -> AnyValueMap:
        """Later maps override earlier ones."""
        result = cls()
        for values in maps:
            if values:
                result.append(values)
        return result

    # -- access ---------------------------------------------------------------

    def get_key_names(self) -> list[str]:
        return list(self)

    def get_as_object(self, key: Optional[str] = None) -> Any:
        """The value at C{key}; without a key, the whole map as a plain dict."""
        return dict(self) if key is None else self._value_at(key)

    def set_as_object(self, key: Any, value: Any = None) -> None:
        """C{set_as_object(key, value)}; C{set_as_object(mapping)} replaces everything."""
        if isinstance(key, Mapping) and value is None:
            self.clear()
            self.append(key)
        else:
            self[StringConverter.to_string(key)] = value

    put = set_as_object

    def append(self, values: Optional[Mapping[Any, Any]]) -> None:
        for key, value in (values or {}).items():
            self[StringConverter.to_string(key)] = value

    def clone(self) -> AnyValueMap:
        return type(self)(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"
