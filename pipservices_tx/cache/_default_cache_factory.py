# -*- test-case-name: tests.cache.test_default_cache_factory -*-
"""DefaultCacheFactory: the standard cache and lock descriptors of a container config."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor
from ._memcached_cache import MemcachedCache
from ._memory_cache import MemoryCache
from ._memory_lock import MemoryLock
from ._null_cache import NullCache
from ._redis_cache import RedisCache
from ._redis_lock import RedisLock


class DefaultCacheFactory(Factory):
    """
    Builds C{pip-services:cache:{null,memory,redis,memcached}} and
    C{pip-services:lock:{memory,redis}}. Creating a Redis component does not
    import txredisapi; opening it does.
    """

    descriptor = Descriptor("pip-services", "factory", "cache", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        for kind, cache_type in (
            ("null", NullCache),
            ("memory", MemoryCache),
            ("redis", RedisCache),
            ("memcached", MemcachedCache),
        ):
            self.register_as_type(Descriptor("pip-services", "cache", kind, "*", "1.0"), cache_type)
        self.register_as_type(Descriptor("pip-services", "lock", "memory", "*", "1.0"), MemoryLock)
        self.register_as_type(Descriptor("pip-services", "lock", "redis", "*", "1.0"), RedisLock)
