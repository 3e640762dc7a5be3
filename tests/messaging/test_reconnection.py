"""
Each broker behind a TCP proxy that a test cuts and restores: sends fail fast
while it is away, the queue reconnects and subscribes again by itself, and
no acknowledged message is lost (one in hand when the connection went comes
again).
"""

from __future__ import annotations

import time
from typing import Any

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException
from pipservices_tx.messaging import MessageQueue, MqttMessageQueue, NatsMessageQueue, RabbitMQMessageQueue
from tests.messaging._brokers import (
    MOSQUITTO,
    NATS,
    RABBITMQ,
    require_mosquitto,
    require_nats,
    require_rabbitmq,
    unique,
)
from tests.messaging._raw_clients import wait_for
from tests.persistence_sql._proxy import TcpProxy

FAST_RECONNECT = {"options.reconnect_delay": "50", "options.max_reconnect_delay": "200",
                  "options.connect_timeout": "2000"}


class _Collector:
    def __init__(self) -> None:
        self.received: list[Any] = []

    def receive_message(self, envelope: Any, queue: Any) -> None:
        self.received.append(envelope.get_message_as_json())


class _ReconnectionChecks:
    timeout = 40
    target: tuple[str, int]
    #: JetStream locks by time, not by connection: a message in hand can still be completed after a reconnection.
    lock_survives_reconnection = False

    def require(self) -> None:
        raise NotImplementedError

    def new_queue(self, port: int, name: str) -> MessageQueue:
        raise NotImplementedError

    async def forget(self, queue: Any) -> None:
        """Removes what the test left on the broker."""

    async def open_through_proxy(self) -> tuple[TcpProxy, MessageQueue]:
        self.require()
        proxy = TcpProxy(*self.target)
        proxy.start()
        self.addCleanup(proxy.cut)  # type: ignore[attr-defined]
        queue = self.new_queue(proxy.port, unique())
        await queue.open(None)
        self.addCleanup(self.forget, queue)  # type: ignore[attr-defined]
        self.addCleanup(queue.close, None)  # type: ignore[attr-defined]
        return proxy, queue

    async def test_send_fails_fast_then_recovers_and_resubscribes(self) -> None:
        proxy, queue = await self.open_through_proxy()
        collector = _Collector()
        await queue.listen(None, collector)
        for n in range(5):
            await queue.send_as_object(None, "n", n)
        self.assertTrue(await wait_for(lambda: len(collector.received) == 5))

        connection = queue.connection  # type: ignore[attr-defined]
        await proxy.cut()
        self.assertTrue(await wait_for(lambda: not connection.is_up, 2.0), "the loss went unnoticed")  # type: ignore[attr-defined]
        began = time.monotonic()
        with self.assertRaises(ConnectionException) as context:  # type: ignore[attr-defined]
            await queue.send_as_object(None, "n", 99)
        self.assertEqual(context.exception.code, "BROKER_UNAVAILABLE")  # type: ignore[attr-defined]
        self.assertLess(time.monotonic() - began, 0.1)  # type: ignore[attr-defined]

        proxy.start()
        restored = time.monotonic()
        self.assertTrue(await wait_for(lambda: connection.is_up, 5.0), "no reconnection within 5 s")  # type: ignore[attr-defined]
        self.assertLess(time.monotonic() - restored, 5.0)  # type: ignore[attr-defined]
        for n in range(5, 10):
            await queue.send_as_object(None, "n", n)
        self.assertTrue(await wait_for(lambda: len(collector.received) >= 10), collector.received)  # type: ignore[attr-defined]
        self.assertEqual(sorted(set(collector.received)), list(range(10)))  # type: ignore[attr-defined]
        self.assertGreaterEqual(connection.reconnects, 1)  # type: ignore[attr-defined]

    async def test_message_in_hand_when_the_connection_goes_comes_again(self) -> None:
        proxy, queue = await self.open_through_proxy()
        await queue.send_as_object(None, "n", "first")
        envelope = await queue.receive(None, 5000)
        self.assertIsNotNone(envelope)  # type: ignore[attr-defined]
        await proxy.cut()
        self.assertTrue(await wait_for(lambda: not queue.connection.is_up, 2.0))  # type: ignore[attr-defined]
        proxy.start()
        self.assertTrue(await wait_for(lambda: queue.connection.is_up, 5.0))  # type: ignore[attr-defined]
        await queue.complete(envelope)
        if self.lock_survives_reconnection:
            self.assertIsNone(await queue.receive(None, 500))  # type: ignore[attr-defined]
            return
        # too late: its connection is gone, and the broker gives it again
        again = await queue.receive(None, 5000)
        self.assertIsNotNone(again)  # type: ignore[attr-defined]
        self.assertEqual(again.message_id, envelope.message_id)  # type: ignore[attr-defined]
        await queue.complete(again)


class RabbitMQReconnectionTests(_ReconnectionChecks, unittest.TestCase):
    target = RABBITMQ

    def require(self) -> None:
        require_rabbitmq()

    def new_queue(self, port: int, name: str) -> MessageQueue:
        queue = RabbitMQMessageQueue()
        queue.configure(ConfigParams.from_value({"connection.uri": f"amqp://guest:guest@127.0.0.1:{port}/{name}",
                                                 **FAST_RECONNECT}))
        return queue

    async def forget(self, queue: Any) -> None:
        from tests.messaging.test_rabbitmq_queue import delete_queues

        queue._connection_resolver.get_all()[0]["uri"] = (
            f"amqp://guest:guest@{RABBITMQ[0]}:{RABBITMQ[1]}/{queue.queue_name}")
        await delete_queues(queue)


class MqttReconnectionTests(_ReconnectionChecks, unittest.TestCase):
    target = MOSQUITTO

    def require(self) -> None:
        require_mosquitto()

    def new_queue(self, port: int, name: str) -> MessageQueue:
        self.client_id = unique("pipsvc-test")
        queue = MqttMessageQueue()
        queue.configure(ConfigParams.from_value({
            "connection.uri": f"mqtt://127.0.0.1:{port}/{name.replace('.', '/')}",
            "options.client_id": self.client_id, "options.clean_session": "false", "options.autosubscribe": "true",
            **FAST_RECONNECT}))
        return queue

    async def forget(self, queue: Any) -> None:
        """Ends the persistent session on the broker."""
        import paho.mqtt.client as mqtt

        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=self.client_id, clean_session=True)
        client.connect(*MOSQUITTO)
        client.disconnect()


class NatsJetStreamReconnectionTests(_ReconnectionChecks, unittest.TestCase):
    target = NATS
    lock_survives_reconnection = True

    def require(self) -> None:
        require_nats()

    def new_queue(self, port: int, name: str) -> MessageQueue:
        queue = NatsMessageQueue()
        queue.configure(ConfigParams.from_value({"connection.uri": f"nats://127.0.0.1:{port}/{name}",
                                                 "options.jetstream": "true", **FAST_RECONNECT}))
        return queue

    async def forget(self, queue: Any) -> None:
        from tests.messaging.test_nats_queue import open_nats_queue

        cleaner = await open_nats_queue(queue.subject, jetstream="true")
        assert cleaner.jetstream is not None
        await cleaner.jetstream.api(None, f"STREAM.DELETE.{cleaner.stream}")
        await cleaner.close(None)
