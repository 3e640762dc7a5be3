# -*- test-case-name: tests.cache.test_default_cache_factory -*-
"""DefaultCacheFactory: the standard cache and lock descriptors of a container config."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultCacheFactory(StandardFactory):
    """
    Builds C{pip-services:cache:{null,memory,redis,memcached}},
    C{pip-services:lock:{null,memory,redis,memcached}} and
    C{pip-services:state-store:{null,memory,redis}}. Creating a Redis
    component does not import txredisapi; opening it does.
    """

    descriptor = Descriptor("pip-services", "factory", "cache", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.cache")
