# -*- test-case-name: tests.clients.test_rest_client -*-
"""Turns what comes back from the wire (or fails to) into portable exceptions."""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional

from twisted.internet import defer
from twisted.internet import error as net_error

from ..errors import (
    ApplicationException,
    BadRequestException,
    ConflictException,
    ConnectionException,
    ErrorDescription,
    ForbiddenException,
    NotFoundException,
    UnauthorizedException,
    UnknownException,
    UnsupportedException,
    error_from_description,
)

#: How much of an unexpected body goes into an error's details.
SNIPPET_LENGTH = 200

_CLASS_BY_STATUS: dict[int, type[ApplicationException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    501: UnsupportedException,
    502: ConnectionException,
    503: ConnectionException,
    504: ConnectionException,
}


class ConnectTimeout(net_error.TimeoutError):
    """The connection was not established within C{options.connect_timeout}."""


def body_snippet(body: bytes) -> str:
    text = body[:SNIPPET_LENGTH].decode("utf-8", errors="replace")
    return text + "..." if len(body) > SNIPPET_LENGTH else text


def describe(error: BaseException) -> str:
    """The text of a failure below HTTP; that of its reasons for the agent's C{ResponseFailed} and kin."""
    reasons = getattr(error, "reasons", None)
    web_client = _web_client()
    if isinstance(error, (web_client.ResponseFailed, web_client.RequestTransmissionFailed)) and reasons:
        return "; ".join(str(r.value) or r.type.__name__ for r in reasons)
    return str(error) or type(error).__name__


def network_error(
    error: BaseException,
    correlation_id: Optional[str],
    method: str,
    url: str,
    timeout_ms: int,
    connect_timeout_ms: int,
) -> ConnectionException:
    """
    A C{ConnectionException} for a request that got no (complete) answer:
    C{TIMEOUT}, C{CONNECTION_REFUSED}, C{DNS_ERROR} or C{NO_RESPONSE}, with
    the method and URL in details, caused by C{error}.
    """
    detail = str(error) or type(error).__name__
    extra: dict[str, Any] = {}
    if isinstance(error, ConnectTimeout):
        code, message = "TIMEOUT", f"Cannot connect to {url} within {connect_timeout_ms} ms"
        extra = {"timeout": connect_timeout_ms, "phase": "connect"}
    elif isinstance(error, (defer.TimeoutError, net_error.TimeoutError)):
        code, message = "TIMEOUT", f"No response from {url} within {timeout_ms} ms"
        extra = {"timeout": timeout_ms, "phase": "request"}
    elif isinstance(error, net_error.ConnectionRefusedError):
        code, message = "CONNECTION_REFUSED", f"Connection refused by {url}"
    elif isinstance(error, net_error.DNSLookupError):
        code, message = "DNS_ERROR", f"Cannot resolve the host of {url}: {detail}"
    else:
        code, message = "NO_RESPONSE", f"No response from {url}: {describe(error)}"
    result = ConnectionException(correlation_id, code, message)
    result.with_details("method", method).with_details("url", url)
    for key, value in extra.items():
        result.with_details(key, value)
    result.with_cause(error)
    return result


def _web_client() -> Any:
    """twisted.web.client, on first use (a service that never calls out never loads it)."""
    from twisted.web import client

    return client


def is_network_error(error: BaseException) -> bool:
    """True for what L{network_error} describes: failures below HTTP."""
    web_client = _web_client()
    return isinstance(
        error,
        (
            defer.TimeoutError,
            net_error.ConnectError,
            net_error.ConnectionLost,
            net_error.ConnectionClosed,
            net_error.TimeoutError,
            net_error.DNSLookupError,
            web_client.ResponseFailed,
            web_client.RequestTransmissionFailed,
            web_client.RequestNotSent,
            web_client.ResponseNeverReceived,
        ),
    )


def is_unsent(error: BaseException) -> bool:
    """
    True for failures that happen before a byte of the request left: no
    connection (refused, unreachable, connect timeout), no such host, or
    a connection the agent found unusable before sending.
    """
    return isinstance(
        error, (ConnectTimeout, net_error.ConnectError, net_error.DNSLookupError, _web_client().RequestNotSent)
    )


def format_error(
    correlation_id: Optional[str], method: str, url: str, status: int, body: bytes, reason: BaseException
) -> UnknownException:
    """The C{FORMAT_ERROR} of a successful response whose body is not JSON."""
    result = UnknownException(
        correlation_id, "FORMAT_ERROR", f"Response of {method} {url} is not valid JSON: {reason}"
    )
    result.with_details("status", status).with_details("url", url).with_details("body", body_snippet(body))
    result.with_cause(reason)
    return result


def response_error(
    correlation_id: Optional[str], method: str, url: str, status: int, body: bytes
) -> ApplicationException:
    """
    The exception of an error response: the one the body describes (docs/protocol.rst,
    section 5) when it is an error description, else one chosen by the status,
    with the status, URL and a snippet of the body in details.
    """
    value: Any = None
    if body:
        try:
            value = json.loads(body)
        except ValueError:
            value = None
    if isinstance(value, Mapping) and ("category" in value or "code" in value):
        description = ErrorDescription.from_json(value)
        if not isinstance(value.get("status"), int):
            description.status = status
        result = error_from_description(description)
        if result.correlation_id is None:
            result.correlation_id = correlation_id
        return result
    cls = _CLASS_BY_STATUS.get(status, UnknownException)
    result = cls(correlation_id, None, f"{method} {url} failed with HTTP status {status}", status=status)
    result.with_details("status", status).with_details("url", url)
    if body:
        result.with_details("body", body_snippet(body))
    return result
