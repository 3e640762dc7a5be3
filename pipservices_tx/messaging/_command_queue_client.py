# -*- test-case-name: tests.messaging.test_commands_over_queues -*-
"""CommandableQueueClient: calls commands over a queue and waits for the reply on a queue of its own."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, TimeoutError, ensureDeferred, fail, succeed
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import (
    ApplicationException,
    ConnectionException,
    ErrorDescription,
    InvalidStateException,
    error_from_description,
)
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._command_queue_service import ERROR_TYPE
from ._envelope import MessageEnvelope
from ._interfaces import IMessageQueue, IMessageReceiver
from ._message_queue import MessageQueue
from ._queue_for_uri import QueueHolder

DEFAULT_TIMEOUT_MS = 10000


@implementer(IMessageReceiver, IConfigurable, IReferenceable, IOpenable)
class CommandableQueueClient(ReactorAware):
    """
    Calls the commands of a L{CommandableQueueService} through its request
    queue (C{connection.uri} or C{dependencies.queue}): on open it makes a
    reply queue of its own on the same broker and listens on it.
    L{call_command} sends the arguments with a C{reply_to} and the
    correlation id and fires with the result, or fails with the exception the
    command raised, rebuilt from its description (same class, code, status,
    details and correlation id, as over REST). No reply within
    C{options.timeout} ms (10000) is a ConnectionException C{NO_RESPONSE}.
    """

    def __init__(self) -> None:
        self._holder = QueueHolder()
        self.logger = CompositeLogger(component=type(self).__name__)
        self.timeout_ms = DEFAULT_TIMEOUT_MS
        self._replies: Optional[MessageQueue] = None
        self._pending: dict[str, Deferred[Any]] = {}

    def configure(self, config: ConfigParams) -> None:
        self._holder.configure(config)
        timeout = config.get_as_integer_with_default("options.timeout", self.timeout_ms)
        self.timeout_ms = timeout if timeout > 0 else DEFAULT_TIMEOUT_MS

    def set_references(self, references: IReferences) -> None:
        self.logger.set_references(references)
        self._holder.set_references(references)
        self._references = references

    def is_open(self) -> bool:
        return self._replies is not None

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._replies is not None:
            return succeed(None)

        async def opening() -> None:
            await self._holder.open(correlation_id, self.reactor)
            requests = self._holder.require()
            replies = requests.create_reply_queue()
            replies.set_reactor(self.reactor)
            replies.set_references(self._references)
            await replies.open(correlation_id)
            try:
                await replies.listen(correlation_id, self)
            except Exception:
                await replies.close(correlation_id)
                raise
            self._replies = replies

        return ensureDeferred(opening())

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        async def closing() -> None:
            replies, self._replies = self._replies, None
            pending, self._pending = self._pending, {}
            for d in pending.values():
                if not d.called:
                    d.errback(InvalidStateException(correlation_id, "CLOSED", "The client was closed"))
            if replies is not None:
                await replies.close(correlation_id)
            await self._holder.close(correlation_id)

        return ensureDeferred(closing())

    def call_command(self, name: str, correlation_id: Optional[str], args: Optional[dict[str, Any]]) -> Deferred[Any]:
        """Runs command C{name} remotely with C{args}; fires with its result."""
        if self._replies is None:
            return fail(InvalidStateException(correlation_id, "NOT_OPENED", "The client is not open"))
        try:
            request = MessageEnvelope(correlation_id, name, reply_to=self._replies.get_name())
            request.set_message_as_json(args or {})
        except ApplicationException as e:
            return fail(e)
        d: Deferred[Any] = Deferred()
        self._pending[request.message_id] = d
        d.addTimeout(self.timeout_ms / 1000.0, self.reactor)

        def settled(result: Any) -> Any:
            self._pending.pop(request.message_id, None)
            if isinstance(result, Failure) and result.check(TimeoutError):
                return Failure(ConnectionException(
                    correlation_id, "NO_RESPONSE", f"No reply to {name} within {self.timeout_ms} ms"
                ).with_details("command", name))
            return result

        d.addBoth(settled)

        def not_sent(failure: Failure) -> None:
            if not d.called:
                d.errback(failure)

        self._holder.require().send(correlation_id, request).addErrback(not_sent)
        return d

    def receive_message(self, envelope: MessageEnvelope, queue: IMessageQueue) -> None:
        d = self._pending.pop(envelope.message_id, None)
        if d is None or d.called:
            return  # a late reply: its caller has given up
        try:
            value = envelope.get_message_as_json()
        except ApplicationException as e:
            d.errback(e)
            return
        if envelope.message_type == ERROR_TYPE:
            d.errback(error_from_description(ErrorDescription.from_json(value)))
        else:
            d.callback(value)
