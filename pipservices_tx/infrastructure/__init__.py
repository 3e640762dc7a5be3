"""
The Pip.Services infrastructure services seen from a microservice: their
clients (logging, counters, discovery, settings; commandable HTTP, version 1)
and the logger, counters and discovery that work through them.
"""

from ._clients import CountersHttpClientV1, DiscoveryHttpClientV1, LoggingHttpClientV1, SettingsHttpClientV1
from ._default_factory import DefaultInfrastructureFactory
from ._http_counters import HttpCounters
from ._http_discovery import HttpDiscovery
from ._http_logger import HttpLogger
from ._send_loop import SendLoop
from ._service_client import InfrastructureClient
from ._wire import counter_from_v1, counter_v1, log_message_v1

__all__ = [
    "CountersHttpClientV1",
    "DefaultInfrastructureFactory",
    "DiscoveryHttpClientV1",
    "HttpCounters",
    "HttpDiscovery",
    "HttpLogger",
    "InfrastructureClient",
    "LoggingHttpClientV1",
    "SendLoop",
    "SettingsHttpClientV1",
    "counter_from_v1",
    "counter_v1",
    "log_message_v1",
]
