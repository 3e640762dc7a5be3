# -*- test-case-name: tests.counters.test_counter -*-
"""Counter: the state of one named measurement, as cached counters keep it."""

from __future__ import annotations

import datetime
from typing import Any, Optional

from attrs import define

from ._counter_type import CounterType


@define
class Counter:
    """
    C{count}, C{min}, C{max} and C{average} describe Interval and Statistics
    counters (C{count} alone an Increment), C{last} the latest value, C{time}
    the value of a Timestamp. Fields a type does not use stay None.
    """

    name: str
    type: CounterType
    last: Optional[float] = None
    count: Optional[int] = None
    min: Optional[float] = None
    max: Optional[float] = None
    average: Optional[float] = None
    time: Optional[datetime.datetime] = None


def merge_counters(older: Counter, newer: Counter) -> Counter:
    """
    One counter for two measurements of the same name over consecutive
    periods: counts add up, min and max widen, averages weigh by count; the
    last value and the time are the newer ones. Counters of different types
    do not merge: the newer wins.
    """
    if older.type is not newer.type:
        return newer
    if newer.type is CounterType.INCREMENT:
        return Counter(newer.name, newer.type, newer.last, (older.count or 0) + (newer.count or 0))
    if newer.type in (CounterType.INTERVAL, CounterType.STATISTICS):
        old_count, new_count = older.count or 0, newer.count or 0
        count = old_count + new_count
        average = None
        if count and older.average is not None and newer.average is not None:
            average = (older.average * old_count + newer.average * new_count) / count
        return Counter(
            newer.name, newer.type, newer.last if newer.last is not None else older.last, count,
            _pick(min, older.min, newer.min), _pick(max, older.max, newer.max),
            average if average is not None else (newer.average if newer.average is not None else older.average),
            newer.time or older.time,
        )
    return newer


def _pick(choose: Any, a: Optional[float], b: Optional[float]) -> Optional[float]:
    if a is None or b is None:
        return b if a is None else a
    return float(choose(a, b))
