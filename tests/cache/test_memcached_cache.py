"""MemcachedCache against real memcached servers: interop, keys, expiry, failover."""

from __future__ import annotations

import json
import socket
import uuid
from typing import Any, Optional

from twisted.internet import reactor
from twisted.trial.unittest import TestCase

from pipservices_tx.cache import MemcachedCache, memcached_key
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException, InvalidStateException
from pipservices_tx.testing import free_port

from ..support import require_server
from ._servers import ClockedReactor, ServerProcess

HOST, PORT = "127.0.0.1", 11211


def raw(port: int, command: bytes, until: bytes = b"\r\n") -> bytes:
    """One command over a plain socket, as a client in another language would send it."""
    with socket.create_connection((HOST, port), timeout=2) as sock:
        sock.sendall(command + b"\r\n")
        data = b""
        while not data.endswith(until):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        return data


def raw_get(port: int, key: bytes) -> Optional[bytes]:
    reply = raw(port, b"get " + key, b"END\r\n")
    if reply == b"END\r\n":
        return None
    header, _, rest = reply.partition(b"\r\n")
    length = int(header.split()[3])
    return rest[:length]


def raw_ttl(port: int, key: bytes) -> int:
    """Seconds left, from the meta-get command of memcached 1.6."""
    reply = raw(port, b"mg " + key + b" t")
    for flag in reply.split(b"\r\n")[0].split()[1:]:
        if flag.startswith(b"t"):
            return int(flag[1:])
    raise AssertionError(f"no ttl in {reply!r}")


def unique_key(name: str) -> str:
    return f"pipservices_tx:test:{name}:{uuid.uuid4().hex}"


class MemcachedCacheTests(TestCase):
    timeout = 10  # a call that waited for a 20 s timeout fails the test

    async def open_cache(self, config: ConfigParams) -> MemcachedCache:
        cache = MemcachedCache()
        self.reactor = ClockedReactor()  # back-offs pass when the test advances self.reactor.clock
        cache.set_reactor(self.reactor)  # type: ignore[arg-type]
        cache.configure(config)
        await cache.open(None)
        self.addCleanup(cache.close, None)
        return cache

    def shared_config(self, **options: Any) -> ConfigParams:
        require_server(HOST, PORT, "memcached")
        config = ConfigParams({"connection.host": HOST, "connection.port": PORT})
        config.update(ConfigParams({f"options.{k}": v for k, v in options.items()}))
        return config

    async def test_store_retrieve_remove(self) -> None:
        cache = await self.open_cache(self.shared_config())
        key = unique_key("crud")
        value = {"id": "1", "tags": ["a", "é"], "n": 2.5}
        self.assertEqual(await cache.store("c1", key, value, 10000), value)
        self.assertEqual(await cache.retrieve("c1", key), value)
        await cache.remove("c1", key)
        self.assertIsNone(await cache.retrieve("c1", key))
        await cache.remove("c1", key)  # removing a missing key is fine

    async def test_value_is_json_text_under_the_plain_key(self) -> None:
        cache = await self.open_cache(self.shared_config())
        key = unique_key("interop")
        await cache.store(None, key, {"name": "beacon", "radius": 50}, 10000)
        self.assertEqual(json.loads(raw_get(PORT, key.encode()) or b""), {"name": "beacon", "radius": 50})
        raw(PORT, b"set " + key.encode() + b" 0 60 3\r\n[1]")
        self.assertEqual(await cache.retrieve(None, key), [1])

    async def test_keys_memcached_would_refuse(self) -> None:
        cache = await self.open_cache(self.shared_config())
        for key in (unique_key("with space") + " x", unique_key("ctl") + "\n", unique_key("long") + "x" * 300):
            await cache.store(None, key, key, 10000)
            self.assertEqual(await cache.retrieve(None, key), key)
            self.assertEqual(json.loads(raw_get(PORT, memcached_key(key)) or b""), key)

    async def test_timeout_becomes_whole_seconds(self) -> None:
        cache = await self.open_cache(self.shared_config(timeout=30000))
        key, default_key = unique_key("ttl"), unique_key("ttl-default")
        await cache.store(None, key, 1, 1500)  # rounds up to 2 s
        await cache.store(None, default_key, 1, None)
        self.assertIn(raw_ttl(PORT, key.encode()), (1, 2))
        self.assertTrue(20 < raw_ttl(PORT, default_key.encode()) <= 30)

    def test_calls_before_open_are_invalid_state(self) -> None:
        failure = self.failureResultOf(MemcachedCache().store(None, "k", 1, 1), InvalidStateException)
        self.assertEqual(failure.value.code, "NOT_OPENED")

    async def test_open_fails_when_no_server_listens(self) -> None:
        cache = MemcachedCache()
        cache.configure(ConfigParams({"connection.uri": f"memcached://127.0.0.1:{free_port()},127.0.0.1:{free_port()}"}))
        with self.assertRaises(ConnectionException) as caught:
            await cache.open(None)
        self.assertEqual(caught.exception.code, "MEMCACHED_UNAVAILABLE")
        self.assertFalse(cache.is_open())

    async def test_dead_server_is_skipped_then_retried(self) -> None:
        self.shared_config()
        spare = ServerProcess("memcached")
        await spare.start()
        self.addCleanup(spare.kill)
        spare_name = f"127.0.0.1:{spare.port}"
        cache = await self.open_cache(ConfigParams({
            "connection.uri": f"memcached://127.0.0.1:{PORT},{spare_name}",
            "options.retry_delay": 100, "options.max_retry_delay": 100, "options.timeout_ms": 20000,
        }))
        key = next(k for k in (unique_key(f"fo{i}") for i in range(1000)) if cache.node_for(k) == spare_name)
        await cache.store(None, key, "on spare", 60000)
        self.assertEqual(raw_get(spare.port, key.encode()), b'"on spare"')

        spare.kill()
        # With a 20 s command timeout, a call that waited for it would outlast this test's timeout.
        self.assertIsNone(await cache.retrieve(None, key))  # the spare fails over to the shared server
        await cache.store(None, key, "on shared", 60000)
        self.assertEqual(cache.node_for(key), f"127.0.0.1:{PORT}")
        self.assertEqual(raw_get(PORT, key.encode()), b'"on shared"')
        self.addCleanup(raw, PORT, b"delete " + key.encode())

        await spare.start()
        self.reactor.clock.advance(0.089)  # the back-off: 100 ms, less up to 10 % of jitter
        self.assertEqual(cache.node_for(key), f"127.0.0.1:{PORT}", "the spare sits out its back-off")
        self.reactor.clock.advance(0.011)
        self.assertEqual(cache.node_for(key), spare_name)
        await cache.store(None, key, "back on spare", 60000)
        self.assertEqual(raw_get(spare.port, key.encode()), b'"back on spare"')

    async def test_all_servers_gone_fails_fast_then_recovers(self) -> None:
        server = ServerProcess("memcached")
        await server.start()
        self.addCleanup(server.kill)
        cache = await self.open_cache(ConfigParams({
            "connection.host": "127.0.0.1", "connection.port": server.port,
            "options.retry_delay": 50, "options.max_retry_delay": 100, "options.timeout_ms": 20000,
        }))
        await cache.store(None, "k", 1, 60000)

        server.kill()
        # With a 20 s command timeout, calls that waited for it would outlast this test's timeout.
        for _ in range(3):
            with self.assertRaises(ConnectionException) as caught:
                await cache.retrieve("c1", "k")
            self.assertEqual(caught.exception.code, "MEMCACHED_UNAVAILABLE")
            self.assertEqual(caught.exception.correlation_id, "c1")

        await server.start()
        with self.assertRaises(ConnectionException):  # the server still sits out its back-off
            await cache.store(None, "k", 2, 60000)
        self.reactor.clock.advance(0.1)  # the longest back-off (max_retry_delay)
        await cache.store(None, "k", 2, 60000)
        self.assertEqual(await cache.retrieve(None, "k"), 2)

    async def test_silent_server_times_out(self) -> None:
        from twisted.internet import protocol

        port = reactor.listenTCP(0, protocol.Factory.forProtocol(protocol.Protocol), interface="127.0.0.1")
        self.addCleanup(port.stopListening)
        cache = await self.open_cache(ConfigParams({
            "connection.host": "127.0.0.1", "connection.port": port.getHost().port, "options.timeout_ms": 100,
        }))
        with self.assertRaises(ConnectionException) as caught:
            await cache.retrieve("c1", "k")
        self.assertEqual(caught.exception.code, "MEMCACHED_UNAVAILABLE")
        # the server now sits out its back-off: the next call fails without waiting
        self.assertIsNone(cache.node_for("k"))
        with self.assertRaises(ConnectionException):
            await cache.retrieve("c1", "k")

    async def test_close_during_open_leaves_nothing_behind(self) -> None:
        self.shared_config()
        cache = MemcachedCache()
        cache.configure(ConfigParams({"connection.uri": f"memcached://127.0.0.1:{PORT},localhost:{PORT}"}))
        opening = cache.open(None)
        await cache.close(None)
        with self.assertRaises(ConnectionException) as caught:
            await opening
        self.assertEqual(caught.exception.code, "MEMCACHED_CLOSED")
        self.assertFalse(cache.is_open())
