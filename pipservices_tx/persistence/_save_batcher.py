# -*- test-case-name: tests.persistence.test_save_batcher -*-
"""SaveBatcher: one save at a time; the writes made meanwhile share the next one."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, maybeDeferred, succeed
from twisted.python.failure import Failure


class SaveBatcher:
    """
    Calls C{save(correlation_id)} for a request when none is running; requests
    made while one runs wait for a single following save, which sees all their
    changes. A burst of writes therefore costs at most two saves.
    """

    def __init__(self, save: Callable[[Optional[str]], Any]) -> None:
        self._save = save
        self._running = False
        self._next: Optional[list[Deferred[None]]] = None
        self._next_correlation_id: Optional[str] = None
        self._idle: list[Deferred[None]] = []
        self.save_count = 0

    def request(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Fires once a save that started after this call has finished."""
        waiter: Deferred[None] = Deferred()
        if not self._running:
            self._start(correlation_id, [waiter])
        else:
            if self._next is None:
                self._next = []
                self._next_correlation_id = correlation_id
            self._next.append(waiter)
        return waiter

    def flush(self) -> Deferred[None]:
        """Fires when no save runs or waits (failures are reported to the writers, not here)."""
        if not self._running:
            return succeed(None)
        waiter: Deferred[None] = Deferred()
        self._idle.append(waiter)
        return waiter

    def _start(self, correlation_id: Optional[str], waiters: list[Deferred[None]]) -> None:
        self._running = True
        self.save_count += 1
        maybeDeferred(self._save, correlation_id).addBoth(self._finished, waiters)

    def _finished(self, result: Any, waiters: list[Deferred[None]]) -> None:
        self._running = False
        following, self._next = self._next, None
        if following:
            self._start(self._next_correlation_id, following)
        for waiter in waiters:
            if isinstance(result, Failure):
                waiter.errback(result)
            else:
                waiter.callback(None)
        if not self._running:
            idle, self._idle = self._idle, []
            for waiter in idle:
                waiter.callback(None)
