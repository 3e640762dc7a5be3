"""
The beacons example sending its logs and counters to examples/infrastructure by config alone,
both containers on loopback ports: read back, an outage of the infrastructure, and recovery.
"""

from __future__ import annotations

import json
from typing import Any

from treq.client import HTTPClient
from twisted.internet import reactor
from twisted.trial.unittest import TestCase
from twisted.web.client import Agent, HTTPConnectionPool

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.errors import InternalException
from pipservices_tx.infrastructure import (
    CountersHttpClientV1,
    DiscoveryHttpClientV1,
    HttpCounters,
    HttpLogger,
    LoggingHttpClientV1,
)
from pipservices_tx.refer import Descriptor

from ._fleet import BEACONS_CONFIG, INFRASTRUCTURE_CONFIG, base_url, port_of, start, until

HTTP_LOGGER = Descriptor("pip-services", "logger", "http", "*", "1.0")
HTTP_COUNTERS = Descriptor("pip-services", "counters", "http", "*", "1.0")


class FleetTests(TestCase):
    timeout = 40

    async def client(self, cls: type[Any], url: str) -> Any:
        client = cls()
        client.configure(ConfigParams({"connection.uri": url}))
        await client.open(None)
        self.addCleanup(client.close, None)
        return client

    async def call_beacons(self, container: Container, command: str, body: Any) -> int:
        response = await self.http.post(f"{base_url(container)}/v1/beacons/{command}", data=json.dumps(body).encode(),
                                        headers={"content-type": ["application/json"]})
        await response.content()
        return int(response.code)

    def setUp(self) -> None:
        pool = HTTPConnectionPool(reactor, persistent=False)
        self.http = HTTPClient(Agent(reactor, pool=pool))

    async def test_logs_and_counters_reach_the_infrastructure_and_survive_its_outage(self) -> None:
        infrastructure = await start(INFRASTRUCTURE_CONFIG)
        self.addCleanup(infrastructure.close, None)
        url, port = base_url(infrastructure), port_of(infrastructure)
        beacons = await start(BEACONS_CONFIG, LOGGING_SERVICE_URI=url, COUNTERS_SERVICE_URI=url,
                              DISCOVERY_SERVICE_URI=url, LOGGING_LEVEL="trace", LOGGING_INTERVAL=50,
                              COUNTERS_INTERVAL=100, SEND_RETRY_DELAY=50)
        self.addCleanup(beacons.close, None)
        logger: HttpLogger = beacons.references.get_one_required(HTTP_LOGGER)
        counters: HttpCounters = beacons.references.get_one_required(HTTP_COUNTERS)
        logging = await self.client(LoggingHttpClientV1, url)
        counters_client = await self.client(CountersHttpClientV1, url)
        discovery = await self.client(DiscoveryHttpClientV1, url)

        # Phase 1: what beacons writes is read back from the services.
        self.assertEqual(await self.call_beacons(beacons, "create_beacon", {"beacon": {"site_id": "1", "udi": "1"}}),
                         200)
        beacons.logger.error("c-err", InternalException("c-err", "BROKEN", "disk on fire"), "a beacons component failed")

        async def messages(**filter: Any) -> list[dict[str, Any]]:
            return list((await logging.read_messages(None, filter))["data"])

        started = await until(lambda: messages(search="Container beacons started"), "the start is logged")
        self.assertEqual((started[0]["source"], started[0]["level"]), ("beacons", 4))
        traced = await until(lambda: messages(search="v1/beacons.create_beacon"), "the call is logged")
        self.assertEqual(traced[0]["level"], 6)
        errors = await until(lambda: logging.read_errors(None).addCallback(lambda page: page["data"]),
                             "the error is logged")
        self.assertEqual((errors[0]["message"], errors[0]["correlation_id"], errors[0]["error"]["code"]),
                         ("a beacons component failed", "c-err", "BROKEN"))

        async def count(name: str) -> int:
            page = await counters_client.read_counters(None, {"name": name})
            return int(page["data"][0]["count"]) if page["data"] else 0

        await until(lambda: count("v1/beacons.create_beacon.exec_count"), "the call is counted")
        registered = await discovery.resolve_all(None, "beacons")
        self.assertEqual(registered[0]["uri"], base_url(beacons))

        # Phase 2: the infrastructure stops; beacons keeps serving, entries beyond its buffer are dropped.
        logger.max_buffer_size = 5
        await infrastructure.close(None)
        for _ in range(20):
            self.assertEqual(await self.call_beacons(beacons, "get_beacons", {}), 200)
        await until(lambda: logger.dropped >= 15, "the logger drops what its buffer cannot hold")
        self.assertLessEqual(logger.waiting, 5)

        # Phase 3: it comes back on the same port; sending resumes, drops are reported, counts add up.
        infrastructure = await start(INFRASTRUCTURE_CONFIG, HTTP_PORT=port)
        self.addCleanup(infrastructure.close, None)
        report = await until(lambda: messages(search="were dropped"), "the drops are reported", 15)
        self.assertEqual((report[0]["level"], report[0]["source"]), (3, "beacons"))
        await until(lambda: logger.waiting == 0, "the buffer is empty")
        self.assertGreaterEqual(await until(lambda: count("v1/beacons.get_beacons.exec_count"), "counts arrive"), 20)
        self.assertEqual(counters.dropped, 0)
        await beacons.close(None)
        self.assertEqual(await discovery.resolve_all(None, "beacons"), [])
