# -*- test-case-name: tests.cache.test_memory_cache -*-
"""MemoryCache: an in-process cache with a ttl per entry and LRU eviction."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Optional

from twisted.internet.defer import Deferred, fail, succeed
from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ..lifecycle import ICleanable, ReactorAware
from ._interfaces import ICache
from ._json_codec import decode_value, encode_value
from ._timeouts import DEFAULT_ENTRY_TIMEOUT_MS, entry_timeout_ms


@implementer(ICache, IReconfigurable, ICleanable)
class MemoryCache(ReactorAware):
    """
    Keeps each value as its JSON text, so a caller never shares an object with
    the cache and a value that works here works in Redis too. Configured by
    C{options.timeout} (ms, default 60000) and C{options.max_size} (entries,
    default 1000; the least recently used entry goes first). Expiry follows
    C{self.reactor.seconds()}.
    """

    def __init__(self) -> None:
        self.timeout = DEFAULT_ENTRY_TIMEOUT_MS
        self.max_size = 1000
        self._entries: OrderedDict[str, tuple[str, float]] = OrderedDict()

    def configure(self, config: ConfigParams) -> None:
        self.timeout = config.get_as_checked_timeout("options.timeout", self.timeout)
        self.max_size = config.get_as_checked_integer("options.max_size", self.max_size, minimum=0)
        self._evict()

    def _now(self) -> float:
        return self.reactor.seconds()

    def __len__(self) -> int:
        """Entries held, expired ones included until they are touched or evicted."""
        return len(self._entries)

    def retrieve(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        entry = self._entries.get(key)
        if entry is None:
            return succeed(None)
        text, expires_at = entry
        if expires_at <= self._now():
            del self._entries[key]
            return succeed(None)
        self._entries.move_to_end(key)
        return succeed(decode_value(text))

    def store(self, correlation_id: Optional[str], key: str, value: Any, timeout: Optional[int] = None) -> Deferred[Any]:
        try:
            text = encode_value(correlation_id, key, value)
        except Exception as e:
            return fail(e)
        ttl_ms = entry_timeout_ms(timeout, self.timeout)
        self._entries[key] = (text, self._now() + ttl_ms / 1000.0)
        self._entries.move_to_end(key)
        self._evict()
        return succeed(value)

    def remove(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        self._entries.pop(key, None)
        return succeed(None)

    def clear(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Drops every entry."""
        self._entries.clear()
        return succeed(None)

    def _evict(self) -> None:
        if self.max_size <= 0:
            return
        while len(self._entries) > self.max_size:
            self._entries.popitem(last=False)
