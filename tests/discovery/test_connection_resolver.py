"""Tests for ConnectionResolver and CredentialResolver."""

from twisted.internet.defer import fail
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import (
    ConnectionParams,
    ConnectionResolver,
    CredentialParams,
    CredentialResolver,
    IDiscovery,
    MemoryCredentialStore,
    MemoryDiscovery,
)
from pipservices_tx.errors import ConfigException, ConnectionException
from pipservices_tx.refer import Descriptor, References

_MEMORY = Descriptor("pip-services", "discovery", "memory", "default", "1.0")


@implementer(IDiscovery)
class _BrokenDiscovery:
    def register(self, correlation_id, key, connection):
        return fail(ConnectionException(correlation_id, "CANNOT_CONNECT", "down"))

    def resolve_one(self, correlation_id, key):
        return fail(ConnectionException(correlation_id, "CANNOT_CONNECT", "down"))

    resolve_all = resolve_one


def _config(**sections: object) -> ConfigParams:
    return ConfigParams.from_value(sections)


class ConnectionResolverTests(SynchronousTestCase):
    def test_plain_connection(self) -> None:
        resolver = ConnectionResolver(_config(connection={"host": "a", "port": 1}))
        found = self.successResultOf(resolver.resolve("c1"))
        self.assertEqual((found.host, found.port), ("a", 1))
        self.assertIsInstance(found, ConnectionParams)

    def test_nothing_configured(self) -> None:
        resolver = ConnectionResolver(ConfigParams())
        self.assertIsNone(self.successResultOf(resolver.resolve(None)))
        self.assertEqual(self.successResultOf(resolver.resolve_all(None)), [])

    def test_first_discovery_that_knows_the_key_wins(self) -> None:
        empty = MemoryDiscovery()
        first = MemoryDiscovery(ConfigParams({"beacons": "host=b1;port=1"}))
        second = MemoryDiscovery(ConfigParams({"beacons": "host=b2;port=2"}))
        refs = References.from_tuples(_MEMORY, empty, _MEMORY, first, _MEMORY, second)
        resolver = ConnectionResolver(_config(connection={"discovery_key": "beacons", "protocol": "http"}), refs)
        found = self.successResultOf(resolver.resolve(None))
        self.assertEqual((found.protocol, found.host, found.port), ("http", "b1", 1))

    def test_unknown_key(self) -> None:
        refs = References.from_tuples(_MEMORY, MemoryDiscovery())
        resolver = ConnectionResolver(_config(connection={"discovery_key": "nope"}), refs)
        error = self.failureResultOf(resolver.resolve("c2"), ConfigException).value
        self.assertEqual((error.code, error.correlation_id, error.details), ("CANNOT_RESOLVE", "c2",
                                                                           {"discovery_key": "nope"}))
        self.failureResultOf(resolver.resolve_all(None), ConfigException)

    def test_no_discovery_service(self) -> None:
        resolver = ConnectionResolver(_config(connection={"discovery_key": "k"}), References())
        error = self.failureResultOf(resolver.resolve(None), ConfigException).value
        self.assertEqual(error.code, "CANNOT_RESOLVE")
        self.assertIn("none is configured", error.message)

    def test_discovery_failure_propagates(self) -> None:
        refs = References.from_tuples(_MEMORY, _BrokenDiscovery())
        resolver = ConnectionResolver(_config(connection={"discovery_key": "k"}), refs)
        self.failureResultOf(resolver.resolve(None), ConnectionException)

    def test_resolve_all(self) -> None:
        discovery = MemoryDiscovery()
        discovery.register(None, "k", ConnectionParams.from_string("host=x1"))
        discovery.register(None, "k", ConnectionParams.from_string("host=x2"))
        refs = References.from_tuples(_MEMORY, discovery)
        resolver = ConnectionResolver(_config(connections=[{"host": "plain"}, {"discovery_key": "k"}]), refs)
        found = self.successResultOf(resolver.resolve_all(None))
        self.assertEqual([c.host for c in found], ["plain", "x1", "x2"])

    def test_register_announces_keyed_connections(self) -> None:
        a, b = MemoryDiscovery(), MemoryDiscovery()
        refs = References.from_tuples(_MEMORY, a, _MEMORY, b)
        resolver = ConnectionResolver(
            _config(connections=[{"discovery_key": "svc", "host": "me", "port": 8080}, {"host": "other"}]), refs
        )
        self.successResultOf(resolver.register("c"))
        for discovery in (a, b):
            self.assertEqual(self.successResultOf(discovery.resolve_all(None, "svc")), [{"host": "me", "port": "8080"}])
        self.successResultOf(resolver.register(None, ConnectionParams.from_string("discovery_key=x;host=h")))
        self.assertEqual(self.successResultOf(a.resolve_one(None, "x")), {"host": "h"})




class CredentialResolverTests(SynchronousTestCase):
    def test_from_config(self) -> None:
        resolver = CredentialResolver(_config(credential={"username": "u", "password": "p"}))
        found = self.successResultOf(resolver.resolve(None))
        self.assertIsInstance(found, CredentialParams)
        self.assertEqual((found.username, found.password), ("u", "p"))
        self.assertIsNone(self.successResultOf(CredentialResolver(ConfigParams()).resolve(None)))

    def test_from_store(self) -> None:
        store = MemoryCredentialStore(_config(db={"username": "app", "password": "pw"}))
        refs = References.from_tuples(Descriptor("pip-services", "credential-store", "memory", "x", "1.0"), store)
        resolver = CredentialResolver(_config(credentials=[{"store_key": "db"}, {"username": "plain"}]), refs)
        found = self.successResultOf(resolver.resolve_all(None))
        self.assertEqual([(c.username, c.password) for c in found], [("app", "pw"), ("plain", None)])
        self.successResultOf(store.store(None, "db", None))
        error = self.failureResultOf(resolver.resolve("c"), ConfigException).value
        self.assertEqual((error.code, error.correlation_id), ("CANNOT_RESOLVE", "c"))

    def test_no_store(self) -> None:
        resolver = CredentialResolver(_config(credential={"store_key": "db"}), References())
        self.assertEqual(self.failureResultOf(resolver.resolve(None), ConfigException).value.code, "CANNOT_RESOLVE")
