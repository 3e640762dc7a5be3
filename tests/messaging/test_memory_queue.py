"""MemoryMessageQueue: the conformance kit, and lock expiry, renewal and sharing on a fake clock."""

from __future__ import annotations

import uuid

from twisted.internet.task import Clock
from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import InvalidStateException
from pipservices_tx.messaging import MemoryMessageQueue, MessageEnvelope
from pipservices_tx.testing import MessageQueueConformanceMixin


class MemoryQueueConformanceTests(MessageQueueConformanceMixin, unittest.TestCase):
    quiet_timeout_ms = 50

    async def make_queue(self) -> MemoryMessageQueue:
        queue = MemoryMessageQueue(f"test.{uuid.uuid4().hex}")
        await queue.open(None)
        return queue


def _open(clock: Clock, **config: str) -> MemoryMessageQueue:
    queue = MemoryMessageQueue("clocked")
    queue.set_reactor(clock)
    queue.configure(ConfigParams.from_value(config))
    queue.open(None)
    return queue


def _result(d):  # type: ignore[no-untyped-def]
    results: list = []
    d.addBoth(results.append)
    assert results, "the Deferred has not fired"
    return results[0]


class MemoryQueueClockTests(unittest.TestCase):
    def setUp(self) -> None:
        self.clock = Clock()

    def test_receive_waits_for_a_message(self) -> None:
        queue = _open(self.clock)
        got = queue.receive(None, 1000)
        self.assertFalse(got.called)
        self.clock.advance(0.5)
        queue.send_as_object(None, "t", 1)
        self.assertEqual(_result(got).get_message_as_json(), 1)

    def test_receive_gives_none_after_its_wait(self) -> None:
        queue = _open(self.clock)
        got = queue.receive(None, 1000)
        self.clock.advance(0.999)
        self.assertFalse(got.called)
        self.clock.advance(0.002)
        self.assertIsNone(_result(got))

    def test_expired_lock_returns_the_message(self) -> None:
        queue = _open(self.clock, **{"options.lock_timeout": "1000"})
        queue.send_as_object(None, "t", 1)
        first = _result(queue.receive(None, 0))
        self.assertEqual(_result(queue.read_message_count()), 0)
        self.clock.advance(1.001)
        self.assertIsNone(first.reference)
        self.assertEqual(_result(queue.read_message_count()), 1)
        again = _result(queue.receive(None, 0))
        self.assertEqual(again.message_id, first.message_id)
        _result(queue.complete(first))  # too late: a no-op, the lock is gone
        self.assertIsNotNone(again.reference)

    def test_renewed_lock_holds(self) -> None:
        queue = _open(self.clock, **{"options.lock_timeout": "1000"})
        queue.send_as_object(None, "t", 1)
        envelope = _result(queue.receive(None, 0))
        self.clock.advance(0.9)
        _result(queue.renew_lock(envelope, 5000))
        self.clock.advance(4.9)
        self.assertEqual(_result(queue.read_message_count()), 0)
        _result(queue.complete(envelope))
        self.clock.advance(10)
        self.assertIsNone(_result(queue.receive(None, 0)))

    def test_dead_letters_are_kept(self) -> None:
        queue = _open(self.clock)
        queue.send_as_object(None, "t", "poison")
        envelope = _result(queue.receive(None, 0))
        _result(queue.move_to_dead_letter(envelope))
        self.assertEqual([e.get_message_as_json() for e in queue.dead_letters()], ["poison"])

    def test_queues_named_by_uri_are_shared(self) -> None:
        name = f"shared.{uuid.uuid4().hex}"
        sender = _open(self.clock, **{"connection.uri": f"memory:///{name}"})
        receiver = _open(self.clock, **{"connection.uri": f"memory:///{name}"})
        private = _open(self.clock, name=name)
        self.assertEqual(sender.get_name(), name)
        sender.send_as_object(None, "t", "hi")
        self.assertIsNone(_result(private.receive(None, 0)))
        self.assertEqual(_result(receiver.receive(None, 0)).get_message_as_json(), "hi")

    def test_close_releases_waiting_receivers(self) -> None:
        queue = _open(self.clock)
        got = queue.receive(None, 10000)
        queue.close(None)
        self.assertIsNone(_result(got))
        failure = _result(queue.receive(None, 0))
        self.assertIsInstance(failure.value, InvalidStateException)

    def test_sent_envelope_is_a_copy(self) -> None:
        queue = _open(self.clock)
        sent = MessageEnvelope("c", "t", "a")
        queue.send(None, sent)
        sent.message = b"changed"
        self.assertEqual(_result(queue.receive(None, 0)).message, b"a")
