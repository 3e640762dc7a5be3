"""Tests for L{pipservices_tx.addons.DefaultAddonsFactory} and the package's names."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

import pipservices_tx.addons as addons
from pipservices_tx.addons import DefaultAddonsFactory, NodeRegistry, RandomShutdown
from pipservices_tx.build import IFactory
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import StatusRestService


class DefaultAddonsFactoryTests(SynchronousTestCase):
    def test_interface(self) -> None:
        verifyObject(IFactory, DefaultAddonsFactory())

    def test_creates(self) -> None:
        factory = DefaultAddonsFactory()
        for kind in ("random", "default"):
            self.assertIsInstance(factory.create(Descriptor("pip-services", "shutdown", kind, "x", "1.0")), RandomShutdown)
        registry = factory.create(Descriptor("pip-services", "node-registry", "discovery", "default", "1.0"))
        self.assertIsInstance(registry, NodeRegistry)


class ExportsTests(SynchronousTestCase):
    def test_all(self) -> None:
        self.assertEqual(sorted(addons.__all__), [
            "DefaultAddonsFactory", "ENDPOINT_LOCATOR", "MODES", "NodeRegistry", "RandomShutdown", "StatusRestService",
        ])

    def test_status_service_is_the_rest_one(self) -> None:
        self.assertIs(addons.StatusRestService, StatusRestService)
