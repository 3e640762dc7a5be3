# -*- test-case-name: tests.services.test_endpoint -*-
"""HttpEndpoint: one listening port that many REST services share."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional, cast

from twisted.internet.defer import Deferred, TimeoutError, ensureDeferred, maybeDeferred
from twisted.internet.endpoints import quoteStringArgument, serverFromString
from twisted.internet.interfaces import IReactorSocket, IReactorTime
from twisted.internet.task import deferLater
from twisted.web.server import Site
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ConfigException, ConnectionException
from ..lifecycle import IDrainable, IOpenable, ReactorAware, inherited_fd
from ..logs import CompositeLogger
from ..refer import Descriptor, IReferenceable, IReferences
from ._channel import GuardedChannel, HeaderSweeper
from ._dispatcher import CorsPolicy, HttpDispatcher
from ._http_request import LimitedRequest

if TYPE_CHECKING:
    from ._rest_service import RestService

ENDPOINT_DESCRIPTOR = Descriptor("pip-services", "endpoint", "http", "*", "1.0")


class _Site(Site):
    """
    A site without a per-request access log unless asked for, that knows its
    connections and requests in flight (limits and graceful shutdown).
    """

    access_log = False
    max_request_size = 1 << 20
    header_timeout = 10.0
    max_concurrent_requests = 0
    retry_after = 1
    draining = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connections: set[GuardedChannel] = set()
        self.sweeper = HeaderSweeper(self)
        self.in_flight = 0
        self.idle_waiter: Optional[Deferred[None]] = None

    def protocol(self) -> GuardedChannel:  # type: ignore[override]
        return GuardedChannel()

    def logPrefix(self) -> str:
        return "http-endpoint"

    def log(self, request: Any) -> None:
        if self.access_log:
            super().log(request)


def _listen_address(config: ConfigParams) -> tuple[str, str, int]:
    """The protocol, host and port of C{connection.*} (C{uri} wins)."""
    protocol = config.get_as_string_with_default("connection.protocol", "http").lower()
    host = config.get_as_string_with_default("connection.host", "0.0.0.0")
    port = config.get_as_nullable_integer("connection.port")
    uri = config.get_as_nullable_string("connection.uri")
    if uri:
        from urllib.parse import urlsplit

        parts = urlsplit(uri)
        protocol = parts.scheme or protocol
        host = parts.hostname or host
        port = parts.port if parts.port is not None else port
    if port is None:
        port = 8080 if protocol == "http" else 8443
    return protocol, host, port


def endpoint_string(config: ConfigParams) -> str:
    """
    The Twisted server endpoint for a config: C{endpoint} as given, else
    C{connection.protocol/host/port} (C{https} takes C{credential.ssl_key_file}
    and C{credential.ssl_crt_file}).
    """
    explicit = config.get_as_nullable_string("endpoint") or config.get_as_nullable_string("connection.endpoint")
    if explicit:
        return explicit
    protocol, host, port = _listen_address(config)
    interface = quoteStringArgument(host)
    if protocol == "http":
        return f"tcp:port={port}:interface={interface}"
    if protocol == "https":
        key = config.get_as_nullable_string("credential.ssl_key_file")
        crt = config.get_as_nullable_string("credential.ssl_crt_file")
        if not key or not crt:
            raise ConfigException(
                None, "NO_SSL_CERT", "https needs credential.ssl_key_file and credential.ssl_crt_file"
            )
        result = f"ssl:port={port}:interface={interface}:privateKey={quoteStringArgument(key)}:certKey={quoteStringArgument(crt)}"
        ca = config.get_as_nullable_string("credential.ssl_ca_file")
        if ca:
            result += f":extraCertChain={quoteStringArgument(ca)}"
        return result
    raise ConfigException(None, "BAD_PROTOCOL", f"Protocol '{protocol}' is not http or https")


@implementer(IOpenable, IDrainable, IConfigurable, IReferenceable)
class HttpEndpoint(ReactorAware):
    """
    Configured by C{connection.*} or C{endpoint: "tcp:8080:interface=127.0.0.1"}
    (also C{ssl:}, C{unix:}, C{systemd:}) and:
      - C{options.max_request_size}: bytes of a body (default 1 MiB), 413 beyond;
      - C{options.idle_timeout}: seconds a keep-alive connection may idle (60);
      - C{options.header_timeout}: seconds from a request's first byte to its
        last header (10), so slow-header clients are cut off;
      - C{options.max_concurrent_requests}: requests in flight beyond which the
        answer is 503 with C{Retry-After: options.retry_after} (0 = no limit);
      - C{options.shutdown_timeout}: seconds a graceful stop waits for requests
        in flight (10);
      - C{options.debug} (stack traces in error bodies), C{options.access_log},
        C{cors.enabled}, C{cors.origins};
      - C{options.workers}: processes sharing this port under twistd (1);
      - for C{connection.protocol: https}: C{credential.ssl_key_file},
        C{credential.ssl_crt_file}, C{credential.ssl_ca_file} (extra chain,
        and the CA client certificates must come from with
        C{options.require_client_cert: true}).
    """

    def __init__(self) -> None:
        self._config = ConfigParams()
        self._logger = CompositeLogger(component="http-endpoint")
        self.dispatcher = HttpDispatcher()
        self.site = _Site(self.dispatcher, requestFactory=LimitedRequest, parsePOSTFormSubmission=False)
        self.site.noisy = False
        self._port: Any = None
        self._services: list[RestService] = []
        self.shutdown_timeout = 10.0

    def set_reactor(self, reactor: IReactorTime) -> None:
        """The site's idle and header timeouts, and its connections, run on C{reactor} too."""
        super().set_reactor(reactor)
        self.site.reactor = reactor

    def configure(self, config: ConfigParams) -> None:
        self._config = config
        self.site.max_request_size = self.dispatcher.max_request_size = config.get_as_integer_with_default(
            "options.max_request_size", 1 << 20
        )
        self.site.access_log = config.get_as_boolean_with_default("options.access_log", False)
        self.site.timeOut = config.get_as_float_with_default("options.idle_timeout", 60.0) or None
        self.site.header_timeout = config.get_as_float_with_default("options.header_timeout", 10.0)
        self.site.max_concurrent_requests = config.get_as_integer_with_default("options.max_concurrent_requests", 0)
        self.site.retry_after = max(config.get_as_integer_with_default("options.retry_after", 1), 0)
        self.shutdown_timeout = config.get_as_float_with_default("options.shutdown_timeout", 10.0)
        self.dispatcher.debug = config.get_as_boolean_with_default("options.debug", False)
        origins = config.get_as_string_with_default("cors.origins", "*")
        self.dispatcher.cors = CorsPolicy(
            config.get_as_boolean_with_default("cors.enabled", True), origins.split(",")
        )
        endpoint_string(config)  # fail at configure time on a bad connection

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    @property
    def port(self) -> Optional[int]:
        """The port listened on (useful with port 0), None when closed or not TCP."""
        if self._port is None:
            return None
        return getattr(self._port.getHost(), "port", None)

    @property
    def base_url(self) -> str:
        host = self._port.getHost() if self._port is not None else None
        scheme = "https" if endpoint_string(self._config).startswith("ssl:") else "http"
        address = getattr(host, "host", "127.0.0.1")
        if address in ("0.0.0.0", "::"):
            address = "127.0.0.1"
        return f"{scheme}://{address}:{self.port}"

    def is_open(self) -> bool:
        return self._port is not None

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._port is not None:
            return
        description = endpoint_string(self._config)
        self.site.draining = False
        shared = inherited_fd(description)
        if shared is not None:
            # A worker of "--workers N": the parent bound the port, we accept on it too.
            self._port = self._adopt(shared, description)
            self._logger.info(correlation_id, "HTTP endpoint sharing %s (worker)", description)
            return
        try:
            self._port = await self._server_endpoint(description).listen(self.site)
        except Exception as e:
            raise ConnectionException(
                correlation_id, "CANNOT_LISTEN", f"Cannot listen on {description}: {e}"
            ).with_details("endpoint", description).with_cause(e) from e
        self._logger.info(correlation_id, "HTTP endpoint listening on %s", description)

    # -- mutual TLS (options.require_client_cert): the ssl: string cannot ask for client certificates
    def _server_endpoint(self, description: str) -> Any:
        reactor = self.reactor
        if not self._config.get_as_boolean_with_default("options.require_client_cert", False):
            return serverFromString(reactor, description)
        if not description.startswith("ssl:") or self._config.get_as_nullable_string("connection.endpoint") \
                or self._config.get_as_nullable_string("endpoint"):
            raise ConfigException(None, "BAD_PROTOCOL", "options.require_client_cert needs connection.protocol https")
        from twisted.internet.endpoints import SSL4ServerEndpoint

        from ._auth_tls import client_certificate_options

        _, host, port = _listen_address(self._config)
        return SSL4ServerEndpoint(reactor, port, client_certificate_options(self._config), interface=host)
    # -- end of mutual TLS

    def _adopt(self, fd: int, description: str) -> Any:
        import socket

        family = socket.AF_INET6 if "interface=::" in description or "\\:" in description else socket.AF_INET
        try:
            return cast(IReactorSocket, self.reactor).adoptStreamPort(fd, family, self.site)  # type: ignore[arg-type]
        finally:
            os.close(fd)

    def drain(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """
        Graceful shutdown, before any component closes: stop accepting, answer
        the requests in flight (up to C{options.shutdown_timeout}), ask
        keep-alive clients to reconnect elsewhere, then close the connections.
        """
        return ensureDeferred(self._drain(correlation_id))

    async def _drain(self, correlation_id: Optional[str]) -> None:
        site = self.site
        site.draining = True
        port, self._port = self._port, None
        if port is not None:
            await maybeDeferred(port.stopListening)
        for channel in list(site.connections):
            if channel.idle:
                channel.loseConnection()
        if site.in_flight > 0:
            self._logger.info(correlation_id, "Waiting for %d requests in flight", site.in_flight)
            waiter: Deferred[None] = Deferred()
            site.idle_waiter = waiter
            waiter.addTimeout(self.shutdown_timeout, self.reactor)
            try:
                await waiter
            except TimeoutError:
                self._logger.warn(correlation_id, "%d requests still in flight after %g s",
                                  site.in_flight, self.shutdown_timeout)
            finally:
                site.idle_waiter = None
        # Let the last responses reach the transports, then close politely and
        # give the kernel buffers a moment to flush before close() aborts the rest.
        await deferLater(self.reactor, 0, lambda: None)
        for channel in list(site.connections):
            channel.loseConnection()
        for _ in range(100):
            if not site.connections:
                break
            await deferLater(self.reactor, 0.01, lambda: None)
        self._logger.info(correlation_id, "HTTP endpoint drained")

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        port, self._port = self._port, None
        if port is not None:
            await maybeDeferred(port.stopListening)
        for channel in list(self.site.connections):
            channel.forceAbortClient() if hasattr(channel, "forceAbortClient") else channel.loseConnection()
        self.site.draining = False
        self.site.sweeper.stop()
        self._logger.info(correlation_id, "HTTP endpoint closed")

    def register_service(self, service: RestService) -> None:
        """Adds a service's routes; called by the service when it opens."""
        if service not in self._services:
            self._services.append(service)
        service.add_routes_to(self.dispatcher)

    def unregister_service(self, service: RestService) -> None:
        if service in self._services:
            self._services.remove(service)
        self.dispatcher.remove_owner(service)
