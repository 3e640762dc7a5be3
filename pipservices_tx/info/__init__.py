"""Context information about the running service."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._context_info import CONTAINER_INFO_LOCATOR, CONTEXT_INFO_DESCRIPTOR, ContextInfo
    from ._factory import DefaultInfoFactory

__all__ = ["CONTAINER_INFO_LOCATOR", "CONTEXT_INFO_DESCRIPTOR", "ContextInfo", "DefaultInfoFactory"]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("CONTAINER_INFO_LOCATOR", "CONTEXT_INFO_DESCRIPTOR", "ContextInfo"):
        from . import _context_info

        module = _context_info
    elif name == "DefaultInfoFactory":
        from . import _factory

        module = _factory
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
