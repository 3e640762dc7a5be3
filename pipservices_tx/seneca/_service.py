# -*- test-case-name: tests.seneca.test_router -*-
"""SenecaService: the base of services whose actions seneca clients call by pattern."""

from __future__ import annotations

from types import CoroutineType
from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, ensureDeferred
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure
from twisted.web.resource import Resource
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..errors import ApplicationException, ConfigException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import DependencyResolver, IReferenceable, IReferences, IUnreferenceable, References
from ._endpoint import SENECA_ENDPOINT_DESCRIPTOR, SenecaEndpoint
from ._patterns import Pattern, PatternLike, parse_pattern, pattern_text
from ._router import SenecaHandler, SenecaRouter
from ._wire import CORRELATION_ID_FIELD, SenecaAct, arguments_without

SenecaAction = Callable[[Optional[str], dict[str, Any]], Any]
"""C{action(correlation_id, args)}: returns a value, a Deferred or a coroutine (like a command's function)."""


@implementer(IOpenable, IConfigurable, IReferenceable, IUnreferenceable)
class SenecaService(ReactorAware):
    """
    Subclasses add actions in L{register} with L{register_action}. Every
    pattern starts with the service's C{pin} (C{"role:beacons"}): an act
    matching C{pin} plus an action's own fields runs that action with the
    act's C{correlation_id} and its other fields as arguments. Serves on the
    C{*:endpoint:seneca:*:1.0} in references (or C{dependencies.endpoint}),
    else on an endpoint of its own configured from its own config
    (C{connection.*}, C{options.*}, C{path}; see L{SenecaEndpoint}).
    Counters: C{<pin values>.<action>.exec_count/exec_time/exec_errors}.
    """

    def __init__(self, pin: PatternLike = None) -> None:
        self.pin: Pattern = parse_pattern(pin)
        self._config = ConfigParams()
        self._dependency_resolver = DependencyResolver.from_tuples("endpoint", SENECA_ENDPOINT_DESCRIPTOR)
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()
        self._endpoint: Optional[SenecaEndpoint] = None
        self._local_endpoint = False
        self._actions: list[tuple[Pattern, SenecaHandler]] = []
        self._registered = False
        self._opened = False

    # -- lifecycle ------------------------------------------------------------

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._counters.set_reactor(reactor)

    def configure(self, config: ConfigParams) -> None:
        self._config = config
        pin = config.get_as_nullable_string("pin")
        if pin is not None:
            self.pin = parse_pattern(pin)
        self._dependency_resolver.configure(config)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        self._counters.set_references(references)
        self._dependency_resolver.set_references(references)
        endpoint = self._dependency_resolver.get_one_optional("endpoint")
        if endpoint is None:
            endpoint = SenecaEndpoint()
            endpoint.set_reactor(self.reactor)
            endpoint.configure(self._config)
            endpoint.set_references(references)
            self._local_endpoint = True
        self._endpoint = endpoint

    def unset_references(self) -> None:
        self._endpoint = None

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._opened:
            return
        if self._endpoint is None:
            self.set_references(References())  # opened on its own: an endpoint of its own
        assert self._endpoint is not None
        if self._local_endpoint:
            await self._endpoint.open(correlation_id)
        self._endpoint.add_service(self)
        self._opened = True

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        if not self._opened:
            return
        self._opened = False
        if self._endpoint is not None:
            self._endpoint.remove_service(self)
            if self._local_endpoint:
                await self._endpoint.close(correlation_id)

    @property
    def endpoint(self) -> Optional[SenecaEndpoint]:
        return self._endpoint

    # -- actions ----------------------------------------------------------------

    def register(self) -> None:
        """Where a subclass calls L{register_action} for each of its actions."""

    def register_action(self, pattern: PatternLike, action: SenecaAction, name: Optional[str] = None) -> None:
        """
        Serves C{action} for the acts matching the pin plus C{pattern}
        (C{"cmd:get_beacons"} or C{{"cmd": "get_beacons"}}). C{name} (default:
        the pattern's C{cmd}, else its text) names it in counters and logs.
        """
        own = parse_pattern(pattern)
        full = {**self.pin, **own}
        if not full:
            raise ConfigException(None, "NO_PATTERN", "An action needs a pattern: a pin, fields of its own, or both")
        name = name or own.get("cmd") or pattern_text(own or full)
        self._actions.append((full, self._instrumented(name, frozenset(full), action)))

    def add_actions_to(self, router: SenecaRouter) -> None:
        """Puts this service's actions in C{router} (an endpoint's, or a test's)."""
        if not self._registered:
            self._registered = True
            self.register()
        for pattern, handler in self._actions:
            router.actions.add(pattern, handler, owner=self)

    def resource(self, debug: bool = False) -> Resource:
        """A resource serving just this service at C{/act}: for C{StubTreq} tests with no socket."""
        router = SenecaRouter(debug=debug)
        self.add_actions_to(router)
        return router

    @property
    def patterns(self) -> list[Pattern]:
        """The full pattern of each action (known once registered)."""
        return [pattern for pattern, _ in self._actions]

    # -- instrumentation --------------------------------------------------------

    def instrument_name(self, name: str) -> str:
        prefix = ".".join(self.pin.values())
        return f"{prefix}.{name}" if prefix else name

    def _instrumented(self, name: str, pattern_fields: frozenset[str], action: SenecaAction) -> SenecaHandler:
        full_name = self.instrument_name(name)
        time_name, count_name, error_name = (full_name + suffix for suffix in (".exec_time", ".exec_count",
                                                                                ".exec_errors"))
        counters, logger = self._counters, self._logger
        dropped = pattern_fields | {CORRELATION_ID_FIELD}  # the act's fields that are not arguments

        def succeeded(result: Any, timing: Any) -> Any:
            timing.end_timing()
            return result

        def failed(failure: Failure, timing: Any, correlation_id: Optional[str]) -> Failure:
            timing.end_timing()
            counters.increment_one(error_name)
            error = failure.value
            if not isinstance(error, ApplicationException) or error.status >= 500:
                logger.error(correlation_id, error, "Failed to execute %s action", full_name)
            return failure

        def handle(act: SenecaAct) -> Any:
            correlation_id = act.correlation_id
            timing = counters.begin_timing(time_name)
            counters.increment_one(count_name)
            logger.trace(correlation_id, "Executing %s action", full_name)
            try:
                result = action(correlation_id, arguments_without(act.message, dropped))
            except Exception:
                failed(Failure(), timing, correlation_id)
                raise
            if isinstance(result, Deferred):
                if result.called and not result.paused and not isinstance(result.result, (Failure, Deferred)):
                    timing.end_timing()  # already answered (a lookup, memory persistence...): no callbacks
                    return result.result
                return result.addCallbacks(succeeded, failed, callbackArgs=(timing,),
                                           errbackArgs=(timing, correlation_id))
            if isinstance(result, CoroutineType):
                return ensureDeferred(result).addCallbacks(succeeded, failed, callbackArgs=(timing,),
                                                           errbackArgs=(timing, correlation_id))
            timing.end_timing()
            return result

        return handle
