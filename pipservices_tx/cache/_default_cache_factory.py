# -*- test-case-name: tests.cache.test_default_cache_factory -*-
"""DefaultCacheFactory: the standard cache and lock descriptors of a container config."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _null_cache() -> type:
    from ._null_cache import NullCache

    return NullCache


def _memory_cache() -> type:
    from ._memory_cache import MemoryCache

    return MemoryCache


def _redis_cache() -> type:
    from ._redis_cache import RedisCache

    return RedisCache


def _memcached_cache() -> type:
    from ._memcached_cache import MemcachedCache

    return MemcachedCache


def _memory_lock() -> type:
    from ._memory_lock import MemoryLock

    return MemoryLock


def _redis_lock() -> type:
    from ._redis_lock import RedisLock

    return RedisLock


def _null_lock() -> type:
    from ._null_lock import NullLock

    return NullLock


def _memcached_lock() -> type:
    from ._memcached_lock import MemcachedLock

    return MemcachedLock


def _null_state_store() -> type:
    from ._state_stores import NullStateStore

    return NullStateStore


def _memory_state_store() -> type:
    from ._state_stores import MemoryStateStore

    return MemoryStateStore


def _redis_state_store() -> type:
    from ._redis_state_store import RedisStateStore

    return RedisStateStore


class DefaultCacheFactory(Factory):
    """
    Builds C{pip-services:cache:{null,memory,redis,memcached}},
    C{pip-services:lock:{null,memory,redis,memcached}} and
    C{pip-services:state-store:{null,memory,redis}}. Creating a Redis
    component does not import txredisapi; opening it does.
    """

    descriptor = Descriptor("pip-services", "factory", "cache", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "cache", "null", "*", "1.0"), _null_cache)
        self.register_lazy(Descriptor("pip-services", "cache", "memory", "*", "1.0"), _memory_cache)
        self.register_lazy(Descriptor("pip-services", "cache", "redis", "*", "1.0"), _redis_cache)
        self.register_lazy(Descriptor("pip-services", "cache", "memcached", "*", "1.0"), _memcached_cache)
        self.register_lazy(Descriptor("pip-services", "lock", "memory", "*", "1.0"), _memory_lock)
        self.register_lazy(Descriptor("pip-services", "lock", "redis", "*", "1.0"), _redis_lock)
        self.register_lazy(Descriptor("pip-services", "lock", "null", "*", "1.0"), _null_lock)
        self.register_lazy(Descriptor("pip-services", "lock", "memcached", "*", "1.0"), _memcached_lock)
        self.register_lazy(Descriptor("pip-services", "state-store", "null", "*", "1.0"), _null_state_store)
        self.register_lazy(Descriptor("pip-services", "state-store", "memory", "*", "1.0"), _memory_state_store)
        self.register_lazy(Descriptor("pip-services", "state-store", "redis", "*", "1.0"), _redis_state_store)
