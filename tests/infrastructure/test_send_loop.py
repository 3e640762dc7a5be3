"""SendLoop on a fake clock: interval, one send at a time, a full batch at once, jittered back-off."""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import Deferred, fail, succeed
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.infrastructure import SendLoop


class SendLoopTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.results: list[Any] = []
        self.sends = 0
        self.events: list[Any] = []
        self.loop = SendLoop(self.clock, self.send, 1.0, 0.5, 4.0,
                             lambda error, delay: self.events.append(("failed", delay)),
                             lambda: self.events.append("recovered"))

    def send(self) -> Any:
        self.sends += 1
        return self.results.pop(0) if self.results else succeed(False)

    def test_sends_on_the_interval_only_once_started(self) -> None:
        self.loop.poke()
        self.clock.advance(5)
        self.assertEqual(self.sends, 0)
        self.loop.start()
        self.clock.advance(0.9)
        self.assertEqual(self.sends, 0)
        self.clock.advance(0.1)
        self.assertEqual(self.sends, 1)
        self.clock.pump([1, 1])
        self.assertEqual(self.sends, 3)

    def test_one_send_at_a_time_and_full_batches_go_at_once(self) -> None:
        self.loop.start()
        slow: Deferred[bool] = Deferred()
        self.results = [slow, succeed(True), succeed(False)]
        self.loop.poke()
        self.loop.poke()
        self.clock.advance(1)
        self.assertEqual(self.sends, 1)
        slow.callback(True)  # a full batch waits: sent without waiting for the interval
        self.clock.advance(0)
        self.clock.advance(0)
        self.assertEqual(self.sends, 3)

    def test_backs_off_with_jitter_and_recovers(self) -> None:
        self.loop.start()
        self.results = [fail(ValueError("down")), fail(ValueError("down")), succeed(False)]
        self.loop.poke()
        self.assertEqual(self.sends, 1)
        first_delay = self.events[0][1]
        self.assertTrue(0.45 <= first_delay <= 0.5, first_delay)  # the one back-off: jitter only shortens
        self.assertTrue(self.loop.backing_off)
        self.loop.poke()  # waits out the back-off
        self.assertEqual(self.sends, 1)
        self.clock.advance(first_delay)
        self.assertEqual(self.sends, 2)
        second_delay = self.events[1][1]
        self.assertTrue(0.9 <= second_delay <= 1.0, second_delay)
        self.clock.advance(second_delay)
        self.assertEqual((self.sends, self.events[-1], self.loop.failures), (3, "recovered", 0))

    def test_the_delay_is_capped(self) -> None:
        self.loop.start()
        for _ in range(8):
            self.results = [fail(ValueError("down"))]
            self.loop.poke()
            self.clock.advance(10)
        delays = [event[1] for event in self.events if isinstance(event, tuple)]
        self.assertEqual(len(delays), 8)
        self.assertTrue(all(delay <= 4.5 for delay in delays), delays)

    def test_stop_waits_for_the_send_in_flight(self) -> None:
        self.loop.start()
        slow: Deferred[bool] = Deferred()
        self.results = [slow]
        self.loop.poke()
        stopped = self.loop.stop()
        self.assertNoResult(stopped)
        slow.errback(ValueError("late"))
        self.successResultOf(stopped)
        self.clock.advance(100)
        self.assertEqual(self.sends, 1)
        self.assertFalse(self.loop.running)
