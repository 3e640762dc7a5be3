"""Caches, locks and state stores: null, in-memory, Redis and memcached, values as portable JSON."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "DefaultCacheFactory":
        from . import _default_cache_factory

        module = _default_cache_factory
    elif name == "HashRing":
        from . import _hash_ring

        module = _hash_ring
    elif name in ("ICache", "ILock", "IStateStore"):
        from . import _interfaces

        module = _interfaces
    elif name in ("decode_value", "encode_value"):
        from . import _json_codec

        module = _json_codec
    elif name == "Lock":
        from . import _lock

        module = _lock
    elif name == "MemcachedCache":
        from . import _memcached_cache

        module = _memcached_cache
    elif name == "memcached_key":
        from . import _memcached_keys

        module = _memcached_keys
    elif name == "MemcachedLock":
        from . import _memcached_lock

        module = _memcached_lock
    elif name in ("MemcachedSettings", "parse_memcached_uri"):
        from . import _memcached_settings

        module = _memcached_settings
    elif name == "MemoryCache":
        from . import _memory_cache

        module = _memory_cache
    elif name == "MemoryLock":
        from . import _memory_lock

        module = _memory_lock
    elif name == "NullCache":
        from . import _null_cache

        module = _null_cache
    elif name == "NullLock":
        from . import _null_lock

        module = _null_lock
    elif name == "RedisCache":
        from . import _redis_cache

        module = _redis_cache
    elif name == "RedisLock":
        from . import _redis_lock

        module = _redis_lock
    elif name == "RedisSettings":
        from . import _redis_settings

        module = _redis_settings
    elif name == "RedisStateStore":
        from . import _redis_state_store

        module = _redis_state_store
    elif name in ("MemoryStateStore", "NullStateStore", "StateValue"):
        from . import _state_stores

        module = _state_stores
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
