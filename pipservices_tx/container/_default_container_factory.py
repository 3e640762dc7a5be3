# -*- test-case-name: tests.container.test_container -*-
"""The factory every container starts with: each component package's own factory."""

from __future__ import annotations

from ..addons import DefaultAddonsFactory
from ..aws import DefaultAwsFactory
from ..boot import DefaultBootFactory
from ..build import CompositeFactory
from ..cache import DefaultCacheFactory
from ..counters import DefaultCountersFactory
from ..discovery import DefaultDiscoveryFactory
from ..info import DefaultInfoFactory
from ..infrastructure import DefaultInfrastructureFactory
from ..logic import DefaultLogicFactory
from ..logs import DefaultLoggerFactory
from ..messaging import DefaultMessagingFactory
from ..seneca import DefaultSenecaFactory
from ..services import DefaultServicesFactory
from ..shipping import DefaultLogShippingFactory
from ..thrift import DefaultThriftFactory
from ..trace import DefaultTracerFactory


class DefaultContainerFactory(CompositeFactory):
    """
    Creates every standard component a config file may name by descriptor:
    each package registers its own, and this composes them. A component's
    module is imported when its first component is created, so a container
    starts fast and a service pays only for the backends it configures.
    """

    def __init__(self) -> None:
        super().__init__([
            DefaultInfoFactory(),
            DefaultLoggerFactory(),
            DefaultLogShippingFactory(),
            DefaultCountersFactory(),
            DefaultCacheFactory(),
            DefaultDiscoveryFactory(),
            DefaultBootFactory(),
            DefaultServicesFactory(),
            DefaultSenecaFactory(),
            DefaultLogicFactory(),
            DefaultAddonsFactory(),
            DefaultThriftFactory(),
            DefaultAwsFactory(),
            DefaultTracerFactory(),
            DefaultInfrastructureFactory(),
            DefaultMessagingFactory(),
        ])
