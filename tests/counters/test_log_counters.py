"""LogCounters: each counter becomes an info line through the configured loggers."""

import datetime
import json

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.counters import Counter, CounterType, ICounters, LogCounters, format_counter
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import LogLevel
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import with_reactor

from ._support import CapturingLogger


class FormatTests(SynchronousTestCase):
    def test_only_set_fields(self) -> None:
        line = format_counter(Counter("a.b.exec_count", CounterType.INCREMENT, count=3))
        prefix, _, fields = line.partition(" {")
        self.assertEqual(prefix, "Counter a.b.exec_count")
        self.assertEqual(json.loads("{" + fields), {"type": "Increment", "count": 3})

    def test_time_in_utc_iso(self) -> None:
        when = datetime.datetime(2024, 5, 1, 12, 0, 0, 250000, tzinfo=datetime.timezone.utc)
        line = format_counter(Counter("t", CounterType.TIMESTAMP, time=when))
        self.assertEqual(json.loads(line.partition(" ")[2].partition(" ")[2]),
                         {"type": "Timestamp", "time": "2024-05-01T12:00:00.250Z"})

    def test_type_names(self) -> None:
        names = [json.loads(format_counter(Counter("x", t)).split(" ", 2)[2])["type"] for t in CounterType]
        self.assertEqual(names, ["Interval", "LastValue", "Statistics", "Timestamp", "Increment"])


class LogCountersTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.logger = CapturingLogger()
        self.counters = with_reactor(LogCounters(), self.clock)
        self.counters.configure(ConfigParams.from_tuples("options.interval", "60000"))
        self.counters.set_references(References.from_tuples(
            CONTEXT_INFO_DESCRIPTOR, ContextInfo("beacons"),
            Descriptor("test", "logger", "capture", "default", "1.0"), self.logger,
        ))

    def test_interfaces(self) -> None:
        self.assertTrue(verifyObject(ICounters, self.counters))
        self.assertTrue(verifyObject(IOpenable, self.counters))

    def test_logs_each_counter_sorted_on_interval(self) -> None:
        self.successResultOf(self.counters.open(None))
        self.counters.increment_one("z.calls")
        timing = self.counters.begin_timing("a.b.exec_time")
        self.clock.advance(0.5)
        timing.end_timing()
        self.clock.advance(59.5)
        self.assertEqual([(e.level, e.source) for e in self.logger.entries], [(LogLevel.INFO, "beacons")] * 2)
        self.assertEqual(
            [e.message for e in self.logger.entries],
            [
                format_counter(Counter("a.b.exec_time", CounterType.INTERVAL, 500.0, 1, 500.0, 500.0, 500.0)),
                format_counter(Counter("z.calls", CounterType.INCREMENT, count=1)),
            ],
        )
        self.successResultOf(self.counters.close(None))
        self.assertEqual(len(self.logger.entries), 2, "nothing changed since the last save")

    def test_close_logs_pending_counters(self) -> None:
        self.successResultOf(self.counters.open(None))
        self.counters.last("a.b.queue", 4.0)
        self.successResultOf(self.counters.close(None))
        self.assertEqual([e.message for e in self.logger.entries],
                         [format_counter(Counter("a.b.queue", CounterType.LAST_VALUE, last=4.0))])
