"""DefaultCountersFactory: the standard counters descriptors."""

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.build import IFactory
from pipservices_tx.counters import (
    CompositeCounters,
    DefaultCountersFactory,
    LogCounters,
    NullCounters,
    PrometheusCounters,
)
from pipservices_tx.errors import CreateException
from pipservices_tx.refer import Descriptor


class DefaultCountersFactoryTests(SynchronousTestCase):
    def test_interface(self) -> None:
        self.assertTrue(verifyObject(IFactory, DefaultCountersFactory()))

    def test_creates_standard_counters(self) -> None:
        factory = DefaultCountersFactory()
        for kind, cls in (("null", NullCounters), ("log", LogCounters),
                          ("composite", CompositeCounters), ("prometheus", PrometheusCounters)):
            locator = Descriptor("pip-services", "counters", kind, "default", "1.0")
            self.assertIsNotNone(factory.can_create(locator))
            self.assertIsInstance(factory.create(locator), cls)

    def test_other_kinds_refused(self) -> None:
        factory = DefaultCountersFactory()
        locator = Descriptor("pip-services", "counters", "datadog", "default", "1.0")
        self.assertIsNone(factory.can_create(locator))
        self.assertRaises(CreateException, factory.create, locator)
