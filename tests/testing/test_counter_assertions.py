"""counter_value, get_counter and assert_counter over harnesses, containers, references and counters."""

from __future__ import annotations

import datetime

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.counters import CounterType, LogCounters, NullCounters
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import (
    ContainerHarness,
    assert_counter,
    counter_names,
    counter_value,
    find_counters,
    get_counter,
    with_reactor,
)

LOG = Descriptor("pip-services", "counters", "log", "default", "1.0")


def recorded() -> LogCounters:
    counters = with_reactor(LogCounters(), Clock())
    counters.increment_one("a.calls")
    counters.increment("a.calls", 2)
    counters.last("a.queue", 7.5)
    counters.end_timing("a.time", 12.0)
    counters.end_timing("a.time", 4.0)
    counters.stats("a.size", 3.0)
    counters.timestamp("a.seen", datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc))
    return counters


class CounterValueTests(SynchronousTestCase):
    def test_the_value_of_each_type(self) -> None:
        counters = recorded()
        self.assertEqual(counter_value(counters, "a.calls"), 3)
        self.assertEqual(counter_value(counters, "a.queue"), 7.5)
        self.assertEqual(counter_value(counters, "a.time"), 2)
        self.assertEqual(counter_value(counters, "a.size"), 1)
        self.assertEqual(counter_value(counters, "a.seen"), datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc))

    def test_a_missing_counter_is_the_default(self) -> None:
        self.assertIsNone(counter_value(recorded(), "b.calls"))
        self.assertEqual(counter_value(recorded(), "b.calls", 0), 0)

    def test_the_full_counter(self) -> None:
        counter = get_counter(recorded(), "a.time")
        assert counter is not None
        self.assertEqual((counter.type, counter.min, counter.max, counter.average), (CounterType.INTERVAL, 4.0, 12.0, 8.0))
        self.assertIsNone(get_counter(recorded(), "nothing"))

    def test_references_are_searched_for_cached_counters_only(self) -> None:
        counters = recorded()
        references = References.from_tuples(
            Descriptor("pip-services", "counters", "null", "default", "1.0"), NullCounters(), LOG, counters)
        self.assertEqual(find_counters(references), [counters])
        self.assertEqual(counter_value(references, "a.calls"), 3)
        self.assertEqual(counter_names(references), ["a.calls", "a.queue", "a.seen", "a.size", "a.time"])

    def test_not_a_source(self) -> None:
        self.assertRaises(TypeError, find_counters, 42)


class AssertCounterTests(SynchronousTestCase):
    def test_passes_and_returns_the_counter(self) -> None:
        self.assertEqual(assert_counter(recorded(), "a.calls", count=3).count, 3)
        self.assertEqual(assert_counter(recorded(), "a.queue", last=7.5).last, 7.5)

    def test_fails_on_a_different_count_or_last_value(self) -> None:
        error = self.assertRaises(AssertionError, assert_counter, recorded(), "a.calls", count=4)
        self.assertEqual(str(error), "Counter 'a.calls' has count 3, expected 4")
        self.assertRaises(AssertionError, assert_counter, recorded(), "a.queue", last=1.0)

    def test_fails_on_a_missing_counter_and_lists_the_recorded_ones(self) -> None:
        error = self.assertRaises(AssertionError, assert_counter, recorded(), "a.cals")
        self.assertEqual(str(error), "No counter 'a.cals'; recorded: a.calls, a.queue, a.seen, a.size, a.time")

    def test_says_when_there_are_no_counters_to_read(self) -> None:
        error = self.assertRaises(AssertionError, assert_counter, References(), "a.calls")
        self.assertIn("recorded: none (there is no CachedCounters component", str(error))


class ContainerTests(SynchronousTestCase):
    def test_reads_the_counters_of_a_running_container(self) -> None:
        harness = ContainerHarness.from_yaml("""
            - descriptor: "pip-services:counters:log:default:1.0"
            - descriptor: "pip-services:endpoint:http:default:1.0"
            - descriptor: "pip-services:heartbeat-service:http:default:1.0"
        """).start(self)
        self.assertIsNone(harness.counter_value("heartbeat.exec_count"))
        for _ in range(3):
            self.successResultOf(harness.get_json("/heartbeat"))
        self.assertEqual(harness.counter_value("heartbeat.exec_count"), 3)
        assert_counter(harness.container, "heartbeat.exec_count", count=3)
        assert_counter(harness, "heartbeat.exec_time", count=3)
        self.assertIsNone(harness.counter_value("heartbeat.exec_errors"))
