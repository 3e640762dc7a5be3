# -*- test-case-name: tests.thrift.test_endpoint -*-
"""The framed Thrift server protocol: routes calls to services, bounds frames and connections, drains."""

from __future__ import annotations

from typing import Any, Callable, Optional

from thrift.protocol.TBinaryProtocol import TBinaryProtocolAcceleratedFactory
from thrift.Thrift import TApplicationException, TMessageType
from thrift.transport.TTransport import TMemoryBuffer
from twisted.internet.defer import Deferred
from twisted.internet.protocol import ServerFactory
from twisted.protocols.basic import Int32StringReceiver
from twisted.python.failure import Failure

#: The separator of TMultiplexedProtocol: C{"Service:method"}.
SEPARATOR = ":"


class ThriftServerFactory(ServerFactory):
    """
    Serves the generated processors registered by name. A call names its
    method plainly (the one service that has it answers) or as
    C{Service:method} (TMultiplexedProtocol). Frames are read with the binary
    protocol over the framed transport, as C{TTwisted} does.
    """

    noisy = False

    def __init__(self, protocol_factory: Any = None, logger: Any = None) -> None:
        self.protocol_factory = protocol_factory or TBinaryProtocolAcceleratedFactory()
        self.logger = logger
        self.processors: dict[str, Any] = {}
        self.max_message_size = 16 << 20
        self.max_connections = 0
        self.connections: set[ThriftChannel] = set()
        self.rejected_connections = 0
        self.in_flight = 0
        self.draining = False
        self.idle_waiter: Optional[Deferred[None]] = None
        self._routes: dict[str, Optional[tuple[Any, Callable[..., Any]]]] = {}

    def buildProtocol(self, addr: Any) -> Any:  # noqa: N802 (Twisted's name)
        channel = ThriftChannel()
        channel.factory = self
        return channel

    def register(self, name: str, processor: Any) -> None:
        """Serves C{processor} (a generated C{Processor}) as the service C{name}."""
        self.processors[name] = processor
        self._routes = {}

    def unregister(self, name: str) -> None:
        self.processors.pop(name, None)
        self._routes = {}

    def route(self, name: str) -> Optional[tuple[Any, Callable[..., Any]]]:
        """The processor and its C{process_<method>} for a message name, or None (unknown or ambiguous)."""
        try:
            return self._routes[name]
        except KeyError:
            pass
        found: Optional[tuple[Any, Callable[..., Any]]] = None
        service, separator, method = name.rpartition(SEPARATOR)
        if separator:
            processor = self.processors.get(service)
            handler = processor._processMap.get(method) if processor is not None else None
            found = (processor, handler) if handler is not None else None
        else:
            owners = [p for p in self.processors.values() if name in p._processMap]
            found = (owners[0], owners[0]._processMap[name]) if len(owners) == 1 else None
        self._routes[name] = found
        return found

    def call_finished(self) -> None:
        self.in_flight -= 1
        if self.in_flight == 0 and self.idle_waiter is not None:
            waiter, self.idle_waiter = self.idle_waiter, None
            waiter.callback(None)


class ThriftChannel(Int32StringReceiver):
    """One client connection: each frame is one call, answered as soon as it is done (pipelining allowed)."""

    factory: ThriftServerFactory
    transport: Any
    accepted = False
    in_flight = 0

    def connectionMade(self) -> None:  # noqa: N802 (Twisted's name)
        factory = self.factory
        if factory.draining or (factory.max_connections and len(factory.connections) >= factory.max_connections):
            factory.rejected_connections += 1
            self.transport.loseConnection()
            return
        self.accepted = True
        self.MAX_LENGTH = factory.max_message_size
        factory.connections.add(self)

    def connectionLost(self, reason: Failure = None) -> None:  # type: ignore[assignment]  # noqa: N802
        self.factory.connections.discard(self)

    def lengthLimitExceeded(self, length: int) -> None:  # noqa: N802 (Twisted's name)
        logger = self.factory.logger
        if logger is not None:
            logger.warn(None, "Closing a Thrift connection: a frame of %d bytes is over the limit of %d",
                        length, self.MAX_LENGTH)
        self.transport.loseConnection()

    @property
    def idle(self) -> bool:
        return self.in_flight == 0

    def stringReceived(self, frame: bytes) -> None:  # noqa: N802 (Twisted's name)
        if not self.accepted:
            return
        factory = self.factory
        protocols = factory.protocol_factory
        iprot = protocols.getProtocol(TMemoryBuffer(frame))
        try:
            name, message_type, seqid = iprot.readMessageBegin()
        except Exception as e:
            self._fail("", 0, TApplicationException.PROTOCOL_ERROR, f"Unreadable message: {e}")
            self.transport.loseConnection()
            return
        if message_type not in (TMessageType.CALL, TMessageType.ONEWAY):
            self._fail(name, seqid, TApplicationException.INVALID_MESSAGE_TYPE,
                       f"Message type {message_type} is not a call")
            return
        found = factory.route(name)
        if found is None:
            self._fail(name, seqid, TApplicationException.UNKNOWN_METHOD,
                       f"Unknown method {name}" + ("" if SEPARATOR in name else " (or served by several services:"
                                                   " call it as Service:method)"))
            return
        processor, process = found
        output = TMemoryBuffer()
        oprot = protocols.getProtocol(output)
        self.in_flight += 1
        factory.in_flight += 1
        try:
            d = process(processor, seqid, iprot, oprot)
        except Exception as e:
            self._finished(None)
            self._fail(name, seqid, TApplicationException.PROTOCOL_ERROR,
                       f"Cannot read the arguments of {name}: {e}")
            return
        d.addBoth(self._answer, output, name, seqid)

    def _answer(self, result: Any, output: TMemoryBuffer, name: str, seqid: int) -> None:
        if isinstance(result, Failure):
            logger = self.factory.logger
            if logger is not None:
                logger.error(None, result.value, "Thrift call %s failed in the server", name)
            self._fail(name, seqid, TApplicationException.INTERNAL_ERROR,
                       f"{name} failed in the server: {result.value}")
        else:
            message = output.getvalue()
            if message and self.connected:
                self.sendString(message)
        self._finished(None)

    def _finished(self, result: Any) -> Any:
        self.in_flight -= 1
        factory = self.factory
        if factory.draining and self.in_flight == 0:
            self.transport.loseConnection()
        factory.call_finished()
        return None

    def _fail(self, name: str, seqid: int, kind: int, message: str) -> None:
        """Answers a call with Thrift's own exception message (it never reached a service)."""
        output = TMemoryBuffer()
        oprot = self.factory.protocol_factory.getProtocol(output)
        oprot.writeMessageBegin(name.rpartition(SEPARATOR)[2], TMessageType.EXCEPTION, seqid)
        TApplicationException(kind, message).write(oprot)
        oprot.writeMessageEnd()
        if self.connected:
            self.sendString(output.getvalue())

