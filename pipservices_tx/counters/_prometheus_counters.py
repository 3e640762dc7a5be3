# -*- test-case-name: tests.counters.test_prometheus_counters -*-
"""PrometheusCounters: cached counters rendered for scraping, optionally pushed to a gateway."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import quote

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from ..config import ConfigParams
from ..errors import ApplicationException, ConnectionException, InvocationException
from ._cached_counters import CachedCounters
from ._counter import Counter
from ._prometheus_text import counters_to_prometheus_text


def _push_uri(connection: ConfigParams) -> Optional[str]:
    uri = connection.get_as_nullable_string("uri")
    if uri:
        return uri.rstrip("/")
    host = connection.get_as_nullable_string("host")
    if not host:
        return None
    protocol = connection.get_as_string_with_default("protocol", "http")
    port = connection.get_as_nullable_integer("port")
    return f"{protocol}://{host}" + (f":{port}" if port else "")


class PrometheusCounters(CachedCounters):
    """
    Keeps counters for C{/metrics} (see L{PrometheusMetricsResource}). With
    C{connection.uri} (or C{connection.protocol/host/port}) it also PUTs them
    to a Prometheus push gateway, under C{/metrics/job/<source>/instance/<host>},
    every C{options.interval} ms and on close. C{http_client} is anything
    with treq's C{put} (C{treq} itself by default, C{StubTreq} in tests).
    """

    def __init__(self, http_client: Any = None) -> None:
        super().__init__()
        self._http_client = http_client
        self.push_uri: Optional[str] = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.push_uri = _push_uri(config.get_section("connection"))

    def to_text(self) -> str:
        """The counters in the Prometheus text exposition format."""
        return counters_to_prometheus_text(self.get_all(), self.source, self.instance)

    def _save(self, counters: list[Counter]) -> Optional[Deferred[None]]:
        if self.push_uri is None:
            return None
        url = (
            f"{self.push_uri}/metrics/job/{quote(self.source or 'unknown', safe='')}"
            f"/instance/{quote(self.instance, safe='')}"
        )
        body = counters_to_prometheus_text(counters, self.source, self.instance).encode("utf-8")
        client = self._http_client
        if client is None:
            import treq as client
        d: Deferred[Any] = client.put(url, data=body, headers={b"Content-Type": [b"text/plain"]})
        d.addCallback(self._check_response, url)
        d.addErrback(self._push_failed, url)
        return d

    def _check_response(self, response: Any, url: str) -> Deferred[None]:
        def check(content: bytes) -> None:
            if not 200 <= response.code < 300:
                raise InvocationException(
                    None, "PUSH_FAILED",
                    f"Push gateway at {url} answered {response.code}: {content[:200].decode('utf-8', 'replace')}",
                ).with_details("status", response.code)

        import treq

        return treq.content(response).addCallback(check)

    def _push_failed(self, failure: Failure, url: str) -> Failure:
        if isinstance(failure.value, ApplicationException):
            return failure
        error = ConnectionException(None, "PUSH_FAILED", f"Cannot push counters to {url}: {failure.value}")
        error.with_cause(failure.value)
        return Failure(error)
