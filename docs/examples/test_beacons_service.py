"""
The beacons service, from its own config.yml, tested whole on a fake
reactor: no port opened, no time spent waiting (docs/testing.rst).

    python -m twisted.trial docs/examples/test_beacons_service.py
"""

import os
from typing import Any, Optional

from twisted.trial.unittest import SynchronousTestCase

from examples.beacons.persistence import BeaconsMemoryPersistence
from pipservices_tx.testing import ContainerHarness, JsonResponse, assert_counter, capture_logs

# trial runs in _trial_temp: find the config from this file, not the cwd.
CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "beacons", "config.yml")
BEACON1 = {"id": "1", "site_id": "1", "udi": "00001",
           "center": {"type": "Point", "coordinates": [0, 0]}}
BEACON2 = {"id": "2", "site_id": "1", "udi": "00002",
           "center": {"type": "Point", "coordinates": [2, 2]}}


class FixturePersistence(BeaconsMemoryPersistence):
    """The fake: an in-memory persistence that starts with two beacons."""

    def __init__(self) -> None:
        super().__init__()
        for beacon in (BEACON1, BEACON2):
            self.create(None, beacon)


class BeaconsServiceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.harness = ContainerHarness.from_file(
            CONFIG,
            parameters={"LOG_LEVEL": "trace"},
            replace={"beacons:persistence:*:*:1.0": FixturePersistence},
        ).start(self)  # built and opened now; closed when the test ends

    def call(self, command: str, params: Any = None, correlation_id: Optional[str] = None) -> JsonResponse:
        return self.successResultOf(
            self.harness.call_command("v1/beacons", command, params, correlation_id))

    def test_position(self) -> None:
        status, point = self.call(
            "calculate_position", {"site_id": "1", "udis": ["00001", "00002"]})
        self.assertEqual((status, point["coordinates"]), (200, [1, 1]))

    def test_status(self) -> None:
        status, body = self.successResultOf(self.harness.get_json("/status"))
        self.assertEqual((status, body["name"]), (200, "beacons"))

    def test_validation(self) -> None:
        status, error = self.call("create_beacon", {"beacon": {"site_id": "1"}}, "c-1")
        self.assertEqual((status, error["code"], error["correlation_id"]),
                         (400, "INVALID_DATA", "c-1"))
        assert_counter(self.harness, "v1/beacons.create_beacon.exec_errors", count=1)

    def test_logs_and_counters(self) -> None:
        self.call("get_beacons", {"filter": {"site_id": "1"}}, "c-2")
        self.harness.logs.assert_logged(
            "trace", "Executing v1/beacons.get_beacons method", correlation_id="c-2")
        self.assertEqual(self.harness.counter_value("v1/beacons.get_beacons.exec_count"), 1)
        # LogCounters writes the counters every 5 minutes: let 5 minutes pass.
        self.harness.advance(299)
        self.harness.logs.assert_not_logged(message="Counter ")
        self.harness.advance(1)
        self.harness.logs.assert_logged("info", "Counter v1/beacons.get_beacons.exec_count")

    def test_the_controller_alone(self) -> None:
        controller = self.harness.get("beacons:controller:*:*:1.0")
        with capture_logs() as logs:
            self.successResultOf(controller.create_beacon("c-3", {"site_id": "1", "udi": "00003"}))
        logs.assert_logged("trace", "Created item", correlation_id="c-3")
        logs.assert_not_logged("error")
