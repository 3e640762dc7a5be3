"""The beacons microservice from its config.yml, over a real loopback port."""

from __future__ import annotations

import json
import os
from typing import Any

from treq.client import HTTPClient
from twisted.internet import reactor
from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import TestCase
from twisted.web.client import Agent, HTTPConnectionPool

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.services import ENDPOINT_DESCRIPTOR

CONFIG = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "beacons", "config.yml")


class BeaconsServiceTests(TestCase):
    async def _start(self) -> None:
        self.container = Container()
        self.container.read_config_from_file(
            CONFIG, ConfigParams.from_tuples("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "LOG_LEVEL", "error"))
        await self.container.open(None)
        endpoint = self.container.references.get_one_required(ENDPOINT_DESCRIPTOR)
        self.base = endpoint.base_url
        self.pool = HTTPConnectionPool(reactor, persistent=True)
        self.http = HTTPClient(Agent(reactor, pool=self.pool))

    async def _stop(self) -> None:
        await self.pool.closeCachedConnections()
        await self.container.close(None)

    async def call(self, command: str, body: Any = None, raw: bytes | None = None) -> tuple[int, Any]:
        data = raw if raw is not None else json.dumps(body if body is not None else {}).encode()
        response = await self.http.post(f"{self.base}/v1/beacons/{command}", data=data,
                                        headers={"content-type": ["application/json"]})
        content = await response.content()
        return response.code, (json.loads(content) if content else None)

    def run_service(self, scenario: Any) -> Any:
        async def run() -> None:
            await self._start()
            try:
                await scenario()
            finally:
                await self._stop()
        return ensureDeferred(run())

    def test_full_flow(self) -> Any:
        async def scenario() -> None:
            for beacon in ({"id": "1", "site_id": "1", "udi": "00001", "center": {"type": "Point", "coordinates": [0, 0]}},
                           {"id": "2", "site_id": "1", "udi": "00002", "center": {"type": "Point", "coordinates": [2, 2]}}):
                status, _ = await self.call("create_beacon", {"beacon": beacon})
                self.assertEqual(status, 200)
            status, page = await self.call("get_beacons", {"filter": {"site_id": "1"}, "paging": {"total": True}})
            self.assertEqual((status, len(page["data"]), page["total"]), (200, 2, 2))
            status, point = await self.call("calculate_position", {"site_id": "1", "udis": ["00001", "00002"]})
            self.assertEqual(point, {"type": "Point", "coordinates": [1, 1]})
            self.assertEqual((await self.call("get_beacon_by_id", {"id": "404"}))[0], 204)
            response = await self.http.get(self.base + "/status")
            self.assertEqual((await response.json())["name"], "beacons")
            response = await self.http.get(self.base + "/v1/beacons/swagger?format=json")
            self.assertEqual((await response.json())["openapi"], "3.0.3")
        return self.run_service(scenario)

    def test_bad_input_is_4xx_json_and_service_keeps_serving(self) -> Any:
        async def scenario() -> None:
            cases = [
                ("create_beacon", b"{not json", 400),
                ("create_beacon", b"[1, 2, 3]", 400),
                ("create_beacon", json.dumps({"beacon": {"site_id": 5}}).encode(), 400),
                ("create_beacon", json.dumps({"beacon": "text"}).encode(), 400),
                ("get_beacon_by_udi", b"{}", 400),
                ("calculate_position", json.dumps({"site_id": "1", "udis": "00001"}).encode(), 400),
                ("get_beacons", json.dumps({"paging": {"skip": "many"}}).encode(), 400),
                ("no_such_command", b"{}", 404),
                ("create_beacon", b'{"beacon": {"site_id": "1", "udi": "' + b"x" * (10 << 20) + b'"}}', 413),
            ]
            for command, raw, expected in cases:
                status, body = await self.call(command, raw=raw)
                self.assertEqual(status, expected, (command, raw[:40]))
                self.assertEqual(body["status"], expected)
                self.assertIn("code", body)
            status, page = await self.call("get_beacons")
            self.assertEqual((status, page["data"]), (200, []))
        return self.run_service(scenario)
