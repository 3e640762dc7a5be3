# -*- test-case-name: tests.trace.test_tracers -*-
"""The factory of the standard tracers."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor
from ._tracers import CompositeTracer, LogTracer, NullTracer


class DefaultTracerFactory(Factory):
    """Builds C{pip-services:tracer:{null,log,composite}:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "tracer", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("pip-services", "tracer", "null", "*", "1.0"), NullTracer)
        self.register_as_type(Descriptor("pip-services", "tracer", "log", "*", "1.0"), LogTracer)
        self.register_as_type(Descriptor("pip-services", "tracer", "composite", "*", "1.0"), CompositeTracer)
