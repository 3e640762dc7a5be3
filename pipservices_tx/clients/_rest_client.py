# -*- test-case-name: tests.clients.test_rest_client -*-
"""RestClient: the base of clients that call a remote service over HTTP with treq."""

from __future__ import annotations

import base64
from typing import Any, Mapping, Optional

from twisted.internet import defer
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..discovery import ConnectionResolver
from ..errors import ApplicationException, BadRequestException, InvalidStateException, UnknownException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._http_call import CallPolicy, HttpCall
from ._instrument import InstrumentTiming, counter_name
from ._json import to_json_bytes
from ._transport import EndpointFactory
from ._urls import call_url, join_route, url_of_connection, url_of_endpoint

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
    exceptions (docs/protocol.rst, sections 4 and 5).

    Configuration::

        base_route:                 route prefix of every call
        connection:
          protocol, host, port      http (default) or https
          uri                       or the whole base URL
          discovery_key             or a key resolved by a discovery service
          endpoint                  or a Twisted client endpoint string (unix:path=...)
        credential:
          token                     sent as "Authorization: Bearer <token>" (a JWT, say)
          username, password        or sent as basic authentication
          ssl_ca_file               for https: PEM CA(s) to verify the server with, instead of the system's
          ssl_cert_file, ssl_key_file   for https: a client certificate and its key, for mutual TLS
        options:
          max_connections           idle persistent connections kept per host (32)
          connect_timeout           ms to establish a connection (10000)
          timeout                   ms for a whole request, body included (10000)
          retries                   extra attempts of idempotent calls (3)
          retry_delay               ms before the first retry, doubled each time (100)
          max_retry_delay           ms cap of that delay (5000)
          retry_jitter              share of each delay taken off at random, 0 to 1 (0.1)

    Retries happen only for idempotent calls (GET, HEAD, PUT, DELETE, OPTIONS
    or C{idempotent=True}) and only when no answer came (connection refused
    or lost, timeout) or the answer was 503.

    @param reactor: the reactor for connections, timeouts and retry delays;
        the global one by default.
    @param http_client: a treq C{HTTPClient} (or C{treq.testing.StubTreq}) to
        use instead of one over a pool of our own; the pool and endpoint
        options then do not apply.
    """

    def __init__(
        self, base_route: Optional[str] = None, *, http_client: Any = None
    ) -> None:
        self._base_route: str = join_route(base_route)
        self._injected_client = http_client
        self._client: Any = None
        self._pool: Any = None  # a twisted.web.client.HTTPConnectionPool, made on open
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()
        self._connection_resolver = ConnectionResolver()
        self._endpoint: Optional[str] = None
        self._base_url: Optional[str] = None
        self._max_connections = 32
        self._policy = CallPolicy()
        self._tls_files: tuple[Optional[str], Optional[str], Optional[str]] = (None, None, None)
        self._authorization: Optional[bytes] = None
        self._tls_policy: Any = None
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
        policy = self._policy

        def option(name: str, default: int) -> int:
            return max(0, options.get_as_integer_with_default(name, default))

        self._policy = CallPolicy(
            connect_timeout=option("connect_timeout", policy.connect_timeout),
            timeout=option("timeout", policy.timeout),
            retries=option("retries", policy.retries),
            retry_delay=option("retry_delay", policy.retry_delay),
            max_retry_delay=option("max_retry_delay", policy.max_retry_delay),
            retry_jitter=min(max(options.get_as_float_with_default("retry_jitter", policy.retry_jitter), 0.0), 1.0),
        )

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        self._counters.set_references(references)
        self._connection_resolver.set_references(references)

    def is_open(self) -> bool:
        return self._opened

    @property
    def base_url(self) -> Optional[str]:
        """C{http://host:port}, known once open."""
        return self._base_url

    def open(self, correlation_id: Optional[str]) -> defer.Deferred[None]:
        """Resolves the connection and prepares the connection pool; nothing is sent yet."""
        if self._opened:
            return defer.succeed(None)
        return defer.ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._endpoint:
            self._base_url = url_of_endpoint(self._endpoint)
        else:
            connection = await self._connection_resolver.resolve(correlation_id)
            self._base_url = url_of_connection(correlation_id, connection)
        if any(self._tls_files) and self._injected_client is None:
            from ._transport import TlsPolicy

            self._tls_policy = TlsPolicy(*self._tls_files)
        self._client = self._injected_client if self._injected_client is not None else self._make_client()
        self._opened = True
        self._logger.debug(correlation_id, "Connected to %s", self._base_url)

    def _make_client(self) -> Any:
        from treq.client import HTTPClient
        from twisted.web.client import Agent, HTTPConnectionPool

        reactor = self.reactor
        pool = HTTPConnectionPool(reactor, persistent=True)
        pool.maxPersistentPerHost = self._max_connections
        self._pool = pool
        factory = EndpointFactory(reactor, self._policy.connect_timeout / 1000.0, self._endpoint, self._tls_policy)
        return HTTPClient(Agent.usingEndpointFactory(reactor, factory, pool=pool))

    def _get_client(self) -> Any:
        return self._client

    def close(self, correlation_id: Optional[str]) -> defer.Deferred[None]:
        """
        Stops accepting calls and closes the idle pooled connections; calls in
        flight finish, their pending retries fail.
        """
        self._opened = False
        self._client = None
        pool, self._pool = self._pool, None
        if pool is None:
            return defer.succeed(None)
        d: defer.Deferred[Any] = pool.closeCachedConnections()
        return d.addCallback(lambda _: None)

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
        @param idempotent: whether a retry is safe; by default, by C{method}.
        @param name: the call's name in counters and logs (default C{route};
            give one for routes with ids in them).
        @param correlation_in_query: whether the correlation id goes in the
            query (for a transport that carries it in the body, say).
        """
        method = method.upper()
        timing = self._instrument(correlation_id, name or join_route(route) or method)
        if not self._opened or self._base_url is None:
            error = InvalidStateException(correlation_id, "NOT_OPENED", "The client is not open")
            timing.end_failure(error)
            return defer.fail(error)
        url = call_url(self._base_url, join_route(self._base_route, route),
                       correlation_id if correlation_in_query else None, params)
        try:
            body = None if data is None else to_json_bytes(data)
        except (TypeError, ValueError) as error:
            bad = BadRequestException(correlation_id, "NOT_SERIALIZABLE", f"Arguments are not JSON: {error}")
            bad.with_cause(error)
            timing.end_failure(bad)
            return defer.fail(bad)
        retryable = idempotent if idempotent is not None else method in IDEMPOTENT_METHODS
        call = HttpCall(
            self._get_client, self.reactor, self._logger, self._policy,
            method, url, body, correlation_id, self._policy.retries if retryable else 0, self._authorization,
        )

        def succeeded(result: Any) -> Any:
            timing.end_timing()
            return result

        def failed(failure: Failure) -> Failure:
            error = failure.value
            if error is None or not isinstance(error, (ApplicationException, defer.CancelledError)):
                error = UnknownException(correlation_id, "UNKNOWN", f"{method} {url} failed: {error}")
                error.with_details("url", url).with_cause(failure.value)
                failure = Failure(error)
            timing.end_failure(error)
            return failure

        return call.start().addCallbacks(succeeded, failed)
