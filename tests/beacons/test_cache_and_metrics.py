"""The beacons example with REDIS_ENABLED and PROMETHEUS_ENABLED: caching and /metrics by config alone."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from typing import Any

import treq
from prometheus_client.parser import text_string_to_metric_families
from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import TestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.logic import CachingDecorator
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import ENDPOINT_DESCRIPTOR
from tests.support import require_server

CONFIG = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "beacons", "config.yml")


def redis_keys(pattern: str) -> list[str]:
    output = subprocess.run(["redis-cli", "-h", "127.0.0.1", "--scan", "--pattern", pattern],
                            capture_output=True, text=True, timeout=10, check=True).stdout
    return [line for line in output.splitlines() if line]


class CacheAndMetricsTests(TestCase):
    timeout = 30

    def test_redis_caching_and_prometheus_by_config(self) -> Any:
        async def run() -> None:
            require_server("127.0.0.1", 6379, "Redis")
            container = Container()
            container.read_config_from_file(CONFIG, ConfigParams.from_tuples(
                "HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "LOG_LEVEL", "error",
                "REDIS_ENABLED", "true", "PROMETHEUS_ENABLED", "true"))
            await container.open(None)
            self.addCleanup(container.close, None)
            persistence = container.references.get_one_required(Descriptor("beacons", "persistence", "*", "*", "1.0"))
            self.assertIsInstance(persistence, CachingDecorator)
            base = container.references.get_one_required(ENDPOINT_DESCRIPTOR).base_url
            beacon_id = uuid.uuid4().hex

            async def call(command: str, body: dict[str, Any]) -> Any:
                response = await treq.post(f"{base}/v1/beacons/{command}", json.dumps(body).encode(), persistent=False)
                content = await response.content()
                return json.loads(content) if content else None

            await call("create_beacon", {"beacon": {"id": beacon_id, "site_id": "1", "udi": beacon_id}})
            for _ in range(3):
                self.assertEqual((await call("get_beacon_by_id", {"id": beacon_id}))["id"], beacon_id)
            keys = [key for key in redis_keys("*get_one_by_id*") if beacon_id in key]
            self.assertEqual(len(keys), 1, redis_keys("*"))
            stored = subprocess.run(["redis-cli", "-h", "127.0.0.1", "GET", keys[0]], capture_output=True,
                                    text=True, check=True).stdout
            self.assertEqual(json.loads(stored)["id"], beacon_id)  # JSON any language can read

            response = await treq.get(f"{base}/metrics", persistent=False)
            text = (await response.content()).decode()
            samples = [s for family in text_string_to_metric_families(text) for s in family.samples
                       if s.labels.get("command") == "get_beacon_by_id" and s.name.startswith("exec_count")]
            self.assertEqual([s.value for s in samples], [3])
            await call("delete_beacon_by_id", {"id": beacon_id})
            self.assertEqual([key for key in redis_keys("*get_one_by_id*") if beacon_id in key], [])
        return ensureDeferred(run())
