# -*- test-case-name: tests.run.test_container -*-
"""The factories every container starts with: all standard pip-services descriptors."""

from __future__ import annotations

from ..build import CompositeFactory, DefaultFactory, IFactory


def default_container_factories() -> list[IFactory]:
    """
    One factory per area (logs, counters, cache, discovery, services...).
    Imported here, not at module level, so that C{pipservices_tx.run} stays
    light and free of import cycles; backends import their drivers only when
    a component is created.
    """
    from ..boot import DefaultBootFactory
    from ..cache import DefaultCacheFactory
    from ..counters import DefaultCountersFactory
    from ..discovery import DefaultDiscoveryFactory
    from ..logs import DefaultLogShippingFactory
    from ..services import DefaultServicesFactory

    return [
        DefaultFactory(),
        DefaultCountersFactory(),
        DefaultLogShippingFactory(),
        DefaultCacheFactory(),
        DefaultDiscoveryFactory(),
        DefaultServicesFactory(),
        DefaultBootFactory(),
    ]


class DefaultContainerFactory(CompositeFactory):
    """Creates every standard component a config file may name by descriptor."""

    def __init__(self) -> None:
        super().__init__(default_container_factories())
