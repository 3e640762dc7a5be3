"""
The whole beacons service, from its own config.yml, on a fake reactor: no
port, no waiting. This is how pipservices_tx.testing is meant to be used.
"""

from __future__ import annotations

import os
from typing import Any, Optional

from twisted.internet.defer import Deferred
from twisted.trial.unittest import SynchronousTestCase

from examples.beacons.persistence import BeaconsMemoryPersistence
from pipservices_tx.data import FilterParams
from pipservices_tx.testing import ContainerHarness, assert_counter

CONFIG = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "beacons", "config.yml")
ROUTE = "v1/beacons"

BEACON1 = {"id": "1", "site_id": "1", "type": "altbeacon", "udi": "00001", "label": "TestBeacon1",
           "center": {"type": "Point", "coordinates": [0, 0]}, "radius": 50}
BEACON2 = {"id": "2", "site_id": "1", "type": "ibeacons", "udi": "00002", "label": "TestBeacon2",
           "center": {"type": "Point", "coordinates": [2, 2]}, "radius": 70}
BEACON3 = {"id": "3", "site_id": "2", "type": "altbeacon", "udi": "00003", "label": "TestBeacon3",
           "center": {"type": "Point", "coordinates": [10, 10]}, "radius": 50}


class FixturePersistence(BeaconsMemoryPersistence):
    """The in-memory fake: starts with the three fixtures and counts the lookups by filter."""

    def __init__(self) -> None:
        super().__init__()
        self.lookups = 0
        for beacon in (BEACON1, BEACON2, BEACON3):
            self.create(None, beacon)

    def get_list_by_filter(self, correlation_id: Optional[str], filter: Any, sort: Any = None,
                           select: Any = None) -> Deferred[list[dict[str, Any]]]:
        self.lookups += 1
        return super().get_list_by_filter(correlation_id, filter, sort, select)


def global_listening_ports() -> list[Any]:
    """The TCP ports the real reactor listens on."""
    from twisted.internet import reactor, tcp

    return [reader for reader in reactor.getReaders() if isinstance(reader, tcp.Port)]  # type: ignore[attr-defined]


class BeaconsToolkitTests(SynchronousTestCase):
    def start(self, log_level: str = "trace", **kwargs: Any) -> ContainerHarness:
        return ContainerHarness.from_file(CONFIG, {"LOG_LEVEL": log_level}, **kwargs).start(self)

    def call(self, harness: ContainerHarness, command: str, params: Any = None,
             correlation_id: Optional[str] = None) -> tuple[int, Any]:
        return self.successResultOf(harness.call_command(ROUTE, command, params, correlation_id))

    def test_no_socket_is_opened(self) -> None:
        before = global_listening_ports()
        harness = self.start()
        # The endpoint listened on the fake reactor, on the port of the config...
        self.assertEqual([(port, interface) for port, _, _, interface in harness.reactor.tcpServers],
                         [(8080, "0.0.0.0")])
        self.assertEqual(len(harness.reactor.listening_ports()), 1)
        # ...and the real reactor listens on nothing new.
        self.assertEqual(global_listening_ports(), before)
        self.assertEqual(self.call(harness, "get_beacons")[0], 200)
        self.successResultOf(harness.close())
        self.assertEqual(harness.reactor.listening_ports(), [])

    def test_create_beacons_and_calculate_the_position(self) -> None:
        harness = self.start()
        for beacon in (BEACON1, BEACON2, BEACON3):
            self.assertEqual(self.call(harness, "create_beacon", {"beacon": beacon}), (200, beacon))
        status, page = self.call(harness, "get_beacons", {"filter": {"site_id": "1"}, "paging": {"total": True}})
        self.assertEqual((status, page["total"], sorted(b["id"] for b in page["data"])), (200, 2, ["1", "2"]))
        self.assertEqual(self.call(harness, "calculate_position", {"site_id": "1", "udis": ["00001", "00002"]}),
                         (200, {"type": "Point", "coordinates": [1, 1]}))
        self.assertEqual(self.call(harness, "get_beacon_by_udi", {"udi": "00003"}), (200, BEACON3))
        self.assertEqual(self.call(harness, "delete_beacon_by_id", {"beacon_id": "3"}), (200, BEACON3))
        self.assertEqual(self.call(harness, "get_beacon_by_id", {"id": "3"}), (204, None))

    def test_a_fake_persistence_swapped_in_by_descriptor(self) -> None:
        harness = self.start(replace={"beacons:persistence:*:*:1.0": FixturePersistence})
        persistence = harness.get("beacons:persistence:*:*:1.0")
        self.assertIsInstance(persistence, FixturePersistence)
        self.assertEqual(self.call(harness, "calculate_position", {"site_id": "1", "udis": ["00001", "00002"]}),
                         (200, {"type": "Point", "coordinates": [1, 1]}))
        self.assertEqual(persistence.lookups, 1)
        items = self.successResultOf(persistence.get_list_by_filter(None, FilterParams.from_tuples("site_id", "2")))
        self.assertEqual(items, [BEACON3])

    def test_status_and_heartbeat(self) -> None:
        harness = self.start()
        status, body = self.successResultOf(harness.get_json("/status"))
        self.assertEqual((status, body["name"]), (200, "beacons"))
        self.assertIn("beacons:controller:default:default:1.0", body["components"])
        status, now = self.successResultOf(harness.get_json("/heartbeat"))
        self.assertEqual(status, 200)
        self.assertRegex(now, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(self.successResultOf(harness.get_json("/health/ready")), (200, {"status": "ready"}))

    def test_invalid_beacon_is_a_400_with_the_correlation_id(self) -> None:
        harness = self.start()
        status, error = self.call(harness, "create_beacon", {"beacon": {"site_id": "1"}}, correlation_id="bad-1")
        self.assertEqual((status, error["category"], error["code"], error["correlation_id"]),
                         (400, "BadRequest", "INVALID_DATA", "bad-1"))
        self.assertIn("udi", str(error["details"]))
        self.assertEqual(self.call(harness, "get_beacons")[1]["data"], [])
        assert_counter(harness, f"{ROUTE}.create_beacon.exec_errors", count=1)
        # a client error is not worth an error line in the log
        harness.logs.assert_not_logged("error")

    def test_every_call_is_logged_with_its_correlation_id(self) -> None:
        harness = self.start()
        harness.logs.assert_logged("info", "Container beacons started")
        self.call(harness, "create_beacon", {"beacon": BEACON1}, correlation_id="c-42")
        harness.logs.assert_logged("trace", f"Executing {ROUTE}.create_beacon method", correlation_id="c-42")
        self.assertIn("[c-42:TRACE:", harness.console.getvalue())
        self.successResultOf(harness.close())
        harness.logs.assert_logged("info", "Container beacons stopped")

    def test_the_configured_log_level_holds(self) -> None:
        harness = self.start(log_level="info")
        self.call(harness, "get_beacons", correlation_id="c-1")
        harness.logs.assert_not_logged("trace")
        harness.logs.assert_logged("info", "Container beacons started")

    def test_counters_are_logged_every_five_minutes_of_the_fake_clock(self) -> None:
        harness = self.start(log_level="info")
        for beacon in (BEACON1, BEACON2):
            self.call(harness, "create_beacon", {"beacon": beacon})
        self.assertEqual(harness.counter_value(f"{ROUTE}.create_beacon.exec_count"), 2)
        # LogCounters saves on its interval, 300000 ms unless configured.
        harness.advance(299)
        harness.logs.assert_not_logged(message="Counter ")
        harness.advance(1)
        harness.logs.assert_logged(
            "info", f'Counter {ROUTE}.create_beacon.exec_count {{"type": "Increment", "count": 2}}')
        harness.logs.assert_logged("info", f"Counter {ROUTE}.create_beacon.exec_time")
        # Nothing changed since: the next interval writes nothing.
        harness.logs.clear()
        harness.advance(300)
        harness.logs.assert_not_logged(message="Counter ")
        self.call(harness, "get_beacons")
        harness.advance(300)
        harness.logs.assert_logged("info", f'Counter {ROUTE}.get_beacons.exec_count {{"type": "Increment", "count": 1}}')
