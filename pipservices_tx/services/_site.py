# -*- test-case-name: tests.services.test_endpoint_limits,tests.services.test_backpressure,tests.services.test_drain -*-
"""The twisted.web site behind an endpoint: its connections, requests in flight, limits and drain state."""

from __future__ import annotations

from typing import Any

from twisted.web.server import Site

from ._channel import GuardedChannel, HeaderSweeper


class EndpointSite(Site):
    """
    A site without a per-request access log unless asked for, that knows its
    connections, its requests in flight and the answers its clients have not
    taken yet (C{unsent_output}, bytes), for the limits of
    L{HttpEndpoint<pipservices_tx.services.HttpEndpoint>} and its graceful drain.
    """

    access_log = False
    max_request_size = 1 << 20
    max_response_size = 16 << 20
    max_buffered_output = 128 << 20
    header_timeout = 10.0
    max_concurrent_requests = 0
    retry_after = 1
    #: The service is stopping: answers close their connection.
    draining = False
    #: The listener has closed: connections accepted from its queue now are answered 503.
    accepting_late = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connections: set[GuardedChannel] = set()
        self.sweeper = HeaderSweeper(self)
        self.in_flight = 0
        self.unsent_output = 0

    def protocol(self) -> GuardedChannel:  # type: ignore[override]
        return GuardedChannel()

    def logPrefix(self) -> str:
        return "http-endpoint"

    def log(self, request: Any) -> None:
        if self.access_log:
            super().log(request)
