"""Messaging: message queues on memory, RabbitMQ, MQTT and NATS; events and commands over queues."""

from ._address import BrokerAddress
from ._capabilities import MessagingCapabilities, unsupported
from ._command_queue_client import CommandableQueueClient
from ._command_queue_service import ERROR_TYPE, RESULT_TYPE, CommandableQueueService, reply_for
from ._envelope import MAX_ENVELOPE_BYTES, MessageEnvelope, envelope_from_wire
from ._events import QueueEventPublisher, QueueEventSubscriber
from ._factory import DefaultMessagingFactory
from ._inbox import Inbox
from ._interfaces import IEventPublisher, IMessageQueue, IMessageReceiver
from ._memory_queue import MemoryMessageQueue
from ._message_queue import MessageQueue
from ._mqtt_queue import MqttMessageQueue
from ._nats_queue import NatsMessageQueue
from ._queue_for_uri import QUEUE_SCHEMES, QueueHolder, create_queue_for_uri
from ._rabbitmq_queue import RabbitMQMessageQueue
from ._reconnecting import ReconnectSettings

__all__ = [
    "BrokerAddress",
    "CommandableQueueClient",
    "CommandableQueueService",
    "create_queue_for_uri",
    "DefaultMessagingFactory",
    "envelope_from_wire",
    "ERROR_TYPE",
    "IEventPublisher",
    "IMessageQueue",
    "IMessageReceiver",
    "Inbox",
    "MAX_ENVELOPE_BYTES",
    "MemoryMessageQueue",
    "MessageEnvelope",
    "MessageQueue",
    "MessagingCapabilities",
    "MqttMessageQueue",
    "NatsMessageQueue",
    "QUEUE_SCHEMES",
    "QueueEventPublisher",
    "QueueEventSubscriber",
    "QueueHolder",
    "RabbitMQMessageQueue",
    "ReconnectSettings",
    "reply_for",
    "RESULT_TYPE",
    "unsupported",
]
