# -*- test-case-name: tests.clients.test_direct_client -*-
"""DirectClient: calls a controller in the same process as a remote client would call its service."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from twisted.internet.defer import CancelledError, Deferred, fail, maybeDeferred, succeed
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure
from zope.interface import implementer

from ..commands import ICommandable
from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..errors import ApplicationException, ConnectionException, InvocationException, UnsupportedException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import DependencyResolver, IReferenceable, IReferences
from ._instrument import InstrumentTiming, counter_name


@implementer(IConfigurable, IReferenceable, IOpenable)
class DirectClient(ReactorAware):
    """
    Holds the C{controller} dependency (given in code as C{controller_locator},
    overridden by C{dependencies.controller} in config) and calls it with
    the timing, counters (C{<base_route>.<name>.call_*}), trace log and
    error handling of a remote call: an error that is not an
    ApplicationException arrives as an InvocationException, as it would
    over the wire. Swapping an HTTP client for a direct one changes nothing
    for the caller, metrics included.

    Call times are measured on its reactor (L{set_reactor}; a C{task.Clock} in tests).
    """

    def __init__(
        self, controller_locator: Any = None, base_route: Optional[str] = None
    ) -> None:
        self._base_route = base_route.strip("/") if base_route else ""
        self._controller: Any = None
        self._opened = False
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()
        self._dependency_resolver = DependencyResolver()
        if controller_locator is not None:
            self._dependency_resolver.put("controller", controller_locator)

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._counters.set_reactor(reactor)

    def configure(self, config: ConfigParams) -> None:
        self._dependency_resolver.configure(config)
        self._base_route = config.get_as_string_with_default("base_route", self._base_route).strip("/")

    def set_references(self, references: IReferences) -> None:
        """Finds the logger, counters and the controller (a ReferenceException when it is missing)."""
        self._logger.set_references(references)
        self._counters.set_references(references)
        self._dependency_resolver.set_references(references)
        self._controller = self._dependency_resolver.get_one_required("controller")

    @property
    def controller(self) -> Any:
        return self._controller

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._controller is None:
            return fail(ConnectionException(correlation_id, "NO_CONTROLLER", "Controller reference is missing"))
        self._opened = True
        self._logger.info(correlation_id, "Opened direct client")
        return succeed(None)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._opened:
            self._logger.info(correlation_id, "Closed direct client")
        self._opened = False
        return succeed(None)

    def _instrument(self, correlation_id: Optional[str], name: str) -> InstrumentTiming:
        """Logs, counts and times a call named C{name} (counters C{<base_route>.<name>.*})."""
        return InstrumentTiming(correlation_id, counter_name(self._base_route, name), self._logger, self._counters)

    def _call(
        self, name: str, correlation_id: Optional[str], function: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Deferred[Any]:
        """
        Runs C{function(*args, **kwargs)} (typically a controller method; it may
        return a value, a Deferred or a coroutine) as the call C{name}.
        """
        timing = self._instrument(correlation_id, name)

        def succeeded(result: Any) -> Any:
            timing.end_timing()
            return result

        def failed(failure: Failure) -> Failure:
            error = _as_remote_error(failure.value or Exception("unknown failure"), name, correlation_id)
            timing.end_failure(error)
            return failure if error is failure.value else Failure(error)

        return maybeDeferred(function, *args, **kwargs).addCallbacks(succeeded, failed)

    def call_command(
        self, name: str, correlation_id: Optional[str], params: Optional[Mapping[str, Any]] = None
    ) -> Deferred[Any]:
        """Executes the command C{name} of the controller's command set (it must be ICommandable)."""
        return self._call(name, correlation_id, self._execute, name, correlation_id, params)

    def _execute(self, name: str, correlation_id: Optional[str], params: Optional[Mapping[str, Any]]) -> Any:
        controller = self._controller
        if controller is None or not ICommandable.providedBy(controller):
            raise UnsupportedException(
                correlation_id, "NOT_COMMANDABLE", f"Controller {type(controller).__name__} has no command set"
            )
        return controller.get_command_set().execute(correlation_id, name, dict(params or {}))


def _as_remote_error(error: BaseException, name: str, correlation_id: Optional[str]) -> BaseException:
    if isinstance(error, ApplicationException):
        if error.correlation_id is None:
            error.correlation_id = correlation_id
        return error
    if isinstance(error, CancelledError):
        return error
    detail = str(error) or type(error).__name__
    return (
        InvocationException(correlation_id, "FAILED_INVOCATION", f"Call to {name} failed: {detail}")
        .with_details("name", name)
        .with_cause(error)
    )
