# -*- test-case-name: tests.portability.test_map_converter -*-
"""Deep conversion of objects to dicts of dicts, lists and scalars."""

from __future__ import annotations

from typing import Any, Optional

from ._map_converter import object_properties


def _convert(value: Any, seen: frozenset[int]) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        if id(value) in seen:
            return None
        inner = seen | {id(value)}
        return [_convert(item, inner) for item in value]
    properties = object_properties(value)
    if properties is None:
        return value
    if id(value) in seen:
        return None
    inner = seen | {id(value)}
    return {key: _convert(item, inner) for key, item in properties.items()}


class RecursiveMapConverter:
    """Nested maps and objects become dicts, sequences lists; a cycle becomes None."""

    @staticmethod
    def to_nullable_map(value: Any) -> Optional[dict[str, Any]]:
        if value is None or (object_properties(value) is None):
            return None
        try:
            if isinstance(value, (list, tuple)):
                return {str(index): _convert(item, frozenset({id(value)})) for index, item in enumerate(value)}
            result = _convert(value, frozenset())
        except RecursionError:
            return None
        return result if isinstance(result, dict) else None

    @staticmethod
    def to_map(value: Any) -> dict[str, Any]:
        return RecursiveMapConverter.to_map_with_default(value, {})

    @staticmethod
    def to_map_with_default(value: Any, default_value: dict[str, Any]) -> dict[str, Any]:
        result = RecursiveMapConverter.to_nullable_map(value)
        return default_value if result is None else result

    @staticmethod
    def to_value(value: Any) -> Any:
        """Any value with its maps and objects turned into dicts, deeply."""
        try:
            return _convert(value, frozenset())
        except RecursionError:
            return None
