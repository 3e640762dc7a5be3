"""ThriftEndpoint on loopback: bad frames, size and connection limits, drain, TLS, config."""

from __future__ import annotations

import os
import struct
import tempfile
from typing import Any

from thrift.protocol.TBinaryProtocol import TBinaryProtocol
from thrift.Thrift import TApplicationException, TMessageType
from thrift.transport.TTransport import TMemoryBuffer
from twisted.internet import reactor
from twisted.internet.defer import Deferred, ensureDeferred
from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol
from twisted.internet.protocol import Protocol
from twisted.trial.unittest import TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.commands import Command
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConfigException, ConnectionException
from pipservices_tx.lifecycle import IDrainable, IOpenable
from pipservices_tx.thrift import ThriftEndpoint, thrift_endpoint_string
from tests.services.helpers import EchoController

from .support import commandable_client, serve, stop


class RawClient(Protocol):
    """Sends bytes as they are and collects what comes back."""

    def __init__(self) -> None:
        self.received = b""
        self.closed: Deferred[None] = Deferred()
        self.waiting: list[tuple[int, Deferred[bytes]]] = []

    def dataReceived(self, data: bytes) -> None:  # noqa: N802
        self.received += data
        for entry in list(self.waiting):
            if len(self.received) >= entry[0]:
                self.waiting.remove(entry)
                entry[1].callback(self.received)

    def connectionLost(self, reason: Any = None) -> None:  # noqa: N802
        self.closed.callback(None)

    def frame(self, payload: bytes) -> None:
        self.transport.write(struct.pack("!i", len(payload)) + payload)

    def answer(self) -> Deferred[bytes]:
        d: Deferred[bytes] = Deferred()
        if len(self.received) >= 4:
            d.callback(self.received)
        else:
            self.waiting.append((4, d))
        return d


def call_frame(name: str, seqid: int = 7, body: bytes = b"\x00", message_type: int = TMessageType.CALL) -> bytes:
    buffer = TMemoryBuffer()
    protocol = TBinaryProtocol(buffer)
    protocol.writeMessageBegin(name, message_type, seqid)
    return buffer.getvalue() + body


def read_exception(data: bytes) -> tuple[str, int, TApplicationException]:
    protocol = TBinaryProtocol(TMemoryBuffer(data[4:]))
    name, message_type, seqid = protocol.readMessageBegin()
    assert message_type == TMessageType.EXCEPTION, message_type
    error = TApplicationException()
    error.read(protocol)
    return name, seqid, error


class EndpointTests(TestCase):
    def setUp(self) -> Any:
        self.controller = EchoController()
        self.gate: Deferred[Any] = Deferred()
        self.controller.command_set.add_command(Command("slow", None, lambda cid, args: self.gate))

        async def start() -> None:
            self.endpoint, self.services = await serve(
                self.controller, **{"options.max_message_size": 1024, "options.max_connections": 3,
                                    "options.shutdown_timeout": 5})
            self.services[0]._commands = {c.name: c for c in self.controller.command_set.commands}

        return ensureDeferred(start())

    def tearDown(self) -> Any:
        if not self.gate.called:
            self.gate.callback(None)
        return ensureDeferred(stop(self.endpoint, self.services))

    async def raw(self) -> RawClient:
        return await connectProtocol(TCP4ClientEndpoint(reactor, "127.0.0.1", self.endpoint.port), RawClient())

    def test_interfaces(self) -> None:
        verifyObject(IOpenable, self.endpoint)
        verifyObject(IDrainable, self.endpoint)

    def test_unknown_method(self) -> Any:
        async def run() -> None:
            client = await self.raw()
            client.frame(call_frame("no_such_method", 42))
            name, seqid, error = read_exception(await client.answer())
            self.assertEqual((name, seqid, error.type), ("no_such_method", 42, TApplicationException.UNKNOWN_METHOD))
            client.transport.loseConnection()
            await client.closed
        return ensureDeferred(run())

    def test_unreadable_arguments_answer_a_protocol_error(self) -> Any:
        async def run() -> None:
            client = await self.raw()
            client.frame(call_frame("invoke", 5, body=b"\x0b\x00\x01\xff\xff\xff\x7f"))
            name, seqid, error = read_exception(await client.answer())
            self.assertEqual((name, seqid, error.type), ("invoke", 5, TApplicationException.PROTOCOL_ERROR))
            client.transport.loseConnection()
            await client.closed
        return ensureDeferred(run())

    def test_garbage_closes_the_connection(self) -> Any:
        async def run() -> None:
            client = await self.raw()
            client.frame(b"\x00garbage")
            await client.closed
            _, _, error = read_exception(client.received)
            self.assertEqual(error.type, TApplicationException.PROTOCOL_ERROR)
        return ensureDeferred(run())

    def test_a_reply_is_not_a_call(self) -> Any:
        async def run() -> None:
            client = await self.raw()
            client.frame(call_frame("invoke", 3, message_type=TMessageType.REPLY))
            _, seqid, error = read_exception(await client.answer())
            self.assertEqual((seqid, error.type), (3, TApplicationException.INVALID_MESSAGE_TYPE))
            client.transport.loseConnection()
            await client.closed
        return ensureDeferred(run())

    def test_a_frame_over_the_limit_closes_the_connection(self) -> Any:
        async def run() -> None:
            client = await self.raw()
            client.transport.write(struct.pack("!i", 2048) + b"x" * 100)
            await client.closed
            self.assertEqual(client.received, b"")
            client = await self.raw()
            client.transport.write(struct.pack("!i", -5))
            await client.closed
        return ensureDeferred(run())

    def test_connections_over_the_limit_are_closed(self) -> Any:
        async def run() -> None:
            clients = [await self.raw() for _ in range(3)]
            extra = await self.raw()
            await extra.closed
            self.assertEqual(self.endpoint.factory.rejected_connections, 1)
            for client in clients:
                client.transport.loseConnection()
                await client.closed
        return ensureDeferred(run())

    def test_drain_lets_calls_in_flight_answer(self) -> Any:
        async def run() -> None:
            port = self.endpoint.port
            client = await commandable_client(port)
            idle = await self.raw()
            slow = client.call_command("slow", "c", {})
            while self.endpoint.factory.in_flight == 0:
                await _tick()
            draining = self.endpoint.drain(None)
            await idle.closed  # idle connections go first
            self.assertFalse(draining.called)
            self.gate.callback({"done": True})
            self.assertEqual(await slow, {"done": True})
            await draining
            self.assertFalse(self.endpoint.is_open())
            await client.close(None)
            # Nobody listens any more: a new client is refused.
            with self.assertRaises(ConnectionException):
                await commandable_client(port)
        return ensureDeferred(run())


async def _tick() -> None:
    d: Deferred[None] = Deferred()
    reactor.callLater(0, d.callback, None)  # type: ignore[attr-defined]
    await d


class EndpointConfigTests(TestCase):
    def test_endpoint_strings(self) -> None:
        self.assertEqual(thrift_endpoint_string(ConfigParams()), "tcp:port=9090:interface=0.0.0.0")
        self.assertEqual(thrift_endpoint_string(ConfigParams.from_tuples("endpoint", "unix:/tmp/x")), "unix:/tmp/x")
        config = ConfigParams.from_tuples("connection.protocol", "tls", "connection.port", 9443,
                                          "credential.ssl_key_file", "k.pem", "credential.ssl_crt_file", "c.pem")
        self.assertEqual(thrift_endpoint_string(config),
                         "ssl:port=9443:interface=0.0.0.0:privateKey=k.pem:certKey=c.pem")
        with self.assertRaises(ConfigException):
            ThriftEndpoint().configure(ConfigParams.from_tuples("connection.protocol", "tls"))
        with self.assertRaises(ConfigException):
            ThriftEndpoint().configure(ConfigParams.from_tuples("connection.protocol", "http"))

    def test_a_port_in_use(self) -> Any:
        async def run() -> None:
            first = ThriftEndpoint()
            first.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 0))
            await first.open(None)
            second = ThriftEndpoint()
            second.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", first.port))
            try:
                with self.assertRaises(ConnectionException):
                    await second.open(None)
            finally:
                await first.close(None)
        return ensureDeferred(run())

    def test_tls(self) -> Any:
        from tests.security.certificates import CertificateAuthority

        async def run() -> None:
            directory = tempfile.mkdtemp()
            authority = CertificateAuthority(os.path.join(directory, "ca"))
            crt, key = authority.issue("localhost")
            endpoint, services = await serve(EchoController(), **{
                "connection.protocol": "tls", "credential.ssl_crt_file": crt, "credential.ssl_key_file": key})
            client = await commandable_client(endpoint.port, **{
                "connection.protocol": "tls", "connection.host": "localhost",
                "credential.ssl_ca_file": authority.ca_file})
            try:
                self.assertEqual(await client.call_command("echo", "c", {"tls": True}), {"tls": True})
            finally:
                await stop(endpoint, services, client)
        return ensureDeferred(run())
