# -*- test-case-name: tests.services.test_http_request -*-
"""Reading requests: correlation ids, JSON bodies, and a body size limit."""

from __future__ import annotations

import re
from typing import Any, Optional

from twisted.web.server import Request

from ..errors import BadRequestException, ConnectionException
from ..portability import parse_json

MAX_CORRELATION_ID_LENGTH = 256
_UNSAFE_ID = re.compile(r"[^\x21-\x7e]")


def sanitize_correlation_id(value: Optional[str]) -> Optional[str]:
    """
    Keeps printable ASCII without spaces and cuts at 256 characters, so an id
    from the wire can never forge a log line (CR/LF) or flood the log.
    """
    if not value:
        return None
    cleaned = _UNSAFE_ID.sub("", value)[:MAX_CORRELATION_ID_LENGTH]
    return cleaned or None


def get_correlation_id(request: Any) -> Optional[str]:
    """From the query parameter C{correlation_id}, else a header of that name."""
    values = request.args.get(b"correlation_id") if request.args else None
    raw: Optional[bytes] = values[0] if values else request.getHeader(b"correlation_id")
    if raw is None:
        return None
    return sanitize_correlation_id(raw.decode("utf-8", "replace"))


def read_json_body(request: Any, correlation_id: Optional[str] = None) -> Any:
    """
    The parsed JSON body; an empty body is None. Malformed JSON, a number no
    64-bit float holds (C{1e400}, C{NaN}), nesting past 64 levels or a
    lone surrogate is a BadRequest (L{parse_json}).
    """
    content = request.content
    if content is None:
        return None
    content.seek(0)
    body = content.read()
    if not body or not body.strip():
        return None
    return parse_json(body, correlation_id, "The request body")


def read_json_object(request: Any, correlation_id: Optional[str] = None) -> dict[str, Any]:
    """The body as a JSON object (C{{}} when empty); anything else is a BadRequest."""
    body = read_json_body(request, correlation_id)
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise BadRequestException(
            correlation_id, "BAD_BODY", f"The request body must be a JSON object, not {type(body).__name__}"
        ).with_details("actual", type(body).__name__)
    return body


class LimitedRequest(Request):
    """
    A request that refuses bodies over the site's C{max_request_size}: the excess is
    discarded and answered with 413; a client that keeps sending far past the
    limit is disconnected.
    """

    body_too_large = False
    _received = 0
    _max = 1 << 20

    def _limit(self) -> int:
        site = getattr(self.channel, "site", None)
        return int(getattr(site, "max_request_size", 1 << 20) or 0)

    def gotLength(self, length: Optional[int]) -> None:
        limit = self._max = self._limit()
        if limit and length is not None and length > limit:
            self.body_too_large = True
            length = 0
        super().gotLength(length)

    def handleContentChunk(self, data: bytes) -> None:
        limit = self._max
        self._received += len(data)
        if self.body_too_large or (limit and self._received > limit):
            if not self.body_too_large:
                self.body_too_large = True
                if self.content is not None:
                    self.content.seek(0)
                    self.content.truncate()
            transport = self.channel.transport if self.channel is not None else None
            if limit and self._received > 16 * limit and transport is not None:
                transport.loseConnection()
            return
        super().handleContentChunk(data)

    _counted = False
    _counted_site: Any = None

    @property
    def limit(self) -> int:
        """The largest body this request may have (bytes, 0 for no limit)."""
        return self._max

    def process(self) -> None:
        """
        Counts the request in flight. Refused with 503 (C{Retry-After}): beyond
        the site's C{max_concurrent_requests}, while the answers not yet taken
        by their clients are over C{max_buffered_output}, and on a connection
        accepted after the listener closed (the service is stopping).
        """
        site = getattr(self.channel, "site", None)
        if site is None or not hasattr(site, "in_flight"):
            super().process()
            return
        if getattr(self.channel, "late", False):
            self._close_after_answer()
            self._refuse(site, "SHUTTING_DOWN", "The service is stopping: retry on another instance")
            return
        limit = site.max_concurrent_requests
        if limit and site.in_flight >= limit:
            self._refuse(site, "OVERLOADED",
                         f"The service is busy: {site.in_flight} requests in flight; retry in {site.retry_after} s")
            return
        buffered = site.max_buffered_output
        if buffered and site.unsent_output > buffered:
            self._refuse(site, "OVERLOADED", f"The service is busy: {site.unsent_output} bytes of answers wait "
                         f"for their clients to read them; retry in {site.retry_after} s")
            return
        site.in_flight += 1
        self._counted = True
        self._counted_site = site
        super().process()

    def write(self, data: bytes) -> None:
        if not self.startedWriting and self._counted and self._counted_site.draining:
            self._close_after_answer()  # the service is stopping: the client should reconnect elsewhere
        super().write(data)

    def _close_after_answer(self) -> None:
        self.setHeader(b"connection", b"close")
        if self.channel is not None:
            self.channel.persistent = False

    def finish(self) -> None:
        super().finish()
        self._release()

    def connectionLost(self, reason: Any) -> None:
        super().connectionLost(reason)
        self._release()

    def _release(self) -> None:
        if not self._counted:
            return
        self._counted = False
        self._counted_site.in_flight -= 1

    def _refuse(self, site: Any, code: str, message: str) -> None:
        from ._http_response import write_error

        self.setHeader(b"retry-after", b"%d" % site.retry_after)
        write_error(self, ConnectionException(get_correlation_id(self), code, message))
