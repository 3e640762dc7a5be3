# -*- test-case-name: tests.infrastructure.test_http_counters -*-
"""HttpCounters: each period's counters sent to the counters service, kept and merged while it is away."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred, succeed
from twisted.logger import Logger as TwistedLogger

from ..config import ConfigParams
from ..counters import CachedCounters, Counter
from ..refer import IReferences
from ._clients import CountersHttpClientV1
from ._send_loop import SendLoop, open_client, refused
from ._wire import counter_v1

_log = TwistedLogger(namespace="pipservices_tx.infrastructure")


class HttpCounters(CachedCounters):
    """
    Sends the counters measured in each period to the counters service
    (C{write_counters} of C{v1/counters}, as CounterV1) every
    C{options.interval} ms (default 60000; 0: only on C{dump} and close). Each send carries only that
    period: increments count what happened since the last send, timings
    their own count, min, max and average, so the service adds periods up
    instead of counting twice. Measuring is a plain call that never waits
    and never fails. While the service is away, periods are merged into one
    (one entry per counter name, so nothing grows but the set of names) and
    sent when it is back; a failed send is retried after
    C{options.retry_delay} ms (default 1000), doubling up to
    C{options.max_retry_delay} ms (default 60000), with jitter. C{close}
    sends the last period within C{options.timeout} ms (default 5000, also
    each call's timeout); counters it could not send, and those the service
    refused (a 4xx answer), are counted in C{dropped}.

    The service is found like any client's: C{connection.*},
    C{credential.*}, C{base_route} (default C{v1/counters}; C{v1/perfmon} for
    the newer performance monitor), C{options.connect_timeout}. C{source}
    names this service in each counter (default: the context-info name).
    C{options.reset_timeout} does not apply: every send starts a new period.
    """

    default_route = "v1/counters"

    def __init__(self, base_route: Optional[str] = None) -> None:
        super().__init__()
        self.interval = 60000
        self.retry_delay_ms = 1000
        self.max_retry_delay_ms = 60000
        self.timeout_ms = 5000
        self.dropped = 0
        self._base_route = base_route or self.default_route
        self._config = ConfigParams()
        self._references: Optional[IReferences] = None
        self._client: Optional[CountersHttpClientV1] = None
        self._send_loop: Optional[SendLoop] = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self._config = ConfigParams(config)
        self.retry_delay_ms = config.get_as_checked_integer("options.retry_delay", self.retry_delay_ms, minimum=1)
        self.max_retry_delay_ms = config.get_as_checked_timeout("options.max_retry_delay", self.max_retry_delay_ms)
        self.timeout_ms = config.get_as_checked_integer("options.timeout", self.timeout_ms, minimum=1)
        self.reset_timeout = 0

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._references = references

    # -- sending ----------------------------------------------------------------

    def _create_client(self) -> CountersHttpClientV1:
        """The client of the counters service (a test may return one over StubTreq)."""
        client = CountersHttpClientV1(self._base_route)
        client.set_reactor(self.reactor)
        return client

    def dump(self) -> Deferred[None]:
        """Sends the current period now; fires when the service took it (it stays for later when not)."""
        return self._send().addCallback(lambda _: None)

    def _send(self) -> Deferred[bool]:
        client = self._client
        counters = self.take_all() if client is not None else []
        if client is None or not counters:
            return succeed(False)
        payload = [counter_v1(counter, self.source) for counter in counters]

        def failed(failure: Any) -> Any:
            if refused(failure.value):
                self.dropped += len(counters)
                _log.warn("HttpCounters: the counters service refused {count} counters: {error}",
                          count=len(counters), error=failure.value)
                return False
            self.restore(counters)
            return failure

        return client.write_counters(None, payload).addCallbacks(lambda _: False, failed)

    def _failing(self, error: BaseException, delay: float) -> None:
        if self._send_loop is not None and self._send_loop.failures == 1:
            _log.warn("HttpCounters cannot send to {url} ({error}); retrying in {delay:.1f} s",
                      url=self._client.base_url if self._client else None, error=error, delay=delay)

    def _recovered(self) -> None:
        _log.info("HttpCounters sends to {url} again", url=self._client.base_url if self._client else None)

    # -- lifecycle ----------------------------------------------------------------

    def is_open(self) -> bool:
        return self._send_loop is not None

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._send_loop is not None:
            return
        self._client = await open_client(
            self._create_client(), self._config, self.timeout_ms, self._references, correlation_id)
        self._send_loop = SendLoop(self.reactor, self._send, self.interval / 1000.0, self.retry_delay_ms / 1000.0,
                                   self.max_retry_delay_ms / 1000.0, self._failing, self._recovered)
        self._send_loop.start()

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Sends the last period, then closes; never fails."""
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        loop, self._send_loop = self._send_loop, None
        client = self._client
        if loop is None or client is None:
            return
        await loop.stop()
        try:
            await self._send()
        except Exception as e:
            lost: list[Counter] = self.take_all()
            self.dropped += len(lost)
            _log.warn("HttpCounters could not send its last {count} counters: {error}", count=len(lost), error=e)
        self._client = None
        await client.close(correlation_id)
