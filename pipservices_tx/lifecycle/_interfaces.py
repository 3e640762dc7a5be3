"""Lifecycle contracts. Each method may return a value, a Deferred or a coroutine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from twisted.internet.interfaces import IReactorTime
from zope.interface import Interface

if TYPE_CHECKING:
    from ..config import ConfigParams


class IClosable(Interface):
    """A component that releases resources when the container stops."""

    def close(correlation_id: Optional[str]) -> Any:
        """Releases connections, listeners and timers; fires when done."""


class IOpenable(IClosable):
    """A component that acquires resources when the container starts."""

    def open(correlation_id: Optional[str]) -> Any:
        """Connects, listens, loads; fires when ready to serve."""

    def is_open() -> bool:
        """True between a successful C{open} and C{close}."""


class IDrainable(Interface):
    """
    A component that stops taking new work and finishes what it has before the
    container closes anything (a listener under graceful shutdown).
    """

    def drain(correlation_id: Optional[str]) -> Any:
        """Stops accepting, waits for work in flight (bounded), fires when done."""


class IExecutable(Interface):
    """A component that runs a unit of work on request."""

    def execute(correlation_id: Optional[str], args: Any) -> Any:
        """Runs and fires with the result."""


class INotifiable(Interface):
    """A component that reacts to a notification."""

    def notify(correlation_id: Optional[str], args: Any) -> Any:
        """Handles a notification; fires when handled."""


class ICleanable(Interface):
    """A component whose state can be cleared (tests, resets)."""

    def clear(correlation_id: Optional[str]) -> Any:
        """Removes all state; fires when done."""


class IParameterized(Interface):
    """A component that takes run-time parameters."""

    def set_parameters(parameters: ConfigParams) -> None:
        """Replaces the parameters."""


class IReactorAware(Interface):
    """
    A component that schedules work or opens connections. Whoever hosts it
    (the container, a test) calls C{set_reactor} right after creating it;
    until then it uses the global reactor.
    """

    def set_reactor(reactor: IReactorTime) -> None:
        """Use C{reactor} from now on (a test passes a C{MemoryReactorClock})."""
