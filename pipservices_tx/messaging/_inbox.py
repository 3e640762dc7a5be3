# -*- test-case-name: tests.messaging.test_inbox -*-
"""Inbox: the messages a queue holds for its receivers, and the receivers waiting for one."""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any, Callable, Generic, Optional, TypeVar, Union

from twisted.internet.defer import Deferred, succeed
from twisted.internet.interfaces import IReactorTime

T = TypeVar("T")


class _Taker(Generic[T]):
    """A waiting taker called back directly, without a Deferred (see L{Inbox.wait})."""

    __slots__ = ("called", "_then")

    def __init__(self, then: Callable[[Optional[T]], None]) -> None:
        self.called = False
        self._then = then

    def callback(self, message: Optional[T]) -> None:
        self.called = True
        self._then(message)


class Inbox(Generic[T]):
    """
    A FIFO of messages and a FIFO of waiting takers. L{put} hands a message to
    the first taker still waiting, else keeps it; L{take} fires at once with a
    kept message, or waits up to a timeout and fires with None. A waiting take
    can be cancelled (C{Deferred.cancel}) without losing a message.
    """

    def __init__(self, clock: IReactorTime) -> None:
        self.clock = clock
        self._messages: deque[T] = deque()
        self._waiting: deque[tuple[Union[Deferred[Optional[T]], _Taker[T]], Any]] = deque()

    def __len__(self) -> int:
        return len(self._messages)

    def put(self, message: T) -> None:
        while self._waiting:
            d, timer = self._waiting.popleft()
            if timer is not None and timer.active():
                timer.cancel()
            if not d.called:
                d.callback(message)
                return
        self._messages.append(message)

    def put_back(self, message: T) -> None:
        """Returns a message to the head of the FIFO (or to a waiting taker)."""
        if self._waiting:
            self.put(message)
        else:
            self._messages.appendleft(message)

    def take_now(self) -> Optional[T]:
        """A kept message, or None."""
        return self._messages.popleft() if self._messages else None

    def take(self, wait_seconds: Optional[float]) -> Deferred[Optional[T]]:
        """The next message, waiting up to C{wait_seconds} (None: until one comes or the take is cancelled)."""
        if self._messages:
            return succeed(self._messages.popleft())
        if wait_seconds is not None and wait_seconds <= 0:
            return succeed(None)
        entry: list[Any] = []

        def cancel(d: Deferred[Optional[T]]) -> None:
            self._forget(entry[0])

        d: Deferred[Optional[T]] = Deferred(cancel)
        timer = None if wait_seconds is None else self.clock.callLater(wait_seconds, self._expire, d)
        entry.append((d, timer))
        self._waiting.append(entry[0])
        return d

    def wait(self, then: Callable[[Optional[T]], None]) -> Callable[[], None]:
        """
        L{take} without a timeout and without a Deferred: C{then(message)}
        is called with the next message (None when the inbox releases its
        takers). Returns what cancels the wait.
        """
        if self._messages:
            then(self._messages.popleft())
            return _nothing
        entry: tuple[_Taker[T], Any] = (_Taker(then), None)
        self._waiting.append(entry)
        return lambda: self._forget(entry)

    def _expire(self, d: Deferred[Optional[T]]) -> None:
        for entry in self._waiting:
            if entry[0] is d:
                self._forget(entry)
                if not d.called:
                    d.callback(None)
                return

    def _forget(self, entry: tuple[Any, Any]) -> None:
        try:
            self._waiting.remove(entry)
        except ValueError:
            return
        timer = entry[1]
        if timer is not None and timer.active():
            timer.cancel()

    def peek(self, count: int) -> list[T]:
        return list(itertools.islice(self._messages, max(0, count)))

    def remove(self, predicate: Any) -> list[T]:
        """Takes out (and returns) every kept message for which C{predicate(message)} is true."""
        removed = [m for m in self._messages if predicate(m)]
        if removed:
            self._messages = deque(m for m in self._messages if not predicate(m))
        return removed

    def clear(self) -> list[T]:
        messages = list(self._messages)
        self._messages.clear()
        return messages

    def release_waiting(self) -> None:
        """Every waiting taker fires with None (the queue closes)."""
        waiting = list(self._waiting)
        self._waiting.clear()
        for d, timer in waiting:
            if timer is not None and timer.active():
                timer.cancel()
            if not d.called:
                d.callback(None)


def _nothing() -> None:
    return None
