# -*- test-case-name: tests.portability.test_any_value_map -*-
"""AnyValueMap: a dict of dynamic values with typed getters."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from ._map_methods import MapMethods
from ._string_converter import StringConverter
from ._typed_getters import TypedGetters


class AnyValueMap(MapMethods, dict[str, Any], TypedGetters):
    """String keys; values kept as given and converted by the C{get_as_*} getters."""

    def __init__(self, values: Optional[Mapping[Any, Any]] = None) -> None:
        super().__init__()
        if values:
            self.append(values)

    def _value_at(self, key: Any) -> Any:
        return self.get(StringConverter.to_string(key))

    # -- construction ---------------------------------------------------------


    # -- access ---------------------------------------------------------------

    def clone(self) -> AnyValueMap:
        return type(self)(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"
