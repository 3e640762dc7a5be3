"""Tests for L{pipservices_tx.logic.RetryDecorator}."""

from __future__ import annotations

from twisted.internet.defer import Deferred
from twisted.internet.error import ConnectionRefusedError
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException, NotFoundException
from pipservices_tx.logic import RetryDecorator, is_retryable
from pipservices_tx.testing import with_reactor

from ._support import TARGET, Greeter, IGreeter, observed_references


def down() -> ConnectionException:
    return ConnectionException(None, "DOWN", "unreachable")


class RetryDecoratorTests(SynchronousTestCase):
    def make(self, **config: object) -> RetryDecorator:
        self.clock = Clock()
        self.target = Greeter()
        references, self.logger, self.counters = observed_references(TARGET, self.target)
        decorator = with_reactor(RetryDecorator(), self.clock)
        config.setdefault("methods", ["greet"])
        decorator.configure(ConfigParams.from_value({"dependencies": {"target": str(TARGET)}, **config}))
        decorator.set_references(references)
        return decorator

    def greets(self) -> int:
        return sum(1 for name, _ in self.target.calls if name == "greet")

    def test_interface(self) -> None:
        verifyObject(IGreeter, self.make())

    def test_retries_with_exponential_backoff(self) -> None:
        decorator = self.make(options={"retries": 3, "delay": 100, "multiplier": 2, "jitter": 0})
        self.target.errors = [down(), down(), down()]
        d = decorator.greet("c1", "Ann")
        self.assertEqual(self.greets(), 1)
        for wait, calls in ((0.1, 2), (0.2, 3), (0.4, 4)):
            self.clock.advance(wait - 0.001)
            self.assertEqual(self.greets(), calls - 1)
            self.clock.advance(0.001)
            self.assertEqual(self.greets(), calls)
        self.assertEqual(self.successResultOf(d), "Hello, Ann")
        self.assertEqual(self.counters.count("test.greeter.greet.call_retries"), 3)

    def test_gives_up_with_the_last_error(self) -> None:
        decorator = self.make(options={"retries": 2, "delay": 10})
        last = down()
        self.target.errors = [down(), down(), last]
        d = decorator.greet(None, "Ann")
        self.clock.pump([0.01, 0.02])
        self.assertIs(self.failureResultOf(d, ConnectionException).value, last)
        self.assertEqual(self.greets(), 3)

    def test_delays_are_capped(self) -> None:
        decorator = self.make(options={"retries": 5, "delay": 1000, "multiplier": 3, "max_delay": 5000, "jitter": 0})
        self.assertEqual(decorator.delays(), [1.0, 3.0, 5.0, 5.0, 5.0])

    def test_jitter_shortens_each_delay_by_at_most_its_share(self) -> None:
        decorator = self.make(options={"retries": 5, "delay": 1000, "multiplier": 3, "max_delay": 5000, "jitter": 0.2})
        for delay, nominal in zip(decorator.delays(), [1.0, 3.0, 5.0, 5.0, 5.0], strict=True):
            self.assertTrue(nominal * 0.8 <= delay <= nominal, (delay, nominal))

    def test_other_errors_are_not_retried(self) -> None:
        decorator = self.make()
        self.target.errors = [NotFoundException(None, "NOPE", "no")]
        self.failureResultOf(decorator.greet(None, "Ann"), NotFoundException)
        self.assertEqual(self.greets(), 1)
        self.assertEqual(self.clock.getDelayedCalls(), [])

    def test_unlisted_methods_are_not_retried(self) -> None:
        decorator = self.make()
        self.target.errors = [down()]
        self.failureResultOf(decorator.rename(None, "a", "b"), ConnectionException)
        self.assertEqual(self.clock.getDelayedCalls(), [])

    def test_nothing_is_retried_without_methods(self) -> None:
        decorator = with_reactor(RetryDecorator(), Clock())
        decorator.configure(ConfigParams.from_value({"dependencies": {"target": str(TARGET)}}))
        target = Greeter()
        decorator.set_target(target)
        self.assertEqual(decorator.greet, target.greet)

    def test_cancel_during_the_wait(self) -> None:
        decorator = self.make(options={"delay": 1000})
        self.target.errors = [down()]
        d = decorator.greet(None, "Ann")
        d.cancel()
        self.failureResultOf(d)
        self.assertEqual(self.clock.getDelayedCalls(), [])
        self.assertEqual(self.greets(), 1)

    def test_cancel_cancels_the_pending_attempt(self) -> None:
        decorator = self.make()
        cancelled = []
        inner: Deferred[str] = Deferred(lambda d: cancelled.append(d))
        self.target.greet = lambda correlation_id, name: inner  # type: ignore[method-assign]
        d = decorator.greet(None, "Ann")
        d.cancel()
        self.assertEqual(cancelled, [inner])
        self.failureResultOf(d)

    def test_is_retryable(self) -> None:
        self.assertTrue(is_retryable(down()))
        self.assertTrue(is_retryable(ConnectionRefusedError()))
        self.assertFalse(is_retryable(NotFoundException()))
        self.assertFalse(is_retryable(ValueError()))
