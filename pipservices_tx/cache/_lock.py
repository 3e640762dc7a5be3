# -*- test-case-name: tests.cache.test_memory_lock -*-
"""The retry loop every lock shares: acquire_lock on top of try_acquire_lock."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred
from twisted.internet.task import deferLater

from ..config import ConfigParams
from ..errors import ConflictException
from ..lifecycle import ReactorAware


class Lock(ReactorAware):
    """
    Subclasses provide C{try_acquire_lock}; this retries it every
    C{options.retry_timeout} ms (default 100) on the component's reactor.
    """

    def __init__(self) -> None:
        self.retry_timeout = 100

    def configure(self, config: ConfigParams) -> None:
        self.retry_timeout = config.get_as_checked_integer("options.retry_timeout", self.retry_timeout, minimum=1)

    def try_acquire_lock(self, correlation_id: Optional[str], key: str, ttl_ms: int) -> Deferred[bool]:
        raise NotImplementedError

    def acquire_lock(self, correlation_id: Optional[str], key: str, ttl_ms: int, timeout_ms: int) -> Deferred[None]:
        return ensureDeferred(self._acquire(correlation_id, key, ttl_ms, timeout_ms))

    async def _acquire(self, correlation_id: Optional[str], key: str, ttl_ms: int, timeout_ms: int) -> None:
        clock = self.reactor
        deadline = clock.seconds() + max(0, timeout_ms) / 1000.0
        while True:
            if await self.try_acquire_lock(correlation_id, key, ttl_ms):
                return
            remaining = deadline - clock.seconds()
            if remaining <= 0:
                raise ConflictException(
                    correlation_id, "LOCK_TIMEOUT", f"Acquiring lock '{key}' timed out after {timeout_ms} ms"
                ).with_details("key", key)
            wait: Deferred[Any] = deferLater(clock, min(remaining, self.retry_timeout / 1000.0), lambda: None)
            await wait
