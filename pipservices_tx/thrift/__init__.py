"""
Thrift services and clients on Twisted: a generic commandable IDL, typed IDLs, a shared endpoint.

Needs the C{thrift} package (C{pip install 'pipservices_tx[thrift]'}); each
name is imported on its first use, so a container without Thrift components
runs without it.
"""

from __future__ import annotations

import os
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._client import ThriftClient
    from ._commandable_client import CommandableThriftClient
    from ._commandable_service import COMMANDABLE_MODULE, CommandableThriftService, load_service_module
    from ._convert import ResultTypeError, from_plain, to_plain
    from ._endpoint import THRIFT_ENDPOINT_DESCRIPTOR, ThriftEndpoint, thrift_endpoint_string
    from ._errors import error_from_thrift, error_to_thrift, wire_error
    from ._factory import DefaultThriftFactory

#: The path of the generic IDL that ships with the package (C{commandable.thrift}).
COMMANDABLE_IDL = os.path.join(os.path.dirname(__file__), "commandable.thrift")

__all__ = [
    "COMMANDABLE_IDL",
    "COMMANDABLE_MODULE",
    "CommandableThriftClient",
    "CommandableThriftService",
    "DefaultThriftFactory",
    "ResultTypeError",
    "THRIFT_ENDPOINT_DESCRIPTOR",
    "ThriftClient",
    "ThriftEndpoint",
    "error_from_thrift",
    "error_to_thrift",
    "from_plain",
    "load_service_module",
    "thrift_endpoint_string",
    "to_plain",
    "wire_error",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562): only a Thrift component needs the thrift package."""
    module: ModuleType
    if name == "DefaultThriftFactory":
        from . import _factory

        module = _factory
    elif name == "ThriftClient":
        from . import _client

        module = _client
    elif name == "CommandableThriftClient":
        from . import _commandable_client

        module = _commandable_client
    elif name in ("COMMANDABLE_MODULE", "CommandableThriftService", "load_service_module"):
        from . import _commandable_service

        module = _commandable_service
    elif name in ("ResultTypeError", "from_plain", "to_plain"):
        from . import _convert

        module = _convert
    elif name in ("THRIFT_ENDPOINT_DESCRIPTOR", "ThriftEndpoint", "thrift_endpoint_string"):
        from . import _endpoint

        module = _endpoint
    elif name in ("error_from_thrift", "error_to_thrift", "wire_error"):
        from . import _errors

        module = _errors
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
