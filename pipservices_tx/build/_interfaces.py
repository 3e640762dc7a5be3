"""The factory contract: how config entries with a descriptor become components."""

from __future__ import annotations

from typing import Any

from zope.interface import Interface


class IFactory(Interface):
    """Creates components for the locators it knows."""

    def can_create(locator: Any) -> Any:
        """The locator to create C{locator} under, or None when this factory cannot."""

    def create(locator: Any) -> Any:
        """A new component for C{locator}; CreateException when it cannot."""
