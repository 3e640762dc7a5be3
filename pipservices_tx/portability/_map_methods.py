# -*- test-case-name: tests.portability.test_any_value_map -*-
"""The construction and access methods AnyValueMap and StringValueMap share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence, TypeVar

from ._map_converter import MapConverter
from ._string_converter import StringConverter

M = TypeVar("M", bound="MapMethods")


class MapMethods:
    """
    Mixed into a C{dict} subclass with string keys: how values come in
    (C{from_tuples}, C{from_value}, C{from_maps}, C{append}, C{put}) and out.
    A subclass that converts values does so in its C{__setitem__}.
    """

    if TYPE_CHECKING:  # provided by the dict it is mixed into

        def __setitem__(self, key: Any, value: Any) -> None: ...

    @classmethod
    def from_tuples(cls: type[M], *tuples: Any) -> M:
        """C{from_tuples("a", 1, "b", [2])}: keys and values alternating."""
        return cls.from_tuples_array(tuples)

    @classmethod
    def from_tuples_array(cls: type[M], tuples: Sequence[Any]) -> M:
        result = cls()
        for index in range(0, len(tuples) - 1, 2):
            result[StringConverter.to_string(tuples[index])] = tuples[index + 1]
        return result

    @classmethod
    def from_value(cls: type[M], value: Any) -> M:
        """A map's items or an object's public attributes (one level)."""
        result = cls()
        result.append(MapConverter.to_map(value))
        return result

    @classmethod
    def from_maps(cls: type[M], *maps: Optional[Mapping[Any, Any]]) -> M:
        """Later maps override earlier ones."""
        result = cls()
        for values in maps:
            if values:
                result.append(values)
        return result

    def append(self, values: Optional[Mapping[Any, Any]]) -> None:
        for key, value in (values or {}).items():
            self[StringConverter.to_string(key)] = value

    def get_key_names(self) -> list[str]:
        return list(self)  # type: ignore[call-overload]

    def get_as_object(self, key: Optional[str] = None) -> Any:
        """The value at C{key}; without a key, the whole map as a plain dict."""
        return dict(self) if key is None else self._value_at(key)  # type: ignore[call-overload,attr-defined]

    def set_as_object(self, key: Any, value: Any = None) -> None:
        """C{set_as_object(key, value)}; C{set_as_object(mapping)} replaces everything."""
        if isinstance(key, Mapping) and value is None:
            self.clear()  # type: ignore[attr-defined]
            self.append(key)
        else:
            self[StringConverter.to_string(key)] = value

    put = set_as_object
