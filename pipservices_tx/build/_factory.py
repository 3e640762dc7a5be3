# -*- test-case-name: tests.build.test_factory -*-
"""Factory: a table of locators and the functions that build their components."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from zope.interface import implementer

from ..errors import CreateException
from ..refer import locator_matches
from ._interfaces import IFactory


@implementer(IFactory)
class Factory:
    """
    C{register(Descriptor("beacons", "controller", "default", "*", "1.0"), fn)}:
    the function gets the requested locator; C{register_as_type} takes a class.
    """

    def __init__(self) -> None:
        self._registrations: list[tuple[Any, Callable[[Any], Any]]] = []
        self._types: list[tuple[Any, Callable[[], type]]] = []

    def register(self, locator: Any, factory: Callable[[Any], Any]) -> None:
        if locator is None or factory is None:
            raise ValueError("Locator and factory cannot be None")
        self._registrations.append((locator, factory))

    def register_as_type(self, locator: Any, component_type: type) -> None:
        self.register_lazy(locator, lambda: component_type)

    def register_lazy(self, locator: Any, load_type: Callable[[], type]) -> None:
        """
        Registers the class that C{load_type()} returns; the function (which
        imports the class's module) runs when the first component is created,
        so a service pays only for the kinds its config names.
        """
        self._types.append((locator, load_type))
        self.register(locator, lambda _locator: load_type()())

    @property
    def types(self) -> list[tuple[Any, Callable[[], type]]]:
        """Each locator registered with a class, and the function that loads that class."""
        return list(self._types)

    def _find(self, locator: Any) -> Callable[[Any], Any] | None:
        for registered, factory in self._registrations:
            if locator_matches(registered, locator, None) or locator_matches(locator, registered, None):
                return factory
        return None

    def can_create(self, locator: Any) -> Any:
        return locator if self._find(locator) is not None else None

    def create(self, locator: Any) -> Any:
        factory = self._find(locator)
        if factory is None:
            raise CreateException(None, locator)
        try:
            return factory(locator)
        except CreateException:
            raise
        except Exception as e:
            raise CreateException(None, locator, f"Failed to create {locator}: {e}").with_cause(e) from e


@implementer(IFactory)
class CompositeFactory:
    """Asks its factories newest first, so a user's factory can override a default."""

    def __init__(self, factories: Iterable[IFactory] = ()) -> None:
        self._factories: list[IFactory] = list(factories)

    def add(self, factory: IFactory) -> None:
        self._factories.append(factory)

    def remove(self, factory: IFactory) -> None:
        self._factories = [f for f in self._factories if f is not factory]

    @property
    def types(self) -> list[tuple[Any, Callable[[], type]]]:
        """The L{Factory.types} of every factory it holds, oldest factory first."""
        return [row for factory in self._factories for row in getattr(factory, "types", ())]

    def can_create(self, locator: Any) -> Any:
        for factory in reversed(self._factories):
            result = factory.can_create(locator)
            if result is not None:
                return result
        return None

    def create(self, locator: Any) -> Any:
        for factory in reversed(self._factories):
            if factory.can_create(locator) is not None:
                return factory.create(locator)
        raise CreateException(None, locator)
