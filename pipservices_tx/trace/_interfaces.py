"""The tracer contract: operations recorded with their component, duration and failure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from zope.interface import Interface

if TYPE_CHECKING:
    from ._timing import TraceTiming


class ITracer(Interface):
    """Records the operations a component executes, as pip-services3's tracers do."""

    def trace(correlation_id: Optional[str], component: str, operation: str, duration: float) -> None:
        """Records that C{component.operation} took C{duration} milliseconds."""

    def failure(
        correlation_id: Optional[str], component: str, operation: str, error: BaseException, duration: float
    ) -> None:
        """Records that C{component.operation} failed with C{error} after C{duration} milliseconds."""

    def begin_trace(correlation_id: Optional[str], component: str, operation: str) -> TraceTiming:
        """Starts timing an operation; the result's C{end_trace()} or C{end_failure(error)} records it."""
