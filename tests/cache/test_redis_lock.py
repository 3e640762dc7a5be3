"""RedisLock against the real Redis: exclusivity, expiry, release by the owner only."""

from __future__ import annotations

from twisted.trial.unittest import TestCase

from pipservices_tx.cache import RedisLock
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConflictException, ConnectionException

from ._redis import redis_cli, shared_redis_config, unique_key
from ._servers import ServerProcess


class RedisLockTests(TestCase):
    async def open_lock(self, config: ConfigParams) -> RedisLock:
        lock = RedisLock()
        lock.configure(config)
        await lock.open(None)
        self.addCleanup(lock.close, None)
        return lock

    async def test_lock_is_exclusive_across_owners(self) -> None:
        a = await self.open_lock(shared_redis_config())
        b = await self.open_lock(shared_redis_config())
        key = unique_key("lock")
        self.addCleanup(redis_cli, "DEL", key)
        self.assertTrue(await a.try_acquire_lock(None, key, 10000))
        self.assertFalse(await b.try_acquire_lock(None, key, 10000))
        self.assertFalse(await a.try_acquire_lock(None, key, 10000))
        self.assertTrue(0 < int(redis_cli("PTTL", key)) <= 10000)

        await b.release_lock(None, key)  # not b's lock: nothing happens
        self.assertFalse(await b.try_acquire_lock(None, key, 10000))

        await a.release_lock(None, key)
        self.assertEqual(redis_cli("EXISTS", key), "0")
        self.assertTrue(await b.try_acquire_lock(None, key, 10000))

    async def test_expired_owner_cannot_release_the_next_owners_lock(self) -> None:
        config = shared_redis_config(retry_timeout=20)
        a = await self.open_lock(config)
        b = await self.open_lock(config)
        key = unique_key("stale")
        self.addCleanup(redis_cli, "DEL", key)
        self.assertTrue(await a.try_acquire_lock(None, key, 50))
        await b.acquire_lock(None, key, 10000, 5000)  # waits out a's ttl
        await a.release_lock(None, key)
        self.assertEqual(redis_cli("EXISTS", key), "1")
        self.assertFalse(await a.try_acquire_lock(None, key, 1000))

    async def test_acquire_times_out_with_conflict(self) -> None:
        config = shared_redis_config(retry_timeout=20)
        a = await self.open_lock(config)
        b = await self.open_lock(config)
        key = unique_key("timeout")
        self.addCleanup(redis_cli, "DEL", key)
        await a.acquire_lock(None, key, 10000, 1000)
        with self.assertRaises(ConflictException) as caught:
            await b.acquire_lock("c1", key, 10000, 100)
        self.assertEqual(caught.exception.code, "LOCK_TIMEOUT")
        self.assertEqual(caught.exception.correlation_id, "c1")

    async def test_unreachable_redis_is_a_connection_error(self) -> None:
        server = ServerProcess("redis-server")
        await server.start()
        self.addCleanup(server.kill)
        lock = await self.open_lock(ConfigParams({
            "connection.host": "127.0.0.1", "connection.port": server.port, "options.reconnect_delay": 50,
        }))
        server.kill()
        with self.assertRaises(ConnectionException):
            await lock.acquire_lock(None, "k", 1000, 1000)
