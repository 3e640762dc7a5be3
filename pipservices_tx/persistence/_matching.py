# -*- test-case-name: tests.persistence.test_matching -*-
"""Filters and sort orders over JSON-like items, as plain Python functions."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Mapping
from typing import Any, Callable, Iterable, Iterator, Optional

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

    The predicate has a L{candidates} function (see L{candidates_of}): the
    items whose first plain field holds the expected string or no string at
    all, picked without a Python call per item; the predicate decides on those.
    """
    criteria = list(filter_params.items())
    if not criteria:
        return None

    def loose(actual: Any, expected: Optional[str]) -> bool:
        if actual is None:
            return expected is None
        return expected is not None and StringConverter.to_nullable_string(actual) == expected

    if len(criteria) == 1:
        [(path, expected)] = criteria

        def matches(item: Mapping[str, Any]) -> bool:
            actual = item[path] if path in item else get_field(item, path)
            if type(actual) is str:
                return actual == expected
            return loose(actual, expected)
    else:
        def matches(item: Mapping[str, Any]) -> bool:
            for path, expected in criteria:
                actual = item[path] if path in item else get_field(item, path)
                if type(actual) is str:
                    if actual != expected:
                        return False
                elif not loose(actual, expected):
                    return False
            return True

    plain = [(path, expected) for path, expected in criteria
             if type(expected) is str and "." not in path]
    if plain:
        path, expected = plain[0]
        get, equals = operator.methodcaller("get", path), expected.__eq__

        def candidates(items: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
            # str.__eq__ is True for the same string, False for another one and
            # NotImplemented (truthy: the predicate decides) for what is not a string.
            return itertools.compress(items, map(equals, map(get, items)))

        matches.candidates = candidates  # type: ignore[attr-defined]
    return matches


def candidates_of(predicate: Predicate) -> Optional[Callable[[Iterable[Any]], Iterator[Any]]]:
    """
    The C{candidates} function of a predicate, if it has one: given a
    re-iterable collection of items, the items that may match, in order (a
    superset of the matches: C{filter(predicate, candidates(items))} is the
    matches). None for a predicate without one.
    """
    return getattr(predicate, "candidates", None)


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
