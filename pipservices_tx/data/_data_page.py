# -*- test-case-name: tests.data.test_data_page -*-
"""DataPage: one page of a query's result and, when asked, the total count."""

from __future__ import annotations

from typing import Any, Callable, Generic, Optional, TypeVar

import attrs

from ..portability import IntegerConverter
from ._query import decode_json

T = TypeVar("T")


def _item_to_json(item: Any) -> Any:
    to_json = getattr(item, "to_json", None)
    return to_json() if callable(to_json) else item


@attrs.define
class DataPage(Generic[T]):
    """
    C{data} is the page; C{total} counts every matching item, or is None when
    the caller did not ask for it (C{PagingParams.total}).
    """

    data: list[T] = attrs.field(factory=list)
    total: Optional[int] = None

    def to_json(self) -> dict[str, Any]:
        """C{{"data": [...], "total": n}}; items with a C{to_json} method are converted."""
        return {"data": [_item_to_json(item) for item in self.data], "total": self.total}

    @classmethod
    def from_json(cls, value: Any, item_from_json: Optional[Callable[[Any], Any]] = None) -> DataPage[Any]:
        """
        The value of L{to_json} or JSON text holding it; C{item_from_json} turns
        each item into an object (items stay JSON values without it).
        """
        value = decode_json(value) or {}
        items = value.get("data") or []
        if item_from_json is not None:
            items = [item_from_json(item) for item in items]
        return cls(list(items), IntegerConverter.to_nullable_integer(value.get("total")))
