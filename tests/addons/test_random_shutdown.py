"""Tests for L{pipservices_tx.addons.RandomShutdown}."""

from __future__ import annotations

import random

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.addons import RandomShutdown
from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import ConfigException, InvalidStateException
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import LogLevel
from pipservices_tx.refer import IReferenceable, References
from pipservices_tx.testing import with_reactor

from ..logic._support import LOGGER, CapturingLogger


class RandomShutdownTests(SynchronousTestCase):
    def make(self, **config: object) -> RandomShutdown:
        self.clock = Clock()
        self.ended: list[str] = []
        self.logger = CapturingLogger()
        shutdown = with_reactor(RandomShutdown(self.ended.append, random.Random(7)), self.clock)
        shutdown.configure(ConfigParams.from_value(config))
        shutdown.set_references(References.from_tuples(LOGGER, self.logger))
        return shutdown

    def test_interfaces(self) -> None:
        shutdown = self.make()
        verifyObject(IOpenable, shutdown)
        verifyObject(IConfigurable, shutdown)
        verifyObject(IReferenceable, shutdown)

    def test_off_unless_enabled(self) -> None:
        shutdown = self.make(mode="crash", options={"min_timeout": 0, "max_timeout": 0})
        shutdown.open(None)
        self.clock.advance(3600)
        self.assertEqual(self.ended, [])
        self.assertFalse(shutdown.scheduled)
        self.assertEqual(self.clock.getDelayedCalls(), [])
        self.assertIn("RandomShutdown is disabled (set enabled: true to arm it)", self.logger.messages(LogLevel.INFO))

    def test_ends_within_the_window(self) -> None:
        shutdown = self.make(enabled=True, options={"min_timeout": 10000, "max_timeout": 20000})
        shutdown.open("c1")
        self.assertTrue(shutdown.scheduled)
        delay = self.clock.getDelayedCalls()[0].getTime()
        self.assertTrue(10 <= delay <= 20, delay)
        self.clock.advance(delay - 0.001)
        self.assertEqual(self.ended, [])
        self.clock.advance(0.001)
        self.assertEqual(self.ended, ["stop"])
        fatal = [e for e in self.logger.entries if e.level == LogLevel.FATAL]
        self.assertEqual([(e.correlation_id, e.message) for e in fatal],
                         [("c1", "RandomShutdown: ending the process now (stop)")])

    def test_the_moment_is_random(self) -> None:
        delays = set()
        for seed in range(5):
            shutdown = with_reactor(RandomShutdown(lambda mode: None, random.Random(seed)), Clock())
            shutdown.configure(ConfigParams.from_value({"enabled": True}))
            shutdown.open(None)
            delays.add(shutdown._call.getTime())  # type: ignore[union-attr]
            self.assertTrue(all(300 <= d <= 900 for d in delays))
        self.assertEqual(len(delays), 5)

    def test_close_disarms(self) -> None:
        shutdown = self.make(enabled=True, mode="crash")
        shutdown.open(None)
        shutdown.close(None)
        self.clock.advance(3600)
        self.assertEqual(self.ended, [])
        self.assertFalse(shutdown.is_open())

    def test_modes(self) -> None:
        shutdown = self.make(enabled=True, mode="CRASH")
        self.assertEqual(shutdown.mode, "crash")
        shutdown.shutdown()
        self.assertEqual(self.ended, ["crash"])
        self.assertRaises(ConfigException, self.make, mode="explode")

    def test_exception_mode_raises_in_the_reactor(self) -> None:
        shutdown = with_reactor(RandomShutdown(), Clock())
        shutdown.configure(ConfigParams.from_value({"enabled": True, "mode": "exception"}))
        error = self.assertRaises(InvalidStateException, shutdown.shutdown, "c9")
        self.assertEqual((error.code, error.correlation_id), ("RANDOM_SHUTDOWN", "c9"))

    def test_max_below_min_is_min(self) -> None:
        shutdown = self.make(options={"min_timeout": 5000, "max_timeout": 1000})
        self.assertEqual((shutdown.min_timeout, shutdown.max_timeout), (5000, 5000))
