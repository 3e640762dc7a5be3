# -*- test-case-name: tests.thrift.test_client -*-
"""The client side of a framed Thrift connection: answers matched to calls by sequence id."""

from __future__ import annotations

from typing import Any

from thrift.protocol.TBinaryProtocol import TBinaryProtocolAccelerated, TBinaryProtocolAcceleratedFactory
from thrift.Thrift import TApplicationException, TMessageType
from thrift.transport.TTransport import TMemoryBuffer, TTransportException
from thrift.transport.TTwisted import ThriftClientProtocol
from twisted.python.failure import Failure


class PrefixedBinaryProtocol(TBinaryProtocolAccelerated):
    """Writes C{prefix + name} as each message's name: TMultiplexedProtocol's C{Service:method}."""

    prefix = ""

    def writeMessageBegin(self, name: str, ttype: int, seqid: int) -> None:  # noqa: N802 (Thrift's name)
        super().writeMessageBegin(self.prefix + name, ttype, seqid)


class PrefixedBinaryProtocolFactory(TBinaryProtocolAcceleratedFactory):
    """The protocol factory of calls to one service of a multiplexed server."""

    def __init__(self, service_name: str) -> None:
        super().__init__()
        self.prefix = service_name + ":"

    def getProtocol(self, trans: Any) -> PrefixedBinaryProtocol:  # noqa: N802 (Thrift's name)
        protocol = PrefixedBinaryProtocol(trans, string_length_limit=self.string_length_limit,
                                          container_length_limit=self.container_length_limit)
        protocol.prefix = self.prefix
        return protocol


class ThriftClientChannel(ThriftClientProtocol):
    """
    C{TTwisted}'s client protocol, hardened: an answer to a call that already
    timed out is dropped, an answer that cannot be read fails its call instead
    of the connection, and frames over C{MAX_LENGTH} close the connection.
    """

    client: Any = None

    def __init__(self, client_class: Any, iprot_factory: Any, oprot_factory: Any, max_length: int) -> None:
        super().__init__(client_class, iprot_factory, oprot_factory)
        self.MAX_LENGTH = max_length

    def stringReceived(self, frame: bytes) -> None:  # noqa: N802 (Twisted's name)
        client = self.client
        if client is None:
            return
        iprot = self._iprot_factory.getProtocol(TMemoryBuffer(frame))
        try:
            name, message_type, seqid = iprot.readMessageBegin()
        except Exception:
            self.transport.loseConnection()
            return
        if seqid not in client._reqs:
            return  # its call gave up waiting
        if message_type == TMessageType.EXCEPTION:
            error = TApplicationException()
            try:
                error.read(iprot)
            except Exception:
                error = TApplicationException(TApplicationException.PROTOCOL_ERROR, "Unreadable exception")
            client._reqs.pop(seqid).errback(Failure(error))
            return
        receive = getattr(client, "recv_" + name, None)
        if receive is None:
            client._reqs.pop(seqid).errback(Failure(ValueError(f"An answer to an unknown method {name!r}")))
            return
        try:
            receive(iprot, message_type, seqid)
        except Exception:
            pending = client._reqs.pop(seqid, None)
            if pending is not None:
                pending.errback(Failure())

    def connectionLost(self, reason: Failure = None) -> None:  # type: ignore[assignment]  # noqa: N802
        # Forget the client first: a call made from an errback below must reconnect, not use this one.
        client, self.client = self.client, None
        if client is None:
            return
        error = TTransportException(TTransportException.END_OF_FILE,
                                    f"Connection closed ({reason.value if reason is not None else 'no reason'})")
        while client._reqs:
            _, pending = client._reqs.popitem()
            pending.errback(Failure(error))
