"""NullCounters: the interface, and nothing recorded."""

import datetime

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.counters import CounterTiming, ICounters, NullCounters


class NullCountersTests(SynchronousTestCase):
    def test_interface(self) -> None:
        self.assertTrue(verifyObject(ICounters, NullCounters()))

    def test_every_call_accepted(self) -> None:
        counters = NullCounters()
        timing = counters.begin_timing("a")
        self.assertIsInstance(timing, CounterTiming)
        timing.end_timing()
        counters.stats("a", 1.0)
        counters.last("a", 1.0)
        counters.timestamp_now("a")
        counters.timestamp("a", datetime.datetime.now(datetime.timezone.utc))
        counters.increment_one("a")
        counters.increment("a", 3)

    def test_timing_is_shared(self) -> None:
        counters = NullCounters()
        self.assertIs(counters.begin_timing("a"), counters.begin_timing("b"))
