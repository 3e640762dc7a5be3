# -*- test-case-name: tests.portability.test_string_value_map -*-
"""StringValueMap: a dict whose values are kept as strings, as in query strings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional

from ._array_converter import ArrayConverter
from ._json_converter import JsonConverter
from ._map_converter import MapConverter
from ._map_methods import MapMethods
from ._string_converter import StringConverter
from ._typed_getters import TypedGetters

if TYPE_CHECKING:
    from ._any_value_array import AnyValueArray
    from ._any_value_map import AnyValueMap


def _as_text(value: Any) -> Optional[str]:
    """Maps are kept as JSON text, lists comma-joined, everything else by StringConverter."""
    if isinstance(value, Mapping) or (
        not isinstance(value, (list, tuple, set, frozenset)) and MapConverter.to_nullable_map(value) is not None
    ):
        return JsonConverter.to_json(value)
    return StringConverter.to_nullable_string(value)


class StringValueMap(MapMethods, dict[str, Optional[str]], TypedGetters):
    """
    Every value stored is converted to a string (or None) on the way in and
    to the requested type on the way out; C{from_string("a=1;b=2")} parses.
    """

    def __init__(self, values: Optional[Mapping[Any, Any]] = None) -> None:
        super().__init__()
        if values:
            self.append(values)

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(StringConverter.to_string(key), _as_text(value))

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key: str, default: Any = None) -> Optional[str]:  # type: ignore[override]
        if key not in self:
            self[key] = default
        return self[key]

    def _value_at(self, key: Any) -> Any:
        return self.get(StringConverter.to_string(key))

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_string(cls, line: Optional[str]) -> StringValueMap:
        """Parses C{"a=1;b=2"}; a key without C{=} gets None."""
        result = cls()
        for part in (line or "").split(";"):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            result[key.strip()] = value.strip() if sep else None
        return result


    # -- access ---------------------------------------------------------------

    def get_as_nullable_array(self, key: Any) -> Optional[AnyValueArray]:
        """A comma-separated value read back as a list of strings."""
        from ._any_value_array import AnyValueArray

        value = self._value_at(key)
        return None if value is None else AnyValueArray(ArrayConverter.list_to_array(value))

    def get_as_nullable_map(self, key: Any) -> Optional[AnyValueMap]:
        """A JSON object, or C{"a=1;b=2"}, read back as a map."""
        from ._any_value_map import AnyValueMap

        value = self._value_at(key)
        if value is None:
            return None
        parsed = JsonConverter.to_nullable_map(value)
        if parsed is None and "=" in value:
            parsed = dict(StringValueMap.from_string(value))
        return None if parsed is None else AnyValueMap(parsed)

    def clone(self) -> StringValueMap:
        return type(self)(self)

    def to_string(self) -> str:
        """The C{"a=1;b=2"} form that L{from_string} reads."""
        return ";".join(key if value is None else f"{key}={value}" for key, value in self.items())

    def __str__(self) -> str:
        return self.to_string()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"

