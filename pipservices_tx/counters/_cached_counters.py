# -*- test-case-name: tests.counters.test_cached_counters -*-
"""CachedCounters: counters kept in memory and saved on an interval and on close."""

from __future__ import annotations

import copy
import datetime
import socket
from typing import Any, Optional

from twisted.internet.defer import Deferred, maybeDeferred, succeed
from twisted.internet.interfaces import IReactorTime
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ..errors import ApplicationException, InvocationException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import Descriptor, IReferenceable, IReferences
from ._counter import Counter, merge_counters
from ._counter_type import CounterType
from ._interfaces import ICounters, ITimingCallback
from ._timing import CounterTiming, seconds_of

_CONTEXT_INFO = Descriptor("pip-services", "context-info", "*", "*", "1.0")

_INTERVAL = CounterType.INTERVAL
_LAST_VALUE = CounterType.LAST_VALUE
_STATISTICS = CounterType.STATISTICS
_TIMESTAMP = CounterType.TIMESTAMP
_INCREMENT = CounterType.INCREMENT


@implementer(ICounters, ITimingCallback, IReconfigurable, IReferenceable, IOpenable)
class CachedCounters(ReactorAware):
    """
    The base of counters that save in batches. Configured by C{options.interval}
    (ms between saves, default 300000; 0 saves only on C{dump} and close) and
    C{options.reset_timeout} (ms after which every counter starts over; 0
    never). Subclasses implement C{_save(counters)}; it may return a Deferred.

    Measurements are plain calls meant for the reactor thread. Timings,
    timestamps and the save interval follow the component's reactor.
    """

    def __init__(self) -> None:
        self._seconds = seconds_of(None)
        self._cache: dict[str, Counter] = {}
        self._updated = False
        self._last_reset = self._seconds()
        self._loop: Optional[LoopingCall] = None
        self._logger = CompositeLogger()
        self.interval: int = 300000
        self.reset_timeout: int = 0
        self.source: Optional[str] = None
        self.instance: str = socket.gethostname()

    def set_reactor(self, reactor: IReactorTime) -> None:
        """Timings follow C{reactor.seconds()} from now on (until then, C{time.perf_counter})."""
        super().set_reactor(reactor)
        self._seconds = seconds_of(reactor)
        self._last_reset = self._seconds()

    # Configuration and references

    def configure(self, config: ConfigParams) -> None:
        self.interval = config.get_as_checked_timeout(
            "options.interval", config.get_as_checked_timeout("interval", self.interval))
        self.reset_timeout = config.get_as_checked_timeout(
            "options.reset_timeout", config.get_as_checked_timeout("reset_timeout", self.reset_timeout))
        self.source = config.get_as_nullable_string("source") or self.source

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        if self.source is None:
            info = references.get_one_optional(_CONTEXT_INFO)
            if info is not None:
                self.source = getattr(info, "name", None)

    # Lifecycle

    def is_open(self) -> bool:
        return self._loop is not None

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Starts saving every C{interval} ms on the component's reactor."""
        if self._loop is None:
            loop = LoopingCall(self._tick)
            loop.clock = self.reactor
            self._loop = loop
            if self.interval > 0:
                loop.start(self.interval / 1000.0, now=False).addErrback(self._report, None)
        return succeed(None)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Stops the timer and saves what changed since the last save."""
        loop, self._loop = self._loop, None
        if loop is not None and loop.running:
            loop.stop()
        return self.dump().addErrback(self._report, correlation_id)

    def _tick(self) -> Deferred[None]:
        return self.dump().addErrback(self._report, None)

    def _report(self, failure: Failure, correlation_id: Optional[str]) -> None:
        self._logger.error(correlation_id, failure.value, "Failed to save counters")

    # Saving

    def dump(self) -> Deferred[None]:
        """Saves the counters when any changed since the last save; fires when saved."""
        if self.reset_timeout > 0:
            self._reset_if_needed()
        if not self._updated:
            return succeed(None)
        self._updated = False
        return maybeDeferred(self._save, self.get_all()).addCallbacks(lambda _: None, self._save_failed)

    def _save_failed(self, failure: Failure) -> Failure:
        self._updated = True
        error = failure.value
        if not isinstance(error, ApplicationException):
            wrapped = InvocationException(None, "SAVE_FAILED", f"Failed to save counters: {error}")
            wrapped.with_cause(error)
            return Failure(wrapped)
        return failure

    def _save(self, counters: list[Counter]) -> Any:
        """Where a subclass writes the counters; may return a Deferred."""

    # Reading and clearing

    def get_all(self) -> list[Counter]:
        """Copies of every counter, in the order they were first recorded."""
        if self.reset_timeout > 0:
            self._reset_if_needed()
        return [copy.copy(counter) for counter in self._cache.values()]

    def get(self, name: str) -> Optional[Counter]:
        """A copy of the counter C{name}, or None."""
        counter = self._cache.get(name)
        return copy.copy(counter) if counter is not None else None

    def take_all(self) -> list[Counter]:
        """
        The counters measured since the last C{take_all}, which starts a new
        period: what counters that ship each period elsewhere send (C{HttpCounters}).
        """
        taken = list(self._cache.values())
        self._cache = {}
        self._updated = False
        return taken

    def restore(self, counters: list[Counter]) -> None:
        """Puts back a period that could not be shipped, merged with what was measured since."""
        for counter in counters:
            current = self._cache.get(counter.name)
            self._cache[counter.name] = counter if current is None else merge_counters(counter, current)
            self._updated = True

    def clear(self, name: str) -> None:
        self._cache.pop(name, None)

    def clear_all(self) -> None:
        self._cache.clear()
        self._updated = False

    def _reset_if_needed(self) -> None:
        now = self._seconds()
        if (now - self._last_reset) * 1000.0 >= self.reset_timeout:
            self._cache.clear()
            self._updated = False
            self._last_reset = now

    # Measurements (the hot path: keep them plain)

    def _get(self, name: str, counter_type: CounterType) -> Counter:
        if self.reset_timeout > 0:
            self._reset_if_needed()
        counter = self._cache.get(name)
        if counter is None or counter.type is not counter_type:
            counter = self._cache[name] = Counter(name, counter_type)
        self._updated = True
        return counter

    def _add_stat(self, name: str, counter_type: CounterType, value: float) -> None:
        # _get inlined: this runs for every timing
        if self.reset_timeout > 0:
            self._reset_if_needed()
        counter = self._cache.get(name)
        self._updated = True
        if counter is None or counter.type is not counter_type:
            self._cache[name] = Counter(name, counter_type, value, 1, value, value, value)
            return
        count = (counter.count or 0) + 1
        counter.count = count
        counter.last = value
        average = counter.average
        if average is None or counter.min is None or counter.max is None:
            counter.min = counter.max = counter.average = value
            return
        if value < counter.min:
            counter.min = value
        elif value > counter.max:
            counter.max = value
        counter.average = average + (value - average) / count

    def begin_timing(self, name: str) -> CounterTiming:
        return CounterTiming(name, self, self._seconds)

    def end_timing(self, name: str, elapsed: float) -> None:
        self._add_stat(name, _INTERVAL, elapsed)

    def stats(self, name: str, value: float) -> None:
        self._add_stat(name, _STATISTICS, value)

    def last(self, name: str, value: float) -> None:
        self._get(name, _LAST_VALUE).last = value

    def timestamp_now(self, name: str) -> None:
        now = datetime.datetime.fromtimestamp(self.reactor.seconds(), datetime.timezone.utc)
        self.timestamp(name, now)

    def timestamp(self, name: str, value: datetime.datetime) -> None:
        self._get(name, _TIMESTAMP).time = value

    def increment_one(self, name: str) -> None:
        # _get inlined: this runs for every request
        if self.reset_timeout > 0:
            self._reset_if_needed()
        counter = self._cache.get(name)
        self._updated = True
        if counter is None or counter.type is not _INCREMENT:
            self._cache[name] = Counter(name, _INCREMENT, count=1)
        else:
            counter.count = (counter.count or 0) + 1

    def increment(self, name: str, value: int) -> None:
        counter = self._get(name, _INCREMENT)
        counter.count = (counter.count or 0) + value
