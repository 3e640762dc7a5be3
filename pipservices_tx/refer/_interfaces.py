"""The reference contracts: how components find each other."""

from __future__ import annotations

from typing import Any

from zope.interface import Interface


class IReferences(Interface):
    """A registry of components, each kept under a locator."""

    def put(locator: Any, component: Any) -> None:
        """Adds C{component} under C{locator}."""

    def remove(locator: Any) -> Any:
        """Removes and returns the newest component matching C{locator}."""

    def remove_all(locator: Any) -> list[Any]:
        """Removes and returns every component matching C{locator}."""

    def get_all_locators() -> list[Any]:
        """Every locator, in registration order."""

    def get_all() -> list[Any]:
        """Every component, in registration order."""

    def get_optional(locator: Any) -> list[Any]:
        """Components matching C{locator}, possibly none."""

    def get_required(locator: Any) -> list[Any]:
        """Components matching C{locator}; ReferenceException when none."""

    def get_one_optional(locator: Any) -> Any:
        """The newest component matching C{locator}, or None."""

    def get_one_required(locator: Any) -> Any:
        """The newest component matching C{locator}; ReferenceException when none."""

    def find(locator: Any, required: bool) -> list[Any]:
        """Components matching C{locator}, in registration order."""


class IReferenceable(Interface):
    """A component that looks up its dependencies once they all exist."""

    def set_references(references: IReferences) -> None:
        """Called after every component is configured, before any opens."""


class IUnreferenceable(Interface):
    """A component that lets go of its dependencies when the container stops."""

    def unset_references() -> None:
        """Called after every component is closed."""
