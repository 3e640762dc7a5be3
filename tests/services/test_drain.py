"""
A graceful drain on a fake clock (pre-stop delay, requests in flight, fresh
connections, late arrivals, half-closed clients), and on real loopback
sockets the connections the kernel had queued when the listener closed.
"""

from __future__ import annotations

import json
from typing import Any

from twisted.internet import reactor
from twisted.internet.defer import Deferred, ensureDeferred
from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol
from twisted.internet.error import ConnectionRefusedError
from twisted.internet.protocol import Protocol
from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.lifecycle import IDrainable
from pipservices_tx.refer import References
from pipservices_tx.services import ENDPOINT_DESCRIPTOR, HttpEndpoint

from .fake_http import FakeEndpoint, SlowService, answers, error_code


class DrainTests(SynchronousTestCase):
    def fake(self, **options: Any) -> FakeEndpoint:
        fake = FakeEndpoint(**options)
        self.addCleanup(fake.close)
        return fake

    def test_drain_finishes_requests_in_flight_and_stops_listening(self) -> None:
        fake = self.fake(shutdown_timeout=5)
        verifyObject(IDrainable, fake.endpoint)
        [port] = [p for p in fake.reactor.tcpServers]
        working, idle = fake.connect(), fake.connect()
        working.get("/slow/wait")
        fake.advance(3)  # the idle one has been quiet for long: closed at once
        drained = fake.endpoint.drain(None)
        self.assertTrue(idle.closing)
        self.assertIsNone(fake.endpoint.port)
        self.assertFalse(fake.endpoint.is_open())
        fake.advance(1)
        self.assertNoResult(drained)
        fake.service.pending[0].callback({"finished": True})
        fake.advance(0.2)
        [(status, headers, body)] = answers(working.read())
        self.assertEqual((status, headers["connection"], body), (200, "close", b'{"finished":true}'))
        self.assertTrue(working.closing)
        working.lose()
        idle.lose()
        fake.advance(0.1)
        self.successResultOf(drained)
        self.assertEqual(port[0], 8080)

    def test_drain_gives_up_after_shutdown_timeout(self) -> None:
        fake = self.fake(shutdown_timeout=2)
        stuck = fake.connect()
        stuck.get("/slow/wait")
        drained = fake.endpoint.drain(None)
        fake.advance(1.9)
        self.assertNoResult(drained)
        self.assertFalse(stuck.closing)
        fake.advance(0.2)
        self.assertTrue(stuck.closing)  # asked to close; close() aborts what is left
        fake.advance(1.1)
        self.successResultOf(drained)
        self.assertEqual(stuck.read(), b"")  # no answer was made up for it
        fake.service.pending[0].callback(None)

    def test_a_fresh_connection_gets_to_send_its_request(self) -> None:
        fake = self.fake()
        fresh = fake.connect()  # accepted just before the drain, request still on its way
        drained = fake.endpoint.drain(None)
        fake.advance(0.3)
        self.assertFalse(fresh.closing)
        fresh.get("/slow/now")
        [(status, headers, _)] = answers(fresh.read())
        self.assertEqual((status, headers["connection"]), (200, "close"))
        self.assertTrue(fresh.closing)
        fresh.lose()
        fake.advance(0.1)
        self.successResultOf(drained)

    def test_a_silent_fresh_connection_is_closed_after_the_grace(self) -> None:
        fake = self.fake()
        silent = fake.connect()
        drained = fake.endpoint.drain(None)
        fake.advance(0.9)
        self.assertFalse(silent.closing)
        fake.advance(0.2)
        self.assertTrue(silent.closing)
        silent.lose()
        fake.advance(0.1)
        self.successResultOf(drained)

    def test_connections_accepted_after_the_listener_closed_get_503(self) -> None:
        fake = self.fake(retry_after=4)
        fake.site.accepting_late = True  # as when the drain takes them from the kernel's queue
        late = fake.connect()
        late.get("/slow/now")
        [(status, headers, body)] = answers(late.read())
        self.assertEqual((status, headers["connection"], headers["retry-after"], error_code(body)),
                         (503, "close", "4", "SHUTTING_DOWN"))
        self.assertTrue(late.closing)

    def test_pre_stop_delay_keeps_serving_with_readiness_off(self) -> None:
        fake = self.fake(pre_stop_delay=3)
        drained = fake.endpoint.drain(None)
        self.assertFalse(fake.endpoint.is_open())
        fake.advance(2.5)
        self.assertIsNotNone(fake.endpoint.port)
        client = fake.connect()
        client.get("/slow/now")
        [(status, headers, _)] = answers(client.read())
        self.assertEqual((status, headers["connection"]), (200, "close"))
        client.lose()
        fake.advance(0.6)
        self.assertIsNone(fake.endpoint.port)
        fake.advance(0.1)
        self.successResultOf(drained)


class HalfCloseTests(SynchronousTestCase):
    def test_a_client_that_half_closes_after_its_request_gets_its_answer(self) -> None:
        fake = FakeEndpoint()
        self.addCleanup(fake.close)
        client = fake.connect()
        client.get("/slow/wait")
        client.channel.readConnectionLost()
        self.assertFalse(client.closing)
        fake.service.pending[0].callback({"late": True})
        [(status, _, body)] = answers(client.read())
        self.assertEqual((status, body), (200, b'{"late":true}'))
        self.assertTrue(client.closing)

    def test_a_half_close_without_a_request_closes(self) -> None:
        fake = FakeEndpoint()
        self.addCleanup(fake.close)
        client = fake.connect()
        client.send(b"GET /slow/now HTTP/1.1\r\n")  # never finished
        client.channel.readConnectionLost()
        self.assertTrue(client.closing)


class _Raw(Protocol):
    def __init__(self) -> None:
        self.data = b""
        self.closed: Deferred[None] = Deferred()

    def dataReceived(self, data: bytes) -> None:
        self.data += data

    def connectionLost(self, reason: Any = None) -> None:
        self.closed.callback(None)


class QueuedConnectionsTests(TestCase):
    """Real sockets: what the kernel accepted before the listener closed is answered, not reset."""

    timeout = 20

    def test_queued_connections_are_answered_and_half_closed_ones_too(self) -> Any:
        async def run() -> None:
            endpoint = HttpEndpoint()
            endpoint.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 0))
            service = SlowService()
            service.set_references(References.from_tuples(ENDPOINT_DESCRIPTOR, endpoint))
            await endpoint.open(None)
            await service.open(None)
            self.addCleanup(endpoint.close, None)
            self.addCleanup(service.close, None)
            port_number = endpoint.port
            # A half-closed client that is answered before the drain.
            half = await connectProtocol(TCP4ClientEndpoint(reactor, "127.0.0.1", port_number), _Raw())
            half.transport.write(b"GET /slow/now HTTP/1.1\r\nHost: x\r\n\r\n")  # type: ignore[union-attr]
            half.transport.loseWriteConnection()  # type: ignore[union-attr]
            await half.closed
            self.assertEqual(answers(half.data)[0][:1], (200,))
            # The server stops accepting (as when busy): the kernel completes and queues these.
            endpoint._port.stopReading()
            queued = []
            for _ in range(5):
                raw = await connectProtocol(TCP4ClientEndpoint(reactor, "127.0.0.1", port_number), _Raw())
                raw.transport.write(b"GET /slow/now HTTP/1.1\r\nHost: x\r\n\r\n")  # type: ignore[union-attr]
                queued.append(raw)
            await endpoint.drain(None)
            for raw in queued:
                await raw.closed
                [(status, headers, body)] = answers(raw.data)
                self.assertEqual((status, headers["connection"], json.loads(body)["code"]),
                                 (503, "close", "SHUTTING_DOWN"))
            with self.assertRaises(ConnectionRefusedError):
                await connectProtocol(TCP4ClientEndpoint(reactor, "127.0.0.1", port_number), _Raw())
        return ensureDeferred(run())
