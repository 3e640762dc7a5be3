# -*- test-case-name: tests.aws.test_function_errors -*-
"""How an error leaves a Lambda function and how a LambdaClient rebuilds it."""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional

from ..errors import ApplicationException, ErrorDescription, InvocationException, error_from_description
from ..services import encode_json


class LambdaFunctionError(Exception):
    """
    What the entry point raises for the Lambda runtime to report: the
    runtime answers C{{"errorType": <class name>, "errorMessage": str(error),
    "stackTrace": [...]}} with C{X-Amz-Function-Error: Unhandled}, so the
    message is the error's JSON description and the class is named after the
    original one (C{BadRequestException}...), as the AWS console shows it.
    """


_classes: dict[str, type[LambdaFunctionError]] = {}


def function_error(error: BaseException) -> LambdaFunctionError:
    """The exception to raise out of C{handler(event, context)} for C{error}."""
    description = ErrorDescription.from_error(error).to_json()
    try:
        message = encode_json(description).decode("utf-8")
    except (TypeError, ValueError):
        description["details"] = {key: str(value) for key, value in (description.get("details") or {}).items()}
        message = encode_json(description).decode("utf-8")
    name = type(error).__name__ if isinstance(error, ApplicationException) else "UnknownException"
    cls = _classes.get(name)
    if cls is None:
        cls = _classes[name] = type(name, (LambdaFunctionError,), {"__module__": __name__})
    result = cls(message)
    result.__cause__ = error
    return result


def error_from_function(payload: Any, function_error_header: str, correlation_id: Optional[str],
                        function: str) -> ApplicationException:
    """
    The exception of an invocation that answered C{X-Amz-Function-Error}: the
    one our entry point described (same class, code, status, details and
    correlation id), else an InvocationException C{FUNCTION_ERROR} with the
    runtime's C{errorType}, C{errorMessage} and C{stackTrace}.
    """
    message = payload.get("errorMessage") if isinstance(payload, Mapping) else None
    described: Any = None
    if isinstance(message, str) and message.startswith("{"):
        try:
            described = json.loads(message)
        except ValueError:
            described = None
    if isinstance(described, Mapping) and "category" in described and "code" in described:
        result = error_from_description(ErrorDescription.from_json(described))
        if result.correlation_id is None:
            result.correlation_id = correlation_id
        return result
    error_type = payload.get("errorType") if isinstance(payload, Mapping) else None
    text = message if isinstance(message, str) else json.dumps(payload)[:500]
    error = InvocationException(correlation_id, "FUNCTION_ERROR",
                                f"Lambda function {function} failed: {error_type or 'error'}: {text}")
    error.with_details("function", function).with_details("function_error", function_error_header)
    if error_type:
        error.with_details("error_type", error_type)
    trace = payload.get("stackTrace") if isinstance(payload, Mapping) else None
    if isinstance(trace, list):
        error.with_stack_trace("".join(str(line) for line in trace))
    return error
