"""Tests for L{pipservices_tx.logic.LoggingDecorator}."""

from __future__ import annotations

from twisted.internet.defer import Deferred
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.counters import CompositeCounters
from pipservices_tx.errors import ConnectionException
from pipservices_tx.logic import LoggingDecorator
from pipservices_tx.logs import LogLevel
from pipservices_tx.testing import with_reactor

from ._support import TARGET, Greeter, IGreeter, observed_references


class LoggingDecoratorTests(SynchronousTestCase):
    def make(self, **config: object) -> LoggingDecorator:
        self.clock = Clock()
        self.target = Greeter()
        references, self.logger, self.counters = observed_references(TARGET, self.target, clock=self.clock)
        decorator = LoggingDecorator()
        decorator.configure(ConfigParams.from_value({"dependencies": {"target": str(TARGET)}, **config}))
        decorator.set_references(references)
        decorator._counters = with_reactor(CompositeCounters(references), self.clock)
        return decorator

    def test_interface(self) -> None:
        verifyObject(IGreeter, self.make())

    def test_times_counts_and_traces_a_deferred_call(self) -> None:
        decorator = self.make()
        self.target.hold = True
        d = decorator.greet("c1", "Ann")
        self.clock.advance(0.5)
        self.target.pending.pop().callback("hi")
        self.assertEqual(self.successResultOf(d), "hi")
        self.assertEqual(self.counters.count("test.greeter.greet.call_count"), 1)
        timing = self.counters.get("test.greeter.greet.call_time")
        assert timing is not None
        self.assertEqual(timing.average, 500.0)
        traces = [(e.correlation_id, e.message) for e in self.logger.entries if e.level == LogLevel.TRACE]
        self.assertEqual(traces, [("c1", "Calling test.greeter.greet")])

    def test_failure_counts_an_error(self) -> None:
        decorator = self.make()
        self.target.errors.append(ConnectionException("c2", "DOWN", "down"))
        self.failureResultOf(decorator.greet("c2", "Ann"), ConnectionException)
        self.assertEqual(self.counters.count("test.greeter.greet.call_errors"), 1)
        self.assertEqual(self.logger.messages(LogLevel.ERROR), ["Failed to call test.greeter.greet"])
        self.assertEqual(self.logger.entries[-1].correlation_id, "c2")

    def test_synchronous_methods_stay_synchronous(self) -> None:
        decorator = self.make()
        self.assertEqual(decorator.shout("x"), "X")
        self.assertEqual(self.counters.count("test.greeter.shout.call_count"), 1)
        self.assertRaises(AttributeError, decorator.shout, None)
        self.assertEqual(self.counters.count("test.greeter.shout.call_errors"), 1)

    def test_coroutines_become_deferreds(self) -> None:
        decorator = self.make()
        d = decorator.whisper(correlation_id="c3", name="LOUD")
        self.assertIsInstance(d, Deferred)
        self.assertEqual(self.successResultOf(d), "loud")
        self.assertEqual(self.logger.entries[-1].correlation_id, "c3")

    def test_only_listed_methods(self) -> None:
        decorator = self.make(methods="greet", name="g")
        decorator.rename(None, "a", "b")
        decorator.greet(None, "Ann")
        self.assertIsNone(self.counters.get("g.rename.call_count"))
        self.assertEqual(self.counters.count("g.greet.call_count"), 1)

    def test_wraps_each_method_once(self) -> None:
        decorator = self.make()
        self.assertIs(decorator.greet, decorator.greet)
