"""Tracing: operations recorded with their duration and failure, written through the loggers."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._default_factory import DefaultTracerFactory
    from ._interfaces import ITracer
    from ._timing import TraceTiming
    from ._tracers import TRACER_LOCATOR, CompositeTracer, LogTracer, NullTracer

__all__ = [
    "CompositeTracer",
    "DefaultTracerFactory",
    "ITracer",
    "LogTracer",
    "NullTracer",
    "TRACER_LOCATOR",
    "TraceTiming",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "DefaultTracerFactory":
        from . import _default_factory

        module = _default_factory
    elif name == "ITracer":
        from . import _interfaces

        module = _interfaces
    elif name == "TraceTiming":
        from . import _timing

        module = _timing
    elif name in ("TRACER_LOCATOR", "CompositeTracer", "LogTracer", "NullTracer"):
        from . import _tracers

        module = _tracers
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
