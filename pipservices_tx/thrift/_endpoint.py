# -*- test-case-name: tests.thrift.test_endpoint -*-
"""ThriftEndpoint: one listening port that many Thrift services share."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, TimeoutError, ensureDeferred, maybeDeferred
from twisted.internet.task import deferLater
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ConfigException, ConnectionException
from ..lifecycle import IClosable, IDrainable, IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import Descriptor, IReferenceable, IReferences
from ..services import quote_endpoint_argument
from ._server import ThriftServerFactory

THRIFT_ENDPOINT_DESCRIPTOR = Descriptor("pip-services", "endpoint", "thrift", "*", "1.0")

DEFAULT_PORT = 9090


def thrift_endpoint_string(config: ConfigParams) -> str:
    """
    The Twisted server endpoint of a config: C{endpoint} (or
    C{connection.endpoint}) as given, else C{connection.protocol} C{tcp}
    (default) or C{tls} on C{connection.host} and C{connection.port}; C{tls}
    takes C{credential.ssl_key_file} and C{credential.ssl_crt_file}.
    """
    explicit = config.get_as_nullable_string("endpoint") or config.get_as_nullable_string("connection.endpoint")
    if explicit:
        return explicit
    protocol = config.get_as_string_with_default("connection.protocol", "tcp").lower()
    host = quote_endpoint_argument(config.get_as_string_with_default("connection.host", "0.0.0.0"))
    port = config.get_as_integer_with_default("connection.port", DEFAULT_PORT)
    if protocol in ("tcp", "thrift"):
        return f"tcp:port={port}:interface={host}"
    if protocol in ("tls", "ssl"):
        key = config.get_as_nullable_string("credential.ssl_key_file")
        crt = config.get_as_nullable_string("credential.ssl_crt_file")
        if not key or not crt:
            raise ConfigException(None, "NO_SSL_CERT", "tls needs credential.ssl_key_file and credential.ssl_crt_file")
        result = (f"ssl:port={port}:interface={host}:privateKey={quote_endpoint_argument(key)}"
                  f":certKey={quote_endpoint_argument(crt)}")
        ca = config.get_as_nullable_string("credential.ssl_ca_file")
        return result + (f":extraCertChain={quote_endpoint_argument(ca)}" if ca else "")
    raise ConfigException(None, "BAD_PROTOCOL", f"Protocol '{protocol}' is not tcp or tls")


@implementer(IOpenable, IDrainable, IClosable, IConfigurable, IReferenceable)
class ThriftEndpoint(ReactorAware):
    """
    A Thrift listener (framed transport, binary protocol) that the Thrift
    services of a container register their processors on. Configured by
    C{endpoint: "tcp:9090:interface=127.0.0.1"} (any Twisted server endpoint
    string: C{ssl:}, C{unix:}...) or by C{connection.protocol} (C{tcp}, or
    C{tls} with C{credential.ssl_key_file}, C{credential.ssl_crt_file} and
    C{credential.ssl_ca_file}), C{connection.host} (0.0.0.0) and
    C{connection.port} (9090), and:
      - C{options.max_message_size}: bytes of one framed message (16 MiB); a
        bigger frame closes its connection;
      - C{options.max_connections}: connections served at once (1000); more
        are closed as soon as they are accepted (0 = no limit);
      - C{options.shutdown_timeout}: seconds a graceful stop waits for the
        calls in flight (10).

    A call names its method plainly when one registered service has it, or
    as C{Service:method} (Thrift's TMultiplexedProtocol) when several do.
    """

    def __init__(self) -> None:
        self._config = ConfigParams()
        self._logger = CompositeLogger(component="thrift-endpoint")
        self.factory = ThriftServerFactory(logger=self._logger)
        self.factory.max_connections = 1000
        self.shutdown_timeout = 10.0
        self._port: Any = None

    def configure(self, config: ConfigParams) -> None:
        self._config = config
        self.factory.max_message_size = max(
            64, config.get_as_integer_with_default("options.max_message_size", self.factory.max_message_size))
        self.factory.max_connections = max(
            0, config.get_as_integer_with_default("options.max_connections", self.factory.max_connections))
        self.shutdown_timeout = config.get_as_float_with_default("options.shutdown_timeout", self.shutdown_timeout)
        thrift_endpoint_string(config)  # a bad connection fails at configure time

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    @property
    def port(self) -> Optional[int]:
        """The port listened on (useful with port 0), None when closed or not TCP."""
        return None if self._port is None else getattr(self._port.getHost(), "port", None)

    def is_open(self) -> bool:
        return self._port is not None

    def register_service(self, name: str, processor: Any) -> None:
        """Serves a generated C{Processor} under the service name C{name}."""
        self.factory.register(name, processor)

    def unregister_service(self, name: str) -> None:
        self.factory.unregister(name)

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._port is not None:
            return
        description = thrift_endpoint_string(self._config)
        self.factory.draining = False
        try:
            from twisted.internet.endpoints import serverFromString

            self._port = await serverFromString(self.reactor, description).listen(self.factory)
        except Exception as e:
            raise ConnectionException(
                correlation_id, "CANNOT_LISTEN", f"Cannot listen on {description}: {e}"
            ).with_details("endpoint", description).with_cause(e) from e
        self._logger.info(correlation_id, "Thrift endpoint listening on %s", description)

    def drain(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """
        Graceful stop: stop accepting, close idle connections, let the calls in
        flight answer (up to C{options.shutdown_timeout} seconds), close the rest.
        """
        return ensureDeferred(self._drain(correlation_id))

    async def _drain(self, correlation_id: Optional[str]) -> None:
        factory = self.factory
        factory.draining = True
        port, self._port = self._port, None
        if port is not None:
            await maybeDeferred(port.stopListening)
        for channel in list(factory.connections):
            if channel.idle:
                channel.transport.loseConnection()
        if factory.in_flight > 0:
            self._logger.info(correlation_id, "Waiting for %d Thrift calls in flight", factory.in_flight)
            waiter: Deferred[None] = Deferred()
            factory.idle_waiter = waiter
            waiter.addTimeout(self.shutdown_timeout, self.reactor)
            try:
                await waiter
            except TimeoutError:
                self._logger.warn(correlation_id, "%d Thrift calls still in flight after %g s",
                                  factory.in_flight, self.shutdown_timeout)
            finally:
                factory.idle_waiter = None
        await deferLater(self.reactor, 0, lambda: None)
        for channel in list(factory.connections):
            channel.transport.loseConnection()
        self._logger.info(correlation_id, "Thrift endpoint drained")

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        port, self._port = self._port, None
        if port is not None:
            await maybeDeferred(port.stopListening)
        for channel in list(self.factory.connections):
            channel.transport.abortConnection()
        self.factory.draining = False
        self._logger.info(correlation_id, "Thrift endpoint closed")
