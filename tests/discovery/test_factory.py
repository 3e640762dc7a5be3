"""Tests for DefaultDiscoveryFactory."""

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.discovery import (
    DefaultDiscoveryFactory,
    EtcdDiscovery,
    FileDiscovery,
    MemoryCredentialStore,
    MemoryDiscovery,
)
from pipservices_tx.refer import Descriptor


class FactoryTests(SynchronousTestCase):
    def test_creates(self) -> None:
        factory = DefaultDiscoveryFactory()
        for kind, cls in [("memory", MemoryDiscovery), ("file", FileDiscovery), ("etcd", EtcdDiscovery)]:
            self.assertIsInstance(factory.create(Descriptor("pip-services", "discovery", kind, "x", "1.0")), cls)
        self.assertIsInstance(
            factory.create(Descriptor("pip-services", "credential-store", "memory", "x", "1.0")), MemoryCredentialStore
        )
        self.assertIsNone(factory.can_create(Descriptor("pip-services", "discovery", "consul", "x", "1.0")))
