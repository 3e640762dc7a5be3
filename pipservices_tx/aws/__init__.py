"""AWS Lambda: a client that invokes functions (Invoke API, SigV4 by botocore) and the services a function serves."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._commandable_lambda_client import CommandableLambdaClient
    from ._connection import AwsConnection
    from ._factory import DefaultAwsFactory
    from ._function_errors import LambdaFunctionError, error_from_function, function_error
    from ._interfaces import ILambdaAction, ILambdaService
    from ._invoke_server import LambdaContext, LambdaInvokeServer
    from ._lambda_client import LambdaClient
    from ._lambda_service import CommandableLambdaService, LambdaAction, LambdaService
    from ._signing import sign_request

__all__ = [
    "AwsConnection",
    "CommandableLambdaClient",
    "CommandableLambdaService",
    "DefaultAwsFactory",
    "ILambdaAction",
    "ILambdaService",
    "LambdaAction",
    "LambdaClient",
    "LambdaContext",
    "LambdaFunctionError",
    "LambdaInvokeServer",
    "LambdaService",
    "error_from_function",
    "function_error",
    "sign_request",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "CommandableLambdaClient":
        from . import _commandable_lambda_client

        module = _commandable_lambda_client
    elif name == "AwsConnection":
        from . import _connection

        module = _connection
    elif name == "DefaultAwsFactory":
        from . import _factory

        module = _factory
    elif name in ("LambdaFunctionError", "error_from_function", "function_error"):
        from . import _function_errors

        module = _function_errors
    elif name in ("ILambdaAction", "ILambdaService"):
        from . import _interfaces

        module = _interfaces
    elif name in ("LambdaContext", "LambdaInvokeServer"):
        from . import _invoke_server

        module = _invoke_server
    elif name == "LambdaClient":
        from . import _lambda_client

        module = _lambda_client
    elif name in ("CommandableLambdaService", "LambdaAction", "LambdaService"):
        from . import _lambda_service

        module = _lambda_service
    elif name == "sign_request":
        from . import _signing

        module = _signing
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
