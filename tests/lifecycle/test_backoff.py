"""Tests for L{pipservices_tx.lifecycle.Backoff}."""

from __future__ import annotations

import random

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.lifecycle import Backoff


class BackoffTests(SynchronousTestCase):
    def test_nominal_waits_double_up_to_the_maximum(self) -> None:
        backoff = Backoff(100, 500, jitter=0)
        self.assertEqual([backoff.delay(n) for n in range(5)], [0.1, 0.2, 0.4, 0.5, 0.5])

    def test_multiplier(self) -> None:
        self.assertEqual([Backoff(1000, 5000, 3, 0).nominal(n) for n in range(4)], [1.0, 3.0, 5.0, 5.0])

    def test_jitter_takes_up_to_its_share_off(self) -> None:
        backoff = Backoff(1000, 10000, jitter=0.25)
        self.assertEqual(backoff.delay(1, lambda: 0.0), 2.0)
        self.assertEqual(backoff.delay(1, lambda: 1.0), 1.5)
        rng = random.Random(7)
        waits = [backoff.delay(0, rng.random) for _ in range(200)]
        self.assertTrue(all(0.75 <= w <= 1.0 for w in waits))
        self.assertGreater(len(set(waits)), 100, "the waits are spread, not all the same")

    def test_huge_and_negative_tries_stay_bounded(self) -> None:
        backoff = Backoff(100, 5000, jitter=0)
        self.assertEqual(backoff.nominal(10**6), 5.0)
        self.assertEqual(backoff.nominal(-3), 0.1)

    def test_jitter_out_of_range_is_refused(self) -> None:
        for jitter in (-0.1, 1.5):
            self.assertRaises(ValueError, Backoff, 100, 200, 2, jitter)
