"""
Thrift services and clients on Twisted: a generic commandable IDL, typed IDLs, a shared endpoint.

Needs the C{thrift} package (C{pip install 'pipservices_tx[thrift]'}); only
L{DefaultThriftFactory} is imported with this package, the rest on first use,
so a container without Thrift components runs without it.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from ._factory import DefaultThriftFactory

if TYPE_CHECKING:
    from ._client import ThriftClient
    from ._commandable_client import CommandableThriftClient
    from ._commandable_service import COMMANDABLE_MODULE, CommandableThriftService, load_service_module
    from ._convert import ResultTypeError, from_plain, to_plain
    from ._endpoint import THRIFT_ENDPOINT_DESCRIPTOR, ThriftEndpoint, thrift_endpoint_string
    from ._errors import error_from_thrift, error_to_thrift, wire_error

#: The path of the generic IDL that ships with the package (C{commandable.thrift}).
COMMANDABLE_IDL = os.path.join(os.path.dirname(__file__), "commandable.thrift")

_LAZY = {
    "ThriftClient": "._client",
    "CommandableThriftClient": "._commandable_client",
    "COMMANDABLE_MODULE": "._commandable_service",
    "CommandableThriftService": "._commandable_service",
    "load_service_module": "._commandable_service",
    "ResultTypeError": "._convert",
    "from_plain": "._convert",
    "to_plain": "._convert",
    "THRIFT_ENDPOINT_DESCRIPTOR": "._endpoint",
    "ThriftEndpoint": "._endpoint",
    "thrift_endpoint_string": "._endpoint",
    "error_from_thrift": "._errors",
    "error_to_thrift": "._errors",
    "wire_error": "._errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


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
