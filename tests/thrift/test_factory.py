"""DefaultThriftFactory and the container's default factory create the Thrift components."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.container import Container
from pipservices_tx.refer import Descriptor
from pipservices_tx.thrift import CommandableThriftService, DefaultThriftFactory, ThriftEndpoint


class FactoryTests(SynchronousTestCase):
    def test_descriptors(self) -> None:
        for factory in (DefaultThriftFactory(), Container().factory):
            endpoint = factory.create(Descriptor("pip-services", "endpoint", "thrift", "default", "1.0"))
            self.assertIsInstance(endpoint, ThriftEndpoint)
            service = factory.create(Descriptor("pip-services", "service", "commandable-thrift", "x", "1.0"))
            self.assertIsInstance(service, CommandableThriftService)
        self.assertIsNone(DefaultThriftFactory().can_create(Descriptor("pip-services", "endpoint", "http", "d", "1.0")))
