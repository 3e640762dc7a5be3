"""Clients: calling a service over HTTP (RestClient, CommandableHttpClient) or in process (DirectClient)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._commandable_http_client import CommandableHttpClient
    from ._direct_client import DirectClient
    from ._instrument import InstrumentTiming
    from ._rest_client import IDEMPOTENT_METHODS, RestClient

__all__ = [
    "CommandableHttpClient",
    "DirectClient",
    "IDEMPOTENT_METHODS",
    "InstrumentTiming",
    "RestClient",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "CommandableHttpClient":
        from . import _commandable_http_client

        module = _commandable_http_client
    elif name == "DirectClient":
        from . import _direct_client

        module = _direct_client
    elif name == "InstrumentTiming":
        from . import _instrument

        module = _instrument
    elif name in ("IDEMPOTENT_METHODS", "RestClient"):
        from . import _rest_client

        module = _rest_client
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
