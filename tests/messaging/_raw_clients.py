"""The brokers' own clients (pika, paho-mqtt, nats-py), used as a user of another stack would use them."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

from twisted.internet import reactor, task


def sleep(seconds: float) -> Any:
    return task.deferLater(reactor, seconds, lambda: None)


async def wait_for(predicate: Any, timeout: float = 10.0) -> bool:
    """Polls C{predicate} every 20 ms until it is true or C{timeout} seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await sleep(0.02)
    return bool(predicate())


class RawCollector:
    """Bodies received by a raw client, from whatever thread it runs on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bodies: list[bytes] = []

    def add(self, body: bytes) -> None:
        with self._lock:
            self._bodies.append(bytes(body))

    @property
    def bodies(self) -> list[bytes]:
        with self._lock:
            return list(self._bodies)

    def envelopes(self) -> list[dict[str, Any]]:
        return [json.loads(body) for body in self.bodies]


class PahoSubscriber:
    """paho-mqtt with its own network thread, subscribed at QoS 1."""

    def __init__(self, host: str, port: int, topic: str) -> None:
        import paho.mqtt.client as mqtt

        self.collector = RawCollector()
        self.subscribed = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, clean_session=True)
        self.client.on_message = lambda client, userdata, message: self.collector.add(message.payload)
        self.client.on_subscribe = lambda *args: self.subscribed.set()
        self.client.on_connect = lambda client, *args: client.subscribe(topic, qos=1)
        self.client.connect(host, port)
        self.client.loop_start()

    def stop(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


class NatsSubscriber:
    """nats-py on an asyncio loop of its own thread, with a core subscription."""

    def __init__(self, url: str, subject: str) -> None:
        self.collector = RawCollector()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client: Any = None
        asyncio.run_coroutine_threadsafe(self._start(url, subject), self.loop).result(10)

    async def _start(self, url: str, subject: str) -> None:
        import nats

        self.client = await nats.connect(url, allow_reconnect=False)

        async def got(message: Any) -> None:
            self.collector.add(message.data)

        await self.client.subscribe(subject, cb=got)
        await self.client.flush()

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.client.close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


async def pika_consume(host: str, port: int, queue: str, collector: RawCollector) -> Any:
    """pika's Twisted adapter consuming C{queue} (declared durable as a publisher declares it); returns the connection."""
    import pika
    from pika.adapters.twisted_connection import TwistedProtocolConnection
    from twisted.internet.protocol import ClientCreator

    parameters = pika.ConnectionParameters(credentials=pika.PlainCredentials("guest", "guest"))
    connection = await ClientCreator(reactor, TwistedProtocolConnection, parameters).connectTCP(host, port)
    await connection.ready
    channel = await connection.channel()
    await channel.queue_declare(queue=queue, durable=True)
    deliveries, _ = await channel.basic_consume(queue=queue, auto_ack=False)

    def next_delivery(_: Any = None) -> None:
        deliveries.get().addCallbacks(delivered, lambda _: None)

    def delivered(delivery: Any) -> None:
        collector.add(delivery.body)
        channel.basic_ack(delivery.method.delivery_tag)
        next_delivery()

    next_delivery()
    connection.test_channel = channel
    return connection
