"""Tests for L{pipservices_tx.logic.TimeoutDecorator}."""

from __future__ import annotations

from twisted.internet.defer import Deferred
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException
from pipservices_tx.logic import TimeoutDecorator
from pipservices_tx.testing import with_reactor

from ._support import TARGET, Greeter, IGreeter, observed_references


class TimeoutDecoratorTests(SynchronousTestCase):
    def make(self, **config: object) -> TimeoutDecorator:
        self.clock = Clock()
        self.target = Greeter()
        references, self.logger, self.counters = observed_references(TARGET, self.target)
        decorator = with_reactor(TimeoutDecorator(), self.clock)
        decorator.configure(ConfigParams.from_value({"dependencies": {"target": str(TARGET)}, **config}))
        decorator.set_references(references)
        return decorator

    def test_interface(self) -> None:
        verifyObject(IGreeter, self.make())

    def test_cancels_the_underlying_deferred_and_fails_with_timeout(self) -> None:
        decorator = self.make(options={"timeout": 2000})
        cancelled = []
        inner: Deferred[str] = Deferred(lambda d: cancelled.append(d))
        self.target.greet = lambda correlation_id, name: inner  # type: ignore[method-assign]
        d = decorator.greet("c1", "Ann")
        self.clock.advance(1.999)
        self.assertNoResult(d)
        self.clock.advance(0.001)
        self.assertEqual(cancelled, [inner])
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual((error.code, error.correlation_id), ("TIMEOUT", "c1"))
        self.assertEqual(error.details, {"method": "greet", "timeout": 2000})
        self.assertEqual(self.counters.count("test.greeter.greet.call_timeouts"), 1)

    def test_an_answer_in_time_cancels_the_timer(self) -> None:
        decorator = self.make(options={"timeout": 2000})
        self.target.hold = True
        d = decorator.greet(None, "Ann")
        self.clock.advance(1)
        self.target.pending.pop().callback("hi")
        self.assertEqual(self.successResultOf(d), "hi")
        self.assertEqual(self.clock.getDelayedCalls(), [])

    def test_per_method_timeout_and_disabled(self) -> None:
        decorator = self.make(options={"timeout": 2000}, methods={"greet": {"timeout": 100}, "rename": {"timeout": 0}})
        self.target.hold = True
        greet = decorator.greet(None, "Ann")
        rename = decorator.rename(None, "a", "b")
        self.clock.advance(10)
        self.failureResultOf(greet, ConnectionException)
        self.assertNoResult(rename)

    def test_plain_values_and_fired_deferreds_pass_through(self) -> None:
        decorator = self.make()
        self.assertEqual(decorator.shout("x"), "X")
        self.assertEqual(self.successResultOf(decorator.greet(None, "Ann")), "Hello, Ann")
        self.assertEqual(self.clock.getDelayedCalls(), [])

    def test_coroutines(self) -> None:
        decorator = self.make()
        self.assertEqual(self.successResultOf(decorator.whisper(None, "A")), "a")
