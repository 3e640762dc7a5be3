"""The beacons example over seneca: the client suite in process, and config.yml switched on by SENECA_ENABLED."""

from __future__ import annotations

from typing import Any

from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase, TestCase

from examples.beacons.clients_seneca import BeaconsCommandableSenecaClientV1
from examples.beacons.factory import BeaconsFactory
from examples.beacons.service_seneca import BeaconsCommandableSenecaServiceV1
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.refer import Descriptor
from pipservices_tx.seneca import SENECA_ENDPOINT_DESCRIPTOR
from pipservices_tx.services import ENDPOINT_DESCRIPTOR
from pipservices_tx.testing import with_reactor

from ..beacons.test_clients import CONFIG, PERSISTENCE, BeaconsClientBehaviour, controller_references, load_fixtures

SENECA_SERVICE = Descriptor("beacons", "service", "commandable-seneca", "default", "1.0")


class StubbedSenecaClientTests(BeaconsClientBehaviour, TestCase):
    """The seneca client against the seneca service's resource through StubTreq: no socket."""

    async def setUp(self) -> None:
        references, persistence = controller_references()
        await load_fixtures(persistence)
        service = BeaconsCommandableSenecaServiceV1()
        service.set_references(references)
        self.client = with_reactor(BeaconsCommandableSenecaClientV1(http_client=StubTreq(service.resource())), Clock())
        self.client.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1"))
        await self.client.open(None)


async def open_beacons(case: TestCase, **parameters: str) -> Container:
    """The beacons service of config.yml on free loopback ports, with the fixtures; closed at cleanup."""
    values = {"HTTP_PORT": "0", "HTTP_HOST": "127.0.0.1", "LOG_LEVEL": "error", **parameters}
    container = Container()
    container.read_config_from_file(CONFIG, ConfigParams.from_value(values))
    await container.open(None)
    case.addCleanup(container.close, None)
    await load_fixtures(container.references.get_one_required(PERSISTENCE))
    return container


class ConfigTests(TestCase):
    timeout = 20

    async def test_seneca_enabled_serves_the_commands_beside_rest(self) -> None:
        container = await open_beacons(self, SENECA_ENABLED="true", SENECA_PORT="0", SENECA_HOST="127.0.0.1")
        endpoint = container.references.get_one_required(SENECA_ENDPOINT_DESCRIPTOR)
        self.assertIn({"role": "beacons", "cmd": "get_beacon_by_id"}, endpoint.patterns)
        self.assertEqual(len(endpoint.patterns), 7)
        client = BeaconsCommandableSenecaClientV1()
        client.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", endpoint.port))
        await client.open(None)
        self.addCleanup(client.close, None)
        beacon = await client.get_beacon_by_udi("cid-1", "00002")
        self.assertEqual(beacon["id"], "2")
        self.assertIsNotNone(container.references.get_one_optional(ENDPOINT_DESCRIPTOR))

    async def test_seneca_is_off_by_default(self) -> None:
        container = await open_beacons(self)
        self.assertIsNone(container.references.get_one_optional(SENECA_ENDPOINT_DESCRIPTOR))
        self.assertIsNone(container.references.get_one_optional(SENECA_SERVICE))


class FactoryTests(SynchronousTestCase):
    def test_seneca_service_and_client_are_registered(self) -> None:
        factory = BeaconsFactory()
        service: Any = factory.create(SENECA_SERVICE)
        client: Any = factory.create(Descriptor("beacons", "client", "commandable-seneca", "default", "1.0"))
        self.assertIsInstance(service, BeaconsCommandableSenecaServiceV1)
        self.assertIsInstance(client, BeaconsCommandableSenecaClientV1)
        self.assertEqual((service.pin, client.pin), ({"role": "beacons"}, {"role": "beacons"}))
