# -*- test-case-name: tests.messaging.test_memory_queue -*-
"""MessageQueueConformanceMixin: the checks every message queue must pass, on its real broker."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from twisted.internet.defer import Deferred, gatherResults, maybeDeferred

from ..errors import ApplicationException, UnsupportedException
from ..lifecycle import IClosable
from ..messaging import IMessageQueue, MessageEnvelope

if TYPE_CHECKING:
    from twisted.trial.unittest import TestCase as _Base
else:
    _Base = object

#: Payloads every queue must carry byte for byte.
HOSTILE_PAYLOADS = (
    b"",
    "日本語 ünïcödé 🚀 \u2028".encode("utf-8"),
    bytes(range(256)),
    b'{"unterminated": ',
    b"x" * (256 * 1024),
)


class _Collector:
    """A receiver that keeps what it gets and fails the first C{fail_first} calls."""

    def __init__(self, clock: Any, expected: int, fail_first: int = 0) -> None:
        self.clock = clock
        self.expected = expected
        self.fail_first = fail_first
        self.calls = 0
        self.received: list[MessageEnvelope] = []
        self.done: Deferred[None] = Deferred()

    def receive_message(self, envelope: MessageEnvelope, queue: Any) -> None:
        self.calls += 1
        if self.calls <= self.fail_first:
            raise ValueError("receiver failed on purpose")
        self.received.append(envelope)
        if len(self.received) == self.expected and not self.done.called:
            # once the receiver has returned, so that the queue has settled the message
            self.clock.callLater(0, self.done.callback, None)


class MessageQueueConformanceMixin(_Base):
    """
    Trial tests of the contract of L{IMessageQueue}: mix it in before
    C{twisted.trial.unittest.TestCase} and say how to make the queue::

        class MyQueueTests(MessageQueueConformanceMixin, unittest.TestCase):
            async def make_queue(self):
                queue = RabbitMQMessageQueue()
                queue.configure(ConfigParams.from_tuples(
                    "connection.uri", f"amqp://guest:guest@127.0.0.1:5672/test.{uuid.uuid4().hex}"))
                await queue.open(None)
                return queue

    C{make_queue} returns the queue, open, empty and ready to receive what is
    sent from then on (give it a unique name), or a Deferred or coroutine of
    it; after each test L{dispose_queue} closes it. The tests await real
    Deferreds, so they run against real brokers.

    Each optional operation is checked where the queue's capabilities
    declare it, and must fail with UnsupportedException
    C{UNSUPPORTED_OPERATION} where they do not. The contract checked:
      - what is sent arrives once, in order, with its id, type, correlation
        id, sent time and payload byte for byte (empty, binary, unicode,
        256 KiB);
      - C{receive} gives None when nothing comes within its wait;
      - a completed message does not come again; an abandoned one does;
      - a listener gets every message; one whose receiver failed comes again
        where the queue can abandon;
      - peek, count, clear, dead letter and lock renewal as declared;
      - 100 concurrent sends all arrive.
    """

    queue: Any
    #: How long the kit waits for a message that must come (ms).
    wait_timeout_ms = 5000
    #: How long the kit waits for a message that must not come (ms).
    quiet_timeout_ms = 300

    def make_queue(self) -> Any:
        """The queue under test, open and empty (or a Deferred or coroutine of it)."""
        raise NotImplementedError("make_queue")

    def dispose_queue(self, queue: Any) -> Any:
        """Called after each test: closes the queue."""
        if IClosable.providedBy(queue):
            return queue.close(None)
        return None

    def setUp(self) -> Any:
        def made(queue: Any) -> None:
            self.queue = queue
            self.addCleanup(self.dispose_queue, queue)

        return maybeDeferred(super().setUp).addCallback(lambda _: maybeDeferred(self.make_queue)).addCallback(made)

    # -- helpers --------------------------------------------------------------------

    def clock(self) -> Any:
        """The reactor the queue runs on."""
        return self.queue.reactor

    def can(self, capability: str) -> bool:
        return bool(self.queue.get_capabilities().supports(capability))

    async def assert_unsupported(self, d: Deferred[Any]) -> None:
        with self.assertRaises(UnsupportedException) as context:
            await d
        self.assertEqual(context.exception.code, "UNSUPPORTED_OPERATION")

    async def receive_one(self) -> MessageEnvelope:
        envelope = await self.queue.receive(None, self.wait_timeout_ms)
        self.assertIsNotNone(envelope, f"nothing arrived within {self.wait_timeout_ms} ms")
        assert envelope is not None
        return envelope

    async def assert_nothing_comes(self) -> None:
        envelope = await self.queue.receive(None, self.quiet_timeout_ms)
        self.assertIsNone(envelope, f"unexpected message {envelope!r}")

    async def send_numbered(self, count: int) -> list[MessageEnvelope]:
        sent = [MessageEnvelope(f"cid-{n}", "numbered", {"n": n}) for n in range(count)]
        for envelope in sent:
            await self.queue.send(None, envelope)
        return sent

    # -- the contract ---------------------------------------------------------------

    def test_provides_the_interface(self) -> None:
        from zope.interface.verify import verifyObject

        self.assertTrue(verifyObject(IMessageQueue, self.queue))
        self.assertTrue(self.queue.get_name())

    async def test_send_and_receive(self) -> None:
        sent = MessageEnvelope("cid-1", "order_created", {"id": "1", "total": 2.5, "items": ["a", "b"]})
        await self.queue.send(None, sent)
        received = await self.receive_one()
        self.assertEqual(received.message_id, sent.message_id)
        self.assertEqual(received.correlation_id, "cid-1")
        self.assertEqual(received.message_type, "order_created")
        self.assertEqual(received.get_message_as_json(), {"id": "1", "total": 2.5, "items": ["a", "b"]})
        self.assertIsNotNone(received.sent_time)
        assert received.sent_time is not None
        age = datetime.datetime.now(datetime.timezone.utc) - received.sent_time
        self.assertLess(abs(age.total_seconds()), 60)
        await self.queue.complete(received)
        await self.assert_nothing_comes()

    async def test_send_as_object_and_correlation_id(self) -> None:
        await self.queue.send_as_object("cid-2", "greeting", "hello")
        received = await self.receive_one()
        self.assertEqual(received.correlation_id, "cid-2")
        self.assertEqual(received.message_type, "greeting")
        self.assertEqual(received.get_message_as_json(), "hello")
        await self.queue.complete(received)

    async def test_receive_gives_none_when_nothing_comes(self) -> None:
        self.assertIsNone(await self.queue.receive(None, self.quiet_timeout_ms))
        self.assertIsNone(await self.queue.receive(None, 0))

    async def test_messages_arrive_once_in_order(self) -> None:
        sent = await self.send_numbered(5)
        for expected in sent:
            received = await self.receive_one()
            self.assertEqual(received.message_id, expected.message_id)
            await self.queue.complete(received)
        await self.assert_nothing_comes()

    async def test_payloads_arrive_byte_for_byte(self) -> None:
        for payload in HOSTILE_PAYLOADS:
            await self.queue.send(None, MessageEnvelope(None, "raw", payload))
        for payload in HOSTILE_PAYLOADS:
            received = await self.receive_one()
            self.assertEqual(received.message or b"", payload)
            await self.queue.complete(received)

    async def test_non_json_values_are_refused_before_sending(self) -> None:
        for value in (float("nan"), float("inf"), {"x": object()}):
            with self.assertRaises(ApplicationException) as context:
                await self.queue.send_as_object(None, "bad", value)
            self.assertEqual(context.exception.code, "BAD_MESSAGE")
        await self.assert_nothing_comes()

    async def test_concurrent_sends_all_arrive(self) -> None:
        count = 100
        await gatherResults([self.queue.send_as_object(None, "n", n) for n in range(count)])
        seen = set()
        for _ in range(count):
            received = await self.receive_one()
            seen.add(received.get_message_as_json())
            await self.queue.complete(received)
        self.assertEqual(seen, set(range(count)))

    async def test_listen_gets_every_message(self) -> None:
        collector = _Collector(self.clock(), 3)
        await self.queue.listen(None, collector)
        sent = await self.send_numbered(3)
        await collector.done.addTimeout(self.wait_timeout_ms / 1000.0, self.clock())
        await self.queue.end_listen(None)
        self.assertEqual([e.message_id for e in collector.received], [e.message_id for e in sent])
        self.assertTrue(all(e.reference is None for e in collector.received), "listened messages are completed")
        await self.assert_nothing_comes()

    async def test_listener_failure_gives_the_message_again(self) -> None:
        collector = _Collector(self.clock(), 1, fail_first=1 if self.can("abandon") else 0)
        await self.queue.listen(None, collector)
        sent = await self.send_numbered(1)
        await collector.done.addTimeout(self.wait_timeout_ms / 1000.0, self.clock())
        await self.queue.end_listen(None)
        self.assertEqual(collector.received[0].message_id, sent[0].message_id)
        self.assertEqual(collector.calls, 2 if self.can("abandon") else 1)

    async def test_listen_twice_is_refused(self) -> None:
        await self.queue.listen(None, _Collector(self.clock(), 1))
        with self.assertRaises(ApplicationException) as context:
            await self.queue.listen(None, _Collector(self.clock(), 1))
        self.assertEqual(context.exception.code, "ALREADY_LISTENING")
        await self.queue.end_listen(None)

    async def test_abandon(self) -> None:
        if not self.can("abandon"):
            await self.assert_unsupported(self.queue.abandon(MessageEnvelope(None, "x", "y")))
            return
        sent = await self.send_numbered(1)
        first = await self.receive_one()
        await self.queue.abandon(first)
        again = await self.receive_one()
        self.assertEqual(again.message_id, sent[0].message_id)
        await self.queue.complete(again)
        await self.assert_nothing_comes()

    async def test_move_to_dead_letter(self) -> None:
        if not self.can("dead_letter"):
            await self.assert_unsupported(self.queue.move_to_dead_letter(MessageEnvelope(None, "x", "y")))
            return
        await self.send_numbered(1)
        received = await self.receive_one()
        await self.queue.move_to_dead_letter(received)
        await self.assert_nothing_comes()

    async def test_renew_lock(self) -> None:
        if not self.can("renew_lock"):
            await self.assert_unsupported(self.queue.renew_lock(MessageEnvelope(None, "x", "y"), 1000))
            return
        await self.send_numbered(1)
        received = await self.receive_one()
        await self.queue.renew_lock(received, 10000)
        await self.queue.complete(received)
        await self.assert_nothing_comes()

    async def test_peek(self) -> None:
        if not self.can("peek"):
            await self.assert_unsupported(self.queue.peek(None))
            return
        self.assertIsNone(await self.queue.peek(None))
        sent = await self.send_numbered(2)
        peeked = await self.queue.peek(None)
        self.assertIsNotNone(peeked)
        self.assertEqual(peeked.message_id, sent[0].message_id)
        received = await self.receive_one()
        self.assertEqual(received.message_id, sent[0].message_id, "a peeked message is still the next one")
        await self.queue.complete(received)

    async def test_peek_batch(self) -> None:
        if not self.can("peek_batch"):
            await self.assert_unsupported(self.queue.peek_batch(None, 2))
            return
        self.assertEqual(await self.queue.peek_batch(None, 5), [])
        sent = await self.send_numbered(3)
        peeked = await self.queue.peek_batch(None, 2)
        self.assertEqual([e.message_id for e in peeked], [e.message_id for e in sent[:2]])
        for expected in sent:
            received = await self.receive_one()
            self.assertEqual(received.message_id, expected.message_id)
            await self.queue.complete(received)

    async def test_read_message_count(self) -> None:
        if not self.can("message_count"):
            await self.assert_unsupported(self.queue.read_message_count())
            return
        self.assertEqual(await self.queue.read_message_count(), 0)
        await self.send_numbered(3)
        self.assertEqual(await self.queue.read_message_count(), 3)
        received = await self.receive_one()
        self.assertEqual(await self.queue.read_message_count(), 2, "a locked message is not counted")
        await self.queue.complete(received)

    async def test_clear(self) -> None:
        if not self.can("clear"):
            await self.assert_unsupported(self.queue.clear(None))
            return
        await self.send_numbered(3)
        await self.queue.clear(None)
        await self.assert_nothing_comes()
        if self.can("message_count"):
            self.assertEqual(await self.queue.read_message_count(), 0)

    async def test_complete_twice_is_harmless(self) -> None:
        await self.send_numbered(1)
        received = await self.receive_one()
        await self.queue.complete(received)
        await self.queue.complete(received)
        await self.assert_nothing_comes()

    async def test_closed_queue_refuses_calls(self) -> None:
        await self.queue.close(None)
        with self.assertRaises(ApplicationException) as context:
            await self.queue.send_as_object(None, "late", 1)
        self.assertEqual(context.exception.code, "NOT_OPENED")
        with self.assertRaises(ApplicationException):
            await self.queue.receive(None, 0)
