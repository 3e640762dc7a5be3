# -*- test-case-name: tests.messaging.test_commands_over_queues -*-
"""CommandableQueueService: a controller's commands served from a queue, replies on the caller's queue."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred
from zope.interface import implementer

from ..commands import ICommandable
from ..config import ConfigParams, IConfigurable
from ..errors import BadRequestException, ErrorDescription, ReferenceException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import DependencyResolver, IReferenceable, IReferences
from ._envelope import MessageEnvelope
from ._interfaces import IMessageQueue, IMessageReceiver
from ._queue_for_uri import QueueHolder

#: The message types of replies.
RESULT_TYPE = "result"
ERROR_TYPE = "error"


def reply_for(request: MessageEnvelope, result: Any = None, error: Optional[BaseException] = None,
              include_stack_trace: bool = False) -> MessageEnvelope:
    """
    The reply to C{request}: its C{message_id} and correlation id, type
    C{result} with the result's JSON, or C{error} with the error's wire
    description (the same one REST sends).
    """
    reply = MessageEnvelope(request.correlation_id, RESULT_TYPE if error is None else ERROR_TYPE,
                            message_id=request.message_id)
    if error is None:
        reply.set_message_as_json(result)
    else:
        description = ErrorDescription.from_error(error, include_stack_trace)
        description.correlation_id = description.correlation_id or request.correlation_id
        reply.set_message_as_json(description.to_json())
    return reply


@implementer(IMessageReceiver, IConfigurable, IReferenceable, IOpenable)
class CommandableQueueService(ReactorAware):
    """
    Serves the command set of C{dependencies.controller} (an ICommandable)
    from a request queue: C{connection.uri} (any queue URI, see
    L{QueueEventPublisher}) or C{dependencies.queue}. A request is an
    envelope whose type is the command's name and whose payload is the JSON
    object of its arguments; when it has a C{reply_to}, the reply goes there
    with the request's C{message_id}: type C{result} and the result's JSON,
    or type C{error} and the error as REST describes it (class, category,
    code, status, details, correlation id; the stack trace with
    C{options.debug}). Requests without C{reply_to} are one-way. Requests are
    served one at a time, in order.
    """

    def __init__(self) -> None:
        self._holder = QueueHolder()
        self._dependencies = DependencyResolver()
        self.logger = CompositeLogger(component=type(self).__name__)
        self._controller: Any = None
        self.debug = False
        self._opened = False

    def configure(self, config: ConfigParams) -> None:
        self._holder.configure(config)
        self._dependencies.configure(config)
        self.debug = config.get_as_boolean_with_default("options.debug", self.debug)

    def set_references(self, references: IReferences) -> None:
        self.logger.set_references(references)
        self._holder.set_references(references)
        self._dependencies.set_references(references)
        self._controller = self._dependencies.get_one_required("controller")
        if not ICommandable.providedBy(self._controller) and not hasattr(self._controller, "get_command_set"):
            raise ReferenceException(None, "controller (an ICommandable)")

    @property
    def queue(self) -> IMessageQueue:
        return self._holder.require()

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
        name = envelope.message_type or ""
        correlation_id = envelope.correlation_id
        try:
            args = envelope.get_message_as_json()
            if args is not None and not isinstance(args, dict):
                raise BadRequestException(correlation_id, "INVALID_ARGS",
                                          f"The arguments of {name} are not a JSON object")
            result = await self._controller.get_command_set().execute(correlation_id, name, args)
            reply = reply_for(envelope, result)
        except Exception as e:
            reply = reply_for(envelope, error=e, include_stack_trace=self.debug)
            if reply.message_type == ERROR_TYPE and not envelope.reply_to:
                self.logger.error(correlation_id, e, "One-way command %s failed", name)
        if envelope.reply_to:
            try:
                await queue.send_to(correlation_id, envelope.reply_to, reply)  # type: ignore[attr-defined]
            except Exception as e:
                self.logger.warn(correlation_id, "Could not reply to %s on %s: %s", name, envelope.reply_to, e)
