# -*- test-case-name: tests.thrift.test_convert -*-
"""Between generated Thrift structs and the plain JSON-like values commands take and return."""

from __future__ import annotations

import math
from typing import Any, Optional

from thrift.Thrift import TType

from ..errors import InvocationException

_INT_RANGES = {
    TType.BYTE: (-(1 << 7), (1 << 7) - 1),
    TType.I16: (-(1 << 15), (1 << 15) - 1),
    TType.I32: (-(1 << 31), (1 << 31) - 1),
    TType.I64: (-(1 << 63), (1 << 63) - 1),
}


def to_plain(value: Any) -> Any:
    """
    A generated struct as a dict of its set fields (recursively); lists, sets
    and maps as lists and dicts. What a command gets as its arguments.
    """
    spec = getattr(type(value), "thrift_spec", None)
    if spec is not None:
        result = {}
        for field in spec:
            if field is None:
                continue
            item = getattr(value, field[2], None)
            if item is not None:
                result[field[2]] = to_plain(item)
        return result
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {to_plain(key): to_plain(item) for key, item in value.items()}
    return value


class ResultTypeError(InvocationException):
    """A command returned a value the IDL's type cannot hold (code C{BAD_RESULT})."""

    default_code = "BAD_RESULT"


def from_plain(ttype: int, type_args: Any, value: Any, path: str = "result") -> Any:
    """
    C{value} as the Thrift type C{ttype} (with the C{type_args} of a generated
    C{thrift_spec}): dicts become structs, numbers are range-checked. A value
    that does not fit raises L{ResultTypeError} naming its C{path}, so nothing
    half-encoded reaches the wire.
    """
    if value is None:
        return None
    if ttype == TType.STRUCT:
        return _struct(type_args[0], value, path)
    if ttype in (TType.LIST, TType.SET):
        if not isinstance(value, (list, tuple, set, frozenset)):
            raise _mismatch(path, "a list", value)
        items = [from_plain(type_args[0], type_args[1], item, f"{path}[{i}]") for i, item in enumerate(value)]
        return set(items) if ttype == TType.SET else items
    if ttype == TType.MAP:
        if not isinstance(value, dict):
            raise _mismatch(path, "a map", value)
        return {
            from_plain(type_args[0], type_args[1], key, f"{path} key"):
            from_plain(type_args[2], type_args[3], item, f"{path}[{key!r}]")
            for key, item in value.items()
        }
    return _scalar(ttype, type_args, value, path)


def _struct(cls: Any, value: Any, path: str) -> Any:
    if isinstance(value, cls):
        return value
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        value = to_json()
    if not isinstance(value, dict):
        raise _mismatch(path, f"a {cls.__name__}", value)
    fields = {}
    for field in cls.thrift_spec:
        if field is not None and field[2] in value:
            fields[field[2]] = from_plain(field[1], field[3], value[field[2]], f"{path}.{field[2]}")
    return cls(**fields)


def _scalar(ttype: int, type_args: Any, value: Any, path: str) -> Any:
    if ttype == TType.BOOL:
        if isinstance(value, bool):
            return value
        raise _mismatch(path, "a boolean", value)
    if ttype in _INT_RANGES:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        low, high = _INT_RANGES[ttype]
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise _mismatch(path, f"an integer in [{low}, {high}]", value)
    if ttype == TType.DOUBLE:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise _mismatch(path, "a number", value)
    if ttype == TType.STRING:
        if type_args == "BINARY":
            if isinstance(value, (bytes, bytearray)):
                return bytes(value)
            if isinstance(value, str):
                return value.encode("utf-8")
            raise _mismatch(path, "binary", value)
        if isinstance(value, str):
            return value
        raise _mismatch(path, "a string", value)
    raise _mismatch(path, f"Thrift type {ttype}", value)


def _mismatch(path: str, expected: str, value: Any) -> ResultTypeError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    if isinstance(value, float) and not math.isfinite(value):
        shown = str(value)
    error = ResultTypeError(None, None, f"{path} should be {expected}, not {type(value).__name__} {shown}")
    error.with_details("path", path).with_details("expected", expected)
    return error


def field_spec(struct_cls: Any, field_id: int) -> Optional[tuple[Any, ...]]:
    """The C{thrift_spec} entry of field C{field_id} of a generated struct, or None."""
    spec = struct_cls.thrift_spec
    for entry in spec:
        if entry is not None and entry[0] == field_id:
            return tuple(entry)
    return None
