# -*- test-case-name: tests.addons.test_default_addons_factory -*-
"""DefaultAddonsFactory: the addon descriptors of a container config."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultAddonsFactory(StandardFactory):
    """
    Builds C{pip-services:shutdown:random:*:1.0} (also C{...:shutdown:default},
    the pip-services3 name) as a L{RandomShutdown}, and
    C{pip-services:node-registry:discovery:*:1.0} as a L{NodeRegistry}. The
    status service stays with the REST services
    (C{pip-services:status-service:http}).
    """

    descriptor = Descriptor("pip-services", "factory", "addons", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.addons")
