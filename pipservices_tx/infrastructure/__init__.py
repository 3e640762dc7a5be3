"""
The Pip.Services infrastructure services seen from a microservice: their
clients (logging, counters, discovery, settings; commandable HTTP, version 1)
and the logger, counters and discovery that work through them.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("CountersHttpClientV1", "DiscoveryHttpClientV1", "LoggingHttpClientV1", "SettingsHttpClientV1"):
        from . import _clients

        module = _clients
    elif name == "DefaultInfrastructureFactory":
        from . import _default_factory

        module = _default_factory
    elif name == "HttpCounters":
        from . import _http_counters

        module = _http_counters
    elif name == "HttpDiscovery":
        from . import _http_discovery

        module = _http_discovery
    elif name == "HttpLogger":
        from . import _http_logger

        module = _http_logger
    elif name == "SendLoop":
        from . import _send_loop

        module = _send_loop
    elif name == "InfrastructureClient":
        from . import _service_client

        module = _service_client
    elif name in ("counter_from_v1", "counter_v1", "log_message_v1"):
        from . import _wire

        module = _wire
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
