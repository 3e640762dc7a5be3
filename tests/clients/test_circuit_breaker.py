"""CircuitBreaker on a fake clock: when it opens, when it lets a trial call through, how it closes."""

from __future__ import annotations

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.clients._circuit_breaker import BreakerPolicy, CircuitBreaker, CircuitState


def breaker(threshold: int = 3, open_ms: int = 1000, max_ms: int = 4000) -> tuple[CircuitBreaker, Clock]:
    clock = Clock()
    return CircuitBreaker(BreakerPolicy(threshold, open_ms, max_ms, 0), clock), clock


class CircuitBreakerTests(SynchronousTestCase):
    def test_opens_after_the_threshold_of_failures_in_a_row(self) -> None:
        b, _ = breaker(3)
        self.assertEqual([b.failed(), b.failed()], [False, False])
        self.assertTrue(b.available())
        self.assertTrue(b.failed())
        self.assertEqual(b.state, CircuitState.OPEN)
        self.assertFalse(b.available())

    def test_a_success_resets_the_count(self) -> None:
        b, _ = breaker(3)
        b.failed()
        b.failed()
        self.assertFalse(b.succeeded(), "it was closed already")
        b.failed()
        b.failed()
        self.assertEqual(b.state, CircuitState.CLOSED)

    def test_one_trial_call_after_the_wait_and_its_success_closes(self) -> None:
        b, clock = breaker(1, 1000)
        b.failed()
        clock.advance(0.999)
        self.assertFalse(b.available())
        clock.advance(0.001)
        self.assertTrue(b.available())
        b.begin()
        self.assertEqual(b.state, CircuitState.HALF_OPEN)
        self.assertFalse(b.available(), "one trial at a time")
        self.assertTrue(b.succeeded())
        self.assertEqual((b.state, b.openings), (CircuitState.CLOSED, 0))
        self.assertTrue(b.available())

    def test_a_failed_trial_opens_for_twice_as_long_up_to_the_cap(self) -> None:
        b, clock = breaker(1, 1000, 2500)
        b.failed()
        waits = []
        for _ in range(3):
            opened_at = clock.seconds()
            clock.advance(b.open_until - clock.seconds())
            waits.append(clock.seconds() - opened_at)
            b.begin()
            self.assertTrue(b.failed())
        self.assertEqual(waits, [1.0, 2.0, 2.5])
        self.assertEqual(b.state, CircuitState.OPEN)

    def test_a_cancelled_trial_lets_another_one_go(self) -> None:
        b, clock = breaker(1)
        b.failed()
        clock.advance(1)
        b.begin()
        self.assertFalse(b.available())
        b.released()
        self.assertTrue(b.available())
        self.assertEqual(b.state, CircuitState.HALF_OPEN)

    def test_threshold_zero_never_opens(self) -> None:
        b, _ = breaker(0)
        self.assertFalse(any(b.failed() for _ in range(100)))
        self.assertTrue(b.available())

    def test_a_late_failure_while_open_keeps_it_open_without_reopening(self) -> None:
        b, clock = breaker(1, 1000)
        b.failed()
        until = b.open_until
        clock.advance(0.5)
        self.assertFalse(b.failed(), "a call sent before it opened")
        self.assertEqual((b.state, b.open_until), (CircuitState.OPEN, until))
