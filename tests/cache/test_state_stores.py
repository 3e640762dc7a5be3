"""State stores: null, memory (on a fake clock) and Redis (the real server)."""

from __future__ import annotations

from typing import Any

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.cache import IStateStore, MemoryStateStore, NullStateStore, RedisStateStore, StateValue
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import BadRequestException, ConfigException

from ._redis import redis_cli, shared_redis_config, unique_key


class InProcessStateStoreTests(SynchronousTestCase):
    def memory(self, **options: Any) -> tuple[MemoryStateStore, Clock]:
        store, clock = MemoryStateStore(), Clock()
        store.set_reactor(clock)
        store.configure(ConfigParams({f"options.{k}": v for k, v in options.items()}))
        return store, clock

    def test_interfaces(self) -> None:
        for store in (NullStateStore(), MemoryStateStore(), RedisStateStore()):
            self.assertTrue(verifyObject(IStateStore, store))

    def test_null_keeps_nothing(self) -> None:
        store = NullStateStore()
        self.assertEqual(self.successResultOf(store.save(None, "k", {"a": 1})), {"a": 1})
        self.assertIsNone(self.successResultOf(store.load(None, "k")))
        self.assertEqual(self.successResultOf(store.load_bulk(None, ["k"])), [])
        self.assertIsNone(self.successResultOf(store.delete(None, "k")))

    def test_memory_round_trip_copies_values(self) -> None:
        store, _ = self.memory()
        value = {"step": 2, "items": ["a"]}
        self.successResultOf(store.save(None, "job", value))
        value["items"].append("b")  # the store kept its own copy
        self.assertEqual(self.successResultOf(store.load(None, "job")), {"step": 2, "items": ["a"]})
        self.successResultOf(store.save(None, "other", "x"))
        self.assertEqual(self.successResultOf(store.load_bulk(None, ["job", "missing", "other"])),
                         [StateValue("job", {"step": 2, "items": ["a"]}), StateValue("other", "x")])
        self.assertEqual(self.successResultOf(store.delete(None, "job")), {"step": 2, "items": ["a"]})
        self.assertIsNone(self.successResultOf(store.load(None, "job")))
        self.successResultOf(store.save(None, "other", None))
        self.assertIsNone(self.successResultOf(store.load(None, "other")))

    def test_memory_expiry_follows_the_clock(self) -> None:
        store, clock = self.memory(timeout=1000)
        self.successResultOf(store.save(None, "k", 1))
        clock.advance(0.9)
        self.assertEqual(self.successResultOf(store.load(None, "k")), 1)
        clock.advance(0.2)
        self.assertIsNone(self.successResultOf(store.load(None, "k")))

    def test_bad_input(self) -> None:
        store, _ = self.memory()
        self.failureResultOf(store.save(None, "", 1), BadRequestException)
        self.failureResultOf(store.load(None, None), BadRequestException)  # type: ignore[arg-type]
        self.failureResultOf(store.save(None, "k", float("nan")), BadRequestException)
        self.failureResultOf(store.save(None, "k", object()), BadRequestException)
        self.assertRaises(ConfigException, self.memory, timeout=-1)


class RedisStateStoreTests(TestCase):
    async def open_store(self, **options: Any) -> RedisStateStore:
        store = RedisStateStore()
        store.configure(shared_redis_config(**options))
        await store.open(None)
        self.addCleanup(store.close, None)
        return store

    async def test_round_trip_and_interop(self) -> None:
        store = await self.open_store()
        key, other = unique_key("state"), unique_key("state")
        self.addCleanup(redis_cli, "DEL", key, other)
        await store.save("c", key, {"step": 1})
        self.assertEqual(redis_cli("GET", key), '{"step":1}')
        self.assertEqual(redis_cli("PTTL", key), "-1")  # no expiry by default
        redis_cli("SET", other, "plain text")
        self.assertEqual(await store.load_bulk(None, [key, unique_key("none"), other]),
                         [StateValue(key, {"step": 1}), StateValue(other, "plain text")])
        self.assertEqual(await store.delete(None, key), {"step": 1})
        self.assertEqual(redis_cli("EXISTS", key), "0")
        self.assertIsNone(await store.load(None, key))

    async def test_timeout_sets_an_expiry(self) -> None:
        store = await self.open_store(timeout=5000)
        key = unique_key("expiring")
        self.addCleanup(redis_cli, "DEL", key)
        await store.save(None, key, [1, 2])
        self.assertTrue(0 < int(redis_cli("PTTL", key)) <= 5000)
        await store.save(None, key, None)
        self.assertEqual(redis_cli("EXISTS", key), "0")
