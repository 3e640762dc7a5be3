"""MemoryCache: ttl on an injected clock, LRU eviction, no aliasing."""

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import MemoryCache
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import BadRequestException
from pipservices_tx.testing import with_reactor


def make_cache(**options: object) -> tuple[MemoryCache, Clock]:
    clock = Clock()
    cache = with_reactor(MemoryCache(), clock)
    cache.configure(ConfigParams({f"options.{k}": v for k, v in options.items()}))
    return cache, clock


class MemoryCacheTests(SynchronousTestCase):
    def test_store_retrieve_remove(self) -> None:
        cache, _ = make_cache()
        self.assertEqual(self.successResultOf(cache.store(None, "k", {"a": 1}, 1000)), {"a": 1})
        self.assertEqual(self.successResultOf(cache.retrieve(None, "k")), {"a": 1})
        self.successResultOf(cache.remove(None, "k"))
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "k")))
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "never")))

    def test_entry_expires_after_its_own_ttl(self) -> None:
        cache, clock = make_cache()
        cache.store(None, "short", 1, 1000)
        cache.store(None, "long", 2, 5000)
        clock.advance(0.999)
        self.assertEqual(self.successResultOf(cache.retrieve(None, "short")), 1)
        clock.advance(0.001)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "short")))
        self.assertEqual(self.successResultOf(cache.retrieve(None, "long")), 2)
        clock.advance(4)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "long")))
        self.assertEqual(len(cache), 0)

    def test_missing_or_zero_timeout_uses_configured_default(self) -> None:
        cache, clock = make_cache(timeout=2000)
        cache.store(None, "none", "a", None)
        cache.store(None, "zero", "b", 0)
        clock.advance(1.9)
        self.assertEqual(self.successResultOf(cache.retrieve(None, "none")), "a")
        self.assertEqual(self.successResultOf(cache.retrieve(None, "zero")), "b")
        clock.advance(0.1)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "none")))
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "zero")))

    def test_default_timeout_is_a_minute(self) -> None:
        cache, clock = make_cache()
        cache.store(None, "k", "v", None)
        clock.advance(59.9)
        self.assertEqual(self.successResultOf(cache.retrieve(None, "k")), "v")
        clock.advance(0.1)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "k")))

    def test_least_recently_used_entry_is_evicted_first(self) -> None:
        cache, _ = make_cache(max_size=3)
        for key in "abc":
            cache.store(None, key, key, 10000)
        self.successResultOf(cache.retrieve(None, "a"))  # b is now the least recently used
        cache.store(None, "d", "d", 10000)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "b")))
        cache.store(None, "c", "c2", 10000)  # overwriting counts as a use
        cache.store(None, "e", "e", 10000)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "a")))
        self.assertEqual(
            [self.successResultOf(cache.retrieve(None, k)) for k in "cde"], ["c2", "d", "e"]
        )
        self.assertEqual(len(cache), 3)

    def test_shrinking_max_size_evicts_at_once(self) -> None:
        cache, _ = make_cache()
        for key in "abcd":
            cache.store(None, key, key, 10000)
        cache.configure(ConfigParams({"options.max_size": 2}))
        self.assertEqual(len(cache), 2)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "b")))
        self.assertEqual(self.successResultOf(cache.retrieve(None, "d")), "d")

    def test_values_are_copied_both_ways(self) -> None:
        cache, _ = make_cache()
        value = {"items": [1, 2]}
        cache.store(None, "k", value, 1000)
        value["items"].append(3)
        first = self.successResultOf(cache.retrieve(None, "k"))
        self.assertEqual(first, {"items": [1, 2]})
        first["items"].append(4)
        self.assertEqual(self.successResultOf(cache.retrieve(None, "k")), {"items": [1, 2]})

    def test_value_that_is_not_json_fails_the_store(self) -> None:
        cache, _ = make_cache()
        failure = self.failureResultOf(cache.store("c1", "k", object(), 1000), BadRequestException)
        self.assertEqual(failure.value.correlation_id, "c1")
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "k")))

    def test_clear_drops_everything(self) -> None:
        cache, _ = make_cache()
        cache.store(None, "k", 1, 1000)
        self.successResultOf(cache.clear(None))
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "k")))
