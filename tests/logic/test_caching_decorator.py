"""Tests for L{pipservices_tx.logic.CachingDecorator}."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, fail, succeed
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.cache import ICache, MemoryCache
from pipservices_tx.config import ConfigParams
from pipservices_tx.data import DataPage
from pipservices_tx.errors import ConfigException, ConnectionException, ReferenceException
from pipservices_tx.logic import CachingDecorator
from pipservices_tx.logic._cached_values import PAGE_TAG, from_cached, to_cached
from pipservices_tx.logs import LogLevel
from pipservices_tx.refer import Descriptor
from pipservices_tx.testing import with_reactor

from ._support import TARGET, Greeter, IGreeter, observed_references

CACHE = Descriptor("pip-services", "cache", "memory", "default", "1.0")


@implementer(ICache)
class BrokenCache:
    """Every operation fails, as a cache server that is down."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def retrieve(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        self.calls.append("retrieve")
        return fail(ConnectionException(correlation_id, "DOWN", "cache down"))

    def store(self, correlation_id: Optional[str], key: str, value: Any, timeout: Optional[int]) -> Deferred[Any]:
        self.calls.append("store")
        raise ConnectionException(correlation_id, "DOWN", "cache down")

    def remove(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        self.calls.append("remove")
        return succeed(None)


@implementer(ICache)
class SlowCache(MemoryCache):
    """A memory cache whose stores and removals take effect when the test says (as over a network)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: list[tuple[str, str, Deferred[Any]]] = []

    def _later(self, what: str, key: str, apply: Any) -> Deferred[Any]:
        d: Deferred[Any] = Deferred()
        d.addCallback(lambda _: apply())
        self.waiting.append((what, key, d))
        return d

    def store(self, correlation_id: Optional[str], key: str, value: Any, timeout: Optional[int] = None) -> Deferred[Any]:
        return self._later("store", key, lambda: MemoryCache.store(self, correlation_id, key, value, timeout))

    def remove(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        return self._later("remove", key, lambda: MemoryCache.remove(self, correlation_id, key))

    def land(self, what: str) -> None:
        """Applies the oldest operation C{what} on its way."""
        index = next(i for i, (kind, _, _) in enumerate(self.waiting) if kind == what)
        self.waiting.pop(index)[2].callback(None)


class CachingDecoratorTests(SynchronousTestCase):
    def make(self, cache: Any = None, **config: Any) -> CachingDecorator:
        self.clock = Clock()
        self.target = Greeter()
        self.cache = cache if cache is not None else with_reactor(MemoryCache(), self.clock)
        references, self.logger, self.counters = observed_references(TARGET, self.target, CACHE, self.cache)
        decorator = with_reactor(CachingDecorator(), self.clock)
        config.setdefault("methods", ["greet"])
        config.setdefault("invalidate", ["rename"])
        decorator.configure(ConfigParams.from_value({"dependencies": {"target": str(TARGET)}, **config}))
        decorator.set_references(references)
        return decorator

    def greets(self) -> int:
        return sum(1 for name, _ in self.target.calls if name == "greet")

    def test_interfaces(self) -> None:
        verifyObject(IGreeter, self.make())
        verifyObject(ICache, BrokenCache())

    def test_a_repeated_call_reaches_the_target_once(self) -> None:
        decorator = self.make()
        for correlation_id in ("c1", "c2", "c3"):
            self.assertEqual(self.successResultOf(decorator.greet(correlation_id, "Ann")), "Hello, Ann")
        self.assertEqual(self.greets(), 1)
        self.assertEqual(self.counters.count("test.greeter.greet.cache_misses"), 1)
        self.assertEqual(self.counters.count("test.greeter.greet.cache_hits"), 2)

    def test_keys_exclude_the_correlation_id_and_differ_by_argument(self) -> None:
        decorator = self.make()
        decorator.greet("c1", "Ann")
        decorator.greet(correlation_id="c2", name="Bob")
        self.assertEqual(decorator.tracked_keys, ['test.greeter:greet:{"name":"Ann"}', 'test.greeter:greet:{"name":"Bob"}'])
        self.assertEqual(self.successResultOf(self.cache.retrieve(None, 'test.greeter:greet:{"name":"Bob"}')), "Hello, Bob")

    def test_custom_key_prefix_and_ttl(self) -> None:
        decorator = self.make(options={"prefix": "hi", "ttl": 60000}, methods={"greet": {"key": "{prefix}/{name}", "ttl": 1000}})
        decorator.greet(None, "Ann")
        self.assertEqual(decorator.tracked_keys, ["hi/Ann"])
        self.clock.advance(0.999)
        decorator.greet(None, "Ann")
        self.assertEqual(self.greets(), 1)
        self.clock.advance(0.001)
        decorator.greet(None, "Ann")
        self.assertEqual(self.greets(), 2)

    def test_a_bad_template_fails_at_set_references(self) -> None:
        self.assertRaises(ConfigException, self.make, methods={"greet": {"key": "{nope}"}})

    def test_write_methods_invalidate(self) -> None:
        decorator = self.make()
        decorator.greet(None, "Ann")
        self.successResultOf(decorator.rename(None, "Hello", "Hi"))
        self.assertEqual(decorator.tracked_keys, [])
        self.assertEqual(self.successResultOf(decorator.greet(None, "Ann")), "Hi, Ann")
        self.assertEqual(self.greets(), 2)

    def test_a_failed_write_invalidates_too(self) -> None:
        decorator = self.make()
        decorator.greet(None, "Ann")
        self.target.errors.append(ConnectionException(None, "DOWN", "down"))
        self.failureResultOf(decorator.rename(None, "Hello", "Hi"), ConnectionException)
        self.assertEqual(decorator.tracked_keys, [])

    def test_a_read_in_flight_during_a_write_is_not_stored(self) -> None:
        decorator = self.make()
        self.target.hold = True
        read = decorator.greet(None, "Ann")
        self.target.hold = False
        self.successResultOf(decorator.rename(None, "Hello", "Hi"))
        self.target.pending.pop().callback("Hello, Ann")  # the stale answer
        self.assertEqual(self.successResultOf(read), "Hello, Ann")
        self.assertEqual(decorator.tracked_keys, [])
        self.assertEqual(self.successResultOf(decorator.greet(None, "Ann")), "Hi, Ann")

    def test_a_removal_waits_for_the_store_of_its_key_on_its_way(self) -> None:
        decorator = self.make(with_reactor(SlowCache(), Clock()))
        cache = self.cache
        self.assertEqual(self.successResultOf(decorator.greet(None, "Ann")), "Hello, Ann")
        self.assertEqual([what for what, _, _ in cache.waiting], ["store"])
        written = decorator.rename(None, "Hello", "Hi")
        self.assertEqual([what for what, _, _ in cache.waiting], ["store"])  # no removal sent yet
        cache.land("store")
        self.assertNoResult(written)
        cache.land("remove")
        self.successResultOf(written)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, 'test.greeter:greet:{"name":"Ann"}')))

    def test_an_invalidation_waits_for_removals_sent_before(self) -> None:
        decorator = self.make(with_reactor(SlowCache(), Clock()))
        cache = self.cache
        decorator.greet(None, "Ann")
        cache.land("store")
        first = decorator.rename(None, "Hello", "Hi")  # removes the key
        second = decorator.rename(None, "Hi", "Hey")  # knows no key, yet must not fire before that removal
        self.assertNoResult(first)
        self.assertNoResult(second)
        cache.land("remove")
        self.successResultOf(first)
        self.successResultOf(second)

    def test_none_is_not_cached(self) -> None:
        decorator = self.make()
        self.target.greet = lambda correlation_id, name: succeed(None)  # type: ignore[method-assign]
        decorator.greet(None, "Ann")
        self.assertEqual(decorator.tracked_keys, [])

    def test_a_failing_cache_is_a_miss_not_an_error(self) -> None:
        decorator = self.make(BrokenCache())
        self.assertEqual(self.successResultOf(decorator.greet("c1", "Ann")), "Hello, Ann")
        self.assertEqual(self.successResultOf(decorator.greet("c1", "Ann")), "Hello, Ann")
        self.assertEqual(self.greets(), 2)
        self.assertEqual(self.cache.calls, ["retrieve", "store", "retrieve", "store"])
        warnings = self.logger.messages(LogLevel.WARN)
        self.assertEqual(len(warnings), 4)
        self.assertTrue(warnings[0].startswith("Cache cannot read test.greeter:greet:"))

    def test_target_errors_pass_through_and_are_not_cached(self) -> None:
        decorator = self.make()
        self.target.errors.append(ConnectionException(None, "DOWN", "down"))
        self.failureResultOf(decorator.greet(None, "Ann"), ConnectionException)
        self.assertEqual(decorator.tracked_keys, [])

    def test_max_keys_evicts_the_oldest_from_the_cache(self) -> None:
        decorator = self.make(options={"max_keys": 2})
        for name in ("A", "B", "C"):
            decorator.greet(None, name)
        self.assertEqual(len(decorator.tracked_keys), 2)
        self.assertIsNone(self.successResultOf(self.cache.retrieve(None, 'test.greeter:greet:{"name":"A"}')))

    def test_expired_keys_are_not_removed(self) -> None:
        decorator = self.make(cache=BrokenCache(), options={"ttl": 1000})
        decorator._track(None, "k", 1000)
        self.clock.advance(2)
        self.successResultOf(decorator.invalidate())
        self.assertNotIn("remove", self.cache.calls)

    def test_other_methods_pass_through(self) -> None:
        decorator = self.make()
        self.assertEqual(decorator.shout("x"), "X")

    def test_needs_a_cache(self) -> None:
        decorator = CachingDecorator()
        decorator.configure(ConfigParams.from_value({"dependencies": {"target": str(TARGET)}}))
        references, _, _ = observed_references(TARGET, Greeter())
        self.assertRaises(ReferenceException, decorator.set_references, references)
        self.assertRaises(ConfigException, decorator.set_cache, object())

    def test_invalidate_methods_must_exist(self) -> None:
        self.assertRaises(ConfigException, self.make, invalidate="nope")


class Pages:
    """A target whose reads answer DataPages, as every persistence's get_page_by_filter does."""

    def __init__(self) -> None:
        self.calls = 0

    def get_page_by_filter(self, correlation_id: Optional[str], filter: Any, paging: Any) -> Deferred[DataPage[Any]]:
        self.calls += 1
        return succeed(DataPage([{"id": "1", "udi": "00001"}, {"id": "2", "udi": "00002"}], 2))


PAGES = Descriptor("test", "pages", "default", "default", "1.0")


class DataPageCachingTests(SynchronousTestCase):
    def test_a_data_page_is_cached_and_comes_back_as_a_data_page(self) -> None:
        clock, target = Clock(), Pages()
        cache = with_reactor(MemoryCache(), clock)
        references, logger, counters = observed_references(PAGES, target, CACHE, cache)
        decorator = with_reactor(CachingDecorator(), clock)
        decorator.configure(ConfigParams.from_value({"dependencies": {"target": str(PAGES)},
                                                     "methods": ["get_page_by_filter"]}))
        decorator.set_references(references)
        first = self.successResultOf(decorator.get_page_by_filter("c1", {"site_id": "1"}, None))
        second = self.successResultOf(decorator.get_page_by_filter("c2", {"site_id": "1"}, None))
        self.assertEqual(target.calls, 1)
        self.assertIsInstance(second, DataPage)
        self.assertEqual((second.data, second.total), (first.data, 2))
        self.assertEqual(counters.count("test.pages.get_page_by_filter.cache_hits"), 1)
        self.assertEqual(logger.messages(LogLevel.WARN), [])
        second.data.append({"id": "3"})  # each hit is a page of its own
        third = self.successResultOf(decorator.get_page_by_filter("c3", {"site_id": "1"}, None))
        self.assertEqual(len(third.data), 2)

    def test_other_values_are_kept_as_they_are(self) -> None:
        for value in ({"data": [], "total": 1}, {PAGE_TAG: "not a page"}, [1, 2], "text", 3):
            self.assertEqual(from_cached(to_cached(value)), value)


class ChainTests(SynchronousTestCase):
    def test_two_decorators_of_one_chain_count_apart(self) -> None:
        clock, target = Clock(), Greeter()
        cache = with_reactor(MemoryCache(), clock)
        references, _, counters = observed_references(TARGET, target, CACHE, cache)
        inner = with_reactor(CachingDecorator(), clock)
        inner.configure(ConfigParams.from_value({
            "descriptor": "test:greeter:caching-decorator:default:1.0", "methods": ["greet"]}))
        references.put(Descriptor("test", "greeter", "caching-decorator", "default", "1.0"), inner)
        outer = with_reactor(CachingDecorator(), clock)
        outer.configure(ConfigParams.from_value({
            "descriptor": "test:greeter:caching-decorator:outer:1.0", "methods": ["greet"]}))
        references.put(Descriptor("test", "greeter", "caching-decorator", "outer", "1.0"), outer)
        inner.set_references(references)
        outer.set_references(references)
        self.assertIs(outer.target, inner)
        self.assertEqual((inner.decorator_name, outer.decorator_name),
                         ("test.greeter", "test.greeter.caching-decorator"))
        for correlation_id in ("c1", "c2"):
            self.successResultOf(outer.greet(correlation_id, "Ann"))
        self.assertEqual(counters.count("test.greeter.caching-decorator.greet.cache_misses"), 1)
        self.assertEqual(counters.count("test.greeter.caching-decorator.greet.cache_hits"), 1)
        self.assertEqual(counters.count("test.greeter.greet.cache_misses"), 1, "the outer one's hit never got here")
        self.assertIsNone(counters.count("test.greeter.greet.cache_hits"))

    def test_a_configured_name_wins(self) -> None:
        inner = CachingDecorator()
        inner.configure(ConfigParams.from_value({"dependencies": {"target": str(TARGET)}, "name": "l1"}))
        inner.set_cache(MemoryCache())
        inner.set_target(Greeter())
        outer = CachingDecorator()
        outer.configure(ConfigParams.from_value({"dependencies": {"target": str(TARGET)}}))
        outer.set_cache(MemoryCache())
        outer.set_target(inner)
        self.assertEqual((inner.decorator_name, outer.decorator_name), ("l1", "l1.CachingDecorator"))
