# -*- test-case-name: tests.counters.test_prometheus_resource -*-
"""PrometheusMetricsResource: the counters as a Prometheus scrape page, for C{/metrics}."""

from __future__ import annotations

import socket
from typing import Optional

from twisted.logger import Logger
from twisted.web.resource import Resource
from twisted.web.server import Request

from ._cached_counters import CachedCounters
from ._prometheus_text import CONTENT_TYPE, counters_to_prometheus_text

_log = Logger()


class PrometheusMetricsResource(Resource):
    """
    Answers GET (and HEAD) with C{counters.get_all()} in the Prometheus text
    format. C{source} and C{instance} default to the counters' own (the
    context-info name and the host name), read at each request since
    references are set after the resource is built.
    """

    isLeaf = True

    def __init__(
        self, counters: CachedCounters, source: Optional[str] = None, instance: Optional[str] = None
    ) -> None:
        super().__init__()
        self._counters = counters
        self._source = source
        self._instance = instance

    def render_GET(self, request: Request) -> bytes:
        request.setHeader(b"Content-Type", CONTENT_TYPE.encode("ascii"))
        request.setHeader(b"Cache-Control", b"no-cache, no-store, must-revalidate")
        counters = self._counters
        source = self._source if self._source is not None else getattr(counters, "source", None)
        instance = self._instance or getattr(counters, "instance", None) or socket.gethostname()
        try:
            text = counters_to_prometheus_text(counters.get_all(), source, instance)
        except Exception:
            _log.failure("Failed to render counters for Prometheus")
            request.setResponseCode(500)
            return b"# failed to render counters\n"
        return text.encode("utf-8")
