"""Connection limits on a fake clock: slow headers, bodies after 100 Continue, idle keep-alives, overload."""

from __future__ import annotations

from typing import Any

from twisted.internet.testing import MemoryReactorClock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.services import HttpEndpoint

from .fake_http import FakeEndpoint, answers, error_code


class _EndpointCase(SynchronousTestCase):
    def fake(self, **options: Any) -> FakeEndpoint:
        fake = FakeEndpoint(**options)
        self.addCleanup(fake.close)
        return fake


class HeaderTimeoutTests(_EndpointCase):
    def test_slow_headers_are_cut_off(self) -> None:
        fake = self.fake(header_timeout=0.3, idle_timeout=30)
        client = fake.connect()
        for part in (b"GET /slow/now HTTP/1.1\r\n", b"Host: x\r\n", b"X-A: 1\r\n", b"X-B: 2\r\n"):
            client.send(part)
            fake.advance(0.1)
        self.assertFalse(client.closing)
        fake.advance(0.2)
        self.assertTrue(client.closing)
        self.assertTrue(client.read().startswith(b"HTTP/1.1 408"))

    def test_a_body_in_its_own_segment_does_not_start_the_header_deadline(self) -> None:
        # As with "Expect: 100-continue": the head, then (after 100 Continue) the body.
        fake = self.fake(header_timeout=0.5, idle_timeout=60)
        client = fake.connect()
        client.send(b"POST /slow/now HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\nExpect: 100-continue\r\n\r\n")
        self.assertEqual(client.read(), b"HTTP/1.1 100 Continue\r\n\r\n")
        fake.advance(0.2)
        client.send(b'{"a":1}')
        [(status, _, body)] = answers(client.read())
        self.assertEqual((status, body), (200, b'{"posted":1}'))
        fake.advance(30)  # many header timeouts, well within the idle timeout
        self.assertFalse(client.closing)
        self.assertEqual(client.read(), b"")
        fake.advance(31)
        self.assertTrue(client.closing)
        self.assertNotIn(b"408", client.read())

    def test_a_request_in_flight_is_not_cut_by_the_header_deadline(self) -> None:
        fake = self.fake(header_timeout=0.5)
        client = fake.connect()
        client.send(b"POST /slow/now HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n{")
        for part in (b'"a"', b":", b"[1]", b"}"):
            fake.advance(0.4)
            client.send(part)
        [(status, _, _)] = answers(client.read())
        self.assertEqual(status, 200)
        waiting = fake.connect()
        waiting.get("/slow/wait")
        fake.advance(5)
        self.assertFalse(waiting.closing)
        fake.service.pending[0].callback({"done": True})
        self.assertEqual([a[0] for a in answers(waiting.read())], [200])

    def test_no_100_continue_for_a_body_over_the_limit(self) -> None:
        fake = self.fake(max_request_size=100)
        client = fake.connect()
        client.send(b"POST /slow/now HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
        data = client.read()
        self.assertNotIn(b"100 Continue", data)
        [(status, headers, body)] = answers(data)
        self.assertEqual((status, headers["connection"], error_code(body)), (413, "close", "REQUEST_TOO_LARGE"))
        self.assertTrue(client.closing)
        client.send(b"x" * 5000)  # a client that sends anyway is not read
        self.assertEqual(client.read(), b"")


class IdleAndOverloadTests(_EndpointCase):
    def test_idle_keep_alive_times_out_but_working_one_does_not(self) -> None:
        fake = self.fake(idle_timeout=0.4, header_timeout=5)
        idle, busy = fake.connect(), fake.connect()
        for _ in range(4):
            busy.get("/slow/now")
            fake.advance(0.15)
        self.assertTrue(idle.closing)
        self.assertFalse(busy.closing)
        self.assertEqual([a[0] for a in answers(busy.read())], [200] * 4)

    def test_overload_answers_503_with_retry_after(self) -> None:
        fake = self.fake(max_concurrent_requests=2, retry_after=3)
        clients = [fake.connect() for _ in range(3)]
        for client in clients[:2]:
            client.get("/slow/wait")
        self.assertEqual(len(fake.service.pending), 2)
        clients[2].get("/slow/now")
        [(status, headers, body)] = answers(clients[2].read())
        self.assertEqual((status, headers["retry-after"], error_code(body)), (503, "3", "OVERLOADED"))
        for d in fake.service.pending:
            d.callback({"done": True})
        for client in clients[:2]:
            self.assertEqual(answers(client.read())[0][2], b'{"done":true}')
        self.assertEqual(fake.site.in_flight, 0)

    def test_many_idle_connections_while_serving(self) -> None:
        fake = self.fake(idle_timeout=30)
        idle = [fake.connect() for _ in range(300)]
        self.assertEqual(len(fake.site.connections), 300)
        client = fake.connect()
        client.get("/slow/now")
        self.assertEqual(answers(client.read())[0][2], b'{"now":true}')
        for connection in idle:
            connection.lose()
        self.assertEqual(len(fake.site.connections), 1)


class BacklogTests(SynchronousTestCase):
    def test_the_listen_backlog_is_configurable_and_large_by_default(self) -> None:
        for extra, expected in (((), 1024), (("connection.backlog", 4096), 4096)):
            reactor = MemoryReactorClock()
            endpoint = HttpEndpoint()
            endpoint.set_reactor(reactor)
            endpoint.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 8080,
                                                        *extra))
            self.successResultOf(endpoint.open(None))
            [(port, _, backlog, interface)] = reactor.tcpServers
            self.assertEqual((port, backlog, interface), (8080, expected, "127.0.0.1"))
            self.successResultOf(endpoint.close(None))
