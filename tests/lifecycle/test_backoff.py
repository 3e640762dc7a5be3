"""backoff: the one delay policy of retries and reconnects."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.lifecycle import backoff


class BackoffTests(SynchronousTestCase):
    def test_exponential_and_capped_without_jitter(self) -> None:
        policy = backoff(0.1, 1.0, jitter=0)
        self.assertEqual([round(policy(n), 6) for n in range(6)], [0.1, 0.2, 0.4, 0.8, 1.0, 1.0])

    def test_jitter_only_shortens_within_its_share(self) -> None:
        for draw in (0.0, 0.5, 0.999):
            policy = backoff(1.0, 8.0, jitter=0.2, random=lambda value=draw: value)
            for attempt in range(5):
                nominal = min(2.0 ** attempt, 8.0)
                self.assertLessEqual(policy(attempt), nominal)
                self.assertGreaterEqual(policy(attempt), nominal * 0.8)

    def test_huge_attempts_and_negative_ones_stay_finite(self) -> None:
        policy = backoff(0.1, 30.0, jitter=0)
        self.assertEqual(policy(10_000), 30.0)
        self.assertEqual(policy(-3), 0.1)
