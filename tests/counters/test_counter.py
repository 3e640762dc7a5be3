"""CounterType numbering and the Counter value object."""

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.counters import Counter, CounterType


class CounterTypeTests(SynchronousTestCase):
    def test_pip_services_numbering(self) -> None:
        self.assertEqual(
            [(t.name, int(t)) for t in CounterType],
            [("INTERVAL", 0), ("LAST_VALUE", 1), ("STATISTICS", 2), ("TIMESTAMP", 3), ("INCREMENT", 4)],
        )


class CounterTests(SynchronousTestCase):
    def test_unset_fields_are_none(self) -> None:
        counter = Counter("a.b.exec_time", CounterType.INTERVAL)
        self.assertEqual(
            (counter.last, counter.count, counter.min, counter.max, counter.average, counter.time),
            (None,) * 6,
        )

    def test_value_equality(self) -> None:
        self.assertEqual(Counter("x", CounterType.INCREMENT, count=2), Counter("x", CounterType.INCREMENT, count=2))
        self.assertNotEqual(Counter("x", CounterType.INCREMENT, count=2), Counter("x", CounterType.INCREMENT, count=3))
