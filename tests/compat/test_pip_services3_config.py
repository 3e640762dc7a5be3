"""
A config file of a pip-services3 sample, kept verbatim, starts here.

C{fixtures/service-beacons-python.config.yml} is C{config/config.yml} of the
public pip-services-samples/service-beacons-python repository, byte for byte.
It names the sample's own components (C{beacons:persistence:memory},
C{beacons:controller:default}, C{beacons:service:http}); the beacons example
of this repository stands in for them through factories given to the
container, so the file itself stays as its users have it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from typing import Any

from treq.client import HTTPClient
from twisted.internet import reactor
from twisted.trial.unittest import TestCase
from twisted.web.client import Agent, HTTPConnectionPool

from examples.beacons.factory import BeaconsFactory
from pipservices_tx.build import Factory
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import ENDPOINT_DESCRIPTOR, CommandableHttpService
from pipservices_tx.trace import LogTracer

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "service-beacons-python.config.yml")
SHA1 = "9ad5f0532a445b25e238b8ac48362e15a090eba4"


def beacons_service(locator: Any) -> CommandableHttpService:
    """The stock commandable service at the beacons route: the sample's entry names neither route nor controller."""
    service = CommandableHttpService("v1/beacons")
    service.configure(ConfigParams.from_tuples("dependencies.controller", "beacons:controller:*:*:1.0"))
    return service


class SampleStandIns(Factory):
    """The sample's C{beacons:service:http} is its REST service; ours is commandable, at the same route."""

    def __init__(self) -> None:
        super().__init__()
        self.register(Descriptor("beacons", "service", "http", "*", "1.0"), beacons_service)


class PipServices3SampleConfigTests(TestCase):
    timeout = 20

    def test_the_fixture_is_the_sample_file(self) -> None:
        with open(FIXTURE, "rb") as f:
            self.assertEqual(hashlib.sha1(f.read()).hexdigest(), SHA1)

    async def test_starts_and_serves(self) -> None:
        out = io.StringIO()
        self.patch(sys, "stdout", out)  # its console logger traces every call
        container = Container(factories=[BeaconsFactory(), SampleStandIns()])
        container.read_config_from_file(FIXTURE, ConfigParams({"HTTP_PORT": "0"}))
        await container.open(None)
        self.addCleanup(container.close, None)
        self.assertEqual(container.info.name, "beacons")
        tracer = container.references.get_one_required(Descriptor("pip-services", "tracer", "log", "*", "1.0"))
        self.assertIsInstance(tracer, LogTracer)

        port = container.references.get_one_required(ENDPOINT_DESCRIPTOR).port
        base = f"http://127.0.0.1:{port}"
        http = HTTPClient(Agent(reactor, pool=HTTPConnectionPool(reactor, persistent=False)))
        response = await http.post(f"{base}/v1/beacons/create_beacon",
                                   data=json.dumps({"beacon": {"id": "1", "site_id": "1", "udi": "00001"}}).encode())
        self.assertEqual(response.code, 200)
        await response.content()
        response = await http.post(f"{base}/v1/beacons/get_beacons", data=b"{}")
        self.assertEqual([b["udi"] for b in json.loads(await response.content())["data"]], ["00001"])
        for path in ("/heartbeat", "/status", "/v1/beacons/swagger", "/swagger"):
            response = await http.get(base + path)
            await response.content()
            self.assertEqual(response.code, 200, path)
        self.assertIn("Executing v1/beacons.get_beacons method", out.getvalue())
