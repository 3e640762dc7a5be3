# -*- test-case-name: tests.trace.test_tracers -*-
"""TraceTiming: an operation being timed, recorded once when it ends or fails."""

from __future__ import annotations

from typing import Any, Callable, Optional


class TraceTiming:
    """
    What C{begin_trace} returns. C{end_trace()} records the elapsed
    milliseconds with the tracer, C{end_failure(error)} records a failure;
    only the first of them counts.
    """

    __slots__ = ("correlation_id", "component", "operation", "_tracer", "_seconds", "_start")

    def __init__(
        self, correlation_id: Optional[str], component: str, operation: str, tracer: Any,
        seconds: Callable[[], float],
    ) -> None:
        self.correlation_id = correlation_id
        self.component = component
        self.operation = operation
        self._tracer = tracer
        self._seconds = seconds
        self._start = seconds()

    def _elapsed(self) -> float:
        return (self._seconds() - self._start) * 1000.0

    def end_trace(self) -> None:
        tracer, self._tracer = self._tracer, None
        if tracer is not None:
            tracer.trace(self.correlation_id, self.component, self.operation, self._elapsed())

    def end_failure(self, error: BaseException) -> None:
        tracer, self._tracer = self._tracer, None
        if tracer is not None:
            tracer.failure(self.correlation_id, self.component, self.operation, error, self._elapsed())
