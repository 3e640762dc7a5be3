"""CompositeCounters: every measurement reaches every counters in references."""

import datetime

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.counters import (
    CompositeCounters,
    Counter,
    CounterTiming,
    CounterType,
    ICounters,
    ITimingCallback,
    NullCounters,
)
from pipservices_tx.refer import Descriptor, IReferenceable, References
from pipservices_tx.testing import with_reactor

from ._support import RecordingCounters


@implementer(ICounters)
class CallLog:
    """ICounters without ITimingCallback: it times itself."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.calls: list[tuple] = []

    def begin_timing(self, name: str) -> CounterTiming:
        return CounterTiming(name, self, self.clock.seconds)  # type: ignore[arg-type]

    def end_timing(self, name: str, elapsed: float) -> None:
        self.calls.append(("timing", name, elapsed))

    def stats(self, name: str, value: float) -> None:
        self.calls.append(("stats", name, value))

    def last(self, name: str, value: float) -> None:
        self.calls.append(("last", name, value))

    def timestamp_now(self, name: str) -> None:
        self.calls.append(("timestamp_now", name))

    def timestamp(self, name: str, value: datetime.datetime) -> None:
        self.calls.append(("timestamp", name, value))

    def increment_one(self, name: str) -> None:
        self.calls.append(("increment_one", name))

    def increment(self, name: str, value: int) -> None:
        self.calls.append(("increment", name, value))


def _locator(kind: str) -> Descriptor:
    return Descriptor("pip-services", "counters", kind, "default", "1.0")


class CompositeCountersTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.first = RecordingCounters(self.clock)
        self.second = RecordingCounters(self.clock)
        self.composite = with_reactor(CompositeCounters(), self.clock)
        self.references = References.from_tuples(
            _locator("first"), self.first,
            _locator("composite"), self.composite,
            _locator("second"), self.second,
            Descriptor("pip-services", "logger", "null", "default", "1.0"), object(),
        )
        self.composite.set_references(self.references)

    def test_interfaces(self) -> None:
        for interface in (ICounters, ITimingCallback, IReferenceable):
            self.assertTrue(verifyObject(interface, self.composite))

    def test_forwards_every_measurement(self) -> None:
        when = datetime.datetime(2024, 5, 1, tzinfo=datetime.timezone.utc)
        self.composite.stats("s", 2.0)
        self.composite.last("l", 3.0)
        self.composite.timestamp("t", when)
        self.composite.increment_one("i")
        self.composite.increment("i", 4)
        for counters in (self.first, self.second):
            self.assertEqual(counters.get_all(), [
                Counter("s", CounterType.STATISTICS, 2.0, 1, 2.0, 2.0, 2.0),
                Counter("l", CounterType.LAST_VALUE, last=3.0),
                Counter("t", CounterType.TIMESTAMP, time=when),
                Counter("i", CounterType.INCREMENT, count=5),
            ])

    def test_timestamp_now(self) -> None:
        self.clock.advance(60)
        self.composite.timestamp_now("t")
        for counters in (self.first, self.second):
            counter = counters.get("t")
            assert counter is not None and counter.time is not None
            self.assertEqual(counter.time.timestamp(), 60)

    def test_one_timing_ends_on_all(self) -> None:
        timing = self.composite.begin_timing("a.b.exec_time")
        self.clock.advance(0.05)
        timing.end_timing()
        timing.end_timing()
        for counters in (self.first, self.second):
            self.assertEqual(counters.get("a.b.exec_time"),
                             Counter("a.b.exec_time", CounterType.INTERVAL, 50.0, 1, 50.0, 50.0, 50.0))

    def test_counters_that_time_themselves(self) -> None:
        log = CallLog(self.clock)
        self.composite.add_counters(log)
        timing = self.composite.begin_timing("x")
        self.clock.advance(0.02)
        timing.end_timing()
        self.assertEqual(log.calls, [("timing", "x", 20.0)])
        self.assertEqual(self.first.get("x"), Counter("x", CounterType.INTERVAL, 20.0, 1, 20.0, 20.0, 20.0))

    def test_skips_itself_and_other_composites(self) -> None:
        other = CompositeCounters()
        self.references.put(_locator("composite2"), other)
        other.set_references(self.references)
        self.composite.set_references(self.references)
        self.composite.increment_one("i")
        other.increment_one("i")
        self.assertEqual(self.first.get("i"), Counter("i", CounterType.INCREMENT, count=2))

    def test_empty_composite_records_nothing(self) -> None:
        composite = CompositeCounters(References())
        composite.begin_timing("x").end_timing()
        composite.increment_one("x")
        self.assertIs(composite.begin_timing("x"), NullCounters().begin_timing("y"))

    def test_found_by_references_argument(self) -> None:
        composite = CompositeCounters(References.from_tuples(_locator("first"), self.first))
        composite.increment_one("i")
        self.assertEqual(self.first.get("i"), Counter("i", CounterType.INCREMENT, count=1))


class NullSkippingTests(SynchronousTestCase):
    def test_null_counters_are_skipped(self) -> None:
        composite = CompositeCounters(References.from_tuples(_locator("null"), NullCounters()))
        composite.add_counters(NullCounters())
        self.assertIs(composite.begin_timing("x"), NullCounters().begin_timing("y"))
