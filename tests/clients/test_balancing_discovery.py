"""A balancing client follows discovery (and DNS) on a fake clock: instances come, go, keep their circuits."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.address import IPv4Address
from twisted.internet.defer import Deferred, fail
from twisted.internet.task import Clock
from twisted.internet.testing import MemoryReactorClock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer

from pipservices_tx.clients._instance_set import Target
from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import ConnectionParams, IDiscovery, MemoryDiscovery
from pipservices_tx.errors import ConnectionException
from pipservices_tx.logs import LogLevel
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import with_reactor

from .fake_fleet import FakeFleet, FleetClient
from .support import RecordingLogger

DISCOVERY = Descriptor("pip-services", "discovery", "memory", "default", "1.0")


@implementer(IDiscovery)
class FlakyDiscovery(MemoryDiscovery):
    """A MemoryDiscovery whose lookups fail while C{down}."""

    down = False

    def resolve_all(self, correlation_id: Optional[str], key: str) -> Deferred[list[ConnectionParams]]:
        if self.down:
            return fail(ConnectionException(correlation_id, "CANNOT_CONNECT", "discovery is away"))
        return super().resolve_all(correlation_id, key)


def register(discovery: MemoryDiscovery, *hosts: str) -> list[ConnectionParams]:
    registered = [ConnectionParams.from_tuples("uri", f"http://{h}") for h in hosts]
    for connection in registered:
        discovery.register(None, "svc", connection)
    return registered


class DiscoveryRefreshTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.fleet = FakeFleet("a:1", "b:2", "c:3")
        self.discovery = FlakyDiscovery()
        self.logger = RecordingLogger()
        self.client = with_reactor(FleetClient(http_client=self.fleet), self.clock)
        self.client.configure(ConfigParams.from_tuples(
            "connection.discovery_key", "svc", "options.refresh_interval", 1000, "options.failure_threshold", 1,
            "options.open_time", 60000, "options.retry_jitter", 0))
        self.client.set_references(References.from_tuples(
            DISCOVERY, self.discovery, Descriptor("pip-services", "logger", "rec", "default", "1.0"), self.logger))

    def urls(self) -> list[str]:
        return [t.base_url for t in self.client.instances]

    def test_instances_come_and_go_with_discovery(self) -> None:
        a, b = register(self.discovery, "a:1", "b:2")
        self.successResultOf(self.client.open(None))
        self.assertEqual(self.urls(), ["http://a:1", "http://b:2"])
        register(self.discovery, "c:3")
        self.discovery.unregister(None, "svc", a)
        self.clock.advance(0.999)
        self.assertEqual(len(self.urls()), 2)
        self.clock.advance(0.001)
        self.assertEqual(self.urls(), ["http://b:2", "http://c:3"])
        for _ in range(4):
            self.successResultOf(self.client.call("POST"))
        self.assertEqual((self.fleet.served("a:1"), self.fleet.served("b:2"), self.fleet.served("c:3")), (0, 2, 2))
        self.assertIn("v1/fleet.instances: 2 (+http://c:3, -http://a:1)", self.logger.messages(LogLevel.INFO))

    def test_an_instance_that_stays_keeps_its_circuit(self) -> None:
        register(self.discovery, "a:1", "b:2")
        self.successResultOf(self.client.open(None))
        self.fleet.refusing.add("a:1")
        self.successResultOf(self.client.call("POST"))  # a refuses and is ejected, b answers
        register(self.discovery, "c:3")
        self.clock.advance(1)
        self.fleet.attempts.clear()
        for _ in range(4):
            self.successResultOf(self.client.call("POST"))
        self.assertNotIn("a:1", self.fleet.attempts)

    def test_a_failed_refresh_keeps_the_instances_and_the_loop_goes_on(self) -> None:
        register(self.discovery, "a:1")
        self.successResultOf(self.client.open(None))
        self.discovery.down = True
        self.clock.advance(1)
        self.assertEqual(self.urls(), ["http://a:1"])
        self.assertTrue(any("Cannot resolve the instances again; keeping 1" in m
                            for m in self.logger.messages(LogLevel.WARN)))
        self.discovery.down = False
        register(self.discovery, "b:2")
        self.clock.advance(1)
        self.assertEqual(self.urls(), ["http://a:1", "http://b:2"])

    def test_close_stops_the_refresh(self) -> None:
        register(self.discovery, "a:1")
        self.successResultOf(self.client.open(None))
        self.assertEqual(len(self.clock.getDelayedCalls()), 1)
        self.successResultOf(self.client.close(None))
        self.assertEqual(self.clock.getDelayedCalls(), [])
        self.assertEqual(self.client.instances, [])

    def test_fixed_addresses_are_not_refreshed(self) -> None:
        client = with_reactor(FleetClient(http_client=self.fleet), self.clock)
        client.configure(ConfigParams.from_tuples("connection.uri", "http://a:1,http://b:2"))
        self.successResultOf(client.open(None))
        self.assertEqual(self.clock.getDelayedCalls(), [])


class _Resolver:
    """Answers every name with C{addresses}."""

    def __init__(self, addresses: list[str]) -> None:
        self.addresses = addresses

    def resolveHostName(self, receiver: Any, hostName: str, portNumber: int = 0, *args: Any) -> Any:  # noqa: N802,N803
        receiver.resolutionBegan(None)
        for address in self.addresses:
            receiver.addressResolved(IPv4Address("TCP", address, portNumber))
        receiver.resolutionComplete()


class AddressResolutionTests(SynchronousTestCase):
    def test_each_address_of_a_host_is_an_instance_and_connections_go_to_it(self) -> None:
        reactor = MemoryReactorClock()
        resolver = _Resolver(["10.0.0.2", "10.0.0.1"])
        reactor.nameResolver = resolver  # type: ignore[assignment]
        client = with_reactor(FleetClient(), reactor)
        client.configure(ConfigParams.from_tuples(
            "connection.uri", "http://svc.example:8080", "options.resolve_addresses", True,
            "options.refresh_interval", 5000))
        self.successResultOf(client.open(None))
        self.assertEqual(client.instances, [Target("http://svc.example:8080", "10.0.0.1"),
                                            Target("http://svc.example:8080", "10.0.0.2")])
        client.call("GET")
        client.call("GET")
        self.assertEqual([(host, port) for host, port, *_ in reactor.tcpClients],
                         [("10.0.0.1", 8080), ("10.0.0.2", 8080)])
        resolver.addresses = ["10.0.0.3"]
        reactor.advance(5)
        self.assertEqual(client.instances, [Target("http://svc.example:8080", "10.0.0.3")])
        self.successResultOf(client.close(None))

    def test_a_name_without_addresses_fails_the_open(self) -> None:
        reactor = MemoryReactorClock()
        reactor.nameResolver = _Resolver([])  # type: ignore[assignment]
        client = with_reactor(FleetClient(), reactor)
        client.configure(ConfigParams.from_tuples("connection.uri", "http://svc.example",
                                                  "options.resolve_addresses", True))
        self.assertEqual(self.failureResultOf(client.open(None), ConnectionException).value.code, "DNS_ERROR")

    def test_ip_addresses_need_no_resolution(self) -> None:
        client = with_reactor(FleetClient(http_client=FakeFleet()), Clock())
        client.configure(ConfigParams.from_tuples("connection.uri", "http://10.1.1.1:80,http://[::1]:80",
                                                  "options.resolve_addresses", True))
        self.successResultOf(client.open(None))
        self.assertEqual(client.instances, [Target("http://10.1.1.1:80"), Target("http://[::1]:80")])


