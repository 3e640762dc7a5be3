# -*- test-case-name: tests.counters.test_composite_counters -*-
"""CompositeCounters: what a component holds to measure into every configured counters."""

from __future__ import annotations

import datetime
from typing import Optional

from twisted.internet.interfaces import IReactorTime
from zope.interface import implementer

from ..lifecycle import ReactorAware
from ..refer import Descriptor, IReferenceable, IReferences
from ._interfaces import ICounters, ITimingCallback
from ._null_counters import NullCounters
from ._timing import NULL_TIMING, CounterTiming, seconds_of

COUNTERS_LOCATOR = Descriptor(None, "counters", None, None, None)


@implementer(ITimingCallback)
class _TimingFanout:
    """Ends one timing on counters that take elapsed times and on those that time themselves."""

    __slots__ = ("_callbacks", "_timings")

    def __init__(self, callbacks: list[ITimingCallback], timings: list[CounterTiming]) -> None:
        self._callbacks = callbacks
        self._timings = timings

    def end_timing(self, name: str, elapsed: float) -> None:
        for callback in self._callbacks:
            callback.end_timing(name, elapsed)
        for timing in self._timings:
            timing.end_timing()


@implementer(ICounters, ITimingCallback, IReferenceable)
class CompositeCounters(ReactorAware):
    """
    Forwards every measurement to the counters found in references
    (C{*:counters:*:*:*}), skipping itself and other composites, which would
    forward back, and null counters, which would only cost time. A timing is
    measured once and ended on all of them.
    """

    def __init__(self, references: Optional[IReferences] = None) -> None:
        self._seconds = seconds_of(None)
        self._counters: list[ICounters] = []
        self._callbacks: list[ITimingCallback] = []
        self._self_timed: list[ICounters] = []
        if references is not None:
            self.set_references(references)

    def set_reactor(self, reactor: IReactorTime) -> None:
        """Timings follow C{reactor.seconds()} from now on (until then, C{time.perf_counter})."""
        super().set_reactor(reactor)
        self._seconds = seconds_of(reactor)

    def set_references(self, references: IReferences) -> None:
        self._counters = []
        for counters in references.get_optional(COUNTERS_LOCATOR):
            if ICounters.providedBy(counters) and not isinstance(counters, (CompositeCounters, NullCounters)):
                self._counters.append(counters)
        self._sort()

    def add_counters(self, counters: ICounters) -> None:
        if counters is not self and not isinstance(counters, NullCounters):
            self._counters.append(counters)
            self._sort()

    def _sort(self) -> None:
        self._callbacks = [c for c in self._counters if ITimingCallback.providedBy(c)]
        self._self_timed = [c for c in self._counters if not ITimingCallback.providedBy(c)]

    def begin_timing(self, name: str) -> CounterTiming:
        if self._self_timed:
            fanout = _TimingFanout(self._callbacks, [c.begin_timing(name) for c in self._self_timed])
            return CounterTiming(name, fanout, self._seconds)
        if len(self._callbacks) == 1:
            return CounterTiming(name, self._callbacks[0], self._seconds)  # the usual single sink, directly
        if self._callbacks:
            return CounterTiming(name, self, self._seconds)
        return NULL_TIMING

    def end_timing(self, name: str, elapsed: float) -> None:
        for callback in self._callbacks:
            callback.end_timing(name, elapsed)

    def stats(self, name: str, value: float) -> None:
        for counters in self._counters:
            counters.stats(name, value)

    def last(self, name: str, value: float) -> None:
        for counters in self._counters:
            counters.last(name, value)

    def timestamp_now(self, name: str) -> None:
        for counters in self._counters:
            counters.timestamp_now(name)

    def timestamp(self, name: str, value: datetime.datetime) -> None:
        for counters in self._counters:
            counters.timestamp(name, value)

    def increment_one(self, name: str) -> None:
        for counters in self._counters:
            counters.increment_one(name)

    def increment(self, name: str, value: int) -> None:
        for counters in self._counters:
            counters.increment(name, value)
