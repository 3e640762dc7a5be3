# -*- test-case-name: tests.cache.test_memory_lock -*-
"""NullLock: a lock that every caller gets at once, for where locking is not wanted."""

from __future__ import annotations

from typing import Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ._interfaces import ILock


@implementer(ILock)
class NullLock:
    """C{try_acquire_lock} is always True; nothing is held, so nothing is released."""

    def try_acquire_lock(self, correlation_id: Optional[str], key: str, ttl_ms: int) -> Deferred[bool]:
        return succeed(True)

    def acquire_lock(self, correlation_id: Optional[str], key: str, ttl_ms: int, timeout_ms: int) -> Deferred[None]:
        return succeed(None)

    def release_lock(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        return succeed(None)
