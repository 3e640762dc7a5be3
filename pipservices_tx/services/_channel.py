# -*- test-case-name: tests.services.test_endpoint_limits,tests.services.test_backpressure,tests.services.test_drain -*-
"""
The HTTP connection: a deadline for headers only, backpressure on clients
that do not read, half-closed clients still answered, and a site that knows
its connections (for limits and a graceful drain).
"""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.interfaces import IHalfCloseableProtocol
from twisted.internet.protocol import connectionDone
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure
from zope.interface import implementer

from ._dispatcher import RequestTooLargeException
from ._http11 import Http11Channel
from ._http_request import get_correlation_id
from ._http_response import JSON_CONTENT_TYPE, error_body


def unsent_bytes(transport: Any) -> int:
    """
    What C{transport} holds that the kernel has not taken yet (a TCP
    transport's buffer, also under TLS); 0 when it cannot tell.
    """
    for _ in range(3):
        if transport is None:
            return 0
        buffered = getattr(transport, "dataBuffer", None)
        if isinstance(buffered, (bytes, bytearray, memoryview)):
            return len(buffered) - int(getattr(transport, "offset", 0)) + int(getattr(transport, "_tempDataLen", 0))
        transport = getattr(transport, "transport", None)
    return 0


@implementer(IHalfCloseableProtocol)
class GuardedChannel(Http11Channel):
    """
    An HTTP/1.1 connection that:
      - must deliver a request's headers within the site's C{header_timeout}
        from their first byte (slowloris); body bytes never start that
        deadline, so a body sent after C{100 Continue} cannot earn a 408;
      - answers C{Expect: 100-continue} with 413 at once, not C{100
        Continue}, when the announced body is over the limit;
      - holds pipelined requests while its unsent output is over the
        transport's buffer size (the client does not read), and stops reading
        the socket meanwhile: a client that sends and never reads costs one
        answer, not one per request; the site counts what is held;
      - answers a client that half-closes after sending its request;
      - registers with the site, with when it last did something, so a
        drain closes only connections quiet for a moment, and answers the
        connections accepted after the listener closed (C{late}) with 503.
    The header deadline costs a flag per request: the site's L{HeaderSweeper}
    checks the flagged connections a few times per timeout.
    """

    site: Any
    late = False
    last_active = 0.0
    _reading_headers = False
    _seen_reading_at: Optional[float] = None
    _held: Any = None
    _counted_unsent = 0

    def connectionMade(self) -> None:
        super().connectionMade()
        site = self.site
        site.connections.add(self)
        self.late = site.accepting_late
        self.last_active = site.reactor.seconds()
        site.sweeper.ensure_running()

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        self.site.connections.discard(self)
        self._uncount_unsent()
        self._held = None
        super().connectionLost(reason)

    # -- the header deadline ---------------------------------------------------

    def _head_started(self) -> None:
        # Only a request's head arms the deadline: not a body, not a pipelined request waiting behind
        # one being answered (its deadline starts when its turn comes).
        self._reading_headers = True
        self._seen_reading_at = None

    def _head_finished(self) -> None:
        self._reading_headers = False

    def headers_overdue(self, now: float, timeout: float) -> bool:
        """True when a request's headers have been arriving for longer than C{timeout}."""
        if not self._reading_headers:
            return False
        if self._seen_reading_at is None:
            self._seen_reading_at = now
            return False
        return now - self._seen_reading_at > timeout

    def cut_off_slow_headers(self) -> None:
        self._stopped = True
        if self.transport is not None:
            self.transport.write(
                b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
            )
            self.transport.loseConnection()

    def _send100Continue(self) -> None:
        request = self.requests[-1] if self.requests else None
        if request is not None and getattr(request, "body_too_large", False):
            self._refuse_announced_body(request)
            return
        super()._send100Continue()

    def _refuse_announced_body(self, request: Any) -> None:
        """413 instead of C{100 Continue}; the body is never read (the connection closes)."""
        _, body = error_body(RequestTooLargeException(get_correlation_id(request), request.limit))
        if self.transport is None:
            return
        self.transport.write(
            b"HTTP/1.1 413 Request Entity Too Large\r\nConnection: close\r\nContent-Type: " + JSON_CONTENT_TYPE
            + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        )
        self.persistent = False
        self._stopped = True
        self.loseConnection()

    # -- half-closed clients ---------------------------------------------------

    def readConnectionLost(self) -> None:
        """The client sent all it will send: answer the request it completed, then close."""
        if self._handlingRequest:
            self.persistent = False
        else:
            self.loseConnection()

    def writeConnectionLost(self) -> None:
        self.loseConnection()

    # -- backpressure ------------------------------------------------------------

    def requestDone(self, request: Any) -> None:
        self.last_active = self.site.reactor.seconds()
        if self._waitingForTransport and self.persistent and self.requests and request is self.requests[0]:
            # The client has not taken this answer: the next pipelined request waits for it to.
            self._held = request
            self._networkProducer.pauseProducing()
            self.resetTimeout()  # the client has the idle timeout to take it
            return
        super().requestDone(request)

    def _answer_waits_for_client(self) -> bool:
        return self._held is not None

    def pauseProducing(self) -> None:
        if not self._waitingForTransport:
            self._counted_unsent = unsent_bytes(self.transport)
            self.site.unsent_output += self._counted_unsent
        super().pauseProducing()

    def resumeProducing(self) -> None:
        self._uncount_unsent()
        super().resumeProducing()
        held, self._held = self._held, None
        if held is not None and self.requests and held is self.requests[0]:
            super().requestDone(held)

    def write(self, data: bytes) -> None:
        if self._waitingForTransport:
            self._counted_unsent += len(data)
            self.site.unsent_output += len(data)
        super().write(data)

    def writeSequence(self, iovec: Any) -> None:
        if self._waitingForTransport:
            size = sum(len(part) for part in iovec)
            self._counted_unsent += size
            self.site.unsent_output += size
        super().writeSequence(iovec)

    def _uncount_unsent(self) -> None:
        if self._counted_unsent:
            self.site.unsent_output -= self._counted_unsent
            self._counted_unsent = 0

    @property
    def closing(self) -> bool:
        return self.transport is None or bool(getattr(self.transport, "disconnecting", False))

    def close_politely(self) -> None:
        """Closes once what was written has been sent (a second call does nothing)."""
        if not self.closing:
            self.loseConnection()

    @property
    def idle(self) -> bool:
        """No request is being read, answered or held on this connection."""
        return not self._in_head and not self.requests

    def quiet_for(self, now: float) -> float:
        """Seconds this idle connection has done nothing (0 while it is busy)."""
        return now - self.last_active if self.idle else 0.0


class HeaderSweeper:
    """
    Every quarter of C{site.header_timeout}, cuts off the connections whose
    request headers have been arriving for longer than it (one timer per site,
    not one per request). Runs only while the site has connections.
    """

    def __init__(self, site: Any) -> None:
        self.site = site
        self._loop: Optional[LoopingCall] = None

    def ensure_running(self) -> None:
        timeout = self.site.header_timeout
        if not timeout or (self._loop is not None and self._loop.running):
            return
        self._loop = LoopingCall(self.sweep)
        self._loop.clock = self.site.reactor
        self._loop.start(max(timeout / 4, 0.01), now=False)

    def sweep(self) -> None:
        site = self.site
        if not site.connections:
            self.stop()
            return
        now = site.reactor.seconds()
        for channel in list(site.connections):
            if channel.headers_overdue(now, site.header_timeout):
                channel.cut_off_slow_headers()

    def stop(self) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self._loop = None
