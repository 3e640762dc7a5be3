# -*- test-case-name: tests.counters.test_timing -*-
"""CounterTiming: a started measurement that records its duration once it ends."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Callable, Optional

from twisted.internet.interfaces import IReactorTime

from ._interfaces import ITimingCallback

Seconds = Callable[[], float]


def seconds_of(clock: Optional[IReactorTime]) -> Seconds:
    """
    The function timings read: the given reactor's C{seconds} (deterministic
    under C{task.Clock}), else the monotonic C{time.perf_counter}.
    """
    return clock.seconds if clock is not None else time.perf_counter


class CounterTiming:
    """
    Returned by C{begin_timing}; C{end_timing()} reports the elapsed
    milliseconds to its callback, once (later calls do nothing). Also a
    context manager: C{with counters.begin_timing("a.b.exec_time"): ...}.
    """

    __slots__ = ("name", "_callback", "_seconds", "_start")

    def __init__(self, name: str, callback: Optional[ITimingCallback], seconds: Seconds = time.perf_counter) -> None:
        self.name = name
        self._callback = callback
        self._seconds = seconds
        self._start = seconds()

    def end_timing(self) -> None:
        callback = self._callback
        if callback is not None:
            self._callback = None
            callback.end_timing(self.name, (self._seconds() - self._start) * 1000.0)

    def __enter__(self) -> CounterTiming:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.end_timing()


NULL_TIMING = CounterTiming("", None)
"""A timing that records nothing; shared, since ending it changes nothing."""
