# -*- test-case-name: tests.security.test_basic_authorizer_hashing -*-
"""HashPool: password hashes checked in a small thread pool of their own, so the reactor never waits for one."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, fail
from twisted.internet.interfaces import IReactorCore
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from ..errors import ConnectionException


class HashPool:
    """
    Runs checks in at most C{threads} threads; beyond C{max_pending} checks
    queued or running, a new one fails at once with 503 C{OVERLOADED}
    instead of waiting behind them. Started on first use (or L{start}) and
    stopped by L{stop} or when the reactor shuts down.
    """

    def __init__(self, threads: int = 2, max_pending: int = 64, name: str = "password-hashes") -> None:
        self.threads = max(threads, 1)
        self.max_pending = max(max_pending, 1)
        self.name = name
        self.pending = 0
        self._pool: Optional[ThreadPool] = None
        self._trigger: Any = None
        self._reactor: Any = None

    def start(self, reactor: Any) -> None:
        if self._pool is not None:
            return
        self._reactor = reactor
        self._pool = ThreadPool(minthreads=0, maxthreads=self.threads, name=self.name)
        self._pool.start()
        core = IReactorCore(reactor, None)
        if core is not None:
            self._trigger = core.addSystemEventTrigger("during", "shutdown", self.stop)

    def stop(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
        trigger, self._trigger = self._trigger, None
        core = IReactorCore(self._reactor, None)
        if trigger is not None and core is not None:
            try:
                core.removeSystemEventTrigger(trigger)
            except (ValueError, KeyError):
                pass  # already fired: the reactor is shutting down

    @property
    def running(self) -> bool:
        return self._pool is not None

    def run(self, reactor: Any, check: Callable[..., bool], *args: Any,
            correlation_id: Optional[str] = None) -> Deferred[bool]:
        """C{check(*args)} in the pool; its result on the reactor thread."""
        if self.pending >= self.max_pending:
            error = ConnectionException(
                correlation_id, "OVERLOADED",
                f"{self.pending} password checks are already waiting; retry in a moment",
            )
            return fail(error)
        self.start(reactor)
        assert self._pool is not None
        self.pending += 1
        d: Deferred[bool] = deferToThreadPool(reactor, self._pool, check, *args)

        def done(result: Any) -> Any:
            self.pending -= 1
            return result

        return d.addBoth(done)
