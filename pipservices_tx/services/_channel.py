# -*- test-case-name: tests.services.test_endpoint_limits -*-
"""The HTTP connection: a deadline for headers, and a site that knows its connections."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.protocol import connectionDone
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure
from twisted.web.http import HTTPChannel


class GuardedChannel(HTTPChannel):
    """
    An HTTP/1.1 connection that must deliver a request's headers within the
    site's C{header_timeout} from their first byte (slowloris), and that
    registers itself with the site so a drain can close idle keep-alives.
    The deadline costs a flag per request: the site's L{HeaderSweeper} checks
    the flagged connections a few times per timeout.
    """

    site: Any
    _reading_headers = False
    _seen_reading_at: Optional[float] = None

    def connectionMade(self) -> None:
        super().connectionMade()
        self.site.connections.add(self)
        self.site.sweeper.ensure_running()

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        self.site.connections.discard(self)
        super().connectionLost(reason)

    def dataReceived(self, data: bytes) -> None:
        if not self._reading_headers and data:
            self._reading_headers = True
            self._seen_reading_at = None
        super().dataReceived(data)

    def allHeadersReceived(self) -> None:
        self._reading_headers = False
        super().allHeadersReceived()

    def headers_overdue(self, now: float, timeout: float) -> bool:
        """True when a request's headers have been arriving for longer than C{timeout}."""
        if not self._reading_headers:
            return False
        if self._seen_reading_at is None:
            self._seen_reading_at = now
            return False
        return now - self._seen_reading_at > timeout

    def cut_off_slow_headers(self) -> None:
        if self.transport is not None:
            self.transport.write(
                b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
            )
            self.transport.loseConnection()

    @property
    def idle(self) -> bool:
        """No request is being read or answered on this connection."""
        return not self._reading_headers and not self.requests


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
