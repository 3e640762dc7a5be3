"""
The message queues against the raw broker clients, in the same run.

A round sends N messages (C{--concurrency} sends in flight, each waiting for
the broker's acknowledgement) to a fresh queue while one listener on it
receives and acknowledges each; it ends when the N-th message is received.
Throughput is N / that time. The same round runs with the raw client as its
users run it: pika's Twisted adapter (publisher confirms, manual acks,
prefetch 100) for RabbitMQ; paho-mqtt with its network thread (QoS 1, manual
acks) for Mosquitto; nats-py on asyncio in its thread (JetStream publish and
pull-fetch with acks, and plain publish/subscribe with a flush) for NATS.
Both sides do the same work per message: the raw clients send the beacon
as JSON and parse what they receive; the queues send it in an envelope and
the receiver parses the beacon (C{get_message_as_json}).

Rounds alternate queue and raw client in one process (which goes first
alternates too). Each round also reads the process's CPU time (all its
threads: paho's and nats-py's included), per message: steadier than
throughput on a shared machine. Prints medians over the rounds, and the
medians of the per-round ratios: queue/raw in msg/s and raw/queue in CPU
per message (both 1.0 when the queue costs what the raw client does).
Loopback brokers only: RabbitMQ 5672, Mosquitto 1883, NATS 4222.

    python benchmarks/bench_messaging.py [--n 2000] [--rounds 5] [--concurrency 50] [--only rabbitmq,mqtt,nats]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import threading
import time
import uuid
from typing import Any, Awaitable, Callable

from twisted.internet import defer, task, threads

try:
    from ._concurrency import run_concurrently
except ImportError:  # run as a script: python benchmarks/bench_messaging.py
    from _concurrency import run_concurrently  # type: ignore[no-redef]

from zope.interface import implementer

from pipservices_tx.config import ConfigParams
from pipservices_tx.messaging import (
    IMessageReceiver,
    MessageQueue,
    MqttMessageQueue,
    NatsMessageQueue,
    RabbitMQMessageQueue,
)

HOST = "127.0.0.1"
VALUE = {"id": "1", "site_id": "1", "udi": "00001", "label": "TestBeacon1",
         "center": {"type": "Point", "coordinates": [0, 0]}, "radius": 50}


def body() -> bytes:
    """What a raw client's user sends: the beacon as JSON."""
    return json.dumps(VALUE, separators=(",", ":")).encode()



class Timed:
    """The wall and process CPU seconds of a round, from its creation to L{stop}."""

    def __init__(self) -> None:
        self.cpu = time.process_time()
        self.elapsed = time.perf_counter()

    def stop(self) -> Timed:
        self.cpu = time.process_time() - self.cpu
        self.elapsed = time.perf_counter() - self.elapsed
        return self


Round = Callable[[], Awaitable[Timed]]


def name(prefix: str) -> str:
    return f"bench.{prefix}.{uuid.uuid4().hex[:10]}"


@implementer(IMessageReceiver)
class _Counter:
    """Completes C{done} when C{expected} messages arrived."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.count = 0
        self.done: defer.Deferred[None] = defer.Deferred()

    def receive_message(self, envelope: Any, queue: Any) -> None:
        envelope.get_message_as_json()
        self.count += 1
        if self.count == self.expected:
            self.done.callback(None)


async def queue_round(make: Callable[[], Awaitable[MessageQueue]], args: argparse.Namespace,
                      cleanup: Callable[[MessageQueue], Awaitable[None]]) -> Timed:
    queue = await make()
    try:
        counter = _Counter(args.n)
        await queue.listen(None, counter)
        watch = Timed()
        await run_concurrently(args.n, args.concurrency, lambda i: queue.send_as_object(None, "beacon", VALUE))
        await counter.done
        watch.stop()
        await queue.end_listen(None)
        return watch
    finally:
        await cleanup(queue)


async def compare(label: str, args: argparse.Namespace, deadline: float, ours: Round, raw: Round) -> None:
    await ours()  # warm up both
    await raw()
    mine: list[Timed] = []
    theirs: list[Timed] = []
    for i in range(args.rounds):
        if time.monotonic() > deadline:
            break
        if i % 2:
            theirs.append(await raw())
            mine.append(await ours())
        else:
            mine.append(await ours())
            theirs.append(await raw())
    n = args.n
    rate = statistics.median(n / t.elapsed for t in mine)
    raw_rate = statistics.median(n / t.elapsed for t in theirs)
    cpu = statistics.median(t.cpu / n * 1e6 for t in mine)
    raw_cpu = statistics.median(t.cpu / n * 1e6 for t in theirs)
    ratio = statistics.median(r.elapsed / o.elapsed for o, r in zip(mine, theirs, strict=True))
    cpu_ratio = statistics.median(r.cpu / o.cpu for o, r in zip(mine, theirs, strict=True))
    print(f"{label:<34} {rate:>7.0f} msg/s  raw {raw_rate:>7.0f} msg/s  ratio {ratio:5.2f}   "
          f"CPU {cpu:>5.0f} µs/msg  raw {raw_cpu:>5.0f} µs/msg  ratio {cpu_ratio:5.2f}   ({len(mine)} rounds)",
          flush=True)


# -- RabbitMQ --------------------------------------------------------------------------


async def bench_rabbitmq(reactor: Any, args: argparse.Namespace, deadline: float) -> None:
    import pika
    from pika.adapters.twisted_connection import TwistedProtocolConnection
    from twisted.internet.protocol import ClientCreator

    async def make() -> MessageQueue:
        queue = RabbitMQMessageQueue()
        queue.configure(ConfigParams({"connection.uri": f"amqp://guest:guest@{HOST}:5672/{name('rabbitmq')}",
                                      "options.auto_delete": "true", "options.durable": "false"}))
        await queue.open(None)
        return queue

    async def ours() -> Timed:
        return await queue_round(make, args, lambda queue: queue.close(None))

    async def raw() -> Timed:
        parameters = pika.ConnectionParameters(credentials=pika.PlainCredentials("guest", "guest"))
        connection = await ClientCreator(reactor, TwistedProtocolConnection, parameters).connectTCP(HOST, 5672)
        await connection.ready
        publisher = await connection.channel()
        await publisher.confirm_delivery()
        consumer = await connection.channel()
        queue = name("pika")
        await consumer.queue_declare(queue=queue, durable=False, auto_delete=True)
        await consumer.basic_qos(prefetch_count=100)
        deliveries, _ = await consumer.basic_consume(queue=queue, auto_ack=False)
        done: defer.Deferred[None] = defer.Deferred()
        received = [0]

        def delivered(delivery: Any) -> None:
            json.loads(delivery.body)
            consumer.basic_ack(delivery.method.delivery_tag)
            received[0] += 1
            if received[0] == args.n:
                done.callback(None)
            else:
                deliveries.get().addCallback(delivered)

        deliveries.get().addCallback(delivered)
        properties = pika.BasicProperties(content_type="application/json", delivery_mode=2)
        watch = Timed()
        await run_concurrently(args.n, args.concurrency, lambda i: publisher.basic_publish(
            exchange="", routing_key=queue, body=body(), properties=properties, mandatory=True))
        await done
        watch.stop()
        await connection.close()
        return watch

    await compare("RabbitMQMessageQueue vs pika", args, deadline, ours, raw)


# -- MQTT ------------------------------------------------------------------------------


def paho_round(n: int, concurrency: int) -> Timed:
    """Raw paho with its network threads: QoS 1 publishes (a window in flight), manual acks."""
    import paho.mqtt.client as mqtt

    topic = name("paho").replace(".", "/")
    received = threading.Event()
    subscribed = threading.Event()
    count = [0]
    window = threading.Semaphore(concurrency)

    def on_message(client: Any, userdata: Any, message: Any) -> None:
        json.loads(message.payload)
        client.ack(message.mid, message.qos)
        count[0] += 1
        if count[0] == n:
            received.set()

    subscriber = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, clean_session=True, manual_ack=True)
    subscriber.on_message = on_message
    subscriber.on_subscribe = lambda *a: subscribed.set()
    subscriber.connect(HOST, 1883)
    subscriber.loop_start()
    subscriber.subscribe(topic, 1)
    subscribed.wait(5)
    publisher = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, clean_session=True)
    publisher.max_inflight_messages_set(concurrency)
    publisher.on_publish = lambda *a: window.release()
    publisher.connect(HOST, 1883)
    publisher.loop_start()
    watch = Timed()
    for _ in range(n):
        window.acquire()
        publisher.publish(topic, body(), qos=1)
    received.wait(60)
    watch.stop()
    for client in (publisher, subscriber):
        client.disconnect()
        client.loop_stop()
    return watch


async def bench_mqtt(reactor: Any, args: argparse.Namespace, deadline: float) -> None:
    async def make() -> MessageQueue:
        queue = MqttMessageQueue()
        queue.configure(ConfigParams({"connection.uri": f"mqtt://{HOST}:1883/{name('mqtt').replace('.', '/')}",
                                      "options.clean_session": "true", "options.autosubscribe": "true"}))
        await queue.open(None)
        return queue

    async def ours() -> Timed:
        return await queue_round(make, args, lambda queue: queue.close(None))

    def raw() -> Any:
        return threads.deferToThread(paho_round, args.n, args.concurrency)

    await compare("MqttMessageQueue vs paho-mqtt", args, deadline, ours, raw)


# -- NATS ------------------------------------------------------------------------------


class _AsyncioThread:
    """An asyncio loop on its own thread, for nats-py."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Any) -> Any:
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        return threads.deferToThread(future.result, 120)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


async def nats_py_round(n: int, concurrency: int, jetstream: bool) -> Timed:
    import nats

    client = await nats.connect(f"nats://{HOST}:4222")
    subject = name("natspy")
    done = asyncio.get_running_loop().create_future()
    count = [0]
    try:
        if jetstream:
            js = client.jetstream()
            stream = subject.replace(".", "_")
            await js.add_stream(name=stream, subjects=[subject])
            pull = await js.pull_subscribe(subject, durable="bench")

            async def consume() -> None:
                while count[0] < n:
                    try:
                        messages = await pull.fetch(64, timeout=1)
                    except nats.errors.TimeoutError:
                        continue
                    for message in messages:
                        json.loads(message.data)
                        await message.ack()
                        count[0] += 1
                done.set_result(None)

            consumer = asyncio.ensure_future(consume())

            async def send(i: int) -> None:
                await js.publish(subject, body())
        else:
            async def got(message: Any) -> None:
                json.loads(message.data)
                count[0] += 1
                if count[0] == n:
                    done.set_result(None)

            await client.subscribe(subject, cb=got)
            consumer = None

            async def send(i: int) -> None:
                await client.publish(subject, body())
                await client.flush()

        indexes = iter(range(n))

        async def worker() -> None:
            for i in indexes:
                await send(i)

        watch = Timed()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await asyncio.wait_for(done, 60)
        watch.stop()
        if consumer is not None:
            await consumer
        if jetstream:
            await js.delete_stream(stream)
        return watch
    finally:
        await client.close()


async def bench_nats(reactor: Any, args: argparse.Namespace, deadline: float) -> None:
    aio = _AsyncioThread()
    try:
        for jetstream in (True, False):
            async def make(jetstream: bool = jetstream) -> MessageQueue:
                queue = NatsMessageQueue()
                queue.configure(ConfigParams({"connection.uri": f"nats://{HOST}:4222/{name('nats')}",
                                              "options.jetstream": str(jetstream).lower(),
                                              "options.autosubscribe": "true"}))
                await queue.open(None)
                return queue

            async def drop(queue: Any) -> None:
                if queue.jetstream is not None:
                    await queue.jetstream.api(None, f"STREAM.DELETE.{queue.stream}")
                await queue.close(None)

            async def ours(make: Any = make) -> Timed:
                return await queue_round(make, args, drop)

            def raw(jetstream: bool = jetstream) -> Any:
                return aio.run(nats_py_round(args.n, args.concurrency, jetstream))

            label = "NatsMessageQueue vs nats-py " + ("(JetStream)" if jetstream else "(plain)")
            await compare(label, args, deadline, ours, raw)
    finally:
        aio.stop()


def listening(port: int) -> bool:
    try:
        socket.create_connection((HOST, port), timeout=0.5).close()
        return True
    except OSError:
        print(f"nothing listens on {HOST}:{port}; skipped")
        return False


async def main(reactor: Any, args: argparse.Namespace) -> None:
    only = set(args.only.split(","))
    started = time.monotonic()
    print(f"N={args.n} messages sent and received per round, {args.concurrency} sends in flight, "
          f"median of up to {args.rounds} rounds", flush=True)
    for kind, port, bench in (("rabbitmq", 5672, bench_rabbitmq), ("mqtt", 1883, bench_mqtt),
                              ("nats", 4222, bench_nats)):
        if kind in only and listening(port):
            await bench(reactor, args, started + args.budget)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--only", default="rabbitmq,mqtt,nats")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds before rounds stop being started")
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, parser.parse_args())))
