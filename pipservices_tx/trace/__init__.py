"""Tracing: operations recorded with their duration and failure, written through the loggers."""

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
