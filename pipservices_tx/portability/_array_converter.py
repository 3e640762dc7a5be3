# -*- test-case-name: tests.portability.test_array_converter -*-
"""Conversion of any value to a list."""

from __future__ import annotations

from typing import Any, Mapping, Optional


class ArrayConverter:
    """Sequences and sets become lists, a map its values, anything else a one-item list."""

    @staticmethod
    def to_nullable_array(value: Any) -> Optional[list[Any]]:
        if value is None:
            return None
        if isinstance(value, (list, tuple, set, frozenset)):
            return list(value)
        if isinstance(value, Mapping):
            try:
                return list(value.values())
            except Exception:
                return None
        return [value]

    @staticmethod
    def to_array(value: Any) -> list[Any]:
        return ArrayConverter.to_array_with_default(value, [])

    @staticmethod
    def to_array_with_default(value: Any, default_value: list[Any]) -> list[Any]:
        result = ArrayConverter.to_nullable_array(value)
        return default_value if result is None else result

    @staticmethod
    def list_to_array(value: Any) -> list[Any]:
        """Like L{to_array}, but C{"a, b,c"} becomes C{["a", "b", "c"]} and C{""} or None C{[]}."""
        if value is None:
            return []
        if isinstance(value, (str, bytes)):
            text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
            if not text.strip():
                return []
            return [item.strip() for item in text.split(",")]
        return ArrayConverter.to_array(value)
