"""Messaging: message queues on memory, RabbitMQ, MQTT and NATS; events and commands over queues."""

from ._address import BrokerAddress
from ._capabilities import MessagingCapabilities, unsupported
from ._envelope import MAX_ENVELOPE_BYTES, MessageEnvelope
from ._inbox import Inbox
from ._interfaces import IEventPublisher, IMessageQueue, IMessageReceiver
from ._memory_queue import MemoryMessageQueue
from ._message_queue import MessageQueue
from ._mqtt_queue import MqttMessageQueue
from ._nats_queue import NatsMessageQueue
from ._rabbitmq_queue import RabbitMQMessageQueue

__all__ = [
    "BrokerAddress",
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
    "RabbitMQMessageQueue",
    "unsupported",
]
