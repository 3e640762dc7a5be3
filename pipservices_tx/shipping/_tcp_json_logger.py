# -*- test-case-name: tests.shipping.test_tcp_json_logger -*-
"""TcpJsonLogger: ships one JSON object a line to Logstash or Fluentd over TCP."""

from __future__ import annotations

from collections import deque
from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred, succeed
from twisted.internet.interfaces import IPushProducer
from twisted.internet.protocol import Factory, Protocol, connectionDone
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ..discovery import ConnectionResolver, parse_uri
from ..errors import ConfigException
from ..lifecycle import IOpenable, ReactorAware, backoff
from ..logs import LogEntry, Logger, LogLevel
from ..refer import IReferences
from ._json_lines import encode_json_line


@implementer(IPushProducer)
class _LineProtocol(Protocol):
    """One connection to the log server; tells the logger when it can write."""

    logger: TcpJsonLogger

    def __init__(self) -> None:
        self.paused = False

    def connectionMade(self) -> None:
        transport: Any = self.transport
        transport.registerProducer(self, True)
        self.logger._connected(self)

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        self.logger._disconnected(self)

    def dataReceived(self, data: bytes) -> None:
        """Log servers do not answer; anything they send is ignored."""

    def send(self, line: bytes) -> None:
        assert self.transport is not None
        self.transport.write(line)

    # IPushProducer: the transport pauses us when its send buffer is full.
    def pauseProducing(self) -> None:
        self.paused = True

    def resumeProducing(self) -> None:
        self.paused = False
        self.logger._flush()

    def stopProducing(self) -> None:
        self.paused = True


class _LineFactory(Factory):
    """Builds the connections of one logger."""

    def __init__(self, logger: TcpJsonLogger) -> None:
        self.logger = logger

    def buildProtocol(self, addr: Any) -> _LineProtocol:
        protocol = _LineProtocol()
        protocol.factory = self
        protocol.logger = self.logger
        return protocol


@implementer(IReconfigurable, IOpenable)
class TcpJsonLogger(Logger, ReactorAware):
    """
    Writes each entry as one JSON object a line (L{json_lines_event}: the
    entry's fields plus C{@timestamp} and C{@version}) to a TCP server:
    Logstash's C{tcp} input with the C{json_lines} codec, Fluentd's
    C{in_tcp} with C{format json}, Vector, etc. Config: C{endpoint}
    (C{"tcp:host=logs:port=5170"}, any client endpoint string) or
    C{connection.host}/C{connection.port} (or C{connection.uri}
    C{tcp://host:port}, or a C{connection.discovery_key}); C{level};
    C{options.max_buffer_size} (entries kept while the server is away or slow,
    default 10000); C{options.reconnect_delay} and C{options.max_reconnect_delay}
    (milliseconds, default 1000 and 30000: the back-off between attempts).

    The connection is made and remade in the background; C{open} does not
    wait for it. While there is none, or the server reads too slowly, entries
    wait in a bounded buffer that drops the oldest; once the connection is
    back a C{dropped N log entries} warning goes first, then the kept entries.
    Entries still buffered at C{close} are lost.
    """

    def __init__(self, level: LogLevel = LogLevel.INFO) -> None:
        super().__init__(level)
        self.component = "TcpJsonLogger"
        self.endpoint: Optional[str] = None
        self.max_buffer_size = 10000
        self.reconnect_delay = 1.0
        self.max_reconnect_delay = 30.0
        self.dropped = 0
        self.dropped_total = 0
        self._config = ConfigParams()
        self._references: Optional[IReferences] = None
        self._buffer: deque[bytes] = deque()
        self._protocol: Optional[_LineProtocol] = None
        self._service: Optional[Any] = None  # a ClientService once open

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self._config = ConfigParams(config)
        self.endpoint = config.get_as_nullable_string("endpoint") or self.endpoint
        self.max_buffer_size = config.get_as_checked_integer("options.max_buffer_size", self.max_buffer_size, minimum=1)
        self.reconnect_delay = config.get_as_checked_timeout(
            "options.reconnect_delay", int(self.reconnect_delay * 1000)) / 1000.0
        self.max_reconnect_delay = config.get_as_checked_timeout(
            "options.max_reconnect_delay", int(self.max_reconnect_delay * 1000)) / 1000.0

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._references = references


    # -- lifecycle ------------------------------------------------------------

    async def _endpoint_description(self, correlation_id: Optional[str]) -> str:
        if self.endpoint:
            return self.endpoint
        resolver = ConnectionResolver(self._config, self._references)
        connection = await resolver.resolve(correlation_id)
        if connection is not None and connection.uri:
            connection = parse_uri(connection.uri, "tcp")
        if connection is None or not connection.host or connection.port is None:
            raise ConfigException(
                correlation_id, "NO_CONNECTION",
                "TcpJsonLogger needs an 'endpoint' or 'connection.host' and 'connection.port'",
            )
        host = connection.host.replace(":", "\\:")
        return f"tcp:host={host}:port={connection.port}"

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._service is not None:
            return
        description = await self._endpoint_description(correlation_id)
        from twisted.application.internet import ClientService  # here: it imports OpenSSL
        from twisted.internet.endpoints import clientFromString

        try:
            endpoint = clientFromString(self.reactor, description)
        except (ValueError, TypeError, KeyError) as e:
            raise ConfigException(
                correlation_id, "BAD_ENDPOINT", f"Invalid log server endpoint '{description}': {e}"
            ).with_cause(e) from e
        self._service = ClientService(
            endpoint, _LineFactory(self),
            retryPolicy=backoff(self.reconnect_delay, self.max_reconnect_delay),
            clock=self.reactor,
        )
        self._service.startService()

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Starts connecting (and reconnecting) in the background."""
        return ensureDeferred(self._open(correlation_id))

    def is_open(self) -> bool:
        return self._service is not None

    def is_connected(self) -> bool:
        return self._protocol is not None

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Stops reconnecting and closes the connection once what was written is sent."""
        service, self._service = self._service, None
        if service is None:
            return succeed(None)
        return service.stopService()  # type: ignore[no-any-return]

    # -- writing --------------------------------------------------------------

    def _write(self, entry: LogEntry) -> None:
        line = encode_json_line(entry)
        protocol = self._protocol
        if protocol is not None and not protocol.paused and not self._buffer and not self.dropped:
            protocol.send(line)
            return
        if len(self._buffer) >= self.max_buffer_size:
            self._buffer.popleft()
            self.dropped += 1
            self.dropped_total += 1
        self._buffer.append(line)
        self._flush()

    def _flush(self) -> None:
        protocol = self._protocol
        if protocol is None or protocol.paused:
            return
        if self.dropped:
            count, self.dropped = self.dropped, 0
            warning = LogEntry(LogLevel.WARN, None, None, f"dropped {count} log entries", self.component, self.source)
            protocol.send(encode_json_line(warning))
        while self._buffer and not protocol.paused and self._protocol is protocol:
            protocol.send(self._buffer.popleft())

    def _connected(self, protocol: _LineProtocol) -> None:
        self._protocol = protocol
        self._flush()

    def _disconnected(self, protocol: _LineProtocol) -> None:
        if self._protocol is protocol:
            self._protocol = None
