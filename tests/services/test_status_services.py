"""/heartbeat, /status and the health probes."""

from __future__ import annotations

import datetime

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import CONTAINER_DESCRIPTOR
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import HealthRestService, HeartbeatRestService, StatusRestService

from .helpers import StubClient


class _Openable:
    def __init__(self, opened: bool) -> None:
        self.opened = opened

    def open(self, correlation_id: object) -> None:
        self.opened = True

    def close(self, correlation_id: object) -> None:
        self.opened = False

    def is_open(self) -> bool:
        return self.opened


def _openable(opened: bool) -> _Openable:
    from zope.interface import directlyProvides

    from pipservices_tx.lifecycle import IOpenable

    component = _Openable(opened)
    directlyProvides(component, IOpenable)
    return component


def _parse_time(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


class HeartbeatTests(SynchronousTestCase):
    def test_heartbeat_is_a_json_iso_time(self) -> None:
        service = HeartbeatRestService()
        service.set_references(References())
        before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=1)
        status, body = StubClient(self, service.resource()).json("GET", "/heartbeat")
        self.assertEqual(status, 200)
        self.assertIsInstance(body, str)
        self.assertGreaterEqual(_parse_time(body), before)

    def test_route_is_configurable(self) -> None:
        service = HeartbeatRestService()
        service.configure(ConfigParams.from_tuples("route", "ping"))
        service.set_references(References())
        self.assertEqual(StubClient(self, service.resource()).json("GET", "/ping")[0], 200)


class StatusTests(SynchronousTestCase):
    def test_status_fields(self) -> None:
        info = ContextInfo("beacons", "Beacons service")
        info.properties = {"region": "eu"}
        references = References.from_tuples(
            CONTEXT_INFO_DESCRIPTOR, info,
            Descriptor("beacons", "controller", "default", "default", "1.0"), object(),
        )
        service = StatusRestService()
        references.put(Descriptor("pip-services", "status-service", "http", "default", "1.0"), service)
        service.set_references(references)
        status, body = StubClient(self, service.resource()).json("GET", "/status")
        self.assertEqual(status, 200)
        self.assertEqual(
            set(body), {"id", "name", "description", "start_time", "current_time", "uptime", "properties",
                        "components"})
        self.assertEqual((body["name"], body["description"], body["id"]), ("beacons", "Beacons service", info.context_id))
        self.assertEqual(body["properties"], {"region": "eu"})
        self.assertIn("beacons:controller:default:default:1.0", body["components"])
        self.assertIsInstance(body["uptime"], int)
        self.assertGreaterEqual(_parse_time(body["current_time"]), _parse_time(body["start_time"]))


class HealthTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.container = _openable(False)
        self.component = _openable(True)
        self.service = HealthRestService()
        self.service.set_references(References.from_tuples(
            CONTAINER_DESCRIPTOR, self.container,
            Descriptor("a", "b", "c", "d", "1.0"), self.component,
        ))
        self.client = StubClient(self, self.service.resource())

    def test_live_always(self) -> None:
        self.assertEqual(self.client.json("GET", "/health/live")[0], 200)

    def test_ready_only_when_everything_is_open(self) -> None:
        status, body = self.client.json("GET", "/health/ready")
        self.assertEqual(status, 503)
        self.assertEqual(body["waiting_for"], ["pip-services:container:*:*:1.0"])
        self.container.opened = True
        self.assertEqual(self.client.json("GET", "/health/ready"), (200, {"status": "ready"}))
        self.component.opened = False
        status, body = self.client.json("GET", "/health/ready")
        self.assertEqual((status, body["waiting_for"]), (503, ["a:b:c:d:1.0"]))

    def test_health_is_live_and_ready_together(self) -> None:
        status, body = self.client.json("GET", "/health")
        self.assertEqual((status, body["live"], body["ready"]), (503, True, False))
        self.assertEqual(body["waiting_for"], ["pip-services:container:*:*:1.0"])
        self.container.opened = True
        self.assertEqual(self.client.json("GET", "/health"),
                         (200, {"status": "ready", "live": True, "ready": True}))
        self.assertEqual(self.client.json("GET", "/health/")[0], 200)
