"""The beacons service under the real twistd: it starts, answers, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os

from twisted.trial.unittest import TestCase

from pipservices_tx.testing import PipsvcProcess, free_port

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CONFIG = os.path.join(ROOT, "examples", "beacons", "config.yml")


class BeaconsProcessTests(TestCase):
    async def test_sigterm_stops_cleanly(self) -> None:
        port = free_port()
        service = PipsvcProcess(config=CONFIG, parameters={"HTTP_PORT": port}, python_path=[ROOT]).start(self)
        await service.wait_for_http(port, "/heartbeat")
        self.assertEqual(await service.stop("TERM"), 0, service.text)
        self.assertIn(b"Container beacons stopped", service.out)
        self.assertEqual(service.error_lines, [])
