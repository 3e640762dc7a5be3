"""Thrift services and clients on Twisted: a generic commandable IDL, typed IDLs, a shared endpoint."""

import os as _os

from ._client import ThriftClient
from ._commandable_client import CommandableThriftClient
from ._commandable_service import COMMANDABLE_MODULE, CommandableThriftService, load_service_module
from ._convert import ResultTypeError, from_plain, to_plain
from ._endpoint import THRIFT_ENDPOINT_DESCRIPTOR, ThriftEndpoint, thrift_endpoint_string
from ._errors import error_from_thrift, error_to_thrift, wire_error
from ._factory import DefaultThriftFactory

#: The path of the generic IDL that ships with the package (C{commandable.thrift}).
COMMANDABLE_IDL = _os.path.join(_os.path.dirname(__file__), "commandable.thrift")

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
