# -*- test-case-name: tests.thrift.test_errors -*-
"""Portable exceptions to the IDL's ErrorDescription and back, and Thrift's own errors."""

from __future__ import annotations

import json
from typing import Any, Optional

from thrift.protocol.TProtocol import TProtocolException
from thrift.Thrift import TApplicationException
from thrift.transport.TTransport import TTransportException
from twisted.internet import defer
from twisted.internet import error as net_error

from ..errors import (
    ApplicationException,
    BadRequestException,
    ConnectionException,
    ErrorDescription,
    InvocationException,
    UnsupportedException,
    error_from_description,
)
from ..services import encode_json

_FIELDS = ("type", "category", "status", "code", "message", "details", "correlation_id", "cause", "stack_trace")


def error_to_thrift(error: BaseException, exception_class: Any, include_stack_trace: bool = False) -> Any:
    """
    The C{exception_class} (a generated ErrorDescription exception) describing
    C{error}: type, category, status, code, message, details as JSON,
    correlation id, cause and, when asked, the stack trace.
    """
    description = ErrorDescription.from_error(error, include_stack_trace)
    values = description.to_json()
    details = values.get("details")
    if details is not None:
        try:
            values["details"] = encode_json(details).decode("utf-8")
        except (TypeError, ValueError):
            values["details"] = json.dumps({key: str(value) for key, value in details.items()})
    names = {field[2] for field in exception_class.thrift_spec if field is not None}
    return exception_class(**{name: value for name, value in values.items() if name in names})


def error_from_thrift(exception: Any, correlation_id: Optional[str] = None) -> ApplicationException:
    """The portable exception an ErrorDescription from the wire describes (same class, code, status...)."""
    values = {name: getattr(exception, name, None) for name in _FIELDS}
    details = values.get("details")
    if isinstance(details, str):
        try:
            values["details"] = json.loads(details)
        except ValueError:
            values["details"] = {"details": details}
    result = error_from_description(ErrorDescription.from_json(values))
    if result.correlation_id is None:
        result.correlation_id = correlation_id
    return result


def is_error_description(value: Any) -> bool:
    """True for an instance of a generated exception with the ErrorDescription fields."""
    spec = getattr(type(value), "thrift_spec", None)
    if not spec or not isinstance(value, Exception):
        return False
    names = {field[2] for field in spec if field is not None}
    return {"category", "code", "message"} <= names


def wire_error(error: BaseException, correlation_id: Optional[str], method: str, where: str) -> ApplicationException:
    """
    Whatever a Thrift call failed with, as a portable exception: the error a
    service described; C{UNKNOWN_METHOD} as UnsupportedException; other
    application exceptions as InvocationException; lost or refused
    connections and timeouts as ConnectionException.
    """
    if isinstance(error, ApplicationException):
        return error
    if is_error_description(error):
        return error_from_thrift(error, correlation_id)
    if isinstance(error, TApplicationException):
        if error.type == TApplicationException.UNKNOWN_METHOD:
            result: ApplicationException = UnsupportedException(
                correlation_id, "UNKNOWN_METHOD", f"{where} has no method {method}: {error}")
        elif error.type == TApplicationException.PROTOCOL_ERROR:
            result = BadRequestException(correlation_id, "PROTOCOL_ERROR", f"{where} could not read {method}: {error}")
        else:
            result = InvocationException(correlation_id, "THRIFT_ERROR", f"{where} failed {method}: {error}")
        return result.with_details("thrift_type", error.type).with_details("method", method).with_cause(error)
    if isinstance(error, (defer.TimeoutError, net_error.TimeoutError)):
        return ConnectionException(correlation_id, "TIMEOUT", f"No answer from {where} to {method}: {error}") \
            .with_details("method", method).with_cause(error)
    if isinstance(error, (TTransportException, net_error.ConnectError, net_error.ConnectionLost,
                          net_error.ConnectionClosed)):
        code = "CONNECTION_REFUSED" if isinstance(error, net_error.ConnectionRefusedError) else "NO_RESPONSE"
        return ConnectionException(correlation_id, code, f"{where} did not answer {method}: {error}") \
            .with_details("method", method).with_cause(error)
    if isinstance(error, TProtocolException):
        return InvocationException(correlation_id, "PROTOCOL_ERROR", f"Bad answer from {where} to {method}: {error}") \
            .with_details("method", method).with_cause(error)
    return InvocationException(correlation_id, "CALL_FAILED", f"Calling {method} on {where} failed: {error}") \
        .with_details("method", method).with_cause(error)
