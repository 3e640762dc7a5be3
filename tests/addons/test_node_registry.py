"""Tests for L{pipservices_tx.addons.NodeRegistry}, with MemoryDiscovery and with a real etcd."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Optional

from twisted.internet.defer import Deferred, fail, succeed
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.addons import NodeRegistry
from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.discovery import ConnectionParams, EtcdDiscovery, IDiscovery, MemoryDiscovery
from pipservices_tx.errors import ConnectionException
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.lifecycle import IDrainable, IOpenable
from pipservices_tx.refer import Descriptor, IReferenceable, References
from pipservices_tx.testing import with_reactor

from ..logic._support import LOGGER, CapturingLogger
from ..support import require_server

DISCOVERY = Descriptor("pip-services", "discovery", "memory", "default", "1.0")
ENDPOINT = Descriptor("pip-services", "endpoint", "http", "default", "1.0")


class FakeEndpoint:
    """What the registry reads of an open HttpEndpoint."""

    port = 8123
    base_url = "http://10.0.0.5:8123"


@implementer(IDiscovery)
class ScriptedDiscovery(MemoryDiscovery):
    """A MemoryDiscovery that can fail, forget and unregister."""

    def __init__(self) -> None:
        super().__init__()
        self.failing = False
        self.unregistered: list[tuple[str, Any]] = []

    def register(self, correlation_id: Optional[str], key: str, connection: ConnectionParams) -> Deferred[Any]:
        if self.failing:
            return fail(ConnectionException(correlation_id, "DOWN", "discovery down"))
        return super().register(correlation_id, key, connection)

    def forget(self) -> None:
        self._items.clear()

    def unregister(self, correlation_id: Optional[str], key: str, connection: ConnectionParams) -> Deferred[None]:
        self.unregistered.append((key, connection.get("instance_id")))
        self._items = [(k, c) for k, c in self._items if c.get("instance_id") != connection.get("instance_id")]
        return succeed(None)


def context(name: str = "beacons", version: Optional[str] = None) -> ContextInfo:
    info = ContextInfo(name)
    info.context_id = "host-1234"
    info.start_time = datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
    if version:
        info.properties["version"] = version
    return info


class NodeRegistryTests(SynchronousTestCase):
    def make(self, discovery: Any = None, config: Optional[dict] = None, *extra: Any) -> NodeRegistry:
        self.clock = Clock()
        self.discovery = discovery if discovery is not None else MemoryDiscovery()
        self.logger = CapturingLogger()
        registry = with_reactor(NodeRegistry(), self.clock)
        registry.configure(ConfigParams.from_value(config or {}))
        registry.set_references(References.from_tuples(
            LOGGER, self.logger, CONTEXT_INFO_DESCRIPTOR, context(version="2.0.1"), DISCOVERY, self.discovery, *extra,
        ))
        return registry

    def listed(self, key: str = "beacons") -> list[dict]:
        return [dict(c) for c in self.successResultOf(self.discovery.resolve_all(None, key))]

    def test_interfaces(self) -> None:
        registry = self.make()
        verifyObject(IOpenable, registry)
        verifyObject(IConfigurable, registry)
        verifyObject(IReferenceable, registry)
        verifyObject(IDiscovery, ScriptedDiscovery())

    def test_registers_the_endpoint_address_on_open(self) -> None:
        registry = self.make(None, None, ENDPOINT, FakeEndpoint())
        self.successResultOf(registry.open(None))
        self.assertTrue(registry.is_open())
        self.assertEqual(self.listed(), [{
            "protocol": "http", "host": "10.0.0.5", "port": "8123", "uri": "http://10.0.0.5:8123",
            "name": "beacons", "instance_id": "host-1234", "start_time": "2024-05-01T12:00:00.000Z",
            "version": "2.0.1",
        }])

    def test_configured_address_key_and_version(self) -> None:
        registry = self.make(None, {
            "key": "beacons-v1", "version": "3.0", "connection": {"protocol": "https", "host": "node1", "port": 443},
            "options": {"instance_id": "me"},
        }, ENDPOINT, FakeEndpoint())
        self.successResultOf(registry.open(None))
        [entry] = self.listed("beacons-v1")
        self.assertEqual((entry["uri"], entry["version"], entry["instance_id"]), ("https://node1:443", "3.0", "me"))
        self.assertEqual(self.listed(), [])

    def test_heartbeat_registers_again_only_when_missing(self) -> None:
        registry = self.make(ScriptedDiscovery(), {"options": {"heartbeat": 1000}})
        self.successResultOf(registry.open(None))
        self.clock.advance(1)
        self.clock.advance(1)
        self.assertEqual(len(self.listed()), 1)
        self.discovery.forget()
        self.clock.advance(1)
        self.assertEqual(len(self.listed()), 1)

    def test_a_failing_discovery_does_not_fail_open_and_is_retried(self) -> None:
        discovery = ScriptedDiscovery()
        discovery.failing = True
        registry = self.make(discovery, {"options": {"heartbeat": 1000}})
        self.successResultOf(registry.open(None))
        self.assertEqual(self.listed(), [])
        self.assertTrue(any("Cannot register" in e.message for e in self.logger.entries))
        discovery.failing = False
        self.clock.advance(1)
        self.assertEqual(len(self.listed()), 1)

    def test_close_stops_the_heartbeat_and_unregisters_where_possible(self) -> None:
        discovery = ScriptedDiscovery()
        registry = self.make(discovery, {"options": {"heartbeat": 1000}})
        self.successResultOf(registry.open(None))
        self.successResultOf(registry.close(None))
        self.assertEqual(discovery.unregistered, [("beacons", "host-1234")])
        self.assertEqual(self.listed(), [])
        self.assertEqual(self.clock.getDelayedCalls(), [])
        self.assertFalse(registry.is_open())

    def test_close_removes_a_memory_registration(self) -> None:
        registry = self.make()
        self.successResultOf(registry.open(None))
        self.successResultOf(registry.close(None))
        self.assertEqual(self.listed(), [])

    def test_drain_leaves_discovery_then_waits_the_grace(self) -> None:
        discovery = ScriptedDiscovery()
        registry = self.make(discovery, {"options": {"heartbeat": 1000, "grace": 2500}})
        verifyObject(IDrainable, registry)
        self.successResultOf(registry.open(None))
        drained = registry.drain(None)
        self.assertEqual(discovery.unregistered, [("beacons", "host-1234")])
        self.assertEqual(self.listed(), [])
        self.clock.advance(2.499)
        self.assertNoResult(drained)
        self.assertEqual(self.listed(), [], "the heartbeat stopped: it does not register again")
        self.clock.advance(0.001)
        self.successResultOf(drained)
        self.assertIn("Left discovery; serving 2.5 s more while clients move away", self.logger.messages())
        self.successResultOf(registry.close(None))
        self.assertEqual(len(discovery.unregistered), 1, "close does not unregister twice")

    def test_drain_without_grace_or_registration_does_not_wait(self) -> None:
        registry = self.make(None, {"options": {"grace": 1000}})
        self.successResultOf(registry.drain(None))  # never opened
        registry = self.make()
        self.successResultOf(registry.open(None))
        self.successResultOf(registry.drain(None))
        self.assertEqual(self.listed(), [])

    def test_no_discovery(self) -> None:
        registry = with_reactor(NodeRegistry(), Clock())
        registry.configure(ConfigParams())
        registry.set_references(References())
        self.successResultOf(registry.open(None))
        self.assertEqual(registry.registration()["name"], "unknown")


class RealEtcdTests(TestCase):
    """Against the etcd of the test environment, under a prefix of its own."""

    def setUp(self) -> None:
        require_server("127.0.0.1", 2379, "etcd")
        self.prefix = f"/pip-services-test/{uuid.uuid4().hex}/"

    def discovery(self) -> EtcdDiscovery:
        discovery = EtcdDiscovery()
        discovery.configure(ConfigParams.from_value({"options": {"prefix": self.prefix, "lease_ttl": 5}}))
        return discovery

    async def test_registered_while_open_and_gone_after_close(self) -> None:
        etcd, reader = self.discovery(), self.discovery()
        self.addCleanup(reader.close, None)
        registry = NodeRegistry()
        registry.configure(ConfigParams.from_value({"connection": {"host": "node7", "port": 8080}}))
        references = References.from_tuples(
            CONTEXT_INFO_DESCRIPTOR, context(), Descriptor("pip-services", "discovery", "etcd", "default", "1.0"), etcd,
        )
        registry.set_references(references)
        await etcd.open(None)
        await registry.open(None)
        [found] = await reader.resolve_all(None, "beacons")
        self.assertEqual((found.uri, found.get("instance_id")), ("http://node7:8080", "host-1234"))
        await registry.heartbeat()
        self.assertEqual(len(await reader.resolve_all(None, "beacons")), 1)
        await registry.close(None)
        await etcd.close(None)  # in a container it closes right after the registry: the lease goes
        self.assertEqual(await reader.resolve_all(None, "beacons"), [])


GRACE_CONFIG = """
- descriptor: "pip-services:context-info:default:default:1.0"
  name: beacons
- descriptor: "pip-services:discovery:memory:default:1.0"
- descriptor: "pip-services:endpoint:http:default:1.0"
  connection: {host: 127.0.0.1, port: 8080}
- descriptor: "pip-services:health-service:http:default:1.0"
- descriptor: "pip-services:node-registry:discovery:default:1.0"
  options: {grace: 3000}
"""


class RollingRestartTests(SynchronousTestCase):
    """A stop under a container: not ready and out of discovery at once, serving through the grace, then drained."""

    def test_leaves_discovery_and_serves_through_the_grace_before_draining(self) -> None:
        from pipservices_tx.services import ENDPOINT_DESCRIPTOR
        from pipservices_tx.testing import ContainerHarness

        harness = ContainerHarness.from_yaml(GRACE_CONFIG, quiet=True)
        self.successResultOf(harness.open())
        discovery = harness.get(DISCOVERY)
        endpoint = harness.get(ENDPOINT_DESCRIPTOR)
        self.assertEqual(len(self.successResultOf(discovery.resolve_all(None, "beacons"))), 1)
        status, _ = self.successResultOf(harness.get_json("/health/ready"))
        self.assertEqual(status, 200)

        closed = harness.close()
        status, body = self.successResultOf(harness.get_json("/health/ready"))
        self.assertEqual(status, 503, body)
        self.assertEqual(self.successResultOf(discovery.resolve_all(None, "beacons")), [])
        harness.advance(2.9)
        self.assertTrue(endpoint.is_open(), "still listening during the grace")
        status, _ = self.successResultOf(harness.get_json("/health/live"))
        self.assertEqual(status, 200)
        self.assertNoResult(closed)
        harness.advance(0.1)
        self.assertFalse(endpoint.is_open(), "drained once the grace is over")
        for _ in range(20):
            harness.advance(0.01)
        self.successResultOf(closed)
