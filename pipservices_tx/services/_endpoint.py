# -*- test-case-name: tests.services.test_endpoint,tests.services.test_drain -*-
"""HttpEndpoint: one listening port that many REST services share."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional, cast

from twisted.internet.defer import Deferred, ensureDeferred, maybeDeferred
from twisted.internet.interfaces import IReactorSocket, IReactorTCP, IReactorTime
from twisted.internet.task import deferLater
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ConfigException, ConnectionException
from ..lifecycle import IDrainable, IOpenable, ReactorAware, inherited_fd
from ..logs import CompositeLogger
from ..refer import Descriptor, IReferenceable, IReferences
from ._dispatcher import CorsPolicy, HttpDispatcher
from ._http_request import LimitedRequest
from ._listener import endpoint_string, listen_address, listen_backlog, refuse_new_handshakes, stop_listening
from ._site import EndpointSite

if TYPE_CHECKING:
    from ._rest_service import RestService

ENDPOINT_DESCRIPTOR = Descriptor("pip-services", "endpoint", "http", "*", "1.0")

#: Seconds an idle connection may stay open during a drain: a client that just
#: connected (or was just answered) has that long to send its request.
DRAIN_IDLE_GRACE = 1.0
DRAIN_POLL_INTERVAL = 0.05
#: Seconds between refusing new handshakes and closing the listener: those under way complete.
HANDSHAKE_TIME = 0.1
#: Seconds a drain lets closing connections flush their last answers before close() aborts them.
DRAIN_FLUSH_TIME = 1.0


@implementer(IOpenable, IDrainable, IConfigurable, IReferenceable)
class HttpEndpoint(ReactorAware):
    """
    Configured by C{connection.*} or C{endpoint: "tcp:8080:interface=127.0.0.1"}
    (also C{ssl:}, C{unix:}, C{systemd:}) and:
      - C{connection.backlog}: connections the kernel may complete before
        they are accepted (1024; capped by C{net.core.somaxconn});
      - C{options.max_request_size}: bytes of a body (default 1 MiB), 413 beyond
        (at once, instead of C{100 Continue}, when the body is announced);
      - C{options.max_response_size}: bytes of one answer (16 MiB); a larger
        one is a 400 C{RESPONSE_TOO_LARGE} (ask for a smaller page);
      - C{options.max_buffered_output}: bytes of answers not yet taken by their
        clients, all connections together (128 MiB), beyond which new requests
        get 503 C{OVERLOADED}; each connection stops reading, and holds its
        pipelined requests, while its own unsent output is over 64 KiB;
      - C{options.idle_timeout}: seconds a keep-alive connection may idle, or an
        answer wait for its client to read it (60);
      - C{options.header_timeout}: seconds from a request's first byte to its
        last header (10), so slow-header clients are cut off;
      - C{options.max_concurrent_requests}: requests in flight beyond which the
        answer is 503 with C{Retry-After: options.retry_after} (0 = no limit);
      - C{options.pre_stop_delay}: seconds a graceful stop keeps serving with
        readiness off before it closes the listener (0), for load balancers
        to notice;
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
        self.site = EndpointSite(self.dispatcher, requestFactory=LimitedRequest, parsePOSTFormSubmission=False)
        self.site.noisy = False
        self._port: Any = None
        self._shared = False
        self._services: list[RestService] = []
        self.shutdown_timeout = 10.0
        self.pre_stop_delay = 0.0

    def set_reactor(self, reactor: IReactorTime) -> None:
        """The site's idle and header timeouts, and its connections, run on C{reactor} too."""
        super().set_reactor(reactor)
        self.site.reactor = reactor

    def configure(self, config: ConfigParams) -> None:
        self._config = config
        site = self.site
        site.max_request_size = self.dispatcher.max_request_size = config.get_as_integer_with_default(
            "options.max_request_size", 1 << 20
        )
        site.max_response_size = max(config.get_as_integer_with_default("options.max_response_size", 16 << 20), 0)
        site.max_buffered_output = max(config.get_as_integer_with_default("options.max_buffered_output", 128 << 20), 0)
        site.access_log = config.get_as_boolean_with_default("options.access_log", False)
        site.timeOut = config.get_as_float_with_default("options.idle_timeout", 60.0) or None
        site.header_timeout = config.get_as_float_with_default("options.header_timeout", 10.0)
        site.max_concurrent_requests = config.get_as_integer_with_default("options.max_concurrent_requests", 0)
        site.retry_after = max(config.get_as_integer_with_default("options.retry_after", 1), 0)
        self.shutdown_timeout = config.get_as_float_with_default("options.shutdown_timeout", 10.0)
        self.pre_stop_delay = max(config.get_as_float_with_default("options.pre_stop_delay", 0.0), 0.0)
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
        """Listening and not stopping (a drain makes readiness probes fail at once)."""
        return self._port is not None and not self.site.draining

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._port is not None:
            return
        description = endpoint_string(self._config)
        self.site.reactor = self.reactor
        self.site.draining = self.site.accepting_late = False
        shared = inherited_fd(description)
        if shared is not None:
            # A worker of "--workers N": the parent bound the port, we accept on it too.
            self._port = self._adopt(shared, description)
            self._shared = True  # the other workers keep listening on it
            self._logger.info(correlation_id, "HTTP endpoint sharing %s (worker)", description)
            return
        self._shared = False
        try:
            self._port = await self._listen(description)
        except Exception as e:
            raise ConnectionException(
                correlation_id, "CANNOT_LISTEN", f"Cannot listen on {description}: {e}"
            ).with_details("endpoint", description).with_cause(e) from e
        self._logger.info(correlation_id, "HTTP endpoint listening on %s", description)

    def _listen(self, description: str) -> Deferred[Any]:
        config = self._config
        explicit = config.get_as_nullable_string("endpoint") or config.get_as_nullable_string("connection.endpoint")
        plain = description.startswith("tcp:") and not explicit and listen_address(config)[2] is not None
        if plain and not config.get_as_boolean_with_default("options.require_client_cert", False):
            # plain HTTP straight on the reactor: twisted.internet.endpoints imports OpenSSL, a
            # good part of the start-up of a service that has no TLS
            _, host, port = listen_address(config)
            listen: Any = IReactorTCP(self.reactor).listenTCP
            return maybeDeferred(listen, int(port), self.site, backlog=listen_backlog(config), interface=host)
        return self._server_endpoint(description).listen(self.site)

    # -- mutual TLS (options.require_client_cert): the ssl: string cannot ask for client certificates
    def _server_endpoint(self, description: str) -> Any:
        reactor = self.reactor
        if not self._config.get_as_boolean_with_default("options.require_client_cert", False):
            from twisted.internet.endpoints import serverFromString

            return serverFromString(reactor, description)
        if not description.startswith("ssl:") or self._config.get_as_nullable_string("connection.endpoint") \
                or self._config.get_as_nullable_string("endpoint"):
            raise ConfigException(None, "BAD_PROTOCOL", "options.require_client_cert needs connection.protocol https")
        from twisted.internet.endpoints import SSL4ServerEndpoint

        from ._auth_tls import client_certificate_options

        _, host, port = listen_address(self._config)
        return SSL4ServerEndpoint(reactor, port, client_certificate_options(self._config),
                                  backlog=listen_backlog(self._config), interface=host)
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
        Graceful shutdown, before any component closes: readiness off at
        once, and answers ask clients to reconnect (C{Connection: close});
        serve on for C{options.pre_stop_delay}; close the listener, answering
        the connections its queue still held with 503 C{SHUTTING_DOWN}; wait
        for the requests in flight (up to C{options.shutdown_timeout}) and
        for fresh connections to send theirs; then close the connections.
        """
        return ensureDeferred(self._drain(correlation_id))

    async def _drain(self, correlation_id: Optional[str]) -> None:
        site = self.site
        site.draining = True
        if self.pre_stop_delay > 0 and self._port is not None:
            self._logger.info(correlation_id, "Serving %g s more before closing the listener", self.pre_stop_delay)
            await self._sleep(self.pre_stop_delay)
        if self._port is not None and not self._shared and refuse_new_handshakes(self._port):
            await self._sleep(HANDSHAKE_TIME)  # the handshakes under way complete into the queue
        port, self._port = self._port, None
        if port is not None:
            site.accepting_late = True
            await stop_listening(port)
        await self._wait_for_quiet(correlation_id)
        # Let the last responses reach the transports, then close politely and
        # give the kernel buffers a moment to flush before close() aborts the rest.
        await self._sleep(0)
        for channel in list(site.connections):
            channel.close_politely()
        deadline = self.reactor.seconds() + DRAIN_FLUSH_TIME
        while site.connections and self.reactor.seconds() < deadline:
            await self._sleep(0.01)
        self._logger.info(correlation_id, "HTTP endpoint drained")

    async def _wait_for_quiet(self, correlation_id: Optional[str]) -> None:
        """
        Until no request is in flight and every open connection has been quiet
        for L{DRAIN_IDLE_GRACE} (each is closed then), or C{shutdown_timeout}.
        """
        site = self.site
        deadline = self.reactor.seconds() + self.shutdown_timeout
        if site.in_flight > 0:
            self._logger.info(correlation_id, "Waiting for %d requests in flight", site.in_flight)
        while True:
            now = self.reactor.seconds()
            fresh = 0
            for channel in list(site.connections):
                if channel.idle and not channel.closing:
                    if channel.quiet_for(now) >= DRAIN_IDLE_GRACE:
                        channel.close_politely()
                    else:
                        fresh += 1
            if site.in_flight <= 0 and not fresh:
                return
            if now >= deadline:
                self._logger.warn(correlation_id, "%d requests still in flight after %g s",
                                  site.in_flight, self.shutdown_timeout)
                return
            await self._sleep(DRAIN_POLL_INTERVAL)

    def _sleep(self, seconds: float) -> Deferred[None]:
        return deferLater(self.reactor, seconds, lambda: None)

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        port, self._port = self._port, None
        if port is not None:
            await maybeDeferred(port.stopListening)
        for channel in list(self.site.connections):
            channel.forceAbortClient() if hasattr(channel, "forceAbortClient") else channel.loseConnection()
        self.site.draining = self.site.accepting_late = False
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
