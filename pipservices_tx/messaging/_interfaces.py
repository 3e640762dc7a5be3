# -*- test-case-name: tests.messaging.test_memory_queue -*-
"""The messaging contracts: a queue, what receives from it, and what publishes events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from zope.interface import Interface

from ..lifecycle import IClosable, IOpenable

if TYPE_CHECKING:
    from twisted.internet.defer import Deferred

    from ._capabilities import MessagingCapabilities
    from ._envelope import MessageEnvelope


class IMessageReceiver(Interface):
    """What a queue hands the messages it L{IMessageQueue.listen}s for."""

    def receive_message(envelope: MessageEnvelope, queue: IMessageQueue) -> Any:
        """
        Handles one message; may return a value, a Deferred or a coroutine. The
        queue waits for it before the next message, then completes the message
        unless the receiver already did (complete, abandon or dead letter). A
        receiver that fails has its message abandoned where the queue can, so it
        comes again.
        """


class IMessageQueue(IOpenable, IClosable):
    """
    A named queue (or topic, or subject) on a broker. Every I/O method returns a
    Deferred; a call the queue cannot do (see L{get_capabilities}) fails with
    UnsupportedException C{UNSUPPORTED_OPERATION}, and any call while the broker
    is unreachable fails at once with a ConnectionException.
    """

    def get_name() -> str:
        """The queue's name (the C{name} key, or its queue, topic or subject)."""

    def get_capabilities() -> MessagingCapabilities:
        """Which of the optional operations this queue supports."""

    def send(correlation_id: Optional[str], envelope: MessageEnvelope) -> Deferred[None]:
        """Sends C{envelope}; fires once the broker has it (acknowledged), fails otherwise."""

    def send_as_object(correlation_id: Optional[str], message_type: str, value: Any) -> Deferred[None]:
        """Sends C{value} as the JSON payload of a new envelope of type C{message_type}."""

    def receive(correlation_id: Optional[str], wait_timeout: int) -> Deferred[Optional[MessageEnvelope]]:
        """
        The next message, locked for this receiver, waiting up to C{wait_timeout}
        ms for one; None when none came. Finish it with L{complete} (or
        L{abandon}, L{move_to_dead_letter}).
        """

    def peek(correlation_id: Optional[str]) -> Deferred[Optional[MessageEnvelope]]:
        """The next message without taking it, or None."""

    def peek_batch(correlation_id: Optional[str], message_count: int) -> Deferred[list[MessageEnvelope]]:
        """Up to C{message_count} next messages without taking them."""

    def read_message_count() -> Deferred[int]:
        """How many messages wait to be received (locked ones not counted)."""

    def renew_lock(envelope: MessageEnvelope, lock_timeout: int) -> Deferred[None]:
        """Keeps C{envelope} locked for another C{lock_timeout} ms."""

    def complete(envelope: MessageEnvelope) -> Deferred[None]:
        """Removes a received message for good (acknowledges it)."""

    def abandon(envelope: MessageEnvelope) -> Deferred[None]:
        """Gives a received message back, to be received again."""

    def move_to_dead_letter(envelope: MessageEnvelope) -> Deferred[None]:
        """Removes a received message and puts it on the dead-letter queue."""

    def listen(correlation_id: Optional[str], receiver: IMessageReceiver) -> Deferred[None]:
        """
        Hands every message to C{receiver} as it comes, one at a time, until
        L{end_listen}; fires once listening has started.
        """

    def end_listen(correlation_id: Optional[str]) -> Deferred[None]:
        """Stops listening; fires once the message in the receiver's hands is done."""

    def clear(correlation_id: Optional[str]) -> Deferred[None]:
        """Drops every message waiting in the queue."""


class IEventPublisher(Interface):
    """Where a component publishes its domain events (C{beacon_created}...)."""

    def publish(correlation_id: Optional[str], event_name: str, value: Any) -> Deferred[None]:
        """Sends C{value} as the JSON payload of an envelope whose type is C{event_name}."""
