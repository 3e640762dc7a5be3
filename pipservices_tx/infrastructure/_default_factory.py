# -*- test-case-name: tests.infrastructure.test_factory -*-
"""The factory of the components that talk to the infrastructure services."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultInfrastructureFactory(StandardFactory):
    """
    Builds C{pip-services:logger:http:*:1.0} (also under the logging
    clients' C{pip-services-logging:logger:http:*:1.0}),
    C{pip-services:counters:http:*:1.0} and
    C{pip-services:discovery:http:*:1.0}.
    """

    descriptor = Descriptor("pip-services", "factory", "infrastructure", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.infrastructure")
