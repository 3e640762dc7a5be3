"""Clients: calling a service over HTTP (RestClient, CommandableHttpClient) or in process (DirectClient)."""

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
