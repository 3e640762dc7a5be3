"""examples/beacons/config.yml with THRIFT_ENABLED: the container serves the beacons over Thrift too."""

from __future__ import annotations

import os
from typing import Any

from twisted.internet import reactor
from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import TestCase

from examples.beacons.thrift_gen.beacons_v1.ttypes import BeaconV1
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.errors import NotFoundException
from pipservices_tx.testing import free_port

from .support import commandable_client, typed_client

CONFIG = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "beacons", "config.yml")




class BeaconsConfigTests(TestCase):
    def test_thrift_is_switched_on_by_config_alone(self) -> Any:
        async def run() -> None:
            port = free_port()
            container = Container(reactor=reactor)
            container.read_config_from_file(CONFIG, ConfigParams.from_tuples(
                "THRIFT_ENABLED", "true", "THRIFT_HOST", "127.0.0.1", "THRIFT_PORT", str(port),
                "HTTP_HOST", "127.0.0.1", "HTTP_PORT", str(free_port()), "LOG_LEVEL", "error"))
            await container.open(None)
            typed = await typed_client(port)
            generic = await commandable_client(port)
            try:
                created = await typed.call("create_beacon", "c1", BeaconV1(site_id="s", udi="u-1"))
                found = await generic.call_command("get_beacon_by_udi", "c2", {"udi": "u-1"})
                self.assertEqual(found["id"], created.id)
                with self.assertRaises(NotFoundException):
                    await generic.call_command("no_such_command", "c3", {})
            finally:
                await typed.close(None)
                await generic.close(None)
                await container.close(None)

        return ensureDeferred(run())

    def test_off_by_default(self) -> None:
        container = Container()
        container.read_config_from_file(CONFIG, ConfigParams())
        self.assertFalse(any("thrift" in str(entry.descriptor) for entry in container.entries))
