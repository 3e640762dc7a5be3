"""
Interoperability with the real seneca 3 (npm, run by Node): a seneca client
acting on the beacons service of config.yml, and our client acting on a
seneca service written in JavaScript; each with seneca's default transport
(seneca-transport, C{type: 'http'}) and its built-in one (C{type: 'web'}).
"""

from __future__ import annotations

from typing import Any

from twisted.trial.unittest import TestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException, NotFoundException, UnknownException
from pipservices_tx.seneca import SENECA_ENDPOINT_DESCRIPTOR, SenecaClient

from ._node import node, run_script, start_service
from .test_beacons import open_beacons

NEW_BEACON = {"id": "js1", "site_id": "1", "udi": "JS001", "label": "From node",
              "center": {"type": "Point", "coordinates": [3, 4]}, "radius": 7.5, "type": "unknown"}


class SenecaClientOurServiceTests(TestCase):
    """node/act_beacons.js: a seneca client acting role:beacons on the beacons service, SENECA_ENABLED."""

    timeout = 30

    def setUp(self) -> None:
        node()

    async def act_on_beacons(self, transport: str) -> dict[str, Any]:
        container = await open_beacons(self, SENECA_ENABLED="true", SENECA_PORT="0", SENECA_HOST="127.0.0.1")
        port = container.references.get_one_required(SENECA_ENDPOINT_DESCRIPTOR).port
        steps: dict[str, Any] = await run_script("act_beacons.js", str(port), transport)
        self.assertEqual(steps["create"], {"result": NEW_BEACON})
        self.assertEqual(steps["get"], {"result": NEW_BEACON})
        self.assertEqual(steps["get_missing"], {"result": None})
        self.assertEqual(steps["page"]["result"]["total"], 3)
        self.assertEqual(sorted(b["id"] for b in steps["page"]["result"]["data"]), ["1", "2", "js1"])
        self.assertEqual(steps["position"], {"result": {"type": "Point", "coordinates": [3, 4]}})
        for name, (kind, code, status, correlation_id) in {
            "validation": ("ValidationException", "INVALID_DATA", 400, "js-invalid"),
            "unknown_command": ("NotFoundException", "ACT_NOT_FOUND", 404, "js-unknown"),
            "huge": ("RequestTooLargeException", "REQUEST_TOO_LARGE", 413, None),
        }.items():
            payload = steps[name]["error"]["payload"]
            self.assertEqual((payload["type"], payload["code"], payload["status"], payload["correlation_id"]),
                             (kind, code, status, correlation_id), name)
        details = steps["validation"]["error"]["payload"]["details"]
        self.assertEqual(sorted(result["path"] for result in details["results"]), ["beacon.type", "beacon.udi"])
        self.assertEqual(steps["unknown_command"]["error"]["payload"]["details"]["act"]["cmd"], "no_such_command")
        return steps

    async def test_default_transport(self) -> None:
        steps = await self.act_on_beacons("legacy")
        # seneca-transport wraps any answer but 200 in an error of its own, our error under it.
        self.assertEqual(steps["validation"]["error"]["seneca_code"], "act_execute")
        self.assertIn("400", steps["validation"]["error"]["message"])

    async def test_builtin_transport(self) -> None:
        steps = await self.act_on_beacons("core")
        # seneca's built-in transport makes the error from our body: our code and message.
        error = steps["validation"]["error"]
        self.assertEqual(error["seneca_code"], "INVALID_DATA")
        self.assertIn("beacon.udi", error["message"])
        self.assertEqual(steps["huge"]["error"]["seneca_code"], "REQUEST_TOO_LARGE")


class OurClientSenecaServiceTests(TestCase):
    """Our SenecaClient acting on node/math_service.js, a seneca service on loopback."""

    timeout = 30

    def setUp(self) -> None:
        node()

    async def act_on_math(self, transport: str) -> SenecaClient:
        port = await start_service(self, "math_service.js", transport)
        client = SenecaClient()
        client.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", port,
                                                  "options.timeout", 500))
        await client.open(None)
        self.addCleanup(client.close, None)
        self.assertEqual(await client.act("c1", "role:math,cmd:sum", {"left": 2, "right": 3}),
                         {"answer": 5, "correlation_id": "c1"})
        echo = await client.act("c2", {"role": "math", "cmd": "echo"}, {"x": [1, {"y": None}]})
        self.assertEqual(echo["fields"], {"role": "math", "cmd": "echo", "correlation_id": "c2", "x": [1, {"y": None}]})
        self.assertEqual(await client.act(None, "role:math,cmd:list"), [1, 2, 3])
        self.assertIsNone(await client.act(None, "role:math,cmd:none"))
        failed = await self.assertFailure(client.act("c3", "role:math,cmd:fail", {"left": -1}), UnknownException)
        self.assertEqual((failed.code, failed.message, failed.details, failed.correlation_id),
                         ("NEGATIVE_LEFT", "left must be positive", {"left": -1}, "c3"))
        missing = await self.assertFailure(client.act("c4", "role:math,cmd:product"), NotFoundException)
        self.assertEqual((missing.code, missing.correlation_id), ("act_not_found", "c4"))
        slow = await self.assertFailure(client.act("c5", "role:math,cmd:slow"), ConnectionException)
        self.assertEqual((slow.code, slow.correlation_id), ("TIMEOUT", "c5"))
        return client

    async def test_default_transport(self) -> None:
        await self.act_on_math("legacy")

    async def test_builtin_transport(self) -> None:
        await self.act_on_math("core")
