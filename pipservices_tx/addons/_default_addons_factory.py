# -*- test-case-name: tests.addons.test_default_addons_factory -*-
"""DefaultAddonsFactory: the addon descriptors of a container config."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _random_shutdown() -> type:
    from ._random_shutdown import RandomShutdown

    return RandomShutdown


def _node_registry() -> type:
    from ._node_registry import NodeRegistry

    return NodeRegistry


class DefaultAddonsFactory(Factory):
    """
    Builds C{pip-services:shutdown:random:*:1.0} (also C{...:shutdown:default},
    the pip-services3 name) as a L{RandomShutdown}, and
    C{pip-services:node-registry:discovery:*:1.0} as a L{NodeRegistry}. The
    status service stays with the REST services
    (C{pip-services:status-service:http}).
    """

    descriptor = Descriptor("pip-services", "factory", "addons", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "shutdown", "random", "*", "1.0"), _random_shutdown)
        self.register_lazy(Descriptor("pip-services", "shutdown", "default", "*", "1.0"), _random_shutdown)
        self.register_lazy(Descriptor("pip-services", "node-registry", "discovery", "*", "1.0"), _node_registry)
