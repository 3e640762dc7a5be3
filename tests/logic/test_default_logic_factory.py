"""Tests for L{pipservices_tx.logic.DefaultLogicFactory}."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.build import IFactory
from pipservices_tx.logic import (
    CachingDecorator,
    DefaultLogicFactory,
    LoggingDecorator,
    RetryDecorator,
    TimeoutDecorator,
)
from pipservices_tx.refer import Descriptor


class DefaultLogicFactoryTests(SynchronousTestCase):
    def test_interface(self) -> None:
        verifyObject(IFactory, DefaultLogicFactory())

    def test_creates_each_decorator_under_both_descriptors(self) -> None:
        factory = DefaultLogicFactory()
        for kind, cls in (
            ("logging", LoggingDecorator), ("caching", CachingDecorator),
            ("retry", RetryDecorator), ("timeout", TimeoutDecorator),
        ):
            own = Descriptor("pip-services", "decorator", kind, "default", "1.0")
            self.assertIsInstance(factory.create(own), cls)
            stand_in = Descriptor("beacons", "persistence", f"{kind}-decorator", "default", "1.0")
            self.assertIsInstance(factory.create(stand_in), cls)

    def test_does_not_create_other_components(self) -> None:
        factory = DefaultLogicFactory()
        self.assertIsNone(factory.can_create(Descriptor("beacons", "persistence", "memory", "default", "1.0")))
        self.assertIsNone(factory.can_create(Descriptor("pip-services", "cache", "memory", "default", "1.0")))
