# -*- test-case-name: tests.infrastructure.test_http_logger -*-
"""The factory of the components that talk to the infrastructure services."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _http_logger() -> type:
    from ._http_logger import HttpLogger

    return HttpLogger


def _http_counters() -> type:
    from ._http_counters import HttpCounters

    return HttpCounters


def _http_discovery() -> type:
    from ._http_discovery import HttpDiscovery

    return HttpDiscovery


class DefaultInfrastructureFactory(Factory):
    """
    Builds C{pip-services:logger:http:*:1.0} (also under the logging
    clients' C{pip-services-logging:logger:http:*:1.0}),
    C{pip-services:counters:http:*:1.0} and
    C{pip-services:discovery:http:*:1.0}.
    """

    descriptor = Descriptor("pip-services", "factory", "infrastructure", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "logger", "http", "*", "1.0"), _http_logger)
        self.register_lazy(Descriptor("pip-services-logging", "logger", "http", "*", "1.0"), _http_logger)
        self.register_lazy(Descriptor("pip-services", "counters", "http", "*", "1.0"), _http_counters)
        self.register_lazy(Descriptor("pip-services", "discovery", "http", "*", "1.0"), _http_discovery)
