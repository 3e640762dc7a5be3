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
from pipservices_tx.errors import ConfigException, ConnectionException, ReferenceException
from pipservices_tx.logic import CachingDecorator
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
