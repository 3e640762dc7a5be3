# -*- test-case-name: tests.messaging.test_memory_queue -*-
"""Listener: hands a queue's messages to a receiver, one at a time, until stopped."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Callable, Optional

from twisted.internet.defer import CancelledError, Deferred, ensureDeferred, maybeDeferred, succeed
from twisted.python.failure import Failure

from ..errors import ConnectionException
from ..logs import CompositeLogger

if TYPE_CHECKING:
    from ._envelope import MessageEnvelope
    from ._message_queue import MessageQueue

#: Pause after a failed receive (the broker is away), doubled up to the maximum (seconds).
RETRY_DELAY = 0.05
MAX_RETRY_DELAY = 1.0


def _now_or_later(d: Deferred[Any], later: Callable[[Any], None]) -> tuple[bool, Any]:
    """
    (True, result) when C{d} has already fired, else (False, None) and
    C{later(result)} is called when it fires. What lets the listener run
    through messages that are already here without a reactor turn each.
    """
    if not d.called:
        d.addBoth(later)
        return False, None
    if not d.paused and not isinstance(d.result, (Deferred, Failure)):
        return True, d.result  # a value already there: taken without a callback
    box: list[Any] = []
    waiting = [False]

    def fired(result: Any) -> None:
        if waiting[0]:
            later(result)
        else:
            box.append(result)

    d.addBoth(fired)
    if box:
        return True, box[0]
    waiting[0] = True
    return False, None


class Listener:
    """
    Takes the messages that are already there synchronously and waits for
    the next one with a Deferred; awaits the receiver only when it returns a
    Deferred or coroutine. A message the receiver did not finish is
    completed; one whose receiver failed is abandoned (where the queue can)
    so it comes again. While the broker is away it waits and asks again.
    """

    def __init__(self, queue: MessageQueue, receiver: Any, logger: CompositeLogger) -> None:
        self.queue = queue
        self.receiver = receiver
        self.logger = logger
        self.running = False
        self.correlation_id: Optional[str] = None
        self._pending: Optional[Deferred[Any]] = None
        self._cancel_wait: Optional[Callable[[], None]] = None
        self._busy = False
        self._in_receiver = False
        self._pumping = False
        self._idle: list[Deferred[None]] = []
        self._delay = RETRY_DELAY

    def start(self, correlation_id: Optional[str]) -> Deferred[None]:
        self.running = True
        self.correlation_id = correlation_id
        started = maybeDeferred(self.queue._start_receiving, correlation_id)

        def run(_: Any) -> None:
            self.queue.reactor.callLater(0, self._pump)

        def failed(failure: Failure) -> Failure:
            self.running = False
            return failure

        return started.addCallbacks(run, failed)

    def stop(self) -> Deferred[None]:
        """Stops asking; fires once the message in hand is done (at once from inside the receiver)."""
        self.running = False
        pending, self._pending = self._pending, None
        if pending is not None and not pending.called:
            pending.cancel()
        cancel_wait, self._cancel_wait = self._cancel_wait, None
        if cancel_wait is not None:
            cancel_wait()
        if not self._busy or self._in_receiver:
            return succeed(None)
        idle: Deferred[None] = Deferred()
        self._idle.append(idle)
        return idle

    def _set_idle(self) -> None:
        self._busy = False
        waiting, self._idle = self._idle, []
        for d in waiting:
            d.callback(None)

    # -- the loop ---------------------------------------------------------------------

    def _pump(self) -> None:
        if self._pumping:
            return
        self._pumping = True
        try:
            while self.running and not self._busy:
                envelope = self.queue._poll_for_listener()
                if envelope is None:
                    inbox = self.queue._listener_inbox() if self.queue._listens_in_inbox else None
                    if inbox is not None:  # wait there with a callback: no Deferred per message
                        self._cancel_wait = inbox.wait(self._arrived_in_inbox)
                        return
                    d = self.queue._next_for_listener(self.correlation_id)
                    now, result = _now_or_later(d, self._arrived)
                    if not now:
                        self._pending = d
                        return
                    if not self._take(result):
                        return
                    continue
                self._handle(envelope)
        finally:
            self._pumping = False

    def _arrived_in_inbox(self, envelope: Optional[MessageEnvelope]) -> None:
        self._cancel_wait = None
        self._arrived(self.queue._received(envelope))

    def _arrived(self, result: Any) -> None:
        self._pending = None
        if self._take(result):
            self._pump()

    def _take(self, result: Any) -> bool:
        """Handles what a wait gave; True when the loop may go on at once."""
        if isinstance(result, Failure):
            if result.check(CancelledError) or not self.running:
                return False
            if not result.check(ConnectionException):
                self.logger.error(self.correlation_id, result.value, "Listening on %s failed", self.queue.get_name())
            self.queue.reactor.callLater(self._delay, self._pump)
            self._delay = min(self._delay * 2, MAX_RETRY_DELAY)
            return False
        self._delay = RETRY_DELAY
        if result is not None and self.running:
            self._handle(result)
        return True

    def _handle(self, envelope: MessageEnvelope) -> None:
        self._busy = True
        self._in_receiver = True
        try:
            outcome = self.receiver.receive_message(envelope, self.queue)
            if outcome is not None and inspect.iscoroutine(outcome):
                outcome = ensureDeferred(outcome)
        except Exception as e:
            outcome = Failure(e)
        finally:
            self._in_receiver = False
        if isinstance(outcome, Deferred):
            now, result = _now_or_later(outcome, lambda result: self._received(envelope, result, resume=True))
            if not now:
                return
            outcome = result
        self._received(envelope, outcome, resume=False)

    def _received(self, envelope: MessageEnvelope, outcome: Any, resume: bool) -> None:
        if isinstance(outcome, Failure):
            self.logger.error(envelope.correlation_id, outcome.value, "Receiver failed on message %s of %s",
                              envelope.message_id, self.queue.get_name())
            settling = self.queue.abandon(envelope) if envelope.reference is not None \
                and self.queue.capabilities.can_abandon else None
        else:
            settling = self.queue._complete_for_listener(envelope) if envelope.reference is not None else None
        if settling is not None:
            now, result = _now_or_later(settling, lambda result: self._settled(envelope, result, resume=True))
            if not now:
                return
            self._settled(envelope, result, resume)
        else:
            self._settled(envelope, None, resume)

    def _settled(self, envelope: MessageEnvelope, result: Any, resume: bool) -> None:
        if isinstance(result, Failure):
            self.logger.warn(envelope.correlation_id, "Could not settle message %s of %s: %s",
                             envelope.message_id, self.queue.get_name(), result.getErrorMessage())
        self._set_idle()
        if resume:
            self._pump()
