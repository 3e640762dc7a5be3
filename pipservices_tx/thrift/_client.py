# -*- test-case-name: tests.thrift.test_client -*-
"""ThriftClient: calls a Thrift service through its generated Twisted client, errors made portable."""

from __future__ import annotations

from typing import Any, Optional

from thrift.protocol.TBinaryProtocol import TBinaryProtocolAcceleratedFactory
from twisted.internet import defer
from twisted.internet.interfaces import IReactorTime
from zope.interface import implementer

from ..clients import InstrumentTiming
from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..discovery import ConnectionResolver
from ..errors import ConfigException, InvalidStateException
from ..lifecycle import IClosable, IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._client_channel import PrefixedBinaryProtocolFactory, ThriftClientChannel
from ._commandable_service import load_service_module
from ._endpoint import DEFAULT_PORT
from ._errors import wire_error


@implementer(IOpenable, IClosable, IConfigurable, IReferenceable)
class ThriftClient(ReactorAware):
    """
    Calls the service of a generated module (C{thrift --gen py:twisted}) over
    one framed, binary-protocol connection, calls pipelined on it. Config:
      - C{service_module}: that module (or given to the constructor);
      - C{connection.host} (localhost), C{connection.port} (9090),
        C{connection.protocol} C{tcp} or C{tls} (with C{credential.ssl_ca_file}
        to verify the server with, else the system's CAs), or
        C{connection.endpoint}: any Twisted client endpoint string;
        C{connection.discovery_key} resolves through a discovery service;
      - C{service_name}: call C{Service:method} (a multiplexed server), not
        the plain method name;
      - C{options.connect_timeout} and C{options.timeout}: milliseconds to
        connect and to wait for an answer (10000 each);
      - C{options.max_message_size}: bytes of an answer (16 MiB).

    A lost connection fails the calls on it with a ConnectionException; the
    next call reconnects. An ErrorDescription from the service comes back as
    the exception it describes.
    """

    def __init__(self, service_module: Any = None, service_name: Optional[str] = None) -> None:
        self._module: Any = service_module
        self._module_path: Optional[str] = service_module if isinstance(service_module, str) else None
        self.service_name = service_name
        self.connect_timeout = 10000
        self.timeout = 10000
        self.max_message_size = 16 << 20
        self._endpoint_string: Optional[str] = None
        self._tls = False
        self._ca_file: Optional[str] = None
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()
        self._connection_resolver = ConnectionResolver()
        self._address: Optional[tuple[str, int]] = None
        self._channel: Optional[ThriftClientChannel] = None
        self._connecting: Optional[defer.Deferred[Any]] = None
        self._parameters: dict[str, list[str]] = {}
        self._opened = False

    def configure(self, config: ConfigParams) -> None:
        self._connection_resolver.configure(config)
        self._module_path = config.get_as_nullable_string("service_module") or self._module_path
        self.service_name = config.get_as_nullable_string("service_name") or self.service_name
        self._endpoint_string = config.get_as_nullable_string("connection.endpoint") or self._endpoint_string
        protocol = config.get_as_string_with_default("connection.protocol", "tcp").lower()
        if protocol not in ("tcp", "tls", "thrift", "ssl"):
            raise ConfigException(None, "BAD_PROTOCOL", f"Protocol '{protocol}' is not tcp or tls")
        self._tls = protocol in ("tls", "ssl")
        self._ca_file = config.get_as_nullable_string("credential.ssl_ca_file")
        options = config.get_section("options")
        self.connect_timeout = max(1, options.get_as_integer_with_default("connect_timeout", self.connect_timeout))
        self.timeout = max(1, options.get_as_integer_with_default("timeout", self.timeout))
        self.max_message_size = max(64, options.get_as_integer_with_default("max_message_size", self.max_message_size))

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        self._counters.set_references(references)
        self._connection_resolver.set_references(references)

    @property
    def module(self) -> Any:
        """The generated service module the client calls."""
        if self._module is None or isinstance(self._module, str):
            if not self._module_path:
                raise ConfigException(None, "NO_SERVICE_MODULE", "A Thrift client needs service_module")
            self._module = load_service_module(self._module_path)
        return self._module

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str] = None) -> defer.Deferred[None]:
        return defer.ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._opened:
            return
        self.module  # noqa: B018 (fails now on a bad service_module)
        if self._endpoint_string is None:
            connection = await self._connection_resolver.resolve(correlation_id)
            host = (connection.host if connection is not None else None) or "localhost"
            port = (connection.port if connection is not None else None) or DEFAULT_PORT
            self._address = (host, int(port))
        self._opened = True
        await self._connect(correlation_id)

    def close(self, correlation_id: Optional[str] = None) -> defer.Deferred[None]:
        self._opened = False
        channel, self._channel = self._channel, None
        if channel is not None and channel.transport is not None:
            channel.transport.loseConnection()
        return defer.succeed(None)

    # -- the connection -------------------------------------------------------

    def _where(self) -> str:
        if self._endpoint_string:
            return self._endpoint_string
        host, port = self._address or ("?", 0)
        return f"thrift://{host}:{port}"

    def _client_endpoint(self) -> Any:
        from twisted.internet.endpoints import HostnameEndpoint, clientFromString, wrapClientTLS

        if self._endpoint_string:
            return clientFromString(self.reactor, self._endpoint_string)
        assert self._address is not None
        host, port = self._address
        endpoint = HostnameEndpoint(self.reactor, host, port, timeout=self.connect_timeout / 1000.0)
        if not self._tls:
            return endpoint
        from twisted.internet import ssl

        trust_root: Any = None
        if self._ca_file:
            with open(self._ca_file, "rb") as f:
                trust_root = ssl.trustRootFromCertificates([ssl.Certificate.loadPEM(f.read())])
        return wrapClientTLS(ssl.optionsForClientTLS(host, trustRoot=trust_root), endpoint)

    async def _connect(self, correlation_id: Optional[str]) -> Any:
        channel = self._channel
        if channel is not None and channel.client is not None:
            return channel.client
        if self._connecting is None:
            self._connecting = defer.ensureDeferred(self._new_channel())
        connecting = self._connecting
        try:
            return await connecting
        except Exception as e:
            raise wire_error(e, correlation_id, "connect", self._where()) from e
        finally:
            if self._connecting is connecting:
                self._connecting = None

    async def _new_channel(self) -> Any:
        iprot = TBinaryProtocolAcceleratedFactory()
        oprot = PrefixedBinaryProtocolFactory(self.service_name) if self.service_name else iprot
        channel = ThriftClientChannel(self.module.Client, iprot, oprot, self.max_message_size)
        from twisted.internet.endpoints import connectProtocol

        connecting = connectProtocol(self._client_endpoint(), channel)
        connecting.addTimeout(self.connect_timeout / 1000.0, self.reactor)
        await connecting
        client = await channel.started
        self._channel = channel
        return client

    # -- calls ----------------------------------------------------------------

    def call(self, method: str, *args: Any, correlation_id: Optional[str] = None) -> defer.Deferred[Any]:
        """
        Calls C{method} with C{args}, in the IDL's order. Its result (generated
        structs as they come), or the failure as a portable exception.
        """
        return defer.ensureDeferred(self._call(method, args, correlation_id))

    async def _call(self, method: str, args: tuple[Any, ...], correlation_id: Optional[str],
                    instrument_name: Optional[str] = None) -> Any:
        """Calls C{method}; counted and timed as C{<service_name>.<instrument_name or method>}."""
        if not self._opened:
            raise InvalidStateException(correlation_id, "NOT_OPENED", "The Thrift client is not opened")
        name = f"{self.service_name or 'thrift'}.{instrument_name or method}"
        timing = InstrumentTiming(correlation_id, name, self._logger, self._counters)
        try:
            client = await self._connect(correlation_id)
            result = await self._send(client, method, args)
        except Exception as e:
            error = wire_error(e, correlation_id, method, self._where())
            timing.end_failure(error)
            raise error from e
        timing.end_timing()
        return result

    def _send(self, client: Any, method: str, args: tuple[Any, ...]) -> defer.Deferred[Any]:
        send = getattr(client, method, None)
        if send is None:
            raise ConfigException(None, "UNKNOWN_METHOD", f"The service module has no method {method}")
        d = send(*args)
        seqid = client._seqid
        reactor: IReactorTime = self.reactor

        def expire() -> None:
            pending = client._reqs.pop(seqid, None)
            if pending is not None:
                pending.errback(defer.TimeoutError(f"No answer within {self.timeout} ms"))

        timer = reactor.callLater(self.timeout / 1000.0, expire)

        def settled(result: Any) -> Any:
            if timer.active():
                timer.cancel()
            return result

        return d.addBoth(settled)

