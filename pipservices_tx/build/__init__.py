"""Factories: how config entries become components."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._factory import CompositeFactory, Factory
    from ._interfaces import IFactory
    from ._type_locator import import_type

__all__ = [
    "CompositeFactory",
    "Factory",
    "IFactory",
    "import_type",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("CompositeFactory", "Factory"):
        from . import _factory

        module = _factory
    elif name == "IFactory":
        from . import _interfaces

        module = _interfaces
    elif name == "import_type":
        from . import _type_locator

        module = _type_locator
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
