"""Clients that do not read: one answer held per connection, a bound on one answer and on all of them."""

from __future__ import annotations

from typing import Any

from twisted.trial.unittest import SynchronousTestCase

from .fake_http import FakeEndpoint, answers, error_code

PIPELINED = 20


class BackpressureTests(SynchronousTestCase):
    def fake(self, **options: Any) -> FakeEndpoint:
        fake = FakeEndpoint(**options)
        self.addCleanup(fake.close)
        return fake

    def test_pipelined_requests_wait_while_the_client_does_not_read(self) -> None:
        fake = self.fake()
        fake.service.big = 1 << 20
        client = fake.connect()
        client.send(b"GET /slow/big HTTP/1.1\r\nHost: x\r\n\r\n" * PIPELINED)
        unsent = len(client.transport.value())
        self.assertLess(unsent, (1 << 20) + (1 << 16))  # one answer, not twenty
        self.assertGreater(unsent, 1 << 20)
        self.assertEqual(client.transport.producerState, "paused")  # the socket is not read meanwhile
        self.assertEqual(fake.site.unsent_output, unsent)
        statuses = []
        for _ in range(PIPELINED):
            statuses += [status for status, _, _ in answers(client.read())]
            self.assertLess(fake.site.unsent_output, (1 << 20) + (1 << 16))
        self.assertEqual(statuses, [200] * PIPELINED)
        self.assertEqual(client.transport.producerState, "producing")
        self.assertEqual(fake.site.unsent_output, 0)

    def test_many_clients_that_do_not_read_hold_one_answer_each(self) -> None:
        fake = self.fake()
        fake.service.big = 256 << 10
        clients = [fake.connect() for _ in range(50)]
        for client in clients:
            client.send(b"GET /slow/big HTTP/1.1\r\nHost: x\r\n\r\n" * PIPELINED)
        held = sum(len(client.transport.value()) for client in clients)
        self.assertLess(held, 50 * ((256 << 10) + (1 << 16)))
        self.assertEqual(fake.site.unsent_output, held)
        heartbeat = fake.connect()
        heartbeat.get("/slow/now")
        self.assertEqual(answers(heartbeat.read())[0][:1], (200,))
        for client in clients:
            client.lose()
        self.assertEqual(fake.site.unsent_output, 0)

    def test_a_held_connection_is_closed_after_the_idle_timeout(self) -> None:
        fake = self.fake(idle_timeout=5)
        client = fake.connect()
        client.send(b"GET /slow/big HTTP/1.1\r\nHost: x\r\n\r\n" * 3)
        fake.advance(4)
        self.assertFalse(client.closing)
        fake.advance(2)
        self.assertTrue(client.closing)

    def test_an_answer_over_max_response_size_is_an_error(self) -> None:
        fake = self.fake(max_response_size=100_000)
        fake.service.big = 200_000
        client = fake.connect()
        client.get("/slow/big")
        [(status, _, body)] = answers(client.read())
        self.assertEqual((status, error_code(body)), (400, "RESPONSE_TOO_LARGE"))
        self.assertIn(b'"max_response_size":100000', body)
        fake.service.big = 50_000
        client.get("/slow/big")
        self.assertEqual(answers(client.read())[0][0], 200)

    def test_new_requests_get_503_while_buffered_output_is_over_the_limit(self) -> None:
        fake = self.fake(max_buffered_output=1 << 20, retry_after=2)
        fake.service.big = 600 << 10
        readers = [fake.connect() for _ in range(2)]
        for reader in readers:
            reader.get("/slow/big")
        other = fake.connect()
        other.get("/slow/now")
        [(status, headers, body)] = answers(other.read())
        self.assertEqual((status, headers["retry-after"], error_code(body)), (503, "2", "OVERLOADED"))
        readers[0].read()
        other.get("/slow/now")
        self.assertEqual(answers(other.read())[0][0], 200)
