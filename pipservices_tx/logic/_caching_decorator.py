# -*- test-case-name: tests.logic.test_caching_decorator -*-
"""CachingDecorator: read-through caching of chosen methods of the wrapped component in an ICache."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, DeferredList, maybeDeferred
from twisted.python.failure import Failure

from ..cache import ICache
from ..config import ConfigParams
from ..errors import ConfigException, ReferenceException
from ..refer import Descriptor, IReferences
from ._cache_keys import CacheKeys
from ._cached_values import from_cached, to_cached
from ._decorator import Decorator
from ._in_flight import InFlight
from ._method_settings import argument, method_settings, parameter_index

CACHE_LOCATOR = Descriptor(None, "cache", None, None, "1.0")


class CachingDecorator(Decorator):
    """
    Read-through cache for the methods listed in C{methods} (nothing is
    cached without it). A call first looks up its key in the cache
    (C{dependencies.cache}, default the newest C{*:cache:*:*:1.0}); on a hit
    the target is not called; on a miss the target's result is returned and
    stored for the method's ttl. Config:

      - C{options.ttl}: ms a result is kept (default 60000); per method
        C{methods.<name>.ttl};
      - C{methods.<name>.key}: the key template (see L{CacheKeys}; default
        C{<prefix>:<method>:<JSON of the arguments but correlation_id>});
      - C{options.prefix}: the C{{prefix}} of keys (default the decorator's
        name, C{<group>.<type>} of the target);
      - C{invalidate}: methods that change the data (C{update},
        C{delete_by_id}...). When one of them finishes, successfully or
        not, every key this decorator stored or hit is removed before its
        result is returned, and a read that was in flight is not stored. A
        removal waits for the stores of its key that are still on their way
        (a pooled client may send them on another connection, where they
        could land after the removal), so a read that starts after a write
        was acknowledged never sees the value from before the write;
      - C{options.max_keys}: keys remembered for invalidation (default
        10000); beyond it the oldest is removed from the cache at once.

    Kept simple on purpose: invalidation drops everything this instance
    knows, not just the written item. Other instances sharing a Redis or
    memcached cache forget keys only they stored at the end of their ttl:
    choose the ttl as the staleness you accept. Results must be JSON values
    (ICache) or a L{DataPage} of them (kept as a tagged JSON object, read back
    as a new DataPage); None is never cached (a miss looks the same). A cached
    method always returns a Deferred.

    A cache that fails (down, timeout, a value it cannot encode) is a miss
    and a warning in the log, never an error of the call. Counters:
    C{<name>.<method>.cache_hits} and C{.cache_misses}.
    """

    _default_all = False

    def __init__(self) -> None:
        Decorator.__init__(self)
        self.ttl_ms = 60000
        self.prefix: Optional[str] = None
        self.max_keys = 10000
        self.cache_locator: Any = CACHE_LOCATOR
        self.invalidating: list[str] = []
        self._cache: Any = None
        self._key_makers: dict[str, CacheKeys] = {}
        self._keys: OrderedDict[str, float] = OrderedDict()
        self._generation = 0
        self._stores = InFlight()
        self._removals = InFlight()

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.ttl_ms = config.get_as_integer_with_default("options.ttl", self.ttl_ms)
        self.prefix = config.get_as_nullable_string("options.prefix") or self.prefix
        self.max_keys = max(1, config.get_as_integer_with_default("options.max_keys", self.max_keys))
        self.invalidating = list(method_settings(config, "invalidate") or ())
        cache = config.get_as_nullable_string("dependencies.cache")
        if cache:
            self.cache_locator = Descriptor.from_string(cache)

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        caches = [c for c in references.get_optional(self.cache_locator) if c is not self and c is not self.target]
        if not caches:
            raise ReferenceException(None, self.cache_locator)
        self.set_cache(caches[-1])

    def set_cache(self, cache: Any) -> None:
        """Uses C{cache} (an ICache); what C{set_references} does."""
        if not ICache.providedBy(cache):
            raise ConfigException(None, "NOT_A_CACHE", f"{self.decorator_name}: {cache!r} is not an ICache")
        self._cache = cache

    def set_target(self, target: Any) -> None:
        super().set_target(target)
        for name in self.invalidating:
            if not callable(getattr(target, name, None)):
                raise ConfigException(
                    None, "NO_METHOD", f"{self.decorator_name}: the target has no method '{name}' to invalidate on"
                ).with_details("method", name)
        prefix = self.prefix or self.decorator_name or ""
        self._key_makers = {
            name: CacheKeys(prefix, name, getattr(target, name), settings.get_as_nullable_string("key"))
            for name, settings in (self._methods or {}).items()
        }

    def applies_to(self, name: str) -> bool:
        return name in self._key_makers or name in self.invalidating

    def _decorate(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        cid_index = parameter_index(method, "correlation_id")
        keys = self._key_makers.get(name)
        if keys is None:
            return self._invalidating(method, cid_index)
        ttl_ms = self.settings_of(name).get_as_integer_with_default("ttl", self.ttl_ms)
        full = f"{self.decorator_name}.{name}"
        hits, misses = full + ".cache_hits", full + ".cache_misses"

        def call(*args: Any, **kwargs: Any) -> Deferred[Any]:
            correlation_id = argument(args, kwargs, "correlation_id", cid_index)
            try:
                key = keys.key(args, kwargs)
            except Exception as e:
                self._logger.warn(correlation_id, "No cache key for %s: %s; calling through", full, e)
                return maybeDeferred(method, *args, **kwargs)
            generation = self._generation

            def looked_up(value: Any) -> Any:
                if value is not None:
                    self._counters.increment_one(hits)
                    self._track(correlation_id, key, ttl_ms)
                    return from_cached(value)
                self._counters.increment_one(misses)
                d = maybeDeferred(method, *args, **kwargs)
                return d.addCallback(self._store, correlation_id, key, ttl_ms, generation)

            return self._retrieve(correlation_id, key).addCallback(looked_up)

        return call

    def _invalidating(self, method: Callable[..., Any], cid_index: Optional[int]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Deferred[Any]:
            correlation_id = argument(args, kwargs, "correlation_id", cid_index)

            def done(outcome: Any) -> Deferred[Any]:
                return self.invalidate(correlation_id).addCallback(lambda _: outcome)

            return maybeDeferred(method, *args, **kwargs).addBoth(done)

        return call

    # -- the cache, whose failures are misses ---------------------------------

    def _retrieve(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        d = maybeDeferred(self._cache.retrieve, correlation_id, key)
        return d.addErrback(self._cache_failed, correlation_id, "read", key)

    def _store(self, value: Any, correlation_id: Optional[str], key: str, ttl_ms: int, generation: int) -> Any:
        if value is None or generation != self._generation:
            return value
        self._track(correlation_id, key, ttl_ms)
        d = maybeDeferred(self._cache.store, correlation_id, key, to_cached(value), ttl_ms)
        self._stores.add(key, d.addErrback(self._cache_failed, correlation_id, "store", key))
        return value

    def _remove(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        d = maybeDeferred(self._cache.remove, correlation_id, key)
        return self._removals.add(key, d.addErrback(self._cache_failed, correlation_id, "remove", key))

    def _cache_failed(self, failure: Failure, correlation_id: Optional[str], what: str, key: str) -> None:
        self._logger.warn(correlation_id, "Cache cannot %s %s (treated as a miss): %s", what, key, failure.value)
        return None

    # -- invalidation ---------------------------------------------------------

    def _track(self, correlation_id: Optional[str], key: str, ttl_ms: int) -> None:
        now = self.reactor.seconds()
        self._keys[key] = now + ttl_ms / 1000.0
        self._keys.move_to_end(key)
        if len(self._keys) > self.max_keys:
            for old in [k for k, expires in self._keys.items() if expires <= now]:
                del self._keys[old]
            while len(self._keys) > self.max_keys:
                old, _ = self._keys.popitem(last=False)
                self._remove_after_stores(correlation_id, old)

    @property
    def tracked_keys(self) -> list[str]:
        """The keys an invalidation would remove now (oldest first)."""
        return list(self._keys)

    def invalidate(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """
        Removes every key stored or hit and not expired; fires when done, never
        fails. A key is removed after its stores on their way have landed, and
        the returned Deferred also waits for removals sent before (by an earlier
        invalidation, or to keep C{max_keys}): once it fires, no value from
        before the call can be read from the cache.
        """
        self._generation += 1
        now = self.reactor.seconds()
        keys = {key for key, expires in self._keys.items() if expires > now} | set(self._stores.keys())
        self._keys.clear()
        earlier = self._removals.landed()
        removals = [self._remove_after_stores(correlation_id, key) for key in keys]
        return DeferredList([earlier, *removals]).addCallback(lambda _: None)

    def _remove_after_stores(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        """Removes C{key} once its stores on their way have landed (the fill guard)."""
        return self._stores.landed([key]).addCallback(lambda _: self._remove(correlation_id, key))
