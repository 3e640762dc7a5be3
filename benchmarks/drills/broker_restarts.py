"""
Restarts each real broker under a steady send/receive load and checks that
no acknowledged message is lost and that the queues recover within 5 s of
the broker's return.

For RabbitMQ (a durable queue, persistent messages), Mosquitto (QoS 1, a
persistent session) and NATS (JetStream): a sender queue sends a numbered
message every few milliseconds and keeps the numbers whose send the broker
acknowledged; a listening queue (its own connection) keeps the numbers it
receives. After a while the broker is stopped (gracefully) and started
again; the load goes on, then stops, and the drill waits for the receiver to
drain. It prints, per broker: messages acknowledged, received, lost
(acknowledged and never received), duplicates, sends refused while the
broker was away, and the recovery times from the broker's return (its port
listening again) to the first acknowledged send and to the first message
received. It exits non-zero when a message was lost or recovery took more
than 5 s, and it always leaves the brokers running.

Not part of the trial suite: it stops the shared brokers. Run it by hand,
as root, on a machine whose brokers nobody else is using:

    python benchmarks/drills/broker_restarts.py [--only rabbitmq,mqtt,nats] [--interval 5]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from typing import Any, Callable, Optional

from twisted.internet import defer, task
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
RECOVERY_LIMIT = 5.0
FAST_RECONNECT = {"options.reconnect_delay": "100", "options.max_reconnect_delay": "500",
                  "options.connect_timeout": "2000"}


def listening(port: int) -> bool:
    try:
        socket.create_connection((HOST, port), timeout=0.3).close()
        return True
    except OSError:
        return False


def stop_mosquitto() -> None:
    with open("/run/mosquitto/mosquitto.pid", encoding="ascii") as f:
        os.kill(int(f.read().strip()), signal.SIGTERM)


BROKERS: dict[str, dict[str, Any]] = {
    "rabbitmq": {"port": 5672,
                 "stop": lambda: subprocess.run(["rabbitmqctl", "stop"], check=False, capture_output=True),
                 "start": ["rabbitmq-server", "-detached"]},
    "mqtt": {"port": 1883, "stop": stop_mosquitto,
             "start": ["mosquitto", "-d", "-c", "/etc/mosquitto/mosquitto.conf"]},
    "nats": {"port": 4222,
             "stop": lambda: subprocess.run(["start-stop-daemon", "--stop", "--oknodo", "--exec",
                                             "/usr/sbin/nats-server"], check=False),
             "start": ["start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/nats-server",
                       "--", "-a", HOST, "-p", "4222", "-js", "-sd", "/var/lib/nats-server",
                       "-l", "/var/log/nats-server.log"]},
}


def queues(kind: str, name: str) -> tuple[MessageQueue, MessageQueue]:
    def make(role: str) -> MessageQueue:
        queue: MessageQueue
        if kind == "rabbitmq":
            queue = RabbitMQMessageQueue()
            config = {"connection.uri": f"amqp://guest:guest@{HOST}:5672/{name}"}
        elif kind == "mqtt":
            queue = MqttMessageQueue()
            config = {"connection.uri": f"mqtt://{HOST}:1883/{name.replace('.', '/')}",
                      "options.client_id": f"{name}-{role}", "options.autosubscribe": str(role == "receiver")}
        else:
            queue = NatsMessageQueue()
            config = {"connection.uri": f"nats://{HOST}:4222/{name}", "options.jetstream": "true"}
        queue.configure(ConfigParams({**config, **FAST_RECONNECT}))
        return queue

    return make("sender"), make("receiver")


@implementer(IMessageReceiver)
class Tally:
    def __init__(self) -> None:
        self.acked: set[int] = set()
        self.received: list[int] = []
        self.refused = 0
        self.first_ack_after: Optional[float] = None
        self.first_receive_after: Optional[float] = None
        self.returned_at: Optional[float] = None

    def receive_message(self, envelope: Any, queue: Any) -> None:
        self.received.append(int(envelope.get_message_as_json()))
        if self.returned_at is not None and self.first_receive_after is None:
            self.first_receive_after = time.monotonic() - self.returned_at


async def sleep(reactor: Any, seconds: float) -> None:
    await task.deferLater(reactor, seconds, lambda: None)


async def wait_until(reactor: Any, condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await sleep(reactor, 0.1)
    return condition()


async def drill(reactor: Any, kind: str, args: argparse.Namespace) -> bool:
    broker = BROKERS[kind]
    name = f"drill.{kind}.{uuid.uuid4().hex[:8]}"
    sender, receiver = queues(kind, name)
    tally = Tally()
    await sender.open(None)
    await receiver.open(None)
    await receiver.listen(None, tally)
    sending = True
    number = 0

    async def load() -> None:
        nonlocal number
        while sending:
            number += 1
            n = number
            try:
                await sender.send_as_object(None, "n", n)
                tally.acked.add(n)
                if tally.returned_at is not None and tally.first_ack_after is None:
                    tally.first_ack_after = time.monotonic() - tally.returned_at
            except Exception:
                tally.refused += 1
            await sleep(reactor, args.interval / 1000.0)

    loop = defer.ensureDeferred(load())
    try:
        await sleep(reactor, 2.0)
        began = time.monotonic()
        await reactor_thread(reactor, broker["stop"])
        await wait_until(reactor, lambda: not listening(broker["port"]), 60)
        down_for = time.monotonic() - began
        await reactor_thread(reactor, lambda: subprocess.run(broker["start"], check=False))
        if not await wait_until(reactor, lambda: listening(broker["port"]), 120):
            print(f"{kind}: the broker did not come back within 120 s")
            return False
        tally.returned_at = time.monotonic()
        await wait_until(reactor, lambda: tally.first_ack_after is not None and tally.first_receive_after is not None,
                         30)
        await sleep(reactor, 3.0)
    finally:
        sending = False
        await loop
    await wait_until(reactor, lambda: tally.acked <= set(tally.received), 30)
    await receiver.end_listen(None)
    if isinstance(sender, NatsMessageQueue) and sender.jetstream is not None and sender.stream:
        await sender.jetstream.api(None, f"STREAM.DELETE.{sender.stream}")
    await sender.close(None)
    await receiver.close(None)
    lost = tally.acked - set(tally.received)
    duplicates = len(tally.received) - len(set(tally.received))
    recovery = max(tally.first_ack_after or float("inf"), tally.first_receive_after or float("inf"))
    ok = not lost and recovery <= RECOVERY_LIMIT
    print(f"{kind:<9} acknowledged {len(tally.acked):>5}  received {len(set(tally.received)):>5}  "
          f"lost {len(lost)}  duplicates {duplicates}  refused while away {tally.refused}  "
          f"stop took {down_for:.1f} s  first ack {tally.first_ack_after or float('inf'):.2f} s  "
          f"first receive {tally.first_receive_after or float('inf'):.2f} s after return  "
          f"{'PASS' if ok else 'FAIL'}", flush=True)
    return ok


def reactor_thread(reactor: Any, call: Callable[[], Any]) -> Any:
    from twisted.internet import threads

    return threads.deferToThread(call)


async def main(reactor: Any, args: argparse.Namespace) -> None:
    results = []
    try:
        for kind in args.only.split(","):
            if not listening(BROKERS[kind]["port"]):
                print(f"{kind}: not listening; skipped")
                continue
            results.append(await drill(reactor, kind, args))
    finally:
        for kind in args.only.split(","):  # never leave a broker down
            broker = BROKERS[kind]
            if not listening(broker["port"]):
                subprocess.run(broker["start"], check=False)
    if not all(results):
        sys.exit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="rabbitmq,mqtt,nats")
    parser.add_argument("--interval", type=float, default=5.0, help="ms between two sends")
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, parser.parse_args())))
