# -*- test-case-name: tests.cache.test_memcached_lock -*-
"""MemcachedLock: a lock shared by every process that talks to the same memcached servers."""

from __future__ import annotations

import math
import uuid
from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.internet.interfaces import IReactorTime
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..lifecycle import IOpenable
from ..refer import IReferenceable, IReferences
from ._interfaces import ILock
from ._lock import Lock
from ._memcached_cache import MemcachedCache


@implementer(ILock, IConfigurable, IReferenceable, IOpenable)
class MemcachedLock(Lock):
    """
    C{add key token} with the ttl as the expiry: memcached stores it only when
    the key is absent, so one caller wins. memcached keeps whole seconds, so
    a ttl is rounded up to the next second. Release reads the key and deletes
    it only when it still holds this acquisition's token; memcached has no
    compare-and-delete, so a lock that expires between that read and the
    delete (within one round trip) could release the next owner's lock: give
    locks a ttl well above the time the work takes.
    Configured as L{MemcachedCache} (the same servers on the same hash
    ring; its C{options.timeout} does not apply), plus C{options.retry_timeout}.
    """

    def __init__(self) -> None:
        super().__init__()
        self._servers = MemcachedCache()
        self._tokens: dict[str, bytes] = {}

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._servers.set_reactor(reactor)

    def configure(self, config: ConfigParams) -> None:
        self._servers.configure(config)
        Lock.configure(self, config)

    def set_references(self, references: IReferences) -> None:
        self._servers.set_references(references)

    def is_open(self) -> bool:
        return self._servers.is_open()

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        return self._servers.open(correlation_id)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        return self._servers.close(correlation_id)

    def try_acquire_lock(self, correlation_id: Optional[str], key: str, ttl_ms: int) -> Deferred[bool]:
        token = uuid.uuid4().hex.encode("ascii")
        seconds = max(1, math.ceil(max(0, ttl_ms) / 1000.0))
        d = self._servers._call(correlation_id, key, lambda proto, k: proto.add(k, token, 0, seconds))

        def answered(stored: Any) -> bool:
            if stored:
                self._tokens[key] = token
            return bool(stored)

        return d.addCallback(answered)

    def release_lock(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        token = self._tokens.pop(key, None)
        if token is None:
            return succeed(None)
        d = self._servers._call(correlation_id, key, lambda proto, k: proto.get(k))

        def read(reply: Any) -> Any:
            if reply[1] != token:
                return None
            return self._servers._call(correlation_id, key, lambda proto, k: proto.delete(k))

        return d.addCallback(read).addCallback(lambda _: None)
