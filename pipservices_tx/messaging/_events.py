# -*- test-case-name: tests.messaging.test_events -*-
"""Domain events over a queue: a publisher components send through, a subscriber that hands them to a listener."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred, maybeDeferred
from zope.interface import implementer

from ..commands import Event, IEventListener
from ..config import ConfigParams, IConfigurable
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import DependencyResolver, Descriptor, IReferenceable, IReferences
from ._envelope import MessageEnvelope
from ._interfaces import IEventPublisher, IMessageQueue, IMessageReceiver
from ._queue_for_uri import QueueHolder


@implementer(IEventPublisher, IConfigurable, IReferenceable, IOpenable)
class QueueEventPublisher(ReactorAware):
    """
    Publishes a component's domain events to a queue, topic or subject named
    by config alone: C{connection.uri} (C{amqp://guest:guest@host:5672/beacons.events},
    C{mqtt://host:1883/beacons/events}, C{nats://host:4222/beacons.events},
    C{memory:///beacons.events}) makes a queue of that kind, configured with
    this entry's C{credential.*} and C{options.*}; without it the queue is the
    component of C{dependencies.queue}. L{publish} sends an envelope whose
    type is the event's name and whose payload is the event's JSON, and fires
    when the broker has it.
    """

    def __init__(self) -> None:
        self._holder = QueueHolder()
        self.logger = CompositeLogger(component="QueueEventPublisher")
        self._opened = False

    def configure(self, config: ConfigParams) -> None:
        self._holder.configure(config)

    def set_references(self, references: IReferences) -> None:
        self.logger.set_references(references)
        self._holder.set_references(references)

    @property
    def queue(self) -> IMessageQueue:
        return self._holder.require()

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        def opened(_: Any) -> None:
            self._opened = True

        return self._holder.open(correlation_id, self.reactor).addCallback(opened)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        self._opened = False
        return self._holder.close(correlation_id)

    def publish(self, correlation_id: Optional[str], event_name: str, value: Any) -> Deferred[None]:
        return self._holder.require().send_as_object(correlation_id, event_name, value)


@implementer(IMessageReceiver, IConfigurable, IReferenceable, IOpenable)
class QueueEventSubscriber(ReactorAware):
    """
    Listens on a queue (C{connection.uri} or C{dependencies.queue}, as
    L{QueueEventPublisher}) and hands each event to the C{IEventListener} of
    C{dependencies.listener}: C{on_event(correlation_id, Event(<type>), args)},
    where C{args} is the payload when it is a JSON object, else
    C{{"value": payload}}. A message that is not JSON goes to the dead
    letters where the queue has them; a listener that fails has its event
    abandoned (given again) where the queue can.
    """

    def __init__(self) -> None:
        self._holder = QueueHolder()
        self._dependencies = DependencyResolver.from_tuples(
            "listener", Descriptor("*", "event-listener", "*", "*", "1.0")
        )
        self.logger = CompositeLogger(component="QueueEventSubscriber")
        self._listener: Any = None
        self._opened = False

    def configure(self, config: ConfigParams) -> None:
        self._holder.configure(config)
        self._dependencies.configure(config)

    def set_references(self, references: IReferences) -> None:
        self.logger.set_references(references)
        self._holder.set_references(references)
        self._dependencies.set_references(references)
        self._listener = self._dependencies.get_one_required("listener")

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        async def opening() -> None:
            await self._holder.open(correlation_id, self.reactor)
            await self._holder.require().listen(correlation_id, self)
            self._opened = True

        return ensureDeferred(opening())

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        async def closing() -> None:
            self._opened = False
            queue = self._holder.queue
            if queue is not None:
                await queue.end_listen(correlation_id)
            await self._holder.close(correlation_id)

        return ensureDeferred(closing())

    async def receive_message(self, envelope: MessageEnvelope, queue: IMessageQueue) -> None:
        try:
            payload = envelope.get_message_as_json()
        except Exception as e:
            self.logger.error(envelope.correlation_id, e, "Event %s is not JSON", envelope.message_type)
            if queue.get_capabilities().can_dead_letter:
                await queue.move_to_dead_letter(envelope)
            return
        args = payload if isinstance(payload, dict) else {"value": payload}
        listener = self._listener
        if IEventListener.providedBy(listener) or hasattr(listener, "on_event"):
            await maybeDeferred(listener.on_event, envelope.correlation_id, Event(envelope.message_type or ""), args)
