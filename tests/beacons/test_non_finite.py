"""
Non-finite numbers never get into the beacons service: 1e400, NaN and
Infinity are a 400 at the edge, with memory and file persistence (across a
restart too), and a position over points near the largest float is finite.
"""

from __future__ import annotations

import json
import math
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

NON_FINITE = ("1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1" + "0" * 400)


def _beacon_text(beacon_id: str, radius: str, coordinates: str = "[0, 0]") -> bytes:
    return (
        f'{{"beacon": {{"id": "{beacon_id}", "site_id": "1", "udi": "u{beacon_id}", '
        f'"center": {{"type": "Point", "coordinates": {coordinates}}}, "radius": {radius}}}}}'
    ).encode()


class NonFiniteNumbersTests(TestCase):
    async def _start(self, **parameters: str) -> None:
        self.container = Container()
        values = ["HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "LOG_LEVEL", "fatal"]
        for key, value in parameters.items():
            values += [key, value]
        self.container.read_config_from_file(CONFIG, ConfigParams.from_tuples(*values))
        await self.container.open(None)
        self.base = self.container.references.get_one_required(ENDPOINT_DESCRIPTOR).base_url
        self.pool = HTTPConnectionPool(reactor, persistent=False)
        self.http = HTTPClient(Agent(reactor, pool=self.pool))

    async def _stop(self) -> None:
        await self.pool.closeCachedConnections()
        await self.container.close(None)

    async def call(self, command: str, raw: bytes) -> tuple[int, Any]:
        response = await self.http.post(f"{self.base}/v1/beacons/{command}", data=raw,
                                        headers={"content-type": ["application/json"]})
        content = await response.content()
        return response.code, (json.loads(content) if content else None)

    async def _refuse_all(self) -> None:
        for n, radius in enumerate(NON_FINITE):
            status, error = await self.call("create_beacon", _beacon_text(f"bad{n}", radius))
            self.assertEqual((status, error["code"], error["category"]), (400, "NON_FINITE_NUMBER", "BadRequest"),
                             radius)
            status, error = await self.call("create_beacon", _beacon_text(f"bad{n}", "1", f"[{radius}, 0]"))
            self.assertEqual((status, error["code"]), (400, "NON_FINITE_NUMBER"), radius)
        status, page = await self.call("get_beacons", b"{}")
        self.assertEqual(status, 200)
        self.assertFalse([b for b in page["data"] if b["id"].startswith("bad")], page)

    def test_memory_persistence_refuses_them_and_reads_still_answer(self) -> Any:
        async def run() -> None:
            await self._start()
            try:
                await self._refuse_all()
                status, _ = await self.call("create_beacon", _beacon_text("ok", "50"))
                self.assertEqual(status, 200)
                status, error = await self.call("get_beacons", b'{"filter": {"site_id": NaN}}')
                self.assertEqual((status, error["code"]), (400, "NON_FINITE_NUMBER"))
            finally:
                await self._stop()
        return ensureDeferred(run())

    def test_file_persistence_is_not_poisoned_across_a_restart(self) -> Any:
        path = os.path.join(self.mktemp(), "beacons.json")
        os.makedirs(os.path.dirname(path))

        async def run() -> None:
            await self._start(FILE_ENABLED="true", FILE_PATH=path)
            try:
                status, _ = await self.call("create_beacon", _beacon_text("kept", "50"))
                self.assertEqual(status, 200)
                await self._refuse_all()
            finally:
                await self._stop()
            with open(path, encoding="utf-8") as f:
                stored = f.read()
            self.assertNotIn("Infinity", stored)
            self.assertNotIn("NaN", stored)
            await self._start(FILE_ENABLED="true", FILE_PATH=path)
            try:
                status, page = await self.call("get_beacons", b"{}")
                self.assertEqual((status, [b["id"] for b in page["data"]]), (200, ["kept"]))
            finally:
                await self._stop()
        return ensureDeferred(run())

    def test_position_over_points_near_the_largest_float_is_finite(self) -> Any:
        async def run() -> None:
            await self._start()
            try:
                for n, (lng, lat) in enumerate([(1.7e308, -1.7e308), (1.7e308, -1.6e308)]):
                    status, _ = await self.call("create_beacon", _beacon_text(f"far{n}", "1", f"[{lng!r}, {lat!r}]"))
                    self.assertEqual(status, 200)
                status, point = await self.call(
                    "calculate_position", b'{"site_id": "1", "udis": ["ufar0", "ufar1"]}')
                self.assertEqual(status, 200, point)
                lng, lat = point["coordinates"]
                self.assertEqual(lng, 1.7e308)
                self.assertAlmostEqual(lat / 1e308, -1.65)
                self.assertTrue(math.isfinite(lat))
            finally:
                await self._stop()
        return ensureDeferred(run())
