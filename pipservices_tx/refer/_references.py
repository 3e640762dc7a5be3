# -*- test-case-name: tests.refer.test_references -*-
"""References: the registry in which components are put and found."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from zope.interface import implementer
from zope.interface.interface import InterfaceClass

from ..errors import ReferenceException
from ._descriptor import Descriptor
from ._interfaces import IReferences


def locator_matches(query: Any, locator: Any, component: Any) -> bool:
    """
    How a query finds a component: a Descriptor by wildcard match, a zope
    interface by C{providedBy}, a class by C{isinstance}, anything else by equality.
    """
    if isinstance(query, Descriptor):
        return query.match(locator)
    if isinstance(query, InterfaceClass):
        return bool(query.providedBy(component))
    if isinstance(query, type):
        return isinstance(component, query)
    return bool(query == locator or query is component)


@implementer(IReferences)
class References:
    """An ordered registry; a later component wins C{get_one_*} lookups."""

    def __init__(self, tuples: Optional[Iterable[Any]] = None) -> None:
        self._entries: list[tuple[Any, Any]] = []
        if tuples is not None:
            items = list(tuples)
            for index in range(0, len(items) - 1, 2):
                self.put(items[index], items[index + 1])

    @classmethod
    def from_tuples(cls, *tuples: Any) -> References:
        """C{References.from_tuples(locator1, component1, locator2, component2...)}."""
        return cls(tuples)

    def put(self, locator: Any, component: Any) -> None:
        if component is None:
            raise ValueError("Component cannot be None")
        self._entries.append((locator, component))

    def remove(self, locator: Any) -> Any:
        for index in range(len(self._entries) - 1, -1, -1):
            entry_locator, component = self._entries[index]
            if locator_matches(locator, entry_locator, component):
                del self._entries[index]
                return component
        return None

    def remove_all(self, locator: Any) -> list[Any]:
        removed = [c for loc, c in self._entries if locator_matches(locator, loc, c)]
        self._entries = [(loc, c) for loc, c in self._entries if not locator_matches(locator, loc, c)]
        return removed

    def get_all_locators(self) -> list[Any]:
        return [locator for locator, _ in self._entries]

    def get_all(self) -> list[Any]:
        return [component for _, component in self._entries]

    def find(self, locator: Any, required: bool) -> list[Any]:
        if locator is None:
            raise ValueError("Locator cannot be None")
        found = [c for loc, c in self._entries if locator_matches(locator, loc, c)]
        if required and not found:
            raise ReferenceException(None, locator)
        return found

    def get_optional(self, locator: Any) -> list[Any]:
        return self.find(locator, False)

    def get_required(self, locator: Any) -> list[Any]:
        return self.find(locator, True)

    def get_one_optional(self, locator: Any) -> Any:
        found = self.find(locator, False)
        return found[-1] if found else None

    def get_one_required(self, locator: Any) -> Any:
        return self.find(locator, True)[-1]

    def __len__(self) -> int:
        return len(self._entries)
