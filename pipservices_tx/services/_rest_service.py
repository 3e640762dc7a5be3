# -*- test-case-name: tests.services.test_rest_service -*-
"""RestService: the base of REST services, JSON in and out, instrumented and error-safe."""

from __future__ import annotations

from inspect import iscoroutine
from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, ensureDeferred, maybeDeferred
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure
from twisted.web.resource import Resource
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..errors import ApplicationException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import DependencyResolver, IReferenceable, IReferences, IUnreferenceable
from ._dispatcher import HttpDispatcher, normalize_path
from ._endpoint import ENDPOINT_DESCRIPTOR, HttpEndpoint
from ._http_request import get_correlation_id, read_json_object
from ._http_response import write_error, write_result

Handler = Callable[..., Any]


class _Route:
    __slots__ = ("method", "path", "handler", "name")

    def __init__(self, method: str, path: str, handler: Handler, name: str) -> None:
        self.method = method
        self.path = path
        self.handler = handler
        self.name = name


@implementer(IOpenable, IConfigurable, IReferenceable, IUnreferenceable)
class RestService(ReactorAware):
    """
    Subclasses add routes in L{register} with L{register_route}; a handler
    gets the request (and path parameters), returns a value, a Deferred or a
    coroutine, and never writes JSON or errors itself. Uses the
    C{*:endpoint:http:*:1.0} in references, or opens its own from its own
    C{connection.*} config. Config: C{base_route}, C{dependencies.endpoint},
    C{options.debug}; C{dependencies.authorizer} names an authorizer (an
    object with C{authorize(request, route_name, roles)} that fails with
    UnauthorizedException for 401/403) and C{auth.roles.<route>} the roles.
    """

    base_route: str = ""

    def __init__(self, base_route: Optional[str] = None) -> None:
        if base_route is not None:
            self.base_route = base_route
        self._config = ConfigParams()
        self._dependency_resolver = DependencyResolver.from_tuples("endpoint", ENDPOINT_DESCRIPTOR)
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()
        self._endpoint: Optional[HttpEndpoint] = None
        self._authorizer: Any = None
        self._roles = ConfigParams()
        self._local_endpoint = False
        self._routes: list[_Route] = []
        self._registered = False
        self._opened = False
        self.debug = False

    # -- lifecycle ------------------------------------------------------------

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._counters.set_reactor(reactor)

    def configure(self, config: ConfigParams) -> None:
        self._config = config
        self.base_route = config.get_as_string_with_default("base_route", self.base_route)
        self.debug = config.get_as_boolean_with_default("options.debug", self.debug)
        self._roles = config.get_section("auth.roles")
        self._dependency_resolver.configure(config)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        self._counters.set_references(references)
        self._dependency_resolver.set_references(references)
        # Opt-in per service (C{dependencies.authorizer}), so probes and /status stay open.
        self._authorizer = self._dependency_resolver.get_one_optional("authorizer")
        endpoint = self._dependency_resolver.get_one_optional("endpoint")
        if endpoint is None:
            endpoint = HttpEndpoint()
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
        return Deferred.fromCoroutine(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._opened:
            return
        if self._endpoint is None:
            self.set_references(_NO_REFERENCES)
        assert self._endpoint is not None
        self._ensure_registered()
        if self._local_endpoint:
            await self._endpoint.open(correlation_id)
        self._endpoint.register_service(self)
        self._opened = True

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return Deferred.fromCoroutine(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        if not self._opened:
            return
        self._opened = False
        if self._endpoint is not None:
            self._endpoint.unregister_service(self)
            if self._local_endpoint:
                await self._endpoint.close(correlation_id)

    @property
    def endpoint(self) -> Optional[HttpEndpoint]:
        return self._endpoint

    # -- routes ---------------------------------------------------------------

    def register(self) -> None:
        """Where a subclass calls L{register_route} for each of its routes."""

    def _ensure_registered(self) -> None:
        if not self._registered:
            self._registered = True
            self.register()

    def route_path(self, route: str) -> str:
        """The full path of C{route} under this service's base route."""
        return normalize_path(f"{self.base_route}/{route}")

    def register_route(
        self, method: str, route: str, handler: Handler, name: Optional[str] = None
    ) -> None:
        """
        Adds C{method route} (Klein syntax for parameters: C{/beacons/<id>}).
        C{name} (default: the last fixed path segment) names the route in
        counters C{<base_route>.<name>.exec_count/exec_time/exec_errors} and logs.
        """
        path = self.route_path(route)
        if name is None:
            fixed = [part for part in path.split("/") if part and "<" not in part]
            name = fixed[-1] if fixed else "root"
        self._routes.append(_Route(method.upper(), path, self._instrumented(name, handler), name))

    def add_routes_to(self, dispatcher: HttpDispatcher) -> None:
        """Puts this service's routes in C{dispatcher} (an endpoint's, or a test's)."""
        self._ensure_registered()
        for route in self._routes:
            dispatcher.add_route(route.method, route.path, route.handler, owner=self)

    def resource(self) -> Resource:
        """A resource serving just this service: for C{StubTreq} tests with no socket."""
        dispatcher = HttpDispatcher(debug=self.debug)
        self.add_routes_to(dispatcher)
        return dispatcher

    def route_roles(self, name: str) -> list[str]:
        """
        The roles a caller needs for the route C{name}: C{auth.roles.<name>},
        else C{auth.roles.*} (comma-separated); empty means any authenticated caller.
        """
        value = self._roles.get(name)
        if value is None:
            value = self._roles.get("*")
        return [role.strip() for role in (value or "").split(",") if role.strip()]

    # -- instrumentation ------------------------------------------------------

    def instrument_name(self, name: str) -> str:
        return f"{self.base_route}.{name}" if self.base_route else name

    def _instrumented(self, name: str, handler: Handler) -> Callable[..., Optional[Deferred[None]]]:
        full_name = self.instrument_name(name)
        time_name = full_name + ".exec_time"
        count_name = full_name + ".exec_count"
        error_name = full_name + ".exec_errors"

        def succeeded(result: Any, request: Any, timing: Any) -> None:
            timing.end_timing()
            write_result(request, result)

        def failed(failure: Failure, request: Any, timing: Any) -> None:
            timing.end_timing()
            self._counters.increment_one(error_name)
            error: BaseException = failure.value  # type: ignore[assignment]
            correlation_id = request.correlation_id
            if not isinstance(error, ApplicationException) or error.status >= 500:
                self._logger.error(correlation_id, error, "Failed to execute %s method", full_name)
            # Stack traces only with options.debug, on this service or on its endpoint.
            debug = self.debug or bool(getattr(getattr(self._endpoint, "dispatcher", None), "debug", False))
            write_error(request, error, correlation_id, debug)

        def handle(request: Any, **kwargs: Any) -> Optional[Deferred[None]]:
            correlation_id = get_correlation_id(request)
            request.correlation_id = correlation_id
            counters = self._counters
            timing = counters.begin_timing(time_name)
            counters.increment_one(count_name)
            self._logger.trace(correlation_id, "Executing %s method", full_name)
            authorizer = self._authorizer
            if authorizer is not None:
                d = maybeDeferred(authorizer.authorize, request, name, self.route_roles(name))
                d.addCallback(lambda _: handler(request, **kwargs))
                return d.addCallbacks(succeeded, failed, callbackArgs=(request, timing), errbackArgs=(request, timing))
            try:
                result = handler(request, **kwargs)
            except Exception:
                failed(Failure(), request, timing)
                return None
            if isinstance(result, Deferred):
                if result.called and not result.paused and not isinstance(result.result, (Failure, Deferred)):
                    # Already answered (memory persistence...): no callback machinery needed.
                    succeeded(result.result, request, timing)
                    return None
                return result.addCallbacks(succeeded, failed, callbackArgs=(request, timing), errbackArgs=(request, timing))
            if iscoroutine(result):
                return ensureDeferred(result).addCallbacks(
                    succeeded, failed, callbackArgs=(request, timing), errbackArgs=(request, timing))
            succeeded(result, request, timing)
            return None

        return handle

    # -- helpers for handlers -------------------------------------------------

    @staticmethod
    def get_correlation_id(request: Any) -> Optional[str]:
        return getattr(request, "correlation_id", None) or get_correlation_id(request)

    @staticmethod
    def read_json(request: Any) -> dict[str, Any]:
        """The JSON object body (C{{}} when empty); BadRequest for anything else."""
        return read_json_object(request, getattr(request, "correlation_id", None))


class _NoReferences:
    def get_optional(self, locator: Any) -> list[Any]:
        return []

    def find(self, locator: Any, required: bool) -> list[Any]:
        return []

    def get_one_optional(self, locator: Any) -> Any:
        return None


_NO_REFERENCES: Any = _NoReferences()
