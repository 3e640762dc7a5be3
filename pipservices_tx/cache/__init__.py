"""Caches, locks and state stores: null, in-memory, Redis and memcached, values as portable JSON."""

from ._default_cache_factory import DefaultCacheFactory
from ._hash_ring import HashRing
from ._interfaces import ICache, ILock, IStateStore
from ._json_codec import decode_value, encode_value
from ._lock import Lock
from ._memcached_cache import MemcachedCache
from ._memcached_keys import memcached_key
from ._memcached_lock import MemcachedLock
from ._memcached_settings import MemcachedSettings, parse_memcached_uri
from ._memory_cache import MemoryCache
from ._memory_lock import MemoryLock
from ._null_cache import NullCache
from ._null_lock import NullLock
from ._redis_cache import RedisCache
from ._redis_lock import RedisLock
from ._redis_settings import RedisSettings
from ._redis_state_store import RedisStateStore
from ._state_stores import MemoryStateStore, NullStateStore, StateValue

__all__ = [
    "DefaultCacheFactory",
    "HashRing",
    "ICache",
    "ILock",
    "IStateStore",
    "Lock",
    "MemcachedCache",
    "MemcachedLock",
    "MemcachedSettings",
    "MemoryCache",
    "MemoryLock",
    "MemoryStateStore",
    "NullCache",
    "NullLock",
    "NullStateStore",
    "RedisCache",
    "RedisLock",
    "RedisSettings",
    "RedisStateStore",
    "StateValue",
    "decode_value",
    "encode_value",
    "memcached_key",
    "parse_memcached_uri",
]
