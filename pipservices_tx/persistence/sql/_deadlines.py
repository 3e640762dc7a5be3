# -*- test-case-name: tests.persistence_sql.test_deadlines -*-
"""CallDeadlines: one timer bounding every call in flight, instead of a timer per call."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet.defer import CancelledError, Deferred
from twisted.internet.interfaces import IDelayedCall, IReactorTime
from twisted.python.failure import Failure

_EXPIRED = -1.0


class CallDeadlines:
    """
    Cancels each watched Deferred that has not fired C{limit} seconds after it
    was watched, and turns its C{CancelledError} into C{expired(limit, context)}
    (the C{context} it was watched with: a correlation id, say).
    Every call gets the same limit, so calls expire in the order they
    started: one delayed call, for the oldest call in flight, bounds them
    all, and a call costs a dict insert and delete instead of scheduling and
    cancelling a timer of its own (L{Deferred.addTimeout}).
    """

    def __init__(self, reactor: IReactorTime, limit: float, expired: Callable[[float, Any], Failure]) -> None:
        self._reactor = reactor
        self.limit = limit
        self._expired = expired
        # deferred: (deadline, context), in the order watched: the oldest first
        self._deadlines: dict[Deferred[Any], tuple[float, Any]] = {}
        self._timer: Optional[IDelayedCall] = None

    def __len__(self) -> int:
        return len(self._deadlines)

    def watch(self, deferred: Deferred[Any], context: Any = None) -> Deferred[Any]:
        """Bounds C{deferred}; call it after adding the callbacks the bound covers."""
        self._deadlines[deferred] = (self._reactor.seconds() + self.limit, context)
        if self._timer is None:
            self._timer = self._reactor.callLater(self.limit, self._expire)
        return deferred.addBoth(self._release, deferred)

    def _release(self, result: Any, deferred: Deferred[Any]) -> Any:
        deadline, context = self._deadlines.pop(deferred, (0.0, None))
        if not self._deadlines:
            self.stop()  # nothing in flight: no timer left behind
        if deadline == _EXPIRED and isinstance(result, Failure) and result.check(CancelledError):
            return self._expired(self.limit, context)
        return result

    def _expire(self) -> None:
        self._timer = None
        now = self._reactor.seconds()
        due = []
        for deferred, (deadline, context) in self._deadlines.items():
            if deadline > now:
                self._timer = self._reactor.callLater(deadline - now, self._expire)
                break
            if deadline != _EXPIRED:
                due.append((deferred, context))
        for deferred, context in due:
            self._deadlines[deferred] = (_EXPIRED, context)
            deferred.cancel()

    def stop(self) -> None:
        """Stops the timer; the calls still in flight are no longer bounded."""
        timer, self._timer = self._timer, None
        if timer is not None and timer.active():
            timer.cancel()
        self._deadlines.clear()
