# -*- test-case-name: tests.thrift.test_commandable_service -*-
"""The handlers a generated Processor calls: JSON commands by name, or an IDL's typed methods."""

from __future__ import annotations

import json
import math
from typing import Any, Callable, Optional

from thrift.Thrift import TApplicationException
from twisted.internet.defer import Deferred
from zope.interface import directlyProvides

from ..errors import (
    ApplicationException,
    BadRequestException,
    ConfigException,
    InvocationException,
    NotFoundException,
)
from ..services import encode_json, sanitize_correlation_id
from ._convert import field_spec, from_plain, to_plain

#: C{execute(command_name, correlation_id, args)}: the service's instrumented run of a command.
Execute = Callable[[str, Optional[str], dict[str, Any]], "Deferred[Any]"]
#: C{to_wire(error, method)}: the exception the Processor writes for an error.
ToWire = Callable[[BaseException, str], BaseException]


def parse_args(text: Optional[str], correlation_id: Optional[str]) -> dict[str, Any]:
    """The JSON object of C{args_json} (empty means none); anything else is a BadRequest."""
    if not text or not text.strip():
        return {}
    try:
        value = _decoder.decode(text)
    except RecursionError as e:
        raise BadRequestException(correlation_id, "JSON_TOO_DEEP", "The arguments nest too deeply") from e
    except ValueError as e:
        raise BadRequestException(correlation_id, "BAD_JSON", f"The arguments are not valid JSON: {e}") \
            .with_cause(e) from e
    if not isinstance(value, dict):
        raise BadRequestException(
            correlation_id, "BAD_BODY", f"The arguments must be a JSON object, not {type(value).__name__}"
        ).with_details("actual", type(value).__name__)
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of the range of a double")
    return value


#: JSON without NaN, Infinity or numbers beyond a double's range.
_decoder = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite_float)


def is_commandable_module(module: Any) -> bool:
    """True for code generated from commandable.thrift: C{invoke(name, correlation_id, args_json)}."""
    args = getattr(module, "invoke_args", None)
    names = [field[2] for field in getattr(args, "thrift_spec", None) or () if field is not None]
    return names == ["name", "correlation_id", "args_json"]


class JsonCommandsHandler:
    """C{invoke(name, correlation_id, args_json)}: any command, JSON in and out."""

    def __init__(self, module: Any, commands: dict[str, Any], execute: Execute, to_wire: ToWire) -> None:
        directlyProvides(self, module.Iface)
        self._commands = commands
        self._execute = execute
        self._to_wire = to_wire

    def invoke(self, name: str, correlation_id: Optional[str], args_json: Optional[str]) -> Deferred[str]:
        correlation_id = sanitize_correlation_id(correlation_id)
        d: Deferred[Any]
        try:
            if name not in self._commands:
                raise NotFoundException(correlation_id, "NO_COMMAND", f"There is no command {name!r}") \
                    .with_details("command", name)
            d = self._execute(name, correlation_id, parse_args(args_json, correlation_id))
        except Exception as e:
            d = Deferred()
            d.errback(e)
        return d.addCallbacks(self._encode, self._failed, callbackArgs=(name, correlation_id),
                              errbackArgs=(name, correlation_id))

    def _encode(self, result: Any, name: str, correlation_id: Optional[str]) -> str:
        try:
            return encode_json(result).decode("utf-8")
        except (TypeError, ValueError) as e:
            error = InvocationException(correlation_id, "BAD_RESULT", f"The result is not JSON: {e}").with_cause(e)
            raise self._to_wire(error, name) from e

    def _failed(self, failure: Any, name: str, correlation_id: Optional[str]) -> Any:
        raise self._to_wire(_with_correlation_id(failure.value, correlation_id), name)


def typed_handler(module: Any, commands: dict[str, Any], execute: Execute, to_wire: ToWire) -> Any:
    """
    An object providing the generated C{Iface} whose every method runs the
    command of the same name: the Thrift arguments (structs as dicts) are the
    command's arguments, C{correlation_id} its correlation id; the result is
    converted to the IDL's return type (a one-field struct wraps a result that
    is not already such a struct, so None becomes an empty struct).
    """

    class TypedHandler:
        pass

    handler = TypedHandler()
    directlyProvides(handler, module.Iface)
    for method in module.Iface.names():
        if method not in commands:
            raise ConfigException(None, "NO_COMMAND", f"The IDL method {method} has no command of that name") \
                .with_details("method", method)
        names = list(module.Iface[method].getSignatureInfo()["positional"])
        result_spec = field_spec(getattr(module, f"{method}_result"), 0)
        setattr(handler, method, _typed_method(method, names, result_spec, execute, to_wire))
    return handler


def _typed_method(method: str, names: list[str], result_spec: Any, execute: Execute, to_wire: ToWire) -> Any:
    wrap = _wrapper_field(result_spec)

    def convert(result: Any) -> Any:
        if result_spec is None:
            return None
        if wrap is not None and not (isinstance(result, dict) and wrap in result):
            result = {wrap: result}
        return from_plain(result_spec[1], result_spec[3], result)

    def call(*values: Any) -> Deferred[Any]:
        args = {}
        correlation_id = None
        for name, value in zip(names, values, strict=False):
            if name == "correlation_id":
                correlation_id = sanitize_correlation_id(value)
            elif value is not None:
                args[name] = to_plain(value)
        try:
            d = execute(method, correlation_id, args).addCallback(convert)
        except Exception as e:
            d = Deferred()
            d.errback(e)
        return d.addErrback(failed, correlation_id)

    def failed(failure: Any, correlation_id: Optional[str]) -> Any:
        raise to_wire(_with_correlation_id(failure.value, correlation_id), method)

    return call


def _with_correlation_id(error: BaseException, correlation_id: Optional[str]) -> BaseException:
    """The call's correlation id on an error raised where it was not known (a result that does not fit)."""
    if isinstance(error, ApplicationException) and error.correlation_id is None:
        error.correlation_id = correlation_id
    return error


def _wrapper_field(result_spec: Any) -> Optional[str]:
    """The field name of a one-field result struct (a nullable result's wrapper), else None."""
    if result_spec is None or result_spec[3] is None or not isinstance(result_spec[3], list):
        return None
    fields = [field for field in result_spec[3][0].thrift_spec if field is not None]
    return fields[0][2] if len(fields) == 1 else None


def exception_class_of(module: Any, method: str) -> Any:
    """The exception class an IDL method declares first (its ErrorDescription), or None."""
    spec = field_spec(getattr(module, f"{method}_result"), 1)
    return spec[3][0] if spec is not None and isinstance(spec[3], list) else None


def undeclared_error(error: BaseException, method: str) -> TApplicationException:
    """For a method that declares no exception: Thrift's own INTERNAL_ERROR with the message."""
    return TApplicationException(TApplicationException.INTERNAL_ERROR, f"{method} failed: {error}")
