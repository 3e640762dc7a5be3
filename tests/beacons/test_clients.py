"""The beacons clients: one behavioural suite, run in process, over StubTreq and over a real port."""

from __future__ import annotations

import os
from typing import Any

from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from examples.beacons.clients import BeaconsCommandableHttpClientV1, BeaconsDirectClientV1
from examples.beacons.data import FIXTURES, BeaconTypeV1
from examples.beacons.factory import BeaconsFactory
from examples.beacons.logic import BeaconsController, IBeaconsController
from examples.beacons.persistence import BeaconsMemoryPersistence
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.data import DataPage, FilterParams, PagingParams
from pipservices_tx.errors import InvocationException
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import ENDPOINT_DESCRIPTOR, CommandableHttpService
from pipservices_tx.testing import with_reactor
from pipservices_tx.validation import ValidationException

from ._fixtures import PERSISTENCE, load_fixtures

CONFIG = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "beacons", "config.yml")
CONTROLLER = Descriptor("beacons", "controller", "default", "default", "1.0")
HTTP_CONFIG = ConfigParams.from_tuples("connection.protocol", "http", "connection.host", "127.0.0.1")


def new_beacon(**fields: Any) -> dict[str, Any]:
    beacon = {"site_id": "7", "udi": "07001", "label": "Door",
              "center": {"type": "Point", "coordinates": [4, 6]}, "radius": 25.5}
    beacon.update(fields)
    return beacon


def controller_references() -> tuple[References, BeaconsMemoryPersistence]:
    """A controller over an empty memory persistence."""
    persistence = BeaconsMemoryPersistence()
    controller = BeaconsController()
    references = References.from_tuples(PERSISTENCE, persistence, CONTROLLER, controller)
    controller.set_references(references)
    return references, persistence


class BeaconsClientBehaviour:
    """
    What every IBeaconsController client does against a service holding
    the fixtures; C{setUp} of the concrete class sets C{self.client}.
    """

    client: Any

    def validation_paths(self, error: ValidationException) -> list[str]:
        """The paths of the findings of a validation error (docs/protocol.rst, section 5 form)."""
        return [result.path for result in error.results]

    def test_provides_the_controller_interface(self) -> None:
        verifyObject(IBeaconsController, self.client)

    async def test_get_by_id_and_udi(self) -> None:
        beacon = await self.client.get_beacon_by_id("cid-1", "2")
        self.assertEqual(beacon, FIXTURES[1])
        self.assertEqual(await self.client.get_beacon_by_udi("cid-2", "00003"), FIXTURES[2])

    async def test_missing_beacon_is_none(self) -> None:
        self.assertIsNone(await self.client.get_beacon_by_id("cid-3", "404"))
        self.assertIsNone(await self.client.get_beacon_by_udi("cid-3", "99999"))
        self.assertIsNone(await self.client.update_beacon("cid-3", new_beacon(id="404")))
        self.assertIsNone(await self.client.delete_beacon_by_id("cid-3", "404"))

    async def test_create_generates_id_and_type(self) -> None:
        created = await self.client.create_beacon("cid-4", new_beacon())
        self.assertTrue(created["id"])
        self.assertEqual(created["type"], BeaconTypeV1.UNKNOWN)
        self.assertEqual({k: v for k, v in created.items() if k not in ("id", "type")}, new_beacon())
        self.assertEqual(await self.client.get_beacon_by_id("cid-4", created["id"]), created)
        self.assertEqual(await self.client.get_beacon_by_udi("cid-4", "07001"), created)

    async def test_page_with_filter(self) -> None:
        page = await self.client.get_beacons("cid-5", {"site_id": "1"}, {"total": True})
        self.assertIsInstance(page, DataPage)
        self.assertEqual(sorted(page.data, key=lambda b: b["id"]), list(FIXTURES[:2]))
        self.assertEqual(page.total, 2)

    async def test_page_with_filter_and_paging_objects(self) -> None:
        page = await self.client.get_beacons(
            None, FilterParams.from_value({"udis": ["00001", "00003"]}), PagingParams(0, 1, True))
        self.assertEqual((len(page.data), page.total), (1, 2))
        self.assertIn(page.data[0]["udi"], ("00001", "00003"))
        everything = await self.client.get_beacons(None, None, None)
        self.assertEqual((len(everything.data), everything.total), (3, None))

    async def test_calculate_position(self) -> None:
        point = await self.client.calculate_position("cid-6", "1", ["00001", "00002"])
        self.assertEqual(point, {"type": "Point", "coordinates": [1, 1]})
        self.assertIsNone(await self.client.calculate_position("cid-6", "2", ["00001"]))

    async def test_update(self) -> None:
        changed = dict(FIXTURES[0], label="Moved", type=BeaconTypeV1.EDDYSTONE_UDI)
        self.assertEqual(await self.client.update_beacon("cid-7", changed), changed)
        self.assertEqual(await self.client.get_beacon_by_id("cid-7", "1"), changed)

    async def test_delete(self) -> None:
        self.assertEqual(await self.client.delete_beacon_by_id("cid-8", "3"), FIXTURES[2])
        self.assertIsNone(await self.client.get_beacon_by_id("cid-8", "3"))
        page = await self.client.get_beacons("cid-8", None, {"total": True})
        self.assertEqual(page.total, 2)

    async def test_validation_error(self) -> None:
        try:
            await self.client.create_beacon("cid-bad", {"site_id": "1", "type": "submarine"})
        except ValidationException as error:
            self.assertEqual((error.code, error.status, error.correlation_id), ("INVALID_DATA", 400, "cid-bad"))
            self.assertEqual(sorted(self.validation_paths(error)), ["beacon.type", "beacon.udi"])
        else:
            self.fail("no ValidationException")
        page = await self.client.get_beacons(None, None, {"total": True})
        self.assertEqual(page.total, 3)

    async def test_wrong_argument_types_are_validation_errors(self) -> None:
        with self.assertRaises(ValidationException) as caught:
            await self.client.calculate_position("cid-9", "1", None)
        self.assertEqual(caught.exception.correlation_id, "cid-9")
        with self.assertRaises(ValidationException):
            await self.client.get_beacons("cid-9", None, {"skip": "many"})


class DirectClientTests(BeaconsClientBehaviour, TestCase):
    """The direct client over a controller and the memory persistence."""

    async def setUp(self) -> None:
        references, persistence = controller_references()
        await load_fixtures(persistence)
        self.client = BeaconsDirectClientV1()
        self.client.set_references(references)
        await self.client.open(None)

    async def tearDown(self) -> None:
        await self.client.close(None)

    def test_controller_from_config(self) -> None:
        """C{dependencies.controller} picks one controller among several."""
        references, _ = controller_references()
        other = BeaconsController()
        other.set_references(references)
        references.put(Descriptor("beacons", "controller", "default", "other", "1.0"), other)
        client = BeaconsDirectClientV1()
        client.configure(ConfigParams.from_tuples("dependencies.controller", "beacons:controller:*:other:1.0"))
        client.set_references(references)
        self.assertIs(client.controller, other)

    async def test_controller_crash_is_invocation_error(self) -> None:
        self.client.controller.get_beacon_by_udi = lambda cid, udi: 1 / 0
        with self.assertRaises(InvocationException) as caught:
            await self.client.get_beacon_by_udi("cid-10", "1")
        self.assertEqual(caught.exception.correlation_id, "cid-10")


class StubbedHttpClientTests(BeaconsClientBehaviour, TestCase):
    """The HTTP client against the service's resource through StubTreq: no socket."""

    async def setUp(self) -> None:
        references, persistence = controller_references()
        await load_fixtures(persistence)
        service = CommandableHttpService("v1/beacons")
        service.configure(ConfigParams.from_tuples("dependencies.controller", "beacons:controller:*:*:1.0"))
        service.set_references(references)
        self.client = with_reactor(BeaconsCommandableHttpClientV1(http_client=StubTreq(service.resource())), Clock())
        self.client.configure(HTTP_CONFIG.override(ConfigParams.from_tuples("connection.port", 8080)))
        await self.client.open(None)


class HttpClientTests(BeaconsClientBehaviour, TestCase):
    """The HTTP client against the beacons service of config.yml on a loopback port."""

    async def setUp(self) -> None:
        self.container = Container()
        self.container.read_config_from_file(
            CONFIG, ConfigParams.from_tuples("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "LOG_LEVEL", "error"))
        await self.container.open(None)
        self.addCleanup(self.container.close, None)
        await load_fixtures(self.container.references.get_one_required(PERSISTENCE))
        port = self.container.references.get_one_required(ENDPOINT_DESCRIPTOR).port
        self.client = BeaconsCommandableHttpClientV1()
        self.client.configure(HTTP_CONFIG.override(ConfigParams.from_tuples("connection.port", port)))
        await self.client.open(None)
        self.addCleanup(self.client.close, None)


class FactoryTests(SynchronousTestCase):
    def test_clients_are_registered(self) -> None:
        factory = BeaconsFactory()
        http = factory.create(Descriptor("beacons", "client", "commandable-http", "default", "1.0"))
        direct = factory.create(Descriptor("beacons", "client", "direct", "default", "1.0"))
        self.assertIsInstance(http, BeaconsCommandableHttpClientV1)
        self.assertIsInstance(direct, BeaconsDirectClientV1)
