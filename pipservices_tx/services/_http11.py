# -*- test-case-name: tests.services.test_http11,tests.services.test_endpoint_limits,tests.services.test_backpressure -*-
"""
An HTTP/1.1 connection whose requests are read by llhttp (httptools) instead
of twisted.web's line parser, for twisted.web's own Request objects (Klein
and every resource see a real IRequest).

Requests are parsed as their bytes arrive; the complete ones wait in a queue
and are answered one at a time, in order. While one is answered, the socket
is read only up to a few KiB more (as twisted.web does), so a client that
pipelines without end is paused, not buffered. A request the parser refuses
(a bad line or header, Content-Length with Transfer-Encoding, a duplicate or
invalid Content-Length, a head over C{totalHeadersSize} or C{maxHeaders}) is
a 400 that closes the connection, answered in its turn.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Optional

import httptools
from twisted.internet.protocol import connectionDone
from twisted.python.failure import Failure
from twisted.web.http import HTTPChannel
from twisted.web.http_headers import InvalidHeaderName, _nameEncoder

_VERSIONS = {"1.1": b"HTTP/1.1", "1.0": b"HTTP/1.0"}
_CONTINUE = b"100-continue"
#: Header names as clients spell them -> as twisted.web's Headers keeps them (the common ones).
_CANONICAL: dict[bytes, bytes] = {}


class _StopReading(Exception):
    """Raised in a parser callback: nothing more the client sent is read."""


class _BadRequest(Exception):
    """Raised in a parser callback: the request is refused with 400."""


#: What the parser hands over for one complete request: the request, its method, URI and version, and
#: whether the connection stays open after its answer.
_Parsed = tuple[Any, bytes, bytes, bytes, bool]


def _wants_close(values: list[bytes]) -> bool:
    """C{Connection: close} among the tokens of the Connection headers."""
    return any(token.strip().lower() == b"close" for value in values for token in value.replace(b" ", b",").split(b","))


class Http11Channel(HTTPChannel):
    """
    twisted.web's HTTPChannel (producers, timeouts, writing) with the parsing
    of llhttp. Subclasses hear of a request's head through
    L{_head_started}/L{_head_finished} (the head of the next request to
    answer only).
    """

    #: The parser refused what the client sent, or the last request said close: nothing more is read.
    _stopped = False
    #: A request's head is being parsed.
    _in_head = False
    _head_size = 0
    _head_chunks = 0
    _eager_bytes = 0
    _url = b""
    _current: Any = None
    _current_line: tuple[bytes, bytes, bool] = (b"", b"", True)
    _continue_later = False
    _serving = False

    def __init__(self) -> None:
        super().__init__()
        self._parser: Any = httptools.HttpRequestParser(self)
        self._headers: list[tuple[bytes, bytes]] = []
        self._pending: deque[Optional[_Parsed]] = deque()

    # -- reading -----------------------------------------------------------------

    def dataReceived(self, data: bytes) -> None:
        if self._stopped:
            return
        self.resetTimeout()
        if self._handlingRequest:
            self._eager_bytes += len(data)
        if self._in_head:
            self._head_chunks += len(data)
        parser = self._parser
        while True:
            try:
                parser.feed_data(data)
            except httptools.HttpParserUpgrade as upgrade:
                # We upgrade to nothing: the request was answered as any other; the bytes after it are
                # the next request.
                data = data[upgrade.args[0]:]
                if data and not self._stopped:
                    continue
            except httptools.HttpParserCallbackError as e:
                cause = e.__context__
                if isinstance(cause, _BadRequest):
                    self._bad_request()
                elif not isinstance(cause, _StopReading):
                    self._stopped = True  # the parser cannot go on: the reactor logs this and closes
                    raise (cause if cause is not None else e) from None  # an error of ours, not of the client
            except httptools.HttpParserError:
                self._bad_request()
            break
        if self._stopped:
            return
        if self._in_head and self._head_chunks > self.totalHeadersSize:
            self._bad_request()  # one header without end: llhttp would keep it all
        elif self._handlingRequest and self._eager_bytes > self._optimisticEagerReadSize \
                and not self._waitingForTransport:
            self._networkProducer.pauseProducing()

    def on_message_begin(self) -> None:
        self._in_head = True
        self._head_size = self._head_chunks = 0
        self._url = b""
        self._headers = []
        if not self._handlingRequest and not self._pending:
            self._head_started()

    def on_url(self, url: bytes) -> None:
        self._url += url
        self._head_size += len(url)
        if self._head_size > self.totalHeadersSize:
            raise _BadRequest()

    def on_header(self, name: bytes, value: bytes) -> None:
        self._head_size += len(name) + len(value) + 2
        if self._head_size > self.totalHeadersSize or len(self._headers) >= self.maxHeaders:
            raise _BadRequest()
        self._headers.append((name, value))

    def on_headers_complete(self) -> None:
        self._in_head = False
        head_of_line = not self._handlingRequest and not self._pending
        if head_of_line:
            self._head_finished()
        parser = self._parser
        version = _VERSIONS.get(parser.get_http_version())
        if version is None:
            raise _BadRequest()  # HTTP/0.9, or a version we do not speak
        raw: dict[bytes, list[bytes]] = {}
        known = _CANONICAL
        for name, value in self._headers:
            canonical = known.get(name)
            if canonical is None:
                try:
                    canonical = _nameEncoder.encode(name)
                except InvalidHeaderName:
                    raise _BadRequest() from None
                if len(known) < 1000:
                    known[name] = canonical
            name = canonical
            value = value.strip(b" \t")
            values = raw.get(name)
            if values is None:
                raw[name] = [value]
            else:
                values.append(value)
        length: Optional[int] = 0
        content_length = raw.get(b"Content-Length")
        if content_length is not None:
            length = int(content_length[0])  # llhttp has checked it: digits, one header
        encoding = raw.get(b"Transfer-Encoding")
        if encoding is not None:
            if len(encoding) != 1 or encoding[0].lower() != b"chunked":
                raise _BadRequest()  # gzip, identity...: not chunked only, as twisted.web
            length = None
        if length != 0 and parser.should_upgrade():
            raise _BadRequest()  # llhttp would not read the body of a request it thinks upgrades

        request = self.requestFactory(self)
        request.requestHeaders._rawHeaders = raw  # names canonical and values clean, as Headers keeps them
        keep_alive = version == b"HTTP/1.1"
        connection = raw.get(b"Connection")
        if keep_alive and connection is not None and _wants_close(connection):
            keep_alive = False
            request.responseHeaders._rawHeaders[b"Connection"] = [b"close"]
        self._current = request
        self._current_line = (parser.get_method(), version, keep_alive)
        self.requests.append(request)
        if b"Cookie" in raw:
            request.parseCookies()
        request.gotLength(length)
        expect = raw.get(b"Expect")
        if expect is not None and version == b"HTTP/1.1" and expect[0].lower() == _CONTINUE:
            if head_of_line:
                self._send100Continue()
            else:
                self._continue_later = True
        if self._stopped:
            raise _StopReading()

    def on_body(self, data: bytes) -> None:
        self._current.handleContentChunk(data)

    def on_message_complete(self) -> None:
        request, self._current = self._current, None
        self._continue_later = False
        method, version, keep_alive = self._current_line
        self._pending.append((request, method, self._url, version, keep_alive))
        if not keep_alive:
            self._stopped = True  # what a client sends after its last request is not read
        if not self._handlingRequest:
            self._serve_pending()
        if self._stopped:
            raise _StopReading()

    def _bad_request(self) -> None:
        """400 and close, after the answers to the requests before it."""
        self._stopped = True
        self._in_head = False
        if self._handlingRequest or self._pending:
            self._pending.append(None)
        else:
            self._respondToBadRequestAndDisconnect()

    # -- answering ---------------------------------------------------------------

    def _serve_pending(self) -> None:
        """Starts the queued requests one after the other (a loop, not a recursion per answer)."""
        if self._serving:
            return
        self._serving = True
        try:
            pending = self._pending
            while pending and not self._handlingRequest:
                parsed = pending.popleft()
                if parsed is None:
                    pending.clear()
                    self._respondToBadRequestAndDisconnect()
                    return
                request, method, uri, version, keep_alive = parsed
                self._handlingRequest = True
                self._eager_bytes = 0
                self.persistent = keep_alive
                request.requestReceived(method, uri, version)
        finally:
            self._serving = False
        if not self._handlingRequest:
            # The next request is arriving: now it is the one to answer.
            if self._in_head:
                self._head_started()
            elif self._continue_later and self._current is not None:
                self._continue_later = False
                self._send100Continue()

    def requestDone(self, request: Any) -> None:
        if request is not self.requests[0]:
            raise TypeError
        del self.requests[0]
        if not self._waitingForTransport:
            self._networkProducer.resumeProducing()
        if not self.persistent:
            self._stopped = True
            self._pending.clear()  # a client that half-closed, or a service that stops: no more answers
            self.loseConnection()
            return
        self._handlingRequest = False
        self.resetTimeout()  # a full idle timeout from the answer on
        self._serve_pending()

    def timeoutConnection(self) -> None:
        # The idle timer runs while a request is answered (cheaper than stopping and starting it
        # for each one): then it only starts again.
        if self._handlingRequest and not self._answer_waits_for_client():
            self.setTimeout(self.timeOut)
            return
        super().timeoutConnection()

    _peer: Any = None
    _host: Any = None

    def getPeer(self) -> Any:
        # Each request asks; a TCP transport makes a new address object each time.
        if self._peer is None:
            self._peer = super().getPeer()
        return self._peer

    def getHost(self) -> Any:
        if self._host is None:
            self._host = super().getHost()
        return self._host

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        self._stopped = True
        self._pending.clear()
        super().connectionLost(reason)

    # -- hooks -------------------------------------------------------------------

    def _head_started(self) -> None:
        """The head of the next request to answer has started to arrive."""

    def _head_finished(self) -> None:
        """... and has arrived whole."""

    def _answer_waits_for_client(self) -> bool:
        """True when the answer is written but the client does not take it (the idle timeout applies)."""
        return False
