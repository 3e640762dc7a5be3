# -*- test-case-name: tests.persistence.test_matching -*-
"""Filters and sort orders over JSON-like items, as plain Python functions."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Optional

from ..data import FilterParams, SortParams
from ..portability import StringConverter

Predicate = Callable[[Mapping[str, Any]], bool]
SortKey = Callable[[Mapping[str, Any]], Any]


def get_field(item: Mapping[str, Any], path: str) -> Any:
    """
    The value at C{path}: a key of C{item} as is, else its dotted parts
    through nested maps (and list indexes); None when missing.
    """
    if path in item:
        return item[path]
    node: Any = item
    for part in path.split("."):
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def equality_filter(filter_params: Mapping[str, Optional[str]]) -> Optional[Predicate]:
    """
    A predicate true when every field named by a key, converted to a string
    (C{StringConverter}), equals that key's value; a None value asks for a
    missing or null field. None when there is no criterion (everything matches).
    """
    criteria = list(filter_params.items())
    if not criteria:
        return None

    def matches(item: Mapping[str, Any]) -> bool:
        for path, expected in criteria:
            actual = item[path] if path in item else get_field(item, path)
            if type(actual) is str:
                if actual != expected:
                    return False
            elif actual is None:
                if expected is not None:
                    return False
            elif expected is None or StringConverter.to_nullable_string(actual) != expected:
                return False
        return True

    return matches


def _rank(value: Any) -> tuple[int, Any]:
    """Orders values of mixed types: nulls, booleans, numbers, strings, the rest."""
    if value is None:
        return (0, 0)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, (int, float)):
        return (2, value)
    if isinstance(value, str):
        return (3, value)
    return (4, StringConverter.to_string(value))


def sort_items(items: Iterable[Mapping[str, Any]], sort: SortParams | SortKey) -> list[Any]:
    """
    C{items} ordered by a key function or by each field of C{sort} in turn
    (stable, so ties keep the stored order).
    """
    result = list(items)
    if callable(sort):
        result.sort(key=sort)
        return result
    for field in reversed(sort):
        result.sort(key=_field_key(field.name), reverse=not field.ascending)
    return result


def _field_key(name: str) -> Callable[[Mapping[str, Any]], tuple[int, Any]]:
    def key(item: Mapping[str, Any]) -> tuple[int, Any]:
        return _rank(get_field(item, name))

    return key


def to_filter_params(value: Any) -> FilterParams:
    """A FilterParams from a FilterParams, a map, a string or None."""
    return value if isinstance(value, FilterParams) else FilterParams.from_value(value)
