# -*- test-case-name: tests.cache.test_memory_lock -*-
"""MemoryLock: expiring locks inside one process."""

from __future__ import annotations

import uuid
from typing import Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ..config import IReconfigurable
from ._interfaces import ILock
from ._lock import Lock


@implementer(ILock, IReconfigurable)
class MemoryLock(Lock):
    """
    Each acquisition gets a fresh token; C{release_lock} only removes a lock
    still holding the token of this component's latest acquisition of it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._locks: dict[str, tuple[str, float]] = {}
        self._tokens: dict[str, str] = {}

    def try_acquire_lock(self, correlation_id: Optional[str], key: str, ttl_ms: int) -> Deferred[bool]:
        now = self.reactor.seconds()
        held = self._locks.get(key)
        if held is not None and held[1] > now:
            return succeed(False)
        token = uuid.uuid4().hex
        self._locks[key] = (token, now + max(0, ttl_ms) / 1000.0)
        self._tokens[key] = token
        return succeed(True)

    def release_lock(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        token = self._tokens.pop(key, None)
        held = self._locks.get(key)
        if token is not None and held is not None and held[0] == token:
            del self._locks[key]
        return succeed(None)
