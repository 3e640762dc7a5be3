"""HttpDiscovery against the discovery service of examples/infrastructure on a loopback port."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import ConnectionParams, ConnectionResolver, IDiscovery
from pipservices_tx.errors import ConnectionException, InvalidStateException
from pipservices_tx.infrastructure import HttpDiscovery
from pipservices_tx.refer import Descriptor, References

from ._fleet import INFRASTRUCTURE_CONFIG, base_url, start


class HttpDiscoveryUnitTests(SynchronousTestCase):
    def test_interface_and_not_open(self) -> None:
        discovery = HttpDiscovery()
        self.assertTrue(verifyObject(IDiscovery, discovery))
        self.failureResultOf(discovery.resolve_one(None, "k"), InvalidStateException)
        self.successResultOf(discovery.close(None))


class HttpDiscoveryTests(TestCase):
    timeout = 20

    async def open_discovery(self, uri: str) -> HttpDiscovery:
        discovery = HttpDiscovery()
        discovery.configure(ConfigParams({"connection.uri": uri, "options.timeout": "2000"}))
        await discovery.open(None)
        self.addCleanup(discovery.close, None)
        return discovery

    async def test_register_resolve_unregister(self) -> None:
        infrastructure = await start(INFRASTRUCTURE_CONFIG)
        self.addCleanup(infrastructure.close, None)
        one = await self.open_discovery(base_url(infrastructure))
        other = await self.open_discovery(base_url(infrastructure))  # another container of the fleet
        registered = await one.register(None, "beacons", ConnectionParams.from_tuples(
            "protocol", "http", "host", "10.0.0.7", "port", 8080, "instance_id", "a"))
        self.assertEqual(registered.host, "10.0.0.7")
        await one.register(None, "beacons", ConnectionParams.from_tuples("uri", "http://10.0.0.8:8080"))

        resolver = ConnectionResolver(
            ConfigParams({"connection.discovery_key": "beacons", "connection.protocol": "http"}),
            References.from_tuples(Descriptor("pip-services", "discovery", "http", "default", "1.0"), other),
        )
        resolved = await resolver.resolve(None)
        assert resolved is not None
        self.assertEqual(resolved.uri, "http://10.0.0.8:8080")
        self.assertEqual(len(await resolver.resolve_all(None)), 2)

        await other.unregister(None, "beacons", ConnectionParams.from_tuples("instance_id", "a"))
        self.assertEqual([c.uri for c in await one.resolve_all(None, "beacons")], ["http://10.0.0.8:8080"])
        self.assertIsNone(await one.resolve_one(None, "unknown"))

    async def test_service_down_is_a_connection_error(self) -> None:
        infrastructure = await start(INFRASTRUCTURE_CONFIG)
        url = base_url(infrastructure)
        discovery = await self.open_discovery(url)
        await infrastructure.close(None)
        with self.assertRaises(ConnectionException):
            await discovery.resolve_one(None, "beacons")
