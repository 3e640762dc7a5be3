"""MemoryLock: expiry and retries on an injected clock, release by the owner only."""

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import MemoryLock
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConflictException
from pipservices_tx.testing import with_reactor


def make_lock(retry_timeout: int = 100) -> tuple[MemoryLock, Clock]:
    clock = Clock()
    lock = with_reactor(MemoryLock(), clock)
    lock.configure(ConfigParams({"options.retry_timeout": retry_timeout}))
    return lock, clock


class MemoryLockTests(SynchronousTestCase):
    def test_lock_is_exclusive_until_released(self) -> None:
        lock, _ = make_lock()
        self.assertTrue(self.successResultOf(lock.try_acquire_lock(None, "k", 1000)))
        self.assertFalse(self.successResultOf(lock.try_acquire_lock(None, "k", 1000)))
        self.assertTrue(self.successResultOf(lock.try_acquire_lock(None, "other", 1000)))
        self.successResultOf(lock.release_lock(None, "k"))
        self.assertTrue(self.successResultOf(lock.try_acquire_lock(None, "k", 1000)))

    def test_lock_expires_after_ttl(self) -> None:
        lock, clock = make_lock()
        lock.try_acquire_lock(None, "k", 500)
        clock.advance(0.499)
        self.assertFalse(self.successResultOf(lock.try_acquire_lock(None, "k", 500)))
        clock.advance(0.001)
        self.assertTrue(self.successResultOf(lock.try_acquire_lock(None, "k", 500)))

    def test_releasing_a_lock_never_acquired_does_nothing(self) -> None:
        lock, _ = make_lock()
        lock.try_acquire_lock(None, "k", 1000)
        self.successResultOf(lock.release_lock(None, "unrelated"))
        self.assertFalse(self.successResultOf(lock.try_acquire_lock(None, "k", 1000)))

    def test_acquire_waits_for_the_holder_to_let_go(self) -> None:
        lock, clock = make_lock(retry_timeout=100)
        lock.try_acquire_lock(None, "k", 250)
        d = lock.acquire_lock(None, "k", 1000, 1000)
        self.assertNoResult(d)
        clock.advance(0.1)
        clock.advance(0.1)
        self.assertNoResult(d)
        clock.advance(0.1)  # the lock expired at 0.25
        self.assertIsNone(self.successResultOf(d))
        self.assertFalse(self.successResultOf(lock.try_acquire_lock(None, "k", 1000)))

    def test_acquire_times_out_with_conflict(self) -> None:
        lock, clock = make_lock(retry_timeout=100)
        lock.try_acquire_lock(None, "k", 10000)
        d = lock.acquire_lock("c1", "k", 1000, 350)
        clock.pump([0.1, 0.1, 0.1])
        self.assertNoResult(d)
        clock.advance(0.05)
        failure = self.failureResultOf(d, ConflictException)
        self.assertEqual(failure.value.code, "LOCK_TIMEOUT")
        self.assertEqual(failure.value.correlation_id, "c1")
        self.assertEqual(clock.getDelayedCalls(), [])

    def test_acquire_of_a_free_lock_needs_no_clock(self) -> None:
        lock, _ = make_lock()
        self.assertIsNone(self.successResultOf(lock.acquire_lock(None, "k", 1000, 0)))
