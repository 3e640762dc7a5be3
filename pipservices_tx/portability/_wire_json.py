# -*- test-case-name: tests.portability.test_wire_json -*-
"""
JSON from the wire, read strictly: what every transport calls so that a
number no 64-bit float can hold (C{1e400}, C{NaN}, C{Infinity}), nesting
past a limit or a lone UTF-16 surrogate is refused at the edge with a clear
BadRequest, and never stored, computed with or sent back.
"""

from __future__ import annotations

import json
import math
from typing import Any, Optional

from ..errors import BadRequestException

#: How deeply lists and objects may nest in a JSON text read from the wire.
MAX_JSON_DEPTH = 64

#: Integers with more digits than this cannot be a 64-bit float (max ~1.8e308).
_MAX_INT_DIGITS = 309


class _NonFinite(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NonFinite(text)
    return value


def _bounded_int(text: str) -> int:
    digits = len(text) - (text[0] == "-")
    if digits > _MAX_INT_DIGITS:
        value = int(text) if digits <= 4300 else None
        if value is None or abs(value) > 1.7976931348623157e308:
            raise _NonFinite(text if len(text) <= 40 else text[:37] + "...")
        return value
    return int(text)


def _no_constant(text: str) -> Any:
    raise _NonFinite(text)


_decoder = json.JSONDecoder(parse_float=_finite_float, parse_int=_bounded_int, parse_constant=_no_constant)


def non_finite_error(correlation_id: Optional[str], what: str, text: str) -> BadRequestException:
    """The C{NON_FINITE_NUMBER} BadRequest for a number no 64-bit float can hold."""
    error = BadRequestException(
        correlation_id, "NON_FINITE_NUMBER",
        f"{what} holds a number that is not finite ({text}): JSON numbers must fit a 64-bit float",
    )
    error.with_details("value", text)
    return error


def too_deep_error(correlation_id: Optional[str], what: str, max_depth: int = MAX_JSON_DEPTH) -> BadRequestException:
    error = BadRequestException(correlation_id, "JSON_TOO_DEEP", f"{what} nests more than {max_depth} levels")
    error.with_details("max_depth", max_depth)
    return error


def parse_json(
    data: bytes | str, correlation_id: Optional[str] = None, what: str = "The JSON text",
    max_depth: int = MAX_JSON_DEPTH,
) -> Any:
    """
    The value of the JSON text C{data}, or a L{BadRequestException} saying
    what is wrong with it: C{BAD_JSON} (not JSON, not UTF-8),
    C{NON_FINITE_NUMBER} (C{NaN}, C{Infinity}, C{1e400}, an integer beyond
    the range of a 64-bit float), C{JSON_TOO_DEEP} (more than C{max_depth}
    levels of lists and objects) or C{BAD_TEXT} (a lone UTF-16 surrogate).
    C{what} starts the message (C{"The request body"}).
    """
    try:
        text = data.decode("utf-8") if isinstance(data, (bytes, bytearray, memoryview)) else data
        value = _decoder.decode(text)
    except _NonFinite as e:
        raise non_finite_error(correlation_id, what, e.text) from None
    except RecursionError:
        raise too_deep_error(correlation_id, what, max_depth) from None
    except (ValueError, UnicodeDecodeError) as e:
        raise BadRequestException(correlation_id, "BAD_JSON", f"{what} is not valid JSON: {e}").with_cause(e) from e
    # The walks run only when the raw text says they might find something.
    if text.count("[") + text.count("{") > max_depth and _depth(value, max_depth) > max_depth:
        raise too_deep_error(correlation_id, what, max_depth)
    if ("\\ud" in text or "\\uD" in text) and _has_lone_surrogate(value):
        raise _surrogate_error(correlation_id, what)
    return value


def check_json_value(
    value: Any, correlation_id: Optional[str] = None, what: str = "The value", max_depth: int = MAX_JSON_DEPTH
) -> None:
    """
    Refuses, as L{parse_json} would, a value that did not come from JSON text
    (a message decoded by another codec, a Thrift struct): non-finite floats,
    nesting past C{max_depth}, lone surrogates. Iterative: no recursion limit.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, float):
            if not math.isfinite(node):
                raise non_finite_error(correlation_id, what, repr(node))
        elif isinstance(node, str):
            if _is_lone_surrogate_text(node):
                raise _surrogate_error(correlation_id, what)
        elif isinstance(node, (dict, list, tuple)):
            if depth + 1 > max_depth:
                raise too_deep_error(correlation_id, what, max_depth)
            if isinstance(node, dict):
                stack.extend((key, depth + 1) for key in node.keys())
                stack.extend((child, depth + 1) for child in node.values())
            else:
                stack.extend((child, depth + 1) for child in node)


def _surrogate_error(correlation_id: Optional[str], what: str) -> BadRequestException:
    return BadRequestException(
        correlation_id, "BAD_TEXT", f"{what} holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is no character"
    )


def _depth(value: Any, limit: int) -> int:
    """How deeply lists and objects nest, counting up to just past C{limit}."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def _is_lone_surrogate_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _has_lone_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _is_lone_surrogate_text(node):
                return True
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False
