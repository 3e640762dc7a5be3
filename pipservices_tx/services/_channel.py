# -*- test-case-name: tests.services.test_endpoint_limits -*-
"""The HTTP connection: a deadline for headers, and a site that knows its connections."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.interfaces import IDelayedCall
from twisted.internet.protocol import connectionDone
from twisted.python.failure import Failure
from twisted.web.http import HTTPChannel


class GuardedChannel(HTTPChannel):
    """
    An HTTP/1.1 connection that must deliver a request's headers within the
    site's C{header_timeout} from their first byte (slowloris), and that
    registers itself with the site so a drain can close idle keep-alives.
    """

    site: Any
    _header_call: Optional[IDelayedCall] = None
    _reading_headers = False

    def connectionMade(self) -> None:
        super().connectionMade()
        self.site.connections.add(self)

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        self.site.connections.discard(self)
        self._cancel_header_deadline()
        super().connectionLost(reason)

    def dataReceived(self, data: bytes) -> None:
        if not self._reading_headers and data and self._header_call is None:
            timeout = self.site.header_timeout
            if timeout:
                self._reading_headers = True
                self._header_call = self.callLater(timeout, self._headers_too_slow)
        super().dataReceived(data)

    def allHeadersReceived(self) -> None:
        self._cancel_header_deadline()
        super().allHeadersReceived()

    def _cancel_header_deadline(self) -> None:
        self._reading_headers = False
        call, self._header_call = self._header_call, None
        if call is not None and call.active():
            call.cancel()

    def _headers_too_slow(self) -> None:
        self._header_call = None
        if self.transport is not None:
            self.transport.write(
                b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
            )
            self.transport.loseConnection()

    @property
    def idle(self) -> bool:
        """No request is being read or answered on this connection."""
        return not self._reading_headers and not self.requests and self._header_call is None
