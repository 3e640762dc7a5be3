# -*- test-case-name: tests.services.test_http_response -*-
"""Writing responses: JSON results, 204 for None, and errors as docs/protocol.rst, section 5 JSON."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any, Optional

from ..config import mask_credentials
from ..errors import ApplicationException, BadRequestException, ErrorDescription, UnknownException
from ._json import encode_json

JSON_CONTENT_TYPE = b"application/json"
NO_CACHE = b"no-cache, no-store, must-revalidate"


def _finish(request: Any, status: int, body: bytes, content_type: Optional[bytes]) -> None:
    if getattr(request, "_disconnected", False) or getattr(request, "finished", False):
        return
    answer = getattr(request, "answer", None)
    if answer is not None:  # our requests write the whole answer at once
        answer(status, body, content_type, NO_CACHE)
        return
    request.setResponseCode(status)
    request.setHeader(b"cache-control", NO_CACHE)
    if content_type is not None:
        request.setHeader(b"content-type", content_type)
    request.setHeader(b"content-length", b"%d" % len(body))
    if body and request.method != b"HEAD":
        request.write(body)
    request.finish()


@dataclass(frozen=True)
class HttpResponse:
    """A handler's answer when it is not a JSON value: a page, a text, another status."""

    body: bytes | str
    content_type: str = "text/plain; charset=utf-8"
    status: int = 200


def response_too_large(correlation_id: Optional[str], size: int, limit: int) -> BadRequestException:
    """The C{RESPONSE_TOO_LARGE} error of an answer over C{options.max_response_size}."""
    error = BadRequestException(
        correlation_id, "RESPONSE_TOO_LARGE",
        f"The answer would be {size} bytes, more than the {limit} this service sends at once: ask for less "
        "(a smaller page)",
    )
    error.with_details("size", size).with_details("max_response_size", limit)
    return error


def max_response_size(request: Any) -> int:
    """The largest answer the request's site sends (C{options.max_response_size}; 0 for no limit)."""
    site = getattr(getattr(request, "channel", None), "site", None)
    return int(getattr(site, "max_response_size", 0) or 0)


def write_result(request: Any, result: Any) -> None:
    """
    200 with the JSON of C{result}; 204 with an empty body when it is None.
    An answer over the site's C{max_response_size} is a C{RESPONSE_TOO_LARGE}
    error instead (ask for a smaller page).
    """
    if isinstance(result, HttpResponse):
        body = result.body.encode("utf-8") if isinstance(result.body, str) else result.body
        content_type: Optional[bytes] = result.content_type.encode("ascii")
        status = result.status
    elif result is None:
        body, content_type, status = b"", None, 204
    else:
        try:
            body = encode_json(result)
        except (TypeError, ValueError, RecursionError) as e:
            write_error(request, UnknownException(
                getattr(request, "correlation_id", None), "FORMAT_ERROR", f"The result cannot be sent as JSON: {e}"))
            return
        content_type, status = JSON_CONTENT_TYPE, 200
    limit = max_response_size(request)
    if limit and len(body) > limit:
        write_error(request, response_too_large(getattr(request, "correlation_id", None), len(body), limit))
        return
    _finish(request, status, body, content_type)


def error_body(error: BaseException, correlation_id: Optional[str] = None, debug: bool = False) -> tuple[int, bytes]:
    """The status and JSON body for C{error}; stack traces only in debug mode."""
    description = ErrorDescription.from_error(error, include_stack_trace=debug)
    if description.correlation_id is None:
        description.correlation_id = correlation_id
    if not isinstance(error, ApplicationException) and not debug:
        description.message = "Internal error"
    if debug and description.stack_trace is None and error.__cause__ is not None:
        # A wrapper made, not raised (a command's EXEC_FAILED): the trace of what it wraps.
        description.stack_trace = "".join(traceback.format_exception(error))
    # An error may carry a connection URI or a secret from a backend: never on the wire.
    description.message = mask_credentials(description.message)
    description.cause = mask_credentials(description.cause)
    description.details = mask_credentials(description.details)
    description.stack_trace = mask_credentials(description.stack_trace)
    try:
        body = encode_json(description.to_json())
    except (TypeError, ValueError):
        description.details = None
        body = encode_json(description.to_json())
    return description.status, body


def write_error(
    request: Any, error: BaseException, correlation_id: Optional[str] = None, debug: bool = False
) -> None:
    """Answers with the error JSON and the status of its category."""
    status, body = error_body(error, correlation_id, debug)
    _finish(request, status, body, JSON_CONTENT_TYPE)


def write_text(request: Any, status: int, text: str, content_type: bytes) -> None:
    """A non-JSON body: metrics text, an HTML page."""
    _finish(request, status, text.encode("utf-8"), content_type)
