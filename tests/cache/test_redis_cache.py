"""RedisCache against real Redis servers: JSON interop, ttl, failure and recovery."""

from __future__ import annotations

import json
import time
from typing import Any

from twisted.internet import protocol, reactor
from twisted.internet.error import ConnectionRefusedError
from twisted.internet.task import deferLater
from twisted.trial.unittest import TestCase

from pipservices_tx.cache import RedisCache
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import BadRequestException, ConnectionException, InvalidStateException
from pipservices_tx.testing import free_port

from ._redis import redis_cli, shared_redis_config, unique_key
from ._servers import ServerProcess


class RedisCacheTests(TestCase):
    async def open_cache(self, config: ConfigParams) -> RedisCache:
        cache = RedisCache()
        cache.configure(config)
        await cache.open(None)
        self.addCleanup(cache.close, None)
        return cache

    async def test_store_retrieve_remove(self) -> None:
        cache = await self.open_cache(shared_redis_config())
        key = unique_key("crud")
        value = {"id": "1", "tags": ["a", "é"], "n": 2.5, "ok": True, "none": None}
        self.assertEqual(await cache.store("c1", key, value, 10000), value)
        self.assertEqual(await cache.retrieve("c1", key), value)
        await cache.remove("c1", key)
        self.assertIsNone(await cache.retrieve("c1", key))
        self.assertIsNone(await cache.retrieve("c1", unique_key("missing")))

    async def test_value_is_json_text_other_clients_read(self) -> None:
        cache = await self.open_cache(shared_redis_config())
        key = unique_key("interop")
        await cache.store(None, key, {"name": "beacon", "radius": 50, "n": "123"}, 10000)
        self.addCleanup(redis_cli, "DEL", key)
        self.assertEqual(json.loads(redis_cli("GET", key)), {"name": "beacon", "radius": 50, "n": "123"})
        # and what another language wrote is read back, numbers-looking text included
        redis_cli("SET", key, "123")
        self.assertEqual(await cache.retrieve(None, key), 123)
        redis_cli("SET", key, '"123"')
        self.assertEqual(await cache.retrieve(None, key), "123")

    async def test_ttl_is_set_in_milliseconds(self) -> None:
        cache = await self.open_cache(shared_redis_config(timeout=30000))
        key, default_key = unique_key("ttl"), unique_key("ttl-default")
        self.addCleanup(redis_cli, "DEL", key, default_key)
        await cache.store(None, key, 1, 1500)
        await cache.store(None, default_key, 1, None)
        self.assertTrue(0 < int(redis_cli("PTTL", key)) <= 1500)
        self.assertTrue(1500 < int(redis_cli("PTTL", default_key)) <= 30000)

    async def test_db_option(self) -> None:
        cache = await self.open_cache(shared_redis_config(db=3))
        key = unique_key("db")
        await cache.store(None, key, "in db 3", 10000)
        self.addCleanup(redis_cli, "-n", 3, "DEL", key)
        self.assertEqual(redis_cli("-n", 3, "GET", key), '"in db 3"')
        self.assertEqual(redis_cli("GET", key), "")

    async def test_uri_configuration(self) -> None:
        shared_redis_config()
        cache = await self.open_cache(ConfigParams({"connection.uri": "redis://127.0.0.1:6379/2"}))
        key = unique_key("uri")
        await cache.store(None, key, [1], 10000)
        self.addCleanup(redis_cli, "-n", 2, "DEL", key)
        self.assertEqual(redis_cli("-n", 2, "GET", key), "[1]")

    async def test_value_that_is_not_json_fails_without_a_round_trip(self) -> None:
        cache = await self.open_cache(shared_redis_config())
        with self.assertRaises(BadRequestException):
            await cache.store(None, unique_key("bad"), {1, 2}, 1000)

    def test_calls_before_open_are_invalid_state(self) -> None:
        cache = RedisCache()
        failure = self.failureResultOf(cache.retrieve("c1", "k"), InvalidStateException)
        self.assertEqual(failure.value.code, "NOT_OPENED")

    async def test_open_fails_when_nothing_listens(self) -> None:
        cache = RedisCache()
        cache.configure(ConfigParams({"connection.port": free_port(), "connection.host": "127.0.0.1",
                                      "options.connect_timeout": 200, "options.reconnect_delay": 50}))
        with self.assertRaises(ConnectionException) as caught:
            await cache.open("c1")
        self.assertEqual(caught.exception.code, "REDIS_UNAVAILABLE")
        self.assertFalse(cache.is_open())

    async def test_open_names_the_server_and_the_cause(self) -> None:
        port = free_port()
        cache = RedisCache()
        cache.configure(ConfigParams({"connection.port": port, "connection.host": "127.0.0.1",
                                      "options.connect_timeout": 1000, "options.reconnect_delay": 50}))
        with self.assertRaises(ConnectionException) as caught:
            await cache.open("c1")
        message = caught.exception.message
        self.assertIn(f"127.0.0.1:{port}", message)
        self.assertIn("refused", message.lower())
        self.assertNotIn("Deferred", message)
        self.assertIsInstance(caught.exception.__cause__, ConnectionRefusedError)  # Twisted's, with the cause in its text

    async def test_password_from_credential(self) -> None:
        server = ServerProcess("redis-server")
        server.extra = ["--requirepass", "s3cret"]
        await server.start()
        self.addCleanup(server.kill)
        base = {"connection.host": "127.0.0.1", "connection.port": server.port, "options.connect_timeout": 1000}
        cache = await self.open_cache(ConfigParams({**base, "credential.password": "s3cret"}))
        await cache.store(None, "k", "v", 10000)
        self.assertEqual(await cache.retrieve(None, "k"), "v")
        wrong = RedisCache()
        wrong.configure(ConfigParams({**base, "credential.password": "wrong"}))
        with self.assertRaises(ConnectionException):
            await wrong.open(None)

    async def test_silent_server_times_out_and_is_cancelled(self) -> None:
        factory = protocol.Factory.forProtocol(protocol.Protocol)  # accepts, never answers
        port = reactor.listenTCP(0, factory, interface="127.0.0.1")
        self.addCleanup(port.stopListening)
        cache = await self.open_cache(ConfigParams({
            "connection.host": "127.0.0.1", "connection.port": port.getHost().port,
            "options.timeout_ms": 100, "options.pool_size": 1,
        }))
        with self.assertRaises(ConnectionException) as caught:
            await cache.retrieve("c1", "k")
        self.assertEqual(caught.exception.code, "REDIS_TIMEOUT")
        self.assertEqual(caught.exception.correlation_id, "c1")

    async def test_server_that_goes_away_fails_fast_then_recovers(self) -> None:
        server = ServerProcess("redis-server")
        await server.start()
        self.addCleanup(server.kill)
        # a long call timeout: failing fast must not come from waiting it out
        cache = await self.open_cache(ConfigParams({
            "connection.host": "127.0.0.1", "connection.port": server.port, "options.timeout_ms": 20000,
            "options.reconnect_delay": 50, "options.max_reconnect_delay": 200, "options.pool_size": 2,
        }))
        await cache.store(None, "k", {"v": 1}, 60000)

        server.kill()
        started = time.monotonic()
        errors = [await self.failure_of(cache.retrieve("c1", "k")) for _ in range(3)]
        self.assertLess(time.monotonic() - started, 10)
        for error in errors:
            self.assertIsInstance(error, ConnectionException)
            self.assertEqual(error.code, "REDIS_UNAVAILABLE")
            self.assertEqual(error.correlation_id, "c1")

        await server.start()
        value = await self.eventually(lambda: cache.store(None, "k", {"v": 2}, 60000))
        self.assertEqual(value, {"v": 2})
        self.assertEqual(await cache.retrieve(None, "k"), {"v": 2})

    async def failure_of(self, d: Any) -> BaseException:
        try:
            await d
        except Exception as e:
            return e
        raise AssertionError("the call succeeded")

    async def eventually(self, call: Any, attempts: int = 100) -> Any:
        for _ in range(attempts):
            try:
                return await call()
            except ConnectionException:
                await deferLater(reactor, 0.05, lambda: None)
        raise AssertionError("the cache did not recover")


class RedisCacheCloseWhileOpeningTests(TestCase):
    async def test_close_during_open_stops_connecting(self) -> None:
        cache = RedisCache()
        cache.configure(ConfigParams({"connection.host": "127.0.0.1", "connection.port": free_port(),
                                      "options.connect_timeout": 5000, "options.reconnect_delay": 50}))
        opening = cache.open("c1")
        await cache.close(None)
        with self.assertRaises(ConnectionException):
            await opening
        self.assertFalse(cache.is_open())
