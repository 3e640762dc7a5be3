# -*- test-case-name: tests.counters.test_counter -*-
"""Counter: the state of one named measurement, as cached counters keep it."""

from __future__ import annotations

import datetime
from typing import Optional

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
