# -*- test-case-name: tests.messaging.test_queue_for_uri -*-
"""The queue a URI names by its scheme, and the holder of a component's queue: its own or a referenced one."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed

from ..config import ConfigParams
from ..errors import ConfigException
from ..refer import DependencyResolver, Descriptor, IReferences
from ._message_queue import MessageQueue

#: The queue class of each URI scheme.
QUEUE_SCHEMES = {
    "memory": "MemoryMessageQueue",
    "amqp": "RabbitMQMessageQueue",
    "mqtt": "MqttMessageQueue",
    "nats": "NatsMessageQueue",
}

QUEUE_LOCATOR = Descriptor("*", "message-queue", "*", "*", "1.0")


def create_queue_for_uri(uri: str) -> MessageQueue:
    """A new, unconfigured queue of the kind C{uri}'s scheme names (C{amqp}, C{mqtt}, C{nats}, C{memory})."""
    from .. import messaging

    scheme = uri.split(":", 1)[0].lower() if ":" in uri else ""
    name = QUEUE_SCHEMES.get(scheme)
    if name is None:
        raise ConfigException(
            None, "BAD_QUEUE_URI", f"Queue URI '{uri.split('@')[-1]}' has no known scheme ({', '.join(QUEUE_SCHEMES)})"
        ).with_details("schemes", list(QUEUE_SCHEMES))
    queue: MessageQueue = getattr(messaging, name)()
    return queue


class QueueHolder:
    """
    The queue of a component that sends or receives through one: its own,
    made from C{connection.uri} by the URI's scheme and configured with the
    component's config (C{credential.*} and C{options.*} included), or else
    the component named by C{dependencies.queue} (C{*:message-queue:*:*:1.0}
    by default). It opens and closes only a queue it made.
    """

    def __init__(self, default_locator: Any = QUEUE_LOCATOR) -> None:
        self.queue: Optional[MessageQueue] = None
        self.owned = False
        self._dependencies = DependencyResolver.from_tuples("queue", default_locator)

    def configure(self, config: ConfigParams) -> None:
        self._dependencies.configure(config)
        uri = config.get_as_nullable_string("connection.uri")
        if uri:
            self.queue = create_queue_for_uri(uri)
            self.queue.configure(config)
            self.owned = True

    def set_references(self, references: IReferences) -> None:
        if self.owned:
            assert self.queue is not None
            self.queue.set_references(references)
        else:
            self._dependencies.set_references(references)
            self.queue = self._dependencies.get_one_required("queue")

    def require(self) -> MessageQueue:
        if self.queue is None:
            raise ConfigException(None, "NO_QUEUE", "No queue: set connection.uri or dependencies.queue")
        return self.queue

    def open(self, correlation_id: Optional[str], reactor: Any) -> Deferred[None]:
        queue = self.require()
        if not self.owned:
            return succeed(None)
        queue.set_reactor(reactor)
        return queue.open(correlation_id)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self.owned and self.queue is not None:
            return self.queue.close(correlation_id)
        return succeed(None)
