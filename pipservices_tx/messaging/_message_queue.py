# -*- test-case-name: tests.messaging.test_memory_queue -*-
"""MessageQueue: what every queue shares: config, references, capability checks, counters and listening."""

from __future__ import annotations

import datetime
from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred, fail, maybeDeferred, succeed
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..discovery import ConnectionResolver, CredentialResolver
from ..errors import ApplicationException, InvalidStateException
from ..lifecycle import ICleanable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._capabilities import MessagingCapabilities
from ._envelope import MessageEnvelope
from ._interfaces import IMessageQueue, IMessageReceiver
from ._listener import Listener


@implementer(IMessageQueue, IConfigurable, IReferenceable, ICleanable)
class MessageQueue(ReactorAware):
    """
    The base of the queues. Configured with C{name} (the queue's name; a
    broker queue defaults to the name in its URI), C{connection.*} and
    C{credential.*} (see the backend), C{options.*}. Logs through the loggers
    and counts C{queue.<name>.sent_messages}, C{received_messages} and
    C{dead_messages} in the counters it finds in its references. A subclass
    implements the C{_open}, C{_close}, C{_send}, C{_receive}... it supports
    and declares them in C{capabilities}.
    """

    capabilities = MessagingCapabilities()
    #: How long a listening loop waits in one receive before it asks again (ms).
    listen_wait_ms = 1000
    #: True where a listener waits for the next message in C{_inbox} (what L{_wait_in_inbox} does),
    #: which it then does with a callback instead of a Deferred per message.
    _listens_in_inbox = False

    def __init__(self, name: Optional[str] = None) -> None:
        self._name = name
        self._config = ConfigParams()
        self.logger = CompositeLogger(component=type(self).__name__)
        self.counters = CompositeCounters()
        self._connection_resolver = ConnectionResolver()
        self._credential_resolver = CredentialResolver()
        self._opened = False
        self._listener: Optional[Listener] = None

    # -- configuration -----------------------------------------------------------

    def configure(self, config: ConfigParams) -> None:
        self._config = config
        self._name = config.get_as_nullable_string("name") or self._name
        self._connection_resolver.configure(config)
        self._credential_resolver.configure(config)

    def set_references(self, references: IReferences) -> None:
        self.logger.set_references(references)
        self.counters.set_references(references)
        self._connection_resolver.set_references(references)
        self._credential_resolver.set_references(references)

    @property
    def config(self) -> ConfigParams:
        return self._config

    def get_name(self) -> str:
        return self._name or "undefined"

    def get_capabilities(self) -> MessagingCapabilities:
        return self.capabilities

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.get_name()}>"

    # -- lifecycle -----------------------------------------------------------------

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._opened:
            return succeed(None)
        return ensureDeferred(self._open_resolved(correlation_id))

    async def _open_resolved(self, correlation_id: Optional[str]) -> None:
        connection = await self._connection_resolver.resolve(correlation_id)
        credential = await self._credential_resolver.resolve(correlation_id)
        await maybeDeferred(self._open, correlation_id, connection, credential)
        self._opened = True
        self.logger.debug(correlation_id, "Opened queue %s", self.get_name())

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        if not self._opened:
            return succeed(None)

        async def closing() -> None:
            await self.end_listen(correlation_id)  # the message in hand is settled while still open
            self._opened = False
            await maybeDeferred(self._close, correlation_id)
            self.logger.debug(correlation_id, "Closed queue %s", self.get_name())

        return ensureDeferred(closing())

    def _check_open(self, correlation_id: Optional[str]) -> Optional[Failure]:
        if self._opened:
            return None
        return Failure(InvalidStateException(
            correlation_id, "NOT_OPENED", f"Queue {self.get_name()} is not open"
        ).with_details("queue", self.get_name()))

    def _call(self, capability: Optional[str], correlation_id: Optional[str], method: Any, *args: Any) -> Deferred[Any]:
        """Runs C{method(*args)} when the queue is open and has C{capability}, as a Deferred."""
        not_open = self._check_open(correlation_id)
        if not_open is not None:
            return fail(not_open)
        if capability is not None and not self.capabilities.supports(capability):
            from ._capabilities import unsupported

            return fail(unsupported(capability, self.get_name(), correlation_id))
        return maybeDeferred(method, *args)

    # -- the operations --------------------------------------------------------------

    def send(self, correlation_id: Optional[str], envelope: MessageEnvelope) -> Deferred[None]:
        if not self._opened or not self.capabilities.can_send:
            return self._call("send", correlation_id, lambda: None)
        if envelope.sent_time is None:
            envelope.sent_time = datetime.datetime.now(datetime.timezone.utc)
        if envelope.correlation_id is None:
            envelope.correlation_id = correlation_id
        try:
            d = self._send(correlation_id, envelope)
        except Exception as e:
            return fail(e)
        if not isinstance(d, Deferred):
            d = succeed(None)
        return d.addCallback(self._sent, envelope)

    def send_to(self, correlation_id: Optional[str], destination: str, envelope: MessageEnvelope) -> Deferred[None]:
        """
        Sends C{envelope} to another queue of the same broker, by name (where
        replies go, see L{create_reply_queue}).
        """
        if envelope.sent_time is None:
            envelope.sent_time = datetime.datetime.now(datetime.timezone.utc)
        return self._call("send", correlation_id, self._send_to, correlation_id, destination, envelope)

    def create_reply_queue(self) -> MessageQueue:
        """
        A new queue (configured, not open) on the same broker, for the replies
        of one client only: short-lived, not persisted, receiving from its open.
        """
        from ._capabilities import unsupported

        raise unsupported("reply_queue", self.get_name())

    def _reply_config(self, name: str, **options: str) -> ConfigParams:
        """This queue's connection and credentials with another name and C{options}."""
        kept = {key: value for key, value in self._config.items()
                if key.startswith(("connection.", "connections.", "credential.", "credentials."))
                or key in ("options.connect_timeout", "options.reconnect_delay", "options.max_reconnect_delay")}
        kept["name"] = name
        kept.update({f"options.{key}": value for key, value in options.items()})
        return ConfigParams(kept)

    def _sent(self, _: Any, envelope: MessageEnvelope) -> None:
        self.counters.increment_one(f"queue.{self._name}.sent_messages")
        self.logger.trace(envelope.correlation_id, "Sent message %s via %s", envelope, self._name)

    def send_as_object(self, correlation_id: Optional[str], message_type: str, value: Any) -> Deferred[None]:
        try:
            envelope = MessageEnvelope(correlation_id, message_type)
            envelope.set_message_as_json(value)
        except ApplicationException as e:
            return fail(e)
        return self.send(correlation_id, envelope)

    def receive(self, correlation_id: Optional[str], wait_timeout: int) -> Deferred[Optional[MessageEnvelope]]:
        d = self._call("receive", correlation_id, self._receive, correlation_id, max(0, int(wait_timeout or 0)))
        return d.addCallback(self._received)

    def _received(self, envelope: Optional[MessageEnvelope]) -> Optional[MessageEnvelope]:
        if envelope is not None:
            self.counters.increment_one(f"queue.{self._name}.received_messages")
            self.logger.trace(envelope.correlation_id, "Received message %s on %s", envelope, self._name)
        return envelope

    def peek(self, correlation_id: Optional[str]) -> Deferred[Optional[MessageEnvelope]]:
        d = self._call("peek", correlation_id, self._peek_batch, correlation_id, 1)
        return d.addCallback(lambda found: found[0] if found else None)

    def peek_batch(self, correlation_id: Optional[str], message_count: int) -> Deferred[list[MessageEnvelope]]:
        return self._call("peek_batch", correlation_id, self._peek_batch, correlation_id, max(0, int(message_count)))

    def read_message_count(self) -> Deferred[int]:
        return self._call("message_count", None, self._read_message_count)

    def renew_lock(self, envelope: MessageEnvelope, lock_timeout: int) -> Deferred[None]:
        return self._call("renew_lock", envelope.correlation_id, self._renew_lock, envelope, int(lock_timeout))

    def complete(self, envelope: MessageEnvelope) -> Deferred[None]:
        if envelope.reference is None:
            return succeed(None)
        if not self._opened:
            return self._call(None, envelope.correlation_id, lambda: None)
        try:
            d = self._complete(envelope)
        except Exception as e:
            return fail(e)
        return d if isinstance(d, Deferred) else succeed(None)

    def abandon(self, envelope: MessageEnvelope) -> Deferred[None]:
        if envelope.reference is None and self.capabilities.can_abandon:
            return succeed(None)
        return self._call("abandon", envelope.correlation_id, self._abandon, envelope)

    def move_to_dead_letter(self, envelope: MessageEnvelope) -> Deferred[None]:
        if envelope.reference is None and self.capabilities.can_dead_letter:
            return succeed(None)
        d = self._call("dead_letter", envelope.correlation_id, self._move_to_dead_letter, envelope)

        def moved(_: Any) -> None:
            self.counters.increment_one(f"queue.{self.get_name()}.dead_messages")

        return d.addCallback(moved)

    def clear(self, correlation_id: Optional[str]) -> Deferred[None]:
        return self._call("clear", correlation_id, self._clear, correlation_id)

    # -- listening -----------------------------------------------------------------

    def listen(self, correlation_id: Optional[str], receiver: IMessageReceiver) -> Deferred[None]:
        not_open = self._check_open(correlation_id)
        if not_open is not None:
            return fail(not_open)
        if self._listener is not None and self._listener.running:
            return fail(InvalidStateException(
                correlation_id, "ALREADY_LISTENING", f"Queue {self.get_name()} is already listening"
            ))
        self._listener = Listener(self, receiver, self.logger)
        return self._listener.start(correlation_id)

    def end_listen(self, correlation_id: Optional[str]) -> Deferred[None]:
        listener, self._listener = self._listener, None
        if listener is None:
            return succeed(None)
        return listener.stop()

    def _next_for_listener(self, correlation_id: Optional[str]) -> Deferred[Optional[MessageEnvelope]]:
        """What a listening loop waits on when L{_poll_for_listener} has nothing."""
        return self.receive(correlation_id, self.listen_wait_ms)

    def _complete_for_listener(self, envelope: MessageEnvelope) -> Optional[Deferred[None]]:
        """
        How a listener completes what its receiver did not finish: as
        L{complete}, but None when it is done at once (no Deferred to wait on).
        """
        if envelope.reference is None or not self._opened:
            return self.complete(envelope)
        try:
            d = self._complete(envelope)
        except Exception as e:
            return fail(e)
        return d if isinstance(d, Deferred) else None

    def _wait_in_inbox(self, correlation_id: Optional[str]) -> Deferred[Optional[MessageEnvelope]]:
        """
        For backends whose broker pushes messages into C{_inbox}: the
        listener waits there with no timer, as long as it takes (it is
        cancelled when listening stops); a message in hand when the
        connection goes is redelivered by the broker.
        """
        return self._listener_inbox().take(None).addCallback(self._received)

    def _poll_for_listener(self) -> Optional[MessageEnvelope]:
        """A message already here, taken without waiting (and without a Deferred), or None."""
        inbox = self._listener_inbox()
        if inbox is None or not len(inbox):
            return None
        return self._received(inbox.take_now())

    def _listener_inbox(self) -> Any:
        """The Inbox of messages that arrived for this queue, for backends that keep one."""
        return getattr(self, "_inbox", None)

    # -- what backends implement ------------------------------------------------------

    def _start_receiving(self, correlation_id: Optional[str]) -> Any:
        """Called before listening starts (subscribe, consume...); fires once messages can come."""
        return None

    def _open(self, correlation_id: Optional[str], connection: Any, credential: Any) -> Any:
        return None

    def _close(self, correlation_id: Optional[str]) -> Any:
        return None

    def _send(self, correlation_id: Optional[str], envelope: MessageEnvelope) -> Any:
        raise NotImplementedError

    def _receive(self, correlation_id: Optional[str], wait_ms: int) -> Any:
        raise NotImplementedError

    def _send_to(self, correlation_id: Optional[str], destination: str, envelope: MessageEnvelope) -> Any:
        raise NotImplementedError

    def _peek_batch(self, correlation_id: Optional[str], count: int) -> Any:
        raise NotImplementedError

    def _read_message_count(self) -> Any:
        raise NotImplementedError

    def _renew_lock(self, envelope: MessageEnvelope, lock_timeout_ms: int) -> Any:
        raise NotImplementedError

    def _complete(self, envelope: MessageEnvelope) -> Any:
        envelope.reference = None

    def _abandon(self, envelope: MessageEnvelope) -> Any:
        raise NotImplementedError

    def _move_to_dead_letter(self, envelope: MessageEnvelope) -> Any:
        raise NotImplementedError

    def _clear(self, correlation_id: Optional[str]) -> Any:
        raise NotImplementedError
