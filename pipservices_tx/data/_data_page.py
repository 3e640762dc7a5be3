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


def _items_to_json(items: list[Any]) -> list[Any]:
    # Plain dicts (the usual item) need no lookup of a to_json method.
    return [item if type(item) is dict else _item_to_json(item) for item in items]


@attrs.define(eq=False)
class DataPage(Generic[T]):
    """
    C{data} is the page; C{total} counts every matching item, or is None when
    the caller did not ask for it (C{PagingParams.total}).
    """

    data: list[T] = attrs.field(factory=list)
    total: Optional[int] = None

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __eq__(self, other: object) -> bool:
        # By value, whatever the class: a page of shared items equals the same page of copies.
        if not isinstance(other, DataPage):
            return NotImplemented
        return bool(self.data == other.data and self.total == other.total)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    @staticmethod
    def of_shared(items: list[Any], total: Optional[int], copy: Callable[[list[Any]], list[Any]]) -> DataPage[Any]:
        """
        A page of C{items} that belong to someone else (a memory store): C{data}
        is C{copy(items)}, made when first read, so a page only encoded as
        JSON (L{json_items}) is never copied.
        """
        return _SharedPage(items, total, copy)

    def to_json(self) -> dict[str, Any]:
        """C{{"data": [...], "total": n}}; items with a C{to_json} method are converted."""
        return {"data": _items_to_json(self.data), "total": self.total}

    def json_items(self) -> list[Any]:
        """
        The items as L{to_json} writes them, for an encoder that writes them at
        once: they may be the stored items themselves, never to be changed.
        """
        return _items_to_json(self.data)

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


_DATA_SLOT: Any = DataPage.__dict__["data"]


class _SharedPage(DataPage[T]):
    """A DataPage whose C{data} is copied from shared items on first read (L{DataPage.of_shared})."""

    _shared: Optional[list[Any]] = None
    _copy: Optional[Callable[[list[Any]], list[Any]]] = None

    def __init__(self, data: Any = (), total: Optional[int] = None,
                 copy: Optional[Callable[[list[Any]], list[Any]]] = None) -> None:
        self.total = total
        if copy is None:  # attrs.evolve and copies: an ordinary page
            _DATA_SLOT.__set__(self, list(data))
        else:
            self._shared = data
            self._copy = copy

    @property  # type: ignore[override]
    def data(self) -> list[T]:
        shared = self._shared
        if shared is not None:
            assert self._copy is not None
            _DATA_SLOT.__set__(self, self._copy(shared))
            self._shared = None
        return _DATA_SLOT.__get__(self)  # type: ignore[no-any-return]

    @data.setter
    def data(self, value: list[T]) -> None:
        self._shared = None
        _DATA_SLOT.__set__(self, value)

    def json_items(self) -> list[Any]:
        shared = self._shared
        return _items_to_json(shared) if shared is not None else super().json_items()

    def __repr__(self) -> str:
        return f"DataPage(data={self.data!r}, total={self.total!r})"
