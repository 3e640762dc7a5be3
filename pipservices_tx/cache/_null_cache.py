# -*- test-case-name: tests.cache.test_null_cache -*-
"""NullCache: a cache that keeps nothing, for when caching is switched off."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ._interfaces import ICache


@implementer(ICache)
class NullCache:
    """Every retrieve misses; store answers with the value without keeping it."""

    def retrieve(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        return succeed(None)

    def store(self, correlation_id: Optional[str], key: str, value: Any, timeout: Optional[int] = None) -> Deferred[Any]:
        return succeed(value)

    def remove(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        return succeed(None)
