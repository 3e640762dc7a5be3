# -*- test-case-name: tests.testing.test_container_harness -*-
"""The container the harness builds: fakes swapped in by locator as entries are created."""

from __future__ import annotations

from typing import Any, Callable

from ..container import ComponentConfig, Container
from ..refer import Descriptor


def as_locator(value: Any) -> Any:
    """A C{"g:t:k:n:v"} string as a Descriptor; anything else (a type name) as it is."""
    if isinstance(value, str) and value.count(":") == 4:
        return Descriptor.from_string(value)
    return value


class Replacement:
    """One C{replace} entry: what it matches, and the object or class that stands in."""

    __slots__ = ("key", "value")

    def __init__(self, key: Any, value: Any) -> None:
        self.key = as_locator(key)
        self.value = value

    def matches(self, entry: ComponentConfig) -> bool:
        if isinstance(self.key, Descriptor):
            return entry.descriptor is not None and self.key.match(entry.descriptor)
        return entry.type is not None and entry.type == self.key

    def make(self) -> Any:
        """The stand-in: a new instance when the value is a class, else the value itself."""
        return self.value() if isinstance(self.value, type) else self.value


class HarnessContainer(Container):
    """
    A Container whose entries are created by the function it is given, which
    gets the entry and the container's own way of creating it.
    """

    def __init__(self, create: Callable[[ComponentConfig, Callable[[ComponentConfig], Any]], Any],
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._harness_create = create

    def create_component(self, entry: ComponentConfig) -> Any:
        return self._harness_create(entry, super().create_component)
