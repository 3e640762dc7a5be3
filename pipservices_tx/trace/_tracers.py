# -*- test-case-name: tests.trace.test_tracers -*-
"""The tracers a config names: log (through the loggers), null, and composite (every tracer)."""

from __future__ import annotations

from typing import Any, Optional

from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..lifecycle import ReactorAware
from ..logs import CompositeLogger, LogLevel
from ..refer import Descriptor, IReferenceable, IReferences
from ._interfaces import ITracer
from ._timing import TraceTiming

TRACER_LOCATOR = Descriptor(None, "tracer", None, None, "1.0")


class _Tracer(ReactorAware):
    """What every tracer shares: timings read the reactor's clock."""

    def begin_trace(self, correlation_id: Optional[str], component: str, operation: str) -> TraceTiming:
        return TraceTiming(correlation_id, component, operation, self, self.reactor.seconds)


@implementer(ITracer)
class NullTracer(_Tracer):
    """Records nothing: the tracer where traces are not wanted."""

    def trace(self, correlation_id: Optional[str], component: str, operation: str, duration: float) -> None:
        pass

    def failure(
        self, correlation_id: Optional[str], component: str, operation: str, error: BaseException, duration: float
    ) -> None:
        pass


@implementer(ITracer, IConfigurable, IReferenceable)
class LogTracer(_Tracer):
    """
    Writes each trace through every logger in references:
    C{Executed <component>.<operation> in <n> msec} at C{options.log_level}
    (default C{debug}), and a failure as an error entry C{Failed to execute
    <component>.<operation> in <n> msec} carrying the error.
    """

    def __init__(self) -> None:
        self.log_level = LogLevel.DEBUG
        self._logger = CompositeLogger(component="tracer")

    def configure(self, config: ConfigParams) -> None:
        self.log_level = LogLevel.from_config(config, "options.log_level", self.log_level)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    def trace(self, correlation_id: Optional[str], component: str, operation: str, duration: float) -> None:
        self._logger.log(self.log_level, correlation_id, None, "Executed %s.%s%s",
                         component, operation, _took(duration))

    def failure(
        self, correlation_id: Optional[str], component: str, operation: str, error: BaseException, duration: float
    ) -> None:
        self._logger.error(correlation_id, error, "Failed to execute %s.%s%s", component, operation, _took(duration))


def _took(duration: float) -> str:
    return f" in {round(duration)} msec" if duration > 0 else ""


@implementer(ITracer, IReferenceable)
class CompositeTracer(_Tracer):
    """Hands every trace to each tracer in references (C{*:tracer:*:*:1.0}), this one excepted."""

    def __init__(self, references: Optional[IReferences] = None) -> None:
        self._tracers: list[Any] = []
        if references is not None:
            self.set_references(references)

    def set_references(self, references: IReferences) -> None:
        self._tracers = [
            tracer for tracer in references.get_optional(TRACER_LOCATOR)
            if ITracer.providedBy(tracer) and not isinstance(tracer, CompositeTracer)
        ]

    def trace(self, correlation_id: Optional[str], component: str, operation: str, duration: float) -> None:
        for tracer in self._tracers:
            tracer.trace(correlation_id, component, operation, duration)

    def failure(
        self, correlation_id: Optional[str], component: str, operation: str, error: BaseException, duration: float
    ) -> None:
        for tracer in self._tracers:
            tracer.failure(correlation_id, component, operation, error, duration)
