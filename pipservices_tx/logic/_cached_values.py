# -*- test-case-name: tests.logic.test_caching_decorator -*-
"""How a method's result travels through a cache that keeps JSON values: a DataPage as a tagged JSON object."""

from __future__ import annotations

from typing import Any

from ..data import DataPage

#: The one key of the JSON object that stands for a DataPage in a cache.
PAGE_TAG = "$data_page"


def to_cached(value: Any) -> Any:
    """What the cache keeps for a result: C{{"$data_page": {"data": [...], "total": n}}} for a DataPage."""
    if isinstance(value, DataPage):
        return {PAGE_TAG: value.to_json()}
    return value


def from_cached(value: Any) -> Any:
    """The result again: a new DataPage (of JSON items) for a tagged page; any other value as it is."""
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get(PAGE_TAG), dict):
        return DataPage.from_json(value[PAGE_TAG])
    return value
