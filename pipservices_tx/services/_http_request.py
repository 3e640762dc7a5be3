# -*- test-case-name: tests.services.test_http_request -*-
"""Reading requests: correlation ids, JSON bodies, and a body size limit."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any, Optional
from urllib.parse import unquote_to_bytes

from twisted.python.failure import Failure
from twisted.web import resource
from twisted.web.http import NO_BODY_CODES, RESPONSES, parse_qs
from twisted.web.http_headers import Headers
from twisted.web.server import Request, Site
from twisted.web.server import version as SERVER_VERSION

from ..errors import BadRequestException, ConnectionException
from ..portability import parse_json
from ._response_head import clean_value, http_date, response_head

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

    def __init__(self, channel: Any, *args: Any, **kwargs: Any) -> None:
        site = getattr(channel, "site", None)
        if args or kwargs or site is None:
            super().__init__(channel, *args, **kwargs)
            return
        # What twisted.web's Request.__init__ and server.Request.__init__ set, one request a time less
        # (tests.services.test_http11 checks that the attributes are the same).
        self.notifications = []
        self.channel = channel
        self.client = channel.getPeer()
        self.host = channel.getHost()
        self.requestHeaders = Headers()
        self.received_cookies = {}
        self.responseHeaders = Headers()
        self.cookies = []
        self.transport = channel.transport
        self.queued = False
        self._parsePOSTFormSubmission = site._parsePOSTFormSubmission
        self._adapterCache = {}
    _max = 1 << 20

    def _limit(self) -> int:
        site = getattr(self.channel, "site", None)
        return int(getattr(site, "max_request_size", 1 << 20) or 0)

    def gotLength(self, length: Optional[int]) -> None:
        limit = self._max = self._limit()
        if limit and length is not None and length > limit:
            self.body_too_large = True
            length = 0
        if length is not None and length < 100000 and not hasattr(getattr(self.channel, "site", None), "getContentFile"):
            self.content = BytesIO()  # what twisted.web's gotLength gives, without its AttributeError
            return
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
        self._render_resource()

    def requestReceived(self, command: bytes, path: bytes, version: bytes) -> None:
        """As twisted.web's, without looking for a form to parse when the site parses none."""
        if self._parsePOSTFormSubmission or self.content is None:
            super().requestReceived(command, path, version)
            return
        self.content.seek(0, 0)
        self.method, self.uri, self.clientproto = command, path, version
        self.path, question, query = path.partition(b"?")
        self.args = parse_qs(query, 1) if question else {}
        self.process()

    def _render_resource(self) -> None:
        """twisted.web's C{Request.process} after the limits, with a Date header made once per second."""
        site = self.site = self.channel.site  # type: ignore[attr-defined]
        headers = self.responseHeaders._rawHeaders
        headers[b"Server"] = [SERVER_VERSION]
        headers[b"Date"] = [http_date()]
        self.prepath = []
        segments = self.path[1:].split(b"/")
        self.postpath = list(map(unquote_to_bytes, segments)) if b"%" in self.path else segments
        if self.path == b"*":
            self._handleStar()
            return
        try:
            root = site.resource
            if root.isLeaf and type(site).getResourceFor is Site.getResourceFor:
                self.sitepath: list[bytes] = []  # what Site.getResourceFor does for a leaf
                found = root
            else:
                found = site.getResourceFor(self)
            if resource._IEncodingResource.providedBy(found):
                encoder = found.getEncoder(self)
                if encoder is not None:
                    self._encoder = encoder
            self.render(found)
        except BaseException:
            self.processingFailed(Failure())

    def write(self, data: bytes) -> None:
        if not self.startedWriting and self._counted and self._counted_site.draining:
            self._close_after_answer()  # the service is stopping: the client should reconnect elsewhere
        super().write(data)

    def answer(self, code: int, body: bytes, content_type: Optional[bytes], cache_control: bytes) -> None:
        """
        The whole answer (with C{Content-Length}, C{Cache-Control} and
        C{Content-Type}) in one write, then finished: what C{setResponseCode},
        C{setHeader}, C{write} and C{finish} do, without their generic steps.
        An answer already started, encoded, with cookies or validators takes
        the generic path.
        """
        if self.startedWriting or self._encoder is not None or self.cookies or self.etag is not None \
                or self.lastModified is not None or self._inFakeHead or self.channel is None:
            self._answer_generically(code, body, content_type, cache_control)
            return
        if self._counted and self._counted_site.draining:
            self._close_after_answer()
        self.code = code
        self.code_message = RESPONSES.get(code, b"Unknown Status")
        headers = self.responseHeaders._rawHeaders
        headers[b"Cache-Control"] = [cache_control]
        if content_type is not None:
            headers[b"Content-Type"] = [clean_value(content_type)]
        elif code not in (204, 304) and body and self.defaultContentType is not None:
            headers[b"Content-Type"] = [self.defaultContentType]
        headers[b"Content-Length"] = [b"%d" % len(body)]
        self.startedWriting = 1
        head = response_head(self.clientproto, code, None, headers)
        channel = self.channel
        if not body or self.method == b"HEAD" or code in NO_BODY_CODES:
            channel.write(head)
        elif len(body) < 65536:
            self.sentLength = len(body)
            channel.write(head + body)
        else:
            self.sentLength = len(body)
            channel.writeSequence([head, body])
        factory = getattr(channel, "factory", None)
        if factory is not None:
            factory.log(self)
        self.finished = 1
        self._cleanup()
        self._release()

    def _answer_generically(self, code: int, body: bytes, content_type: Optional[bytes], cache_control: bytes) -> None:
        self.setResponseCode(code)
        self.setHeader(b"cache-control", cache_control)
        if content_type is not None:
            self.setHeader(b"content-type", content_type)
        self.setHeader(b"content-length", b"%d" % len(body))
        if body and self.method != b"HEAD":
            self.write(body)
        self.finish()

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
