# -*- test-case-name: tests.messaging.test_memory_queue -*-
"""Listener: the loop that hands a queue's messages to a receiver, one at a time, until stopped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from twisted.internet import task
from twisted.internet.defer import CancelledError, Deferred, ensureDeferred, maybeDeferred, succeed

from ..errors import ConnectionException
from ..logs import CompositeLogger

if TYPE_CHECKING:
    from ._envelope import MessageEnvelope
    from ._message_queue import MessageQueue

#: Pause after a failed receive (the broker is away), doubled up to the maximum (seconds).
RETRY_DELAY = 0.05
MAX_RETRY_DELAY = 1.0


class Listener:
    """
    Asks the queue for the next message and awaits the receiver before the
    next one. A message the receiver did not finish is completed; one whose
    receiver failed is abandoned (where the queue can) so it comes again.
    While the broker is away the loop waits and asks again.
    """

    def __init__(self, queue: MessageQueue, receiver: Any, logger: CompositeLogger) -> None:
        self.queue = queue
        self.receiver = receiver
        self.logger = logger
        self.running = False
        self._pending: Optional[Deferred[Any]] = None
        self._done: Optional[Deferred[None]] = None
        self._in_receiver = False

    def start(self, correlation_id: Optional[str]) -> Deferred[None]:
        self.running = True
        started = maybeDeferred(self.queue._start_receiving, correlation_id)

        def run(_: Any) -> None:
            if self.running:
                self._done = ensureDeferred(self._loop(correlation_id))

        def failed(failure: Any) -> Any:
            self.running = False
            return failure

        return started.addCallbacks(run, failed)

    def stop(self) -> Deferred[None]:
        """Stops asking; fires once the message in hand is done (at once from inside the receiver)."""
        self.running = False
        if self._pending is not None and not self._pending.called:
            self._pending.cancel()
        if self._done is None or self._in_receiver:
            return succeed(None)
        done: Deferred[None] = Deferred()
        self._done.addBoth(lambda _: done.callback(None))
        return done

    async def _loop(self, correlation_id: Optional[str]) -> None:
        delay = RETRY_DELAY
        while self.running:
            self._pending = self.queue._next_for_listener(correlation_id)
            try:
                envelope = await self._pending
            except CancelledError:
                break
            except Exception as e:
                if not self.running:
                    break
                if not isinstance(e, ConnectionException):
                    self.logger.error(correlation_id, e, "Listening on %s failed", self.queue.get_name())
                await task.deferLater(self.queue.reactor, delay, lambda: None)  # type: ignore[arg-type]
                delay = min(delay * 2, MAX_RETRY_DELAY)
                continue
            finally:
                self._pending = None
            delay = RETRY_DELAY
            if envelope is not None:
                await self._handle(envelope)

    async def _handle(self, envelope: MessageEnvelope) -> None:
        self._in_receiver = True
        try:
            await maybeDeferred(self.receiver.receive_message, envelope, self.queue)
        except Exception as e:
            self.logger.error(envelope.correlation_id, e, "Receiver failed on message %s of %s",
                              envelope.message_id, self.queue.get_name())
            if envelope.reference is not None and self.queue.capabilities.can_abandon:
                await self._settle(self.queue.abandon(envelope), envelope)
            return
        finally:
            self._in_receiver = False
        if envelope.reference is not None:
            await self._settle(self.queue.complete(envelope), envelope)

    async def _settle(self, d: Deferred[None], envelope: MessageEnvelope) -> None:
        try:
            await d
        except Exception as e:
            self.logger.warn(envelope.correlation_id, "Could not settle message %s of %s: %s",
                             envelope.message_id, self.queue.get_name(), e)
