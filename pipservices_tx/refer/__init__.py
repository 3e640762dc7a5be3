"""References: descriptors, the component registry and the dependency resolver."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._dependency_resolver import DependencyResolver
    from ._descriptor import Descriptor
    from ._interfaces import IReferenceable, IReferences, IUnreferenceable
    from ._references import References, locator_matches

__all__ = [
    "DependencyResolver",
    "Descriptor",
    "IReferenceable",
    "IReferences",
    "IUnreferenceable",
    "References",
    "locator_matches",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "DependencyResolver":
        from . import _dependency_resolver

        module = _dependency_resolver
    elif name == "Descriptor":
        from . import _descriptor

        module = _descriptor
    elif name in ("IReferenceable", "IReferences", "IUnreferenceable"):
        from . import _interfaces

        module = _interfaces
    elif name in ("References", "locator_matches"):
        from . import _references

        module = _references
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
