"""AWS Lambda: a client that invokes functions (Invoke API, SigV4 by botocore) and the services a function serves."""

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
