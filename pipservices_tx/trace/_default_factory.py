# -*- test-case-name: tests.trace.test_tracers -*-
"""The factory of the standard tracers."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultTracerFactory(StandardFactory):
    """Builds C{pip-services:tracer:{null,log,composite}:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "tracer", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.trace")
