"""Tests for MemoryDiscovery."""

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import (
    ConnectionParams,
    ICredentialStore,
    IDiscovery,
    MemoryCredentialStore,
    MemoryDiscovery,
)


class MemoryDiscoveryTests(SynchronousTestCase):
    def test_interface(self) -> None:
        verifyObject(IDiscovery, MemoryDiscovery())
        verifyObject(ICredentialStore, MemoryCredentialStore())

    def test_from_config(self) -> None:
        discovery = MemoryDiscovery()
        discovery.configure(ConfigParams.from_value({
            "descriptor": "pip-services:discovery:memory:default:1.0",
            "key1": "host=localhost;port=8080",
            "key2": {"protocol": "http", "host": "h", "port": 1},
        }))
        self.assertEqual(self.successResultOf(discovery.resolve_one(None, "key1")), {"host": "localhost",
                                                                                     "port": "8080"})
        self.assertEqual(self.successResultOf(discovery.resolve_one(None, "key2")).get_as_uri(), "http://h:1")
        self.assertIsNone(self.successResultOf(discovery.resolve_one(None, "descriptor")))
        self.assertIsNone(self.successResultOf(discovery.resolve_one(None, "missing")))

    def test_register(self) -> None:
        discovery = MemoryDiscovery()
        connection = ConnectionParams.from_string("host=a")
        self.assertEqual(self.successResultOf(discovery.register(None, "k", connection)), connection)
        connection["host"] = "changed"
        self.successResultOf(discovery.register(None, "k", ConnectionParams.from_string("host=b")))
        self.assertEqual([c.host for c in self.successResultOf(discovery.resolve_all(None, "k"))], ["a", "b"])
        self.assertEqual(self.successResultOf(discovery.resolve_all(None, "other")), [])

    def test_unregister(self) -> None:
        discovery = MemoryDiscovery()
        for host in ("a", "b"):
            discovery.register(None, "k", ConnectionParams.from_string(f"host={host}"))
        discovery.register(None, "j", ConnectionParams.from_string("host=a"))
        self.successResultOf(discovery.unregister(None, "k", ConnectionParams.from_string("host=a")))
        self.successResultOf(discovery.unregister(None, "k", ConnectionParams.from_string("host=x")))
        self.assertEqual([c.host for c in self.successResultOf(discovery.resolve_all(None, "k"))], ["b"])
        self.assertEqual([c.host for c in self.successResultOf(discovery.resolve_all(None, "j"))], ["a"])
