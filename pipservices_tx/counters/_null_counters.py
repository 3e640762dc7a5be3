# -*- test-case-name: tests.counters.test_null_counters -*-
"""NullCounters: the counters to use where measurements are not wanted."""

from __future__ import annotations

import datetime

from zope.interface import implementer

from ._interfaces import ICounters
from ._timing import NULL_TIMING, CounterTiming


@implementer(ICounters)
class NullCounters:
    """Records nothing; every call returns at once and allocates nothing."""

    def begin_timing(self, name: str) -> CounterTiming:
        return NULL_TIMING

    def stats(self, name: str, value: float) -> None:
        pass

    def last(self, name: str, value: float) -> None:
        pass

    def timestamp_now(self, name: str) -> None:
        pass

    def timestamp(self, name: str, value: datetime.datetime) -> None:
        pass

    def increment_one(self, name: str) -> None:
        pass

    def increment(self, name: str, value: int) -> None:
        pass
