"""Counters taken a period at a time, and periods merged back (what HttpCounters relies on)."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.counters import CachedCounters, Counter, CounterType, merge_counters


class MergeTests(SynchronousTestCase):
    def test_increments_add_and_timings_weigh(self) -> None:
        self.assertEqual(merge_counters(Counter("a", CounterType.INCREMENT, count=2),
                                        Counter("a", CounterType.INCREMENT, count=3)).count, 5)
        older = Counter("t", CounterType.INTERVAL, 9.0, 1, 9.0, 9.0, 9.0)
        newer = Counter("t", CounterType.INTERVAL, 1.0, 3, 1.0, 5.0, 3.0)
        merged = merge_counters(older, newer)
        self.assertEqual((merged.last, merged.count, merged.min, merged.max, merged.average),
                         (1.0, 4, 1.0, 9.0, 4.5))

    def test_last_values_and_type_changes_take_the_newer(self) -> None:
        newer = Counter("x", CounterType.LAST_VALUE, 2.0)
        self.assertIs(merge_counters(Counter("x", CounterType.LAST_VALUE, 1.0), newer), newer)
        self.assertIs(merge_counters(Counter("x", CounterType.INCREMENT, count=4), newer), newer)


class PeriodTests(SynchronousTestCase):
    def test_take_all_starts_a_new_period_and_restore_merges_it_back(self) -> None:
        counters = CachedCounters()
        counters.increment("calls", 2)
        counters.stats("size", 4.0)
        taken = counters.take_all()
        self.assertEqual(sorted(c.name for c in taken), ["calls", "size"])
        self.assertEqual(counters.get_all(), [])
        counters.increment("calls", 1)
        counters.restore(taken)
        by_name = {c.name: c for c in counters.get_all()}
        self.assertEqual((by_name["calls"].count, by_name["size"].count), (3, 1))
