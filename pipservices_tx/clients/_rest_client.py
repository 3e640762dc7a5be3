# -*- test-case-name: tests.clients.test_rest_client -*-
"""RestClient: the base of clients that call a remote service over HTTP with treq."""

from __future__ import annotations

import base64
from typing import Any, Mapping, Optional

from twisted.internet import defer
from twisted.internet.interfaces import IReactorTime
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..discovery import ConnectionParams, ConnectionResolver
from ..errors import ApplicationException, BadRequestException, InvalidStateException, UnknownException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._balancer import make_balancer
from ._call_policy import BalancingPolicy, CallPolicy, policies_from_options
from ._http_call import HttpCall
from ._instance_set import InstanceSet, Target
from ._instrument import InstrumentTiming, counter_name
from ._json import to_json_bytes
from ._targets import targets_of
from ._transport import EndpointFactory
from ._urls import call_url, join_route, url_of_endpoint, urls_of_connection

#: Methods a retry cannot do twice what was meant once.
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"))


def authorization_header(credential: ConfigParams) -> Optional[bytes]:
    """
    C{credential.token} (or C{access_token}) as a bearer token; else
    C{credential.username} and C{password} as basic authentication; else None.
    """
    token = credential.get_as_nullable_string("token") or credential.get_as_nullable_string("access_token")
    if token:
        return b"Bearer " + token.strip().encode("ascii", "ignore")
    username = credential.get_as_nullable_string("username")
    if username:
        secret = f"{username}:{credential.get_as_string('password')}".encode("utf-8")
        return b"Basic " + base64.b64encode(secret)
    return None


@implementer(IConfigurable, IReferenceable, IOpenable)
class RestClient(ReactorAware):
    """
    Calls a REST service: JSON bodies, the correlation id as the
    C{correlation_id} query parameter, errors rebuilt as the service's
    exceptions (docs/protocol.rst, sections 4 and 5). It calls every instance
    its connections name and balances its calls over them (see L{HttpCall}
    for which calls are tried again on another instance).

    Configuration::

        base_route:                 route prefix of every call
        connection:
          protocol, host, port      http (default) or https; host and port may be
                                    comma-separated lists (one instance each)
          uri                       or the whole base URL; several, comma-separated, or
                                    the multi-host form http://a:8080,b:8080/path
          discovery_key             or a key resolved by a discovery service (every instance)
          endpoint                  or a Twisted client endpoint string (unix:path=...)
        connections.<name>.*        more connections, each like connection
        credential:
          token                     sent as "Authorization: Bearer <token>" (a JWT, say)
          username, password        or sent as basic authentication
          ssl_ca_file               for https: PEM CA(s) to verify the server with, instead of the system's
          ssl_cert_file, ssl_key_file   for https: a client certificate and its key, for mutual TLS
        options:
          max_connections           idle persistent connections kept per instance (32)
          connect_timeout           ms to establish a connection (10000)
          timeout                   ms for one attempt, body included (10000)
          deadline                  ms for the whole call, every attempt and wait included
                                    (0: no bound but the attempts' own)
          retries                   extra attempts of a call (3)
          retry_delay               ms before a retry on instances already tried, doubled each time (100)
          max_retry_delay           ms cap of that delay (5000)
          retry_jitter              share of each wait taken off at random, 0 to 1 (0.1)
          balancing                 round_robin (default), random or least_outstanding
          refresh_interval          ms between two resolutions of the connections, to follow
                                    discovery or DNS (10000; 0: at open only)
          resolve_addresses         one instance per address of each host name, e.g. a
                                    Kubernetes headless Service (false)
          failure_threshold         failures in a row that take an instance out of rotation (5; 0: never)
          open_time                 ms before an instance taken out gets a trial call (1000),
                                    doubled each time the trial fails
          max_open_time             ms cap of that wait (30000)

    Counters, besides each call's (C{<base_route>.<name>.call_*}):
    C{<base_route>.<name>.call_retries}, C{<base_route>.instances},
    C{<base_route>.instance_ejections} and C{<base_route>.open_circuits}.

    @param http_client: a treq C{HTTPClient} (or C{treq.testing.StubTreq}) to
        use instead of one over a pool of our own for each instance; the pool
        and endpoint options then do not apply.
    """

    def __init__(
        self, base_route: Optional[str] = None, *, http_client: Any = None
    ) -> None:
        self._base_route: str = join_route(base_route)
        self._injected_client = http_client
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()
        self._connection_resolver = ConnectionResolver()
        self._endpoint: Optional[str] = None
        self._base_url: Optional[str] = None
        self._max_connections = 32
        self._policy = CallPolicy()
        self._balancing = BalancingPolicy()
        self._tls_files: tuple[Optional[str], Optional[str], Optional[str]] = (None, None, None)
        self._authorization: Optional[bytes] = None
        self._tls_policy: Any = None
        self._instances: Optional[InstanceSet] = None
        self._refresh: Optional[LoopingCall] = None
        self._opened = False

    # -- lifecycle ------------------------------------------------------------

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._counters.set_reactor(reactor)

    def configure(self, config: ConfigParams) -> None:
        self._connection_resolver.configure(config)
        self._base_route = join_route(config.get_as_string_with_default("base_route", self._base_route))
        self._endpoint = (
            config.get_as_nullable_string("connection.endpoint") or config.get_as_nullable_string("endpoint") or None
        )
        credential = config.get_section("credential")
        self._authorization = authorization_header(credential)
        self._tls_files = (
            credential.get_as_nullable_string("ssl_ca_file"),
            credential.get_as_nullable_string("ssl_cert_file") or credential.get_as_nullable_string("ssl_crt_file"),
            credential.get_as_nullable_string("ssl_key_file"),
        )
        options = config.get_section("options")
        self._max_connections = max(1, options.get_as_integer_with_default("max_connections", self._max_connections))
        self._policy, self._balancing = policies_from_options(options, self._policy, self._balancing)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        self._counters.set_references(references)
        self._connection_resolver.set_references(references)

    def is_open(self) -> bool:
        return self._opened

    @property
    def base_url(self) -> Optional[str]:
        """C{http://host:port} of the first instance, known once open."""
        return self._base_url

    @property
    def instances(self) -> list[Target]:
        """The instances calls are balanced over, once open."""
        return [] if self._instances is None else self._instances.targets

    def open(self, correlation_id: Optional[str]) -> defer.Deferred[None]:
        """Resolves the instances and prepares their connection pools; nothing is sent yet."""
        if self._opened:
            return defer.succeed(None)
        return defer.ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        targets = await self._resolve_targets(correlation_id)
        if any(self._tls_files) and self._injected_client is None:
            from ._transport import TlsPolicy

            self._tls_policy = TlsPolicy(*self._tls_files)
        self._instances = InstanceSet(
            self._base_route, self._make_client, make_balancer(self._balancing.balancing),
            self._balancing.breaker, self.reactor, self._logger, self._counters,
        )
        self._instances.replace(targets)
        self._base_url = targets[0].base_url
        self._opened = True
        if self._balancing.refresh_interval > 0 and self._follows_changes():
            self._refresh = LoopingCall(self.refresh_instances, None)
            self._refresh.clock = self.reactor
            self._refresh.start(self._balancing.refresh_interval / 1000.0, now=False)
        self._logger.debug(correlation_id, "Connected to %s", ", ".join(str(t) for t in targets))

    def _follows_changes(self) -> bool:
        """Whether resolving again may give other instances (discovery, DNS)."""
        if self._endpoint:
            return False
        return self._balancing.resolve_addresses or any(
            c.use_discovery() for c in self._connection_resolver.get_all()
        )

    async def _resolve_targets(self, correlation_id: Optional[str]) -> list[Target]:
        if self._endpoint:
            return [Target(url_of_endpoint(self._endpoint))]
        connections: list[Optional[ConnectionParams]] = [
            *await self._connection_resolver.resolve_all(correlation_id)
        ] or [None]
        urls = [url for c in connections for url in urls_of_connection(correlation_id, c)]
        return await targets_of(self.reactor, urls, self._balancing.resolve_addresses)

    def refresh_instances(self, correlation_id: Optional[str]) -> defer.Deferred[None]:
        """
        Resolves the connections again and calls the instances found from now
        on (every C{options.refresh_interval} ms while open, when they come
        from discovery or DNS). A failure keeps the instances as they were.
        """
        return defer.ensureDeferred(self._refresh_once(correlation_id))

    async def _refresh_once(self, correlation_id: Optional[str]) -> None:
        try:
            targets = await self._resolve_targets(correlation_id)
        except Exception as e:  # noqa: BLE001 - the refresh loop must keep running
            self._logger.warn(correlation_id, "Cannot resolve the instances again; keeping %d: %s",
                              len(self.instances), e)
            return
        if self._instances is not None and self._opened:
            self._instances.replace(targets)

    def _make_client(self, target: Target) -> tuple[Any, Any]:
        """The HTTP client of one instance: the injected one, or one over a pool of its own."""
        if self._injected_client is not None:
            return self._injected_client, None
        from treq.client import HTTPClient
        from twisted.web.client import Agent, HTTPConnectionPool

        reactor = self.reactor
        pool = HTTPConnectionPool(reactor, persistent=True)
        pool.maxPersistentPerHost = self._max_connections
        factory = EndpointFactory(
            reactor, self._policy.connect_timeout / 1000.0, self._endpoint, self._tls_policy, target.address
        )
        return HTTPClient(Agent.usingEndpointFactory(reactor, factory, pool=pool)), pool

    def close(self, correlation_id: Optional[str]) -> defer.Deferred[None]:
        """
        Stops accepting calls and closes the idle pooled connections; calls in
        flight finish, their pending retries fail.
        """
        self._opened = False
        refresh, self._refresh = self._refresh, None
        if refresh is not None and refresh.running:
            refresh.stop()
        instances, self._instances = self._instances, None
        if instances is None:
            return defer.succeed(None)
        return instances.close().addCallback(lambda _: None)

    # -- calls ------------------------------------------------------------------

    def _instrument(self, correlation_id: Optional[str], name: str) -> InstrumentTiming:
        """Logs, counts and times a call named C{name} (counters C{<base_route>.<name>.*})."""
        return InstrumentTiming(correlation_id, counter_name(self._base_route, name), self._logger, self._counters)

    def _call(
        self,
        method: str,
        route: Optional[str],
        correlation_id: Optional[str],
        params: Optional[Mapping[str, Any]] = None,
        data: Any = None,
        idempotent: Optional[bool] = None,
        *,
        name: Optional[str] = None,
        correlation_in_query: bool = True,
    ) -> defer.Deferred[Any]:
        """
        Sends C{data} (as JSON, when not None) to C{base_route/route} and fires
        with the decoded JSON result (None for 204 or an empty body).

        @param params: query parameters besides the correlation id.
        @param idempotent: whether a retry after the request was sent is
            safe; by default, by C{method}.
        @param name: the call's name in counters and logs (default C{route};
            give one for routes with ids in them).
        @param correlation_in_query: whether the correlation id goes in the
            query (for a transport that carries it in the body, say).
        """
        method = method.upper()
        timing = self._instrument(correlation_id, name or join_route(route) or method)
        instances = self._instances
        if not self._opened or instances is None:
            error = InvalidStateException(correlation_id, "NOT_OPENED", "The client is not open")
            timing.end_failure(error)
            return defer.fail(error)
        path = call_url("", join_route(self._base_route, route),
                        correlation_id if correlation_in_query else None, params)
        try:
            body = None if data is None else to_json_bytes(data)
        except (TypeError, ValueError) as error:
            bad = BadRequestException(correlation_id, "NOT_SERIALIZABLE", f"Arguments are not JSON: {error}")
            bad.with_cause(error)
            timing.end_failure(bad)
            return defer.fail(bad)
        call = HttpCall(
            instances, self.reactor, self._logger, self._policy, method, path, body, correlation_id,
            idempotent if idempotent is not None else method in IDEMPOTENT_METHODS, self._authorization,
            lambda: self._counters.increment_one(timing.name + ".call_retries"),
        )

        def succeeded(result: Any) -> Any:
            timing.end_timing()
            return result

        def failed(failure: Failure) -> Failure:
            error = failure.value
            if error is None or not isinstance(error, (ApplicationException, defer.CancelledError)):
                error = UnknownException(correlation_id, "UNKNOWN", f"{method} {path} failed: {error}")
                error.with_details("route", path).with_cause(failure.value)
                failure = Failure(error)
            timing.end_failure(error)
            return failure

        return call.start().addCallbacks(succeeded, failed)
