# -*- test-case-name: tests.testing.test_counter_assertions -*-
"""counter_value and assert_counter: read what a service counted, in a test.

Services, clients and controllers count through a C{CompositeCounters},
which forwards to every counters component in the container. Each
C{CachedCounters} among them (C{LogCounters}, C{PrometheusCounters}...)
keeps the current state in memory, so a test reads it back from there::

    harness.call_command("v1/beacons", "get_beacons")
    assert_counter(harness, "v1/beacons.get_beacons.exec_count", count=1)

The C{source} of these helpers is a L{ContainerHarness}, a C{Container}, an
C{IReferences}, or a C{CachedCounters} itself.
"""

from __future__ import annotations

import datetime
from typing import Any, Optional, Union

from ..counters import CachedCounters, Counter, CounterType

CounterReading = Union[int, float, datetime.datetime, None]


def find_counters(source: Any) -> list[CachedCounters]:
    """Every C{CachedCounters} that C{source} holds, in reference order."""
    if isinstance(source, CachedCounters):
        return [source]
    references = getattr(source, "references", source)
    if not hasattr(references, "get_all"):
        raise TypeError(f"{source!r} is not a harness, a container, references or counters")
    return [component for component in references.get_all() if isinstance(component, CachedCounters)]


def get_counter(source: Any, name: str) -> Optional[Counter]:
    """
    A copy of the counter C{name} from the first counters component that has
    it (they all receive the same measurements), or None.
    """
    for counters in find_counters(source):
        counter = counters.get(name)
        if counter is not None:
            return counter
    return None


def counter_names(source: Any) -> list[str]:
    """The names of every counter recorded so far, sorted."""
    return sorted({counter.name for counters in find_counters(source) for counter in counters.get_all()})


def reading_of(counter: Counter) -> CounterReading:
    """
    The number a test usually means by "the value" of a counter: the count
    of an Increment, Interval or Statistics counter, the last value of a
    LastValue, the time of a Timestamp.
    """
    if counter.type is CounterType.LAST_VALUE:
        return counter.last
    if counter.type is CounterType.TIMESTAMP:
        return counter.time
    return counter.count


def counter_value(source: Any, name: str, default: CounterReading = None) -> CounterReading:
    """The L{reading_of} the counter C{name}, or C{default} when nothing recorded it."""
    counter = get_counter(source, name)
    return default if counter is None else reading_of(counter)


def assert_counter(source: Any, name: str, count: Optional[int] = None, last: Optional[float] = None) -> Counter:
    """
    Returns the counter C{name}; raises C{AssertionError} when it was never
    recorded (naming the counters that were), or when its C{count} or
    C{last} differs from the one given.
    """
    counter = get_counter(source, name)
    if counter is None:
        known = counter_names(source)
        listing = ", ".join(known) if known else "none"
        if not find_counters(source):
            listing += " (there is no CachedCounters component, e.g. pip-services:counters:log:default:1.0)"
        raise AssertionError(f"No counter {name!r}; recorded: {listing}")
    if count is not None and counter.count != count:
        raise AssertionError(f"Counter {name!r} has count {counter.count}, expected {count}")
    if last is not None and counter.last != last:
        raise AssertionError(f"Counter {name!r} has last value {counter.last}, expected {last}")
    return counter
