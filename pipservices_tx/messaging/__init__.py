"""Messaging: message queues on memory, RabbitMQ, MQTT and NATS; events and commands over queues."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "BrokerAddress":
        from . import _address

        module = _address
    elif name in ("MessagingCapabilities", "unsupported"):
        from . import _capabilities

        module = _capabilities
    elif name == "CommandableQueueClient":
        from . import _command_queue_client

        module = _command_queue_client
    elif name in ("ERROR_TYPE", "RESULT_TYPE", "CommandableQueueService", "reply_for"):
        from . import _command_queue_service

        module = _command_queue_service
    elif name in ("MAX_ENVELOPE_BYTES", "MessageEnvelope", "envelope_from_wire"):
        from . import _envelope

        module = _envelope
    elif name in ("QueueEventPublisher", "QueueEventSubscriber"):
        from . import _events

        module = _events
    elif name == "DefaultMessagingFactory":
        from . import _factory

        module = _factory
    elif name == "Inbox":
        from . import _inbox

        module = _inbox
    elif name in ("IEventPublisher", "IMessageQueue", "IMessageReceiver"):
        from . import _interfaces

        module = _interfaces
    elif name == "MemoryMessageQueue":
        from . import _memory_queue

        module = _memory_queue
    elif name == "MessageQueue":
        from . import _message_queue

        module = _message_queue
    elif name == "MqttMessageQueue":
        from . import _mqtt_queue

        module = _mqtt_queue
    elif name == "NatsMessageQueue":
        from . import _nats_queue

        module = _nats_queue
    elif name in ("QUEUE_SCHEMES", "QueueHolder", "create_queue_for_uri"):
        from . import _queue_for_uri

        module = _queue_for_uri
    elif name == "RabbitMQMessageQueue":
        from . import _rabbitmq_queue

        module = _rabbitmq_queue
    elif name == "ReconnectSettings":
        from . import _reconnecting

        module = _reconnecting
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
