"""
The fast version of benchmarks/drills/backend_faults.py: the beacons
container in-process, its PostgreSQL (and a Redis cache) behind a TCP proxy
that is cut and restored. Calls fail fast with a 503 NoResponse error while
the database is away (the cache only misses), and succeed again within 5 s
of its return.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any, Optional

import treq
from twisted.internet import reactor, task
from twisted.trial.unittest import TestCase

from pipservices_tx.config import read_config_file
from pipservices_tx.container import Container
from pipservices_tx.services import ENDPOINT_DESCRIPTOR
from tests.persistence_sql._proxy import TcpProxy
from tests.persistence_sql._support import drop_table, unique_table
from tests.support import require_server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BEACONS_CONFIG = os.path.join(ROOT, "examples", "beacons", "config.yml")
POSTGRES_TABLE_LINE = '  table: "{{POSTGRES_TABLE}}{{^POSTGRES_TABLE}}beacons{{/POSTGRES_TABLE}}"'
MEMORY_LINE = '- descriptor: "beacons:persistence:memory:default:1.0"\n'
CONNECT_TIMEOUT_MS = 2000
REDIS_TIMEOUT_MS = 1000
RECOVERY_SECONDS = 5.0


def sleep(seconds: float) -> Any:
    return task.deferLater(reactor, seconds, lambda: None)


class _FaultCase(TestCase):
    timeout = 60

    def write_config(self, text: str) -> str:
        path = os.path.abspath(self.mktemp()) + ".yml"
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    async def start(self, config_text: str, parameters: dict[str, str]) -> str:
        path = self.write_config(config_text)
        container = Container(phase_timeout=20)
        container.configure(read_config_file(path, {"HTTP_HOST": "127.0.0.1", "HTTP_PORT": "0", "LOG_LEVEL": "none",
                                                    **parameters}), path)
        await container.open(None)
        self.addCleanup(container.close, None)
        endpoint = container.references.get_one_required(ENDPOINT_DESCRIPTOR)
        return str(endpoint.base_url)

    async def call(self, base: str, command: str, args: dict[str, Any]) -> tuple[int, Any, float]:
        began = time.monotonic()
        response = await treq.post(f"{base}/v1/beacons/{command}", json.dumps(args).encode(),
                                   headers={b"content-type": [b"application/json"]}, persistent=False)
        content = await response.content()
        return response.code, json.loads(content) if content else None, time.monotonic() - began

    async def recovered_after(self, base: str, restored: float) -> float:
        """Seconds from the return of the server to the first successful get_beacon_by_id."""
        while time.monotonic() - restored < RECOVERY_SECONDS + 1:
            status, _, _ = await self.call(base, "get_beacon_by_id", {"id": "1"})
            if status == 200:
                return time.monotonic() - restored
            await sleep(0.1)
        return float("inf")


class PostgresFaultTests(_FaultCase):
    async def test_database_away_then_back(self) -> None:
        require_server("127.0.0.1", 5432, "PostgreSQL")
        proxy = TcpProxy("127.0.0.1", 5432)
        proxy.start()
        self.addCleanup(proxy.cut)
        table = unique_table("drill")
        self.addCleanup(drop_table, "postgres", table)
        with open(BEACONS_CONFIG, encoding="utf-8") as f:
            text = f.read().replace(POSTGRES_TABLE_LINE, POSTGRES_TABLE_LINE + (
                f"\n  options: {{connect_timeout: {CONNECT_TIMEOUT_MS}, max_pool_size: 2}}"))
        base = await self.start(text, {
            "POSTGRES_ENABLED": "true", "POSTGRES_SERVICE_HOST": "127.0.0.1",
            "POSTGRES_SERVICE_PORT": str(proxy.port), "POSTGRES_TABLE": table})
        status, _, _ = await self.call(base, "create_beacon", {"beacon": {"id": "1", "site_id": "1", "udi": "1"}})
        self.assertEqual(status, 200)

        await proxy.cut()
        for command, args in (("get_beacon_by_id", {"id": "1"}), ("get_beacons", {}),
                              ("create_beacon", {"beacon": {"site_id": "1", "udi": "2"}})):
            status, body, seconds = await self.call(base, command, args)
            self.assertEqual((status, body["category"], body["status"]), (503, "NoResponse", 503), body)
            self.assertLess(seconds, CONNECT_TIMEOUT_MS / 1000 + 1, f"{command} took {seconds:.2f} s")
        self.flushLoggedErrors()

        proxy.start()
        recovered = await self.recovered_after(base, time.monotonic())
        self.assertLessEqual(recovered, RECOVERY_SECONDS)
        status, body, _ = await self.call(base, "get_beacons", {})
        self.assertEqual((status, [b["id"] for b in body["data"]]), (200, ["1"]))


class RedisFaultTests(_FaultCase):
    async def test_cache_away_then_back(self) -> None:
        require_server("127.0.0.1", 6379, "Redis")
        proxy = TcpProxy("127.0.0.1", 6379)
        proxy.start()
        self.addCleanup(proxy.cut)
        prefix = unique_table("drill")
        with open(BEACONS_CONFIG, encoding="utf-8") as f:
            text = f.read().replace(MEMORY_LINE, (
                '- descriptor: "pip-services:cache:redis:default:1.0"\n'
                f"  connection: {{host: 127.0.0.1, port: {proxy.port}}}\n"
                f"  options: {{timeout_ms: {REDIS_TIMEOUT_MS}, connect_timeout: {REDIS_TIMEOUT_MS}, "
                "reconnect_delay: 200, max_reconnect_delay: 500}\n"
                + MEMORY_LINE +
                '- descriptor: "beacons:persistence:caching-decorator:default:1.0"\n'
                f'  methods: {{get_one_by_id: {{ttl: 60000, key: "{prefix}:{{id}}"}}}}\n'
                "  invalidate: [create, update, delete_by_id]\n"))
        base = await self.start(text, {})
        status, _, _ = await self.call(base, "create_beacon", {"beacon": {"id": "1", "site_id": "1", "udi": "1"}})
        self.assertEqual(status, 200)
        self.assertEqual((await self.call(base, "get_beacon_by_id", {"id": "1"}))[0], 200)
        self.assertTrue(await self.cached(base, prefix))

        await proxy.cut()
        for _ in range(3):
            status, body, seconds = await self.call(base, "get_beacon_by_id", {"id": "1"})
            self.assertEqual((status, body["id"]), (200, "1"))
            self.assertLess(seconds, REDIS_TIMEOUT_MS / 1000 + 1)

        proxy.start()
        restored = time.monotonic()
        await self.forget(prefix)
        while time.monotonic() - restored < RECOVERY_SECONDS:
            await self.call(base, "get_beacon_by_id", {"id": "1"})
            if await self.cached(base, prefix):
                break
            await sleep(0.1)
        self.assertLessEqual(time.monotonic() - restored, RECOVERY_SECONDS, "the cache was not written again")

    async def redis(self) -> Any:
        import txredisapi

        connection = await txredisapi.Connection("127.0.0.1", 6379, reconnect=False)
        self.addCleanup(connection.disconnect)
        return connection

    async def cached(self, base: str, prefix: str) -> bool:
        connection = await self.redis()
        value: Optional[Any] = await connection.get(f"{prefix}:1")
        return value is not None

    async def forget(self, prefix: str) -> None:
        connection = await self.redis()
        await connection.delete(f"{prefix}:1")


class SilentPostgresTests(_FaultCase):
    """
    A database that accepts connections and never answers (hung, or a
    network black hole). Each call must fail within the configured timeouts,
    however many calls wait for the pool: the wait for a pool thread counts.
    """

    async def test_calls_queued_behind_a_hung_database_fail_in_time(self) -> None:
        from twisted.internet.protocol import Factory, Protocol

        require_server("127.0.0.1", 5432, "PostgreSQL")
        proxy = TcpProxy("127.0.0.1", 5432)
        proxy.start()
        table = unique_table("drill")
        self.addCleanup(drop_table, "postgres", table)
        with open(BEACONS_CONFIG, encoding="utf-8") as f:
            text = f.read().replace(POSTGRES_TABLE_LINE, POSTGRES_TABLE_LINE + (
                "\n  options: {connect_timeout: 1000, timeout: 1000, max_pool_size: 1}"))
        base = await self.start(text, {
            "POSTGRES_ENABLED": "true", "POSTGRES_SERVICE_HOST": "127.0.0.1",
            "POSTGRES_SERVICE_PORT": str(proxy.port), "POSTGRES_TABLE": table})
        self.assertEqual((await self.call(base, "get_beacons", {}))[0], 200)

        await proxy.cut()
        silent = reactor.listenTCP(proxy.port, Factory.forProtocol(Protocol), interface="127.0.0.1")
        self.addCleanup(silent.stopListening)
        from twisted.internet.defer import gatherResults

        results = await gatherResults([
            ensure(self.call(base, "get_beacon_by_id", {"id": str(n)})) for n in range(4)])
        self.flushLoggedErrors()
        for status, body, _ in results:
            self.assertEqual((status, body["category"]), (503, "NoResponse"), body)
        slowest = max(seconds for _, _, seconds in results)
        # psycopg2 rounds connect_timeout up to 2 s; a call may take a connect and a statement.
        self.assertLess(slowest, 2 + 1 + 1, f"a call waited {slowest:.1f} s behind the others for the pool")


def ensure(coroutine: Any) -> Any:
    from twisted.internet.defer import ensureDeferred

    return ensureDeferred(coroutine)
