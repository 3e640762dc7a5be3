"""CachedCounters: measurements, statistics, interval saves on a clock, resets."""

import datetime
import math

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.internet.defer import Deferred
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IReconfigurable
from pipservices_tx.counters import Counter, CounterType, ICounters, ITimingCallback
from pipservices_tx.errors import InvocationException, NotFoundException
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.refer import Descriptor, IReferenceable, References

from ._support import CapturingLogger, RecordingCounters


class InterfaceTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        counters = RecordingCounters(Clock())
        for interface in (ICounters, ITimingCallback, IReconfigurable, IReferenceable, IOpenable):
            self.assertTrue(verifyObject(interface, counters), interface)


class MeasurementTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.counters = RecordingCounters(self.clock)

    def test_timing_measured_on_the_clock(self) -> None:
        timing = self.counters.begin_timing("a.b.exec_time")
        self.clock.advance(0.125)
        timing.end_timing()
        timing = self.counters.begin_timing("a.b.exec_time")
        self.clock.advance(0.375)
        timing.end_timing()
        self.assertEqual(
            self.counters.get("a.b.exec_time"),
            Counter("a.b.exec_time", CounterType.INTERVAL, last=375.0, count=2, min=125.0, max=375.0, average=250.0),
        )

    def test_stats(self) -> None:
        for value in (3, 1, 4, 1, 5):
            self.counters.stats("s", value)
        counter = self.counters.get("s")
        assert counter is not None
        self.assertEqual(
            (counter.type, counter.count, counter.min, counter.max, counter.last),
            (CounterType.STATISTICS, 5, 1, 5, 5),
        )
        self.assertAlmostEqual(counter.average, 2.8)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.floats(min_value=-1e9, max_value=1e9), min_size=1, max_size=50))
    def test_stats_property(self, values: list[float]) -> None:
        counters = RecordingCounters(Clock())
        for value in values:
            counters.stats("s", value)
        counter = counters.get("s")
        assert counter is not None and counter.average is not None
        self.assertEqual((counter.count, counter.min, counter.max, counter.last),
                         (len(values), min(values), max(values), values[-1]))
        expected = sum(values) / len(values)
        tolerance = 1e-9 * max(1.0, *map(abs, values))
        self.assertTrue(math.isclose(counter.average, expected, abs_tol=tolerance), (counter.average, expected))

    def test_last(self) -> None:
        self.counters.last("l", 1.5)
        self.counters.last("l", 7.0)
        self.assertEqual(self.counters.get("l"), Counter("l", CounterType.LAST_VALUE, last=7.0))

    def test_increment(self) -> None:
        self.counters.increment_one("i")
        self.counters.increment("i", 5)
        self.counters.increment_one("i")
        self.assertEqual(self.counters.get("i"), Counter("i", CounterType.INCREMENT, count=7))

    def test_timestamp(self) -> None:
        when = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)
        self.counters.timestamp("t", when)
        self.assertEqual(self.counters.get("t"), Counter("t", CounterType.TIMESTAMP, time=when))

    def test_timestamp_now_reads_the_clock(self) -> None:
        self.clock.advance(1714564800)
        self.counters.timestamp_now("t")
        counter = self.counters.get("t")
        assert counter is not None
        self.assertEqual(counter.time, datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc))

    def test_another_type_starts_over(self) -> None:
        self.counters.increment("x", 3)
        self.counters.last("x", 1.0)
        self.assertEqual(self.counters.get("x"), Counter("x", CounterType.LAST_VALUE, last=1.0))

    def test_get_all_returns_copies(self) -> None:
        self.counters.increment_one("a")
        self.counters.last("b", 2.0)
        counters = self.counters.get_all()
        self.assertEqual([c.name for c in counters], ["a", "b"])
        counters[0].count = 100
        self.assertEqual(self.counters.get("a"), Counter("a", CounterType.INCREMENT, count=1))

    def test_clear(self) -> None:
        self.counters.increment_one("a")
        self.counters.increment_one("b")
        self.counters.clear("a")
        self.counters.clear("missing")
        self.assertEqual([c.name for c in self.counters.get_all()], ["b"])
        self.counters.clear_all()
        self.assertEqual(self.counters.get_all(), [])


class ConfigurationTests(SynchronousTestCase):
    def test_defaults(self) -> None:
        counters = RecordingCounters()
        self.assertEqual((counters.interval, counters.reset_timeout), (300000, 0))

    def test_options(self) -> None:
        counters = RecordingCounters()
        counters.configure(ConfigParams.from_tuples("options.interval", "1000", "options.reset_timeout", "5000"))
        self.assertEqual((counters.interval, counters.reset_timeout), (1000, 5000))

    def test_source_from_context_info(self) -> None:
        counters = RecordingCounters()
        counters.set_references(References.from_tuples(CONTEXT_INFO_DESCRIPTOR, ContextInfo("beacons")))
        self.assertEqual(counters.source, "beacons")

    def test_configured_source_wins(self) -> None:
        counters = RecordingCounters()
        counters.configure(ConfigParams.from_tuples("source", "mine"))
        counters.set_references(References.from_tuples(CONTEXT_INFO_DESCRIPTOR, ContextInfo("beacons")))
        self.assertEqual(counters.source, "mine")


class DumpTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.counters = RecordingCounters(self.clock)
        self.counters.configure(ConfigParams.from_tuples("options.interval", "1000"))
        self.logger = CapturingLogger()
        self.counters.set_references(References.from_tuples(Descriptor("test", "logger", "capture", "a", "1.0"),
                                                            self.logger))

    def test_saves_on_interval_when_updated(self) -> None:
        self.successResultOf(self.counters.open(None))
        self.assertTrue(self.counters.is_open())
        self.counters.increment_one("a")
        self.clock.advance(0.999)
        self.assertEqual(self.counters.saved, [])
        self.clock.advance(0.001)
        self.assertEqual(self.counters.saved, [[Counter("a", CounterType.INCREMENT, count=1)]])
        self.clock.advance(1)
        self.assertEqual(len(self.counters.saved), 1, "nothing changed, nothing saved")
        self.counters.increment_one("a")
        self.clock.advance(1)
        self.assertEqual(self.counters.saved[-1], [Counter("a", CounterType.INCREMENT, count=2)])

    def test_counters_kept_after_save(self) -> None:
        self.counters.increment_one("a")
        self.successResultOf(self.counters.dump())
        self.assertEqual(self.counters.get_all(), [Counter("a", CounterType.INCREMENT, count=1)])

    def test_close_saves_and_stops(self) -> None:
        self.successResultOf(self.counters.open(None))
        self.counters.last("a", 1.0)
        self.successResultOf(self.counters.close(None))
        self.assertFalse(self.counters.is_open())
        self.assertEqual(len(self.counters.saved), 1)
        self.assertEqual(self.clock.getDelayedCalls(), [])
        self.counters.last("a", 2.0)
        self.clock.advance(10)
        self.assertEqual(len(self.counters.saved), 1)

    def test_close_waits_for_an_asynchronous_save(self) -> None:
        self.counters.result = Deferred()
        self.counters.increment_one("a")
        closed = self.counters.close(None)
        self.assertNoResult(closed)
        self.counters.result.callback(None)
        self.successResultOf(closed)

    def test_no_timer_with_zero_interval(self) -> None:
        self.counters.configure(ConfigParams.from_tuples("options.interval", "0"))
        self.successResultOf(self.counters.open(None))
        self.assertEqual(self.clock.getDelayedCalls(), [])
        self.successResultOf(self.counters.close(None))

    def test_dump_wraps_errors(self) -> None:
        self.counters.error = ValueError("disk full")
        self.counters.increment_one("a")
        failure = self.failureResultOf(self.counters.dump(), InvocationException)
        self.assertIn("disk full", failure.value.message)

    def test_dump_keeps_application_errors(self) -> None:
        self.counters.error = NotFoundException(None, "GONE", "gone")
        self.counters.increment_one("a")
        self.failureResultOf(self.counters.dump(), NotFoundException)

    def test_failed_save_is_logged_retried_and_the_timer_survives(self) -> None:
        self.counters.error = ValueError("disk full")
        self.successResultOf(self.counters.open(None))
        self.counters.increment_one("a")
        self.clock.advance(1)
        self.assertEqual(len(self.counters.saved), 1)
        self.assertEqual([e.message for e in self.logger.entries], ["Failed to save counters"])
        self.assertIsInstance(self.logger.entries[0].error, InvocationException)
        self.counters.error = None
        self.clock.advance(1)
        self.assertEqual(len(self.counters.saved), 2, "the failed batch is saved again")
        self.successResultOf(self.counters.close(None))

    def test_close_logs_a_failed_save(self) -> None:
        self.counters.error = ValueError("disk full")
        self.counters.increment_one("a")
        self.successResultOf(self.counters.close("corr"))
        self.assertEqual([(e.correlation_id, e.message) for e in self.logger.entries],
                         [("corr", "Failed to save counters")])

    def test_reset_timeout(self) -> None:
        self.counters.configure(ConfigParams.from_tuples("options.reset_timeout", "5000"))
        self.clock.advance(1)
        self.counters.increment_one("a")
        self.clock.advance(3)
        self.counters.increment_one("a")
        self.assertEqual(self.counters.get_all(), [Counter("a", CounterType.INCREMENT, count=2)])
        self.clock.advance(2)
        self.assertEqual(self.counters.get_all(), [])
        self.counters.increment_one("a")
        self.assertEqual(self.counters.get_all(), [Counter("a", CounterType.INCREMENT, count=1)])


class GlobalReactorTests(SynchronousTestCase):
    def test_open_and_close_without_a_clock(self) -> None:
        counters = RecordingCounters()
        counters.configure(ConfigParams.from_tuples("options.interval", "0"))
        self.assertFalse(counters.is_open())
        self.successResultOf(counters.open(None))
        self.assertTrue(counters.is_open())
        counters.increment_one("a")
        self.successResultOf(counters.close(None))
        self.assertFalse(counters.is_open())
        self.assertEqual(len(counters.saved), 1)
