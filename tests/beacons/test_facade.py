"""
examples/beacons/facade.yml on loopback: the beacons API served by a facade
that balances over two real beacons containers, and keeps answering when
one of them goes away.
"""

from __future__ import annotations

import json
import os
from typing import Any

import treq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from examples.beacons.clients import BeaconsCommandableHttpClientV1
from pipservices_tx.commands import ICommandable
from pipservices_tx.config import ConfigParams, read_config_file
from pipservices_tx.container import Container
from pipservices_tx.errors import ConnectionException, NotFoundException
from pipservices_tx.services import ENDPOINT_DESCRIPTOR
from pipservices_tx.testing import with_reactor

from ..clients.fake_fleet import FakeFleet

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples", "beacons")


class FacadeTests(TestCase):
    timeout = 30

    async def container(self, config: str, **parameters: str) -> tuple[Container, str]:
        path = os.path.join(EXAMPLES, config)
        container = Container(phase_timeout=10)
        values = {"HTTP_HOST": "127.0.0.1", "HTTP_PORT": "0", "LOG_LEVEL": "none", **parameters}
        container.configure(read_config_file(path, values), path)
        await container.open(None)
        self.addCleanup(container.close, None)
        return container, str(container.references.get_one_required(ENDPOINT_DESCRIPTOR).base_url)

    async def call(self, base: str, command: str, args: dict[str, Any]) -> tuple[int, Any]:
        response = await treq.post(f"{base}/v1/beacons/{command}", json.dumps(args).encode(),
                                   headers={b"content-type": [b"application/json"]}, persistent=False)
        content = await response.content()
        return response.code, json.loads(content) if content else None

    async def test_serves_the_api_over_the_upstreams_and_survives_one_going_away(self) -> None:
        first, first_url = await self.container("config.yml")
        _, second_url = await self.container("config.yml")
        _, facade = await self.container("facade.yml", BEACONS_SERVICE_URIS=f"{first_url},{second_url}",
                                         CONNECT_TIMEOUT="500", TIMEOUT="2000")
        for site in ("first", "second"):
            beacon = {"id": site, "site_id": site, "udi": site, "center": {"type": "Point", "coordinates": [1, 2]}}
            upstream = first_url if site == "first" else second_url
            status, _ = await self.call(upstream, "create_beacon", {"beacon": beacon})
            self.assertEqual(status, 200)

        # Balanced: each upstream serves every other read.
        seen = []
        for _ in range(4):
            status, page = await self.call(facade, "get_beacons", {})
            self.assertEqual(status, 200, page)
            seen.append([b["id"] for b in page["data"]])
        self.assertEqual(sorted(map(tuple, seen)), [("first",), ("first",), ("second",), ("second",)])

        # Validated at the facade, errors come back as the upstream's.
        status, error = await self.call(facade, "get_beacon_by_udi", {})
        self.assertEqual((status, error["category"]), (400, "BadRequest"))

        # One upstream goes away: every call still answers, from the other one.
        await first.close(None)
        for _ in range(6):
            status, page = await self.call(facade, "get_beacons", {})
            self.assertEqual((status, [b["id"] for b in page["data"]]), (200, ["second"]))
        status, created = await self.call(facade, "create_beacon", {"beacon": {"site_id": "x", "udi": "y"}})
        self.assertEqual(status, 200, "a call not sent goes to another instance, idempotent or not")


class BalancedClientTests(SynchronousTestCase):
    """The beacons client over a fake fleet: reads are tried again anywhere, writes only when not sent."""

    def setUp(self) -> None:
        self.fleet = FakeFleet("a:1", "b:2")
        self.fleet.resetting.add("a:1")
        self.client = with_reactor(BeaconsCommandableHttpClientV1(http_client=self.fleet), Clock())
        self.client.configure(ConfigParams.from_tuples("connection.uri", "http://a:1,http://b:2",
                                                       "options.retry_jitter", 0))
        self.successResultOf(self.client.open(None))

    def test_a_read_lost_on_one_instance_is_answered_by_another(self) -> None:
        # b answers 404 (the fake service knows no beacons command): an answer, not a lost call.
        self.failureResultOf(self.client.get_beacon_by_id(None, "1"), NotFoundException)
        self.assertEqual(self.fleet.attempts, ["a:1", "b:2"])

    def test_a_write_lost_on_one_instance_fails(self) -> None:
        self.failureResultOf(self.client.create_beacon(None, {"site_id": "1", "udi": "1"}), ConnectionException)
        self.assertEqual(self.fleet.attempts, ["a:1"])

    def test_it_serves_as_a_commandable_controller(self) -> None:
        verifyObject(ICommandable, self.client)
        names = [command.name for command in self.client.get_command_set().commands]
        self.assertEqual(sorted(names), sorted(["get_beacons", "get_beacon_by_id", "get_beacon_by_udi",
                                                "calculate_position", "create_beacon", "update_beacon",
                                                "delete_beacon_by_id"]))
        self.assertTrue(set(BeaconsCommandableHttpClientV1.idempotent_commands) < set(names))
