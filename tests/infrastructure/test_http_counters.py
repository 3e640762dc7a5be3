"""HttpCounters on a fake clock and a fake counters client: periods, merging while away, close."""

from __future__ import annotations

from typing import Any

from twisted.internet.testing import MemoryReactorClock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.counters import ICounters
from pipservices_tx.infrastructure import DefaultInfrastructureFactory, HttpCounters
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.refer import Descriptor

from ._fakes import FakeServiceClient


class _Counters(HttpCounters):
    def __init__(self, client: FakeServiceClient) -> None:
        super().__init__()
        self.client = client

    def _create_client(self) -> Any:
        return self.client


class HttpCountersTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.reactor = MemoryReactorClock()
        self.client = FakeServiceClient()
        self.counters = _Counters(self.client)
        self.counters.set_reactor(self.reactor)
        self.counters.configure(ConfigParams.from_value({
            "source": "svc", "connection": {"uri": "http://counters:8090"},
            "options": {"interval": 1000, "retry_delay": 500, "max_retry_delay": 2000},
        }))
        self.successResultOf(self.counters.open(None))

    def sent(self, call: int) -> dict[str, dict[str, Any]]:
        return {c["name"]: c for c in self.client.payloads()[call]}

    def test_interfaces_and_factory(self) -> None:
        self.assertTrue(verifyObject(ICounters, self.counters))
        self.assertTrue(verifyObject(IOpenable, self.counters))
        created = DefaultInfrastructureFactory().create(Descriptor("pip-services", "counters", "http", "x", "1.0"))
        self.assertIsInstance(created, HttpCounters)

    def test_each_period_is_sent_once(self) -> None:
        self.counters.increment("a.calls", 2)
        self.counters.end_timing("a.time", 10.0)
        self.counters.end_timing("a.time", 30.0)
        self.reactor.advance(1)
        first = self.sent(0)
        self.assertEqual(first["a.calls"], {"name": "a.calls", "source": "svc", "type": 4, "last": None, "count": 2,
                                            "min": None, "max": None, "average": None, "time": None})
        self.assertEqual((first["a.time"]["count"], first["a.time"]["min"], first["a.time"]["max"],
                          first["a.time"]["average"], first["a.time"]["type"]), (2, 10.0, 30.0, 20.0, 0))
        self.reactor.advance(1)
        self.assertEqual(len(self.client.calls), 1)  # nothing new: nothing sent
        self.counters.increment_one("a.calls")
        self.reactor.advance(1)
        self.assertEqual(self.sent(1)["a.calls"]["count"], 1)

    def test_periods_merge_while_the_service_is_away(self) -> None:
        self.client.down = True
        self.counters.increment("a.calls", 2)
        self.counters.stats("a.size", 5.0)
        self.reactor.advance(1)
        self.counters.increment("a.calls", 3)
        self.counters.stats("a.size", 1.0)
        self.counters.last("a.last", 7.0)
        self.client.down = False
        self.reactor.advance(2.5)
        merged = self.sent(1)
        self.assertEqual(merged["a.calls"]["count"], 5)
        self.assertEqual((merged["a.size"]["count"], merged["a.size"]["min"], merged["a.size"]["max"],
                          merged["a.size"]["average"]), (2, 1.0, 5.0, 3.0))
        self.assertEqual(merged["a.last"]["last"], 7.0)
        self.assertEqual(self.counters.dropped, 0)

    def test_refused_counters_are_dropped_and_odd_values_sent_as_null(self) -> None:
        self.client.refuse = True
        self.counters.increment_one("a")
        self.reactor.advance(1)
        self.assertEqual(self.counters.dropped, 1)
        self.client.refuse = False
        self.counters.stats("s", float("inf"))
        self.reactor.advance(1)
        self.assertEqual(self.sent(1)["s"]["last"], None)
        self.assertEqual(len(self.client.calls), 2)

    def test_close_sends_the_last_period_or_counts_it_dropped(self) -> None:
        self.counters.increment_one("a.calls")
        self.successResultOf(self.counters.close(None))
        self.assertEqual(self.sent(0)["a.calls"]["count"], 1)
        self.assertTrue(self.client.closed)

        other = FakeServiceClient()
        counters = _Counters(other)
        counters.set_reactor(self.reactor)
        self.successResultOf(counters.open(None))
        other.down = True
        counters.increment_one("x")
        counters.increment_one("y")
        self.successResultOf(counters.close(None))
        self.assertEqual(counters.dropped, 2)
