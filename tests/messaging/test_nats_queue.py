"""NatsMessageQueue on the real NATS server: the conformance kit with JetStream and on plain NATS."""

from __future__ import annotations

from typing import Any

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.messaging import NatsMessageQueue
from pipservices_tx.testing import MessageQueueConformanceMixin
from tests.messaging._brokers import NATS, require_nats, unique


async def open_nats_queue(subject: str, **options: Any) -> NatsMessageQueue:
    require_nats()
    queue = NatsMessageQueue()
    config = {"connection.uri": f"nats://{NATS[0]}:{NATS[1]}/{subject}"}
    config.update({f"options.{key}": str(value) for key, value in options.items()})
    queue.configure(ConfigParams.from_value(config))
    await queue.open(None)
    return queue


async def delete_stream(queue: NatsMessageQueue) -> None:
    if queue.jetstream is not None and queue.stream is not None and queue.connection is not None:
        if not queue.is_open():
            return
        await queue.jetstream.api(None, f"STREAM.DELETE.{queue.stream}")


class NatsJetStreamConformanceTests(MessageQueueConformanceMixin, unittest.TestCase):
    async def make_queue(self) -> NatsMessageQueue:
        queue = await open_nats_queue(unique(), jetstream="true")
        self.assertIsNotNone(queue.jetstream)
        return queue

    async def dispose_queue(self, queue: Any) -> None:
        await delete_stream(queue)
        await queue.close(None)


class NatsPlainConformanceTests(MessageQueueConformanceMixin, unittest.TestCase):
    async def make_queue(self) -> NatsMessageQueue:
        queue = await open_nats_queue(unique(), jetstream="false", autosubscribe="true")
        self.assertIsNone(queue.jetstream)
        return queue
