"""Tests for EtcdDiscovery: against a fake gateway (clock-driven), then against the real etcd."""

from __future__ import annotations

import json
import uuid

from treq.client import HTTPClient
from treq.testing import StubTreq
from twisted.internet import reactor
from twisted.internet.defer import ensureDeferred
from twisted.internet.task import Clock, deferLater
from twisted.trial.unittest import SynchronousTestCase, TestCase
from twisted.web.client import Agent
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import (
    ConnectionParams,
    ConnectionResolver,
    EtcdClient,
    EtcdDiscovery,
    IDiscovery,
)
from pipservices_tx.errors import ConnectionException, InvocationException
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import with_reactor

from ..support import require_server
from .fake_etcd import FakeEtcd


def _configured(discovery: EtcdDiscovery, **options: object) -> EtcdDiscovery:
    discovery.configure(ConfigParams.from_value({"connection": {"uri": "http://127.0.0.1:2379"}, "options": options}))
    return discovery


class FakeEtcdTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.etcd = FakeEtcd(self.clock)
        self.http = StubTreq(self.etcd)

    def _discovery(self, **options: object) -> EtcdDiscovery:
        return _configured(with_reactor(EtcdDiscovery(http_client=self.http), self.clock), **options)

    def test_interfaces(self) -> None:
        discovery = self._discovery()
        verifyObject(IDiscovery, discovery)
        verifyObject(IOpenable, discovery)

    def test_configure(self) -> None:
        discovery = EtcdDiscovery()
        discovery.configure(ConfigParams.from_value({
            "connection": {"host": "etcd.local", "port": 2380},
            "options": {"prefix": "/x", "lease_ttl": 4, "timeout": 1500, "instance_id": "me"},
        }))
        self.assertEqual(
            (discovery.base_url, discovery.prefix, discovery.lease_ttl, discovery.timeout, discovery.instance_id),
            ("http://etcd.local:2380", "/x/", 4, 1.5, "me"),
        )
        self.assertEqual(EtcdDiscovery().base_url, "http://127.0.0.1:2379")

    def test_register_and_resolve(self) -> None:
        a, b = self._discovery(instance_id="a"), self._discovery(instance_id="b")
        self.successResultOf(a.open(None))
        self.successResultOf(a.register(None, "svc", ConnectionParams.from_string("host=h1;port=1")))
        self.successResultOf(b.register(None, "svc", ConnectionParams.from_string("host=h2;port=2")))
        self.successResultOf(a.register(None, "svc-other", ConnectionParams.from_string("host=x")))
        self.assertEqual(
            sorted(k.decode() for k in self.etcd.kv),
            ["/pip-services/discovery/svc-other/a", "/pip-services/discovery/svc/a", "/pip-services/discovery/svc/b"],
        )
        self.assertEqual(json.loads(self.etcd.kv[b"/pip-services/discovery/svc/a"][0]), {"host": "h1", "port": "1"})
        found = self.successResultOf(b.resolve_all(None, "svc"))
        self.assertEqual([(c.host, c.port) for c in found], [("h1", 1), ("h2", 2)])
        self.assertEqual(self.successResultOf(b.resolve_one(None, "svc")).host, "h1")
        self.assertIsNone(self.successResultOf(b.resolve_one(None, "sv")))
        self.assertEqual(len(self.etcd.leases), 2)

    def test_second_registration_under_one_key_keeps_the_first(self) -> None:
        a = self._discovery(instance_id="a")
        for host in ["h1", "h2", "h1"]:
            self.successResultOf(a.register(None, "svc", ConnectionParams.from_string(f"host={host}")))
        self.assertEqual([c.host for c in self.successResultOf(a.resolve_all(None, "svc"))], ["h1", "h2"])

    def test_keepalive_keeps_registrations(self) -> None:
        a = self._discovery(lease_ttl=3)
        self.successResultOf(a.register(None, "svc", ConnectionParams.from_string("host=h1")))
        for _ in range(10):
            self.clock.advance(1)
        self.assertEqual(self.etcd.calls.count("/v3/lease/keepalive"), 10)
        self.assertEqual(len(self.successResultOf(a.resolve_all(None, "svc"))), 1)

    def test_registrations_expire_without_keepalive(self) -> None:
        stopped = Clock()  # the discovery's clock never moves, so no keepalive is sent
        a = _configured(with_reactor(EtcdDiscovery(http_client=self.http), stopped), lease_ttl=3)
        self.successResultOf(a.register(None, "svc", ConnectionParams.from_string("host=h1")))
        self.clock.advance(2.9)
        self.assertEqual(len(self.successResultOf(a.resolve_all(None, "svc"))), 1)
        self.clock.advance(0.1)
        self.assertEqual(self.successResultOf(a.resolve_all(None, "svc")), [])

    def test_expired_lease_is_taken_again(self) -> None:
        a = self._discovery(lease_ttl=3)
        self.successResultOf(a.register(None, "svc", ConnectionParams.from_string("host=h1")))
        self.successResultOf(a.register(None, "svc2", ConnectionParams.from_string("host=h2")))
        self.etcd.leases.clear()  # as if etcd lost it while the container was partitioned away
        self.clock.advance(1)
        self.assertEqual(len(self.etcd.leases), 1)
        self.assertEqual(self.successResultOf(a.resolve_one(None, "svc")).host, "h1")
        self.assertEqual(self.successResultOf(a.resolve_one(None, "svc2")).host, "h2")

    def test_unregister_deletes_one_registration_at_once(self) -> None:
        a = self._discovery(instance_id="a", lease_ttl=3)
        mine = ConnectionParams.from_string("host=h1;port=1")
        self.successResultOf(a.register(None, "svc", mine))
        self.successResultOf(a.register(None, "other", ConnectionParams.from_string("host=h2")))
        self.successResultOf(a.unregister(None, "svc", ConnectionParams.from_string("host=h1;port=1")))
        self.assertEqual(self.successResultOf(a.resolve_all(None, "svc")), [])
        self.assertEqual(len(self.successResultOf(a.resolve_all(None, "other"))), 1)
        self.etcd.leases.clear()  # a lease taken again puts back only what is still registered
        self.clock.advance(1)
        self.assertEqual(self.successResultOf(a.resolve_all(None, "svc")), [])
        self.assertEqual(len(self.successResultOf(a.resolve_all(None, "other"))), 1)
        self.successResultOf(a.unregister(None, "svc", mine))  # twice is fine

    def test_close_revokes(self) -> None:
        a, b = self._discovery(), self._discovery()
        self.successResultOf(a.open(None))
        self.successResultOf(a.register(None, "svc", ConnectionParams.from_string("host=h1")))
        self.successResultOf(a.close(None))
        self.assertFalse(a.is_open())
        self.assertEqual(self.successResultOf(b.resolve_all(None, "svc")), [])
        self.assertEqual(self.etcd.leases, {})
        self.clock.advance(100)
        self.assertNotIn("/v3/lease/keepalive", self.etcd.calls)

    def test_timeout(self) -> None:
        a = self._discovery(timeout=2000)
        self.etcd.hang = True
        d = a.resolve_one("c", "svc")
        self.assertNoResult(d)
        self.clock.advance(2)
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual((error.code, error.correlation_id), ("TIMEOUT", "c"))

    def test_error_answer(self) -> None:
        client = with_reactor(EtcdClient("http://127.0.0.1:2379", 1.0, http_client=self.http), self.clock)
        error = self.failureResultOf(client.put(None, "k", "v", lease="999"), InvocationException).value
        self.assertEqual((error.code, error.details["status"]), ("ETCD_ERROR", 404))
        self.successResultOf(client.revoke(None, "999"))

    def test_resolved_through_connection_resolver(self) -> None:
        a = self._discovery()
        self.successResultOf(a.register(None, "svc", ConnectionParams.from_string("protocol=http;host=h1;port=1")))
        refs = References.from_tuples(Descriptor("pip-services", "discovery", "etcd", "default", "1.0"), a)
        resolver = ConnectionResolver(ConfigParams({"connection.discovery_key": "svc"}), refs)
        self.assertEqual(self.successResultOf(resolver.resolve(None)).get_as_uri(), "http://h1:1")


class RealEtcdTests(TestCase):
    """Against the etcd of the test environment; each test uses its own prefix."""

    timeout = 20

    def setUp(self) -> None:
        require_server("127.0.0.1", 2379, "etcd")
        self.prefix = f"/pip-services-test/{uuid.uuid4().hex}/"
        self.opened: list[EtcdDiscovery] = []

    async def _cleanup(self) -> None:
        for discovery in self.opened:
            await discovery.close(None)

    def tearDown(self):  # type: ignore[no-untyped-def]
        return ensureDeferred(self._cleanup())

    def _discovery(self, **options: object) -> EtcdDiscovery:
        discovery = _configured(EtcdDiscovery(), prefix=self.prefix, **options)
        self.opened.append(discovery)
        return discovery

    async def test_registered_in_one_resolved_in_another(self) -> None:
        a, b = self._discovery(), self._discovery()
        await a.open(None)
        await b.open(None)
        await a.register("c", "beacons", ConnectionParams.from_string("protocol=http;host=10.0.0.5;port=8080"))
        await b.register("c", "beacons", ConnectionParams.from_string("protocol=http;host=10.0.0.6;port=8080"))
        reader = self._discovery()
        found = await reader.resolve_all("c", "beacons")
        self.assertEqual(sorted(c.host for c in found), ["10.0.0.5", "10.0.0.6"])
        await a.close("c")
        found = await reader.resolve_all("c", "beacons")
        self.assertEqual([c.host for c in found], ["10.0.0.6"])
        await b.close("c")
        self.assertIsNone(await reader.resolve_one("c", "beacons"))

    async def test_unregistered_at_once_while_the_lease_lives(self) -> None:
        a, reader = self._discovery(), self._discovery()
        connection = ConnectionParams.from_string("protocol=http;host=10.0.0.5;port=8080")
        await a.register(None, "beacons", connection)
        self.assertEqual(len(await reader.resolve_all(None, "beacons")), 1)
        await a.unregister(None, "beacons", connection)
        self.assertEqual(await reader.resolve_all(None, "beacons"), [])

    async def test_lease_expires_when_keepalive_stops(self) -> None:
        stopped = Clock()  # never advanced: no keepalive is ever sent
        # The network on the real reactor, the keepalive on the stopped clock.
        http = HTTPClient(Agent(reactor))
        a = _configured(with_reactor(EtcdDiscovery(http_client=http), stopped), prefix=self.prefix, lease_ttl=2)
        self.opened.append(a)
        reader = self._discovery()
        await a.register(None, "svc", ConnectionParams.from_string("host=h"))
        self.assertEqual((await reader.resolve_one(None, "svc"))["host"], "h")
        found: object = True
        for _ in range(12):  # etcd checks expiry about twice a second; give it up to 6 s
            await deferLater(reactor, 0.5, lambda: None)
            found = await reader.resolve_one(None, "svc")
            if found is None:
                break
        self.assertIsNone(found)

    async def test_etcd_down(self) -> None:
        discovery = EtcdDiscovery()
        discovery.configure(ConfigParams({"connection.uri": "http://127.0.0.1:1", "options.timeout": "2000"}))
        self.opened.append(discovery)
        with self.assertRaises(ConnectionException) as e:
            await discovery.resolve_one("c", "svc")
        self.assertEqual((e.exception.code, e.exception.correlation_id), ("CANNOT_CONNECT", "c"))
