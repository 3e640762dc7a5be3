# -*- test-case-name: tests.messaging.test_factory -*-
"""DefaultMessagingFactory: the standard queue, event and command-queue descriptors."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _memory_queue() -> type:
    from ._memory_queue import MemoryMessageQueue

    return MemoryMessageQueue


def _rabbitmq_queue() -> type:
    from ._rabbitmq_queue import RabbitMQMessageQueue

    return RabbitMQMessageQueue


def _mqtt_queue() -> type:
    from ._mqtt_queue import MqttMessageQueue

    return MqttMessageQueue


def _nats_queue() -> type:
    from ._nats_queue import NatsMessageQueue

    return NatsMessageQueue


def _event_publisher() -> type:
    from ._events import QueueEventPublisher

    return QueueEventPublisher


def _event_subscriber() -> type:
    from ._events import QueueEventSubscriber

    return QueueEventSubscriber


def _queue_service() -> type:
    from ._command_queue_service import CommandableQueueService

    return CommandableQueueService


def _queue_client() -> type:
    from ._command_queue_client import CommandableQueueClient

    return CommandableQueueClient


class DefaultMessagingFactory(Factory):
    """
    Builds C{pip-services:message-queue:{memory,rabbitmq,mqtt,nats}},
    C{pip-services:event-publisher:queue}, C{pip-services:event-subscriber:queue},
    C{pip-services:queue-service:commandable} and
    C{pip-services:queue-client:commandable}. The broker clients (pika,
    paho-mqtt) are imported when a queue opens, not before.
    """

    descriptor = Descriptor("pip-services", "factory", "messaging", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        for kind, load in (("memory", _memory_queue), ("rabbitmq", _rabbitmq_queue), ("mqtt", _mqtt_queue),
                           ("nats", _nats_queue)):
            self.register_lazy(Descriptor("pip-services", "message-queue", kind, "*", "1.0"), load)
        self.register_lazy(Descriptor("pip-services", "event-publisher", "queue", "*", "1.0"), _event_publisher)
        self.register_lazy(Descriptor("pip-services", "event-subscriber", "queue", "*", "1.0"), _event_subscriber)
        self.register_lazy(Descriptor("pip-services", "queue-service", "commandable", "*", "1.0"), _queue_service)
        self.register_lazy(Descriptor("pip-services", "queue-client", "commandable", "*", "1.0"), _queue_client)
