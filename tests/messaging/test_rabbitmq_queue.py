"""RabbitMQMessageQueue on the real RabbitMQ: the conformance kit."""

from __future__ import annotations

from typing import Any

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.messaging import RabbitMQMessageQueue
from pipservices_tx.testing import MessageQueueConformanceMixin
from tests.messaging._brokers import RABBITMQ, require_rabbitmq, unique


async def open_rabbitmq_queue(queue_name: str, **options: Any) -> RabbitMQMessageQueue:
    require_rabbitmq()
    queue = RabbitMQMessageQueue()
    config = {"connection.uri": f"amqp://guest:guest@{RABBITMQ[0]}:{RABBITMQ[1]}/{queue_name}",
              "options.auto_delete": "true"}
    config.update({f"options.{key}": str(value) for key, value in options.items()})
    queue.configure(ConfigParams.from_value(config))
    await queue.open(None)
    return queue


async def delete_queues(queue: RabbitMQMessageQueue, *names: str) -> None:
    """Deletes the test's queues (a closed queue reopens a short connection for it)."""
    if not queue.is_open():
        await queue.open(None)
    assert queue.connection is not None
    link = queue.connection.require(None)
    for name in (queue.queue_name, queue.dead_letter_queue, *names):
        await link.consumer.queue_delete(queue=name)
    await queue.close(None)


class RabbitMQConformanceTests(MessageQueueConformanceMixin, unittest.TestCase):
    async def make_queue(self) -> RabbitMQMessageQueue:
        return await open_rabbitmq_queue(unique())

    async def dispose_queue(self, queue: Any) -> None:
        await delete_queues(queue)
