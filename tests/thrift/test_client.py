"""ThriftClient against misbehaving servers: silence, late answers, lost connections, refusal."""

from __future__ import annotations

from typing import Any

from thrift.protocol.TBinaryProtocol import TBinaryProtocol
from thrift.Thrift import TMessageType
from thrift.transport.TTransport import TMemoryBuffer
from twisted.internet import reactor
from twisted.internet.defer import ensureDeferred
from twisted.internet.endpoints import TCP4ServerEndpoint
from twisted.internet.protocol import Factory
from twisted.protocols.basic import Int32StringReceiver
from twisted.trial.unittest import TestCase

from pipservices_tx.errors import ConnectionException, InvalidStateException
from pipservices_tx.thrift import CommandableThriftClient
from pipservices_tx.thrift._generated.commandable.Commandable import invoke_result
from tests.services.helpers import EchoController

from .support import commandable_client, serve, stop


class ScriptedServer(Int32StringReceiver):
    """Keeps the frames it gets; the test decides what to answer and when."""

    def connectionMade(self) -> None:  # noqa: N802
        self.factory.connections.append(self)

    def stringReceived(self, frame: bytes) -> None:  # noqa: N802
        self.factory.frames.append((self, frame))

    def answer(self, frame: bytes, result: str) -> None:
        name, _, seqid = TBinaryProtocol(TMemoryBuffer(frame)).readMessageBegin()
        out = TMemoryBuffer()
        protocol = TBinaryProtocol(out)
        protocol.writeMessageBegin(name, TMessageType.REPLY, seqid)
        invoke_result(success=result).write(protocol)
        protocol.writeMessageEnd()
        self.sendString(out.getvalue())


class ClientFailureTests(TestCase):
    def setUp(self) -> Any:
        self.factory = Factory.forProtocol(ScriptedServer)
        self.factory.frames = []
        self.factory.connections = []

        async def start() -> None:
            self.port = await TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1").listen(self.factory)

        return ensureDeferred(start())

    def tearDown(self) -> Any:
        for connection in self.factory.connections:
            connection.transport.abortConnection()
        return self.port.stopListening()

    async def _frames(self, count: int) -> None:
        from .test_endpoint import _tick

        for _ in range(1000):
            if len(self.factory.frames) >= count:
                return
            await _tick()
        self.fail("the server got no call")

    def test_timeout_then_a_late_answer_is_dropped(self) -> Any:
        async def run() -> None:
            client = await commandable_client(self.port.getHost().port, **{"options.timeout": 50})
            try:
                with self.assertRaises(ConnectionException) as raised:
                    await client.call_command("first", "c-1", {})
                self.assertEqual((raised.exception.code, raised.exception.correlation_id), ("TIMEOUT", "c-1"))
                server, late = self.factory.frames[0]
                server.answer(late, '"too late"')
                second = client.call_command("second", "c-2", {})
                await self._frames(2)
                server.answer(self.factory.frames[1][1], '"on time"')
                self.assertEqual(await second, "on time")
            finally:
                await client.close(None)
        return ensureDeferred(run())

    def test_answers_out_of_order(self) -> Any:
        async def run() -> None:
            client = await commandable_client(self.port.getHost().port)
            try:
                first = client.call_command("a", None, {})
                second = client.call_command("b", None, {})
                await self._frames(2)
                server = self.factory.frames[0][0]
                server.answer(self.factory.frames[1][1], '"b"')
                server.answer(self.factory.frames[0][1], '"a"')
                self.assertEqual((await first, await second), ("a", "b"))
            finally:
                await client.close(None)
        return ensureDeferred(run())

    def test_a_server_that_goes_away_then_reconnection(self) -> Any:
        async def run() -> None:
            client = await commandable_client(self.port.getHost().port)
            try:
                pending = client.call_command("a", "c-3", {})
                await self._frames(1)
                self.factory.frames[0][0].transport.loseConnection()
                with self.assertRaises(ConnectionException) as raised:
                    await pending
                self.assertEqual((raised.exception.code, raised.exception.correlation_id), ("NO_RESPONSE", "c-3"))
                again = client.call_command("b", None, {})
                await self._frames(2)
                self.factory.frames[1][0].answer(self.factory.frames[1][1], "[1]")
                self.assertEqual(await again, [1])
                self.assertEqual(len(self.factory.connections), 2)
            finally:
                await client.close(None)
        return ensureDeferred(run())

    def test_an_answer_that_is_not_json(self) -> Any:
        async def run() -> None:
            client = await commandable_client(self.port.getHost().port)
            try:
                pending = client.call_command("a", None, {})
                await self._frames(1)
                self.factory.frames[0][0].answer(self.factory.frames[0][1], "{oops")
                with self.assertRaisesRegex(Exception, "FORMAT_ERROR|not JSON"):
                    await pending
            finally:
                await client.close(None)
        return ensureDeferred(run())

    def test_an_oversized_answer_closes_the_connection(self) -> Any:
        async def run() -> None:
            client = await commandable_client(self.port.getHost().port, **{"options.max_message_size": 100})
            try:
                pending = client.call_command("a", None, {})
                await self._frames(1)
                self.factory.frames[0][0].answer(self.factory.frames[0][1], "x" * 500)
                with self.assertRaises(ConnectionException):
                    await pending
            finally:
                await client.close(None)
        return ensureDeferred(run())


class ClientConnectionTests(TestCase):
    def test_connection_refused(self) -> Any:
        async def run() -> None:
            endpoint, services = await serve(EchoController())
            port = endpoint.port
            await stop(endpoint, services)
            with self.assertRaises(ConnectionException) as raised:
                await commandable_client(port)
            self.assertEqual(raised.exception.code, "CONNECTION_REFUSED")
        return ensureDeferred(run())

    def test_calls_need_an_open_client(self) -> Any:
        async def run() -> None:
            with self.assertRaises(InvalidStateException):
                await CommandableThriftClient().call_command("a", None, {})
        return ensureDeferred(run())

    def test_the_server_restarts(self) -> Any:
        async def run() -> None:
            endpoint, services = await serve(EchoController())
            client = await commandable_client(endpoint.port)
            try:
                self.assertEqual(await client.call_command("echo", None, {"n": 1}), {"n": 1})
                port = endpoint.port
                await stop(endpoint, services)
                with self.assertRaises(ConnectionException):
                    await client.call_command("echo", None, {"n": 2})
                endpoint, services = await serve(EchoController(), **{"connection.port": port})
                self.assertEqual(await client.call_command("echo", None, {"n": 3}), {"n": 3})
            finally:
                await client.close(None)
                await stop(endpoint, services)
        return ensureDeferred(run())


