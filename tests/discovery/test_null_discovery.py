"""NullDiscovery knows nothing, and a connection keyed to it does not resolve."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import (
    ConnectionParams,
    ConnectionResolver,
    DefaultDiscoveryFactory,
    IDiscovery,
    NullDiscovery,
)
from pipservices_tx.errors import ConfigException
from pipservices_tx.refer import Descriptor, References


class NullDiscoveryTests(SynchronousTestCase):
    def test_knows_nothing(self) -> None:
        discovery = NullDiscovery()
        self.assertTrue(verifyObject(IDiscovery, discovery))
        connection = ConnectionParams.from_tuples("host", "a", "port", 1)
        self.assertEqual(self.successResultOf(discovery.register(None, "k", connection)), connection)
        self.assertIsNone(self.successResultOf(discovery.resolve_one(None, "k")))
        self.assertEqual(self.successResultOf(discovery.resolve_all(None, "k")), [])

    def test_built_by_descriptor_and_resolves_nothing(self) -> None:
        discovery = DefaultDiscoveryFactory().create(Descriptor("pip-services", "discovery", "null", "default", "1.0"))
        self.assertIsInstance(discovery, NullDiscovery)
        resolver = ConnectionResolver(
            ConfigParams.from_tuples("connection.discovery_key", "svc"),
            References.from_tuples(Descriptor("pip-services", "discovery", "null", "default", "1.0"), discovery),
        )
        error = self.failureResultOf(resolver.resolve(None), ConfigException).value
        self.assertEqual(error.code, "CANNOT_RESOLVE")
