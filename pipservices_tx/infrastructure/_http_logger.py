# -*- test-case-name: tests.infrastructure.test_http_logger -*-
"""HttpLogger: log entries sent in batches to the logging service, without ever holding up the caller."""

from __future__ import annotations

from collections import deque
from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred, succeed
from twisted.logger import Logger as TwistedLogger
from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ..lifecycle import IOpenable, ReactorAware
from ..logs import LogEntry, Logger, LogLevel
from ..refer import IReferenceable, IReferences
from ._clients import LoggingHttpClientV1
from ._send_loop import SendLoop, open_client, refused
from ._wire import log_message_v1

_log = TwistedLogger(namespace="pipservices_tx.infrastructure")


@implementer(IReconfigurable, IReferenceable, IOpenable)
class HttpLogger(ReactorAware, Logger):
    """
    Sends entries to the logging service (C{write_messages} of C{v1/logging})
    as LogMessageV1 in batches: every C{options.interval} ms (default 1000)
    and as soon as C{options.max_cache_size} entries wait (default 100, also
    the largest batch). Logging only appends to a buffer: it never waits and
    never fails. The buffer keeps at most C{options.max_buffer_size} entries
    (default 10000); beyond that the oldest go and are counted in
    C{dropped}, and the next batch that gets through starts with a warning
    saying how many were lost. A failed send is retried after a back-off of
    C{options.retry_delay} ms (default 1000), doubling up to
    C{options.max_retry_delay} ms (default 60000), with jitter; the entries
    stay queued meanwhile. C{close} sends what is left within
    C{options.timeout} ms (default 5000, also each call's timeout) and
    counts what it could not send as dropped. A batch the service refuses
    (a 4xx answer) is dropped and counted, not retried forever.

    The service is found like any client's: C{connection.uri} (or protocol,
    host and port, or C{connection.discovery_key}), C{credential.*},
    C{base_route} (default C{v1/logging}), C{options.connect_timeout}. Its
    own troubles are reported to twisted.logger (one warning when sending
    starts failing, one when it recovers), never to the loggers it serves.
    """

    def __init__(self) -> None:
        super().__init__(LogLevel.INFO)
        self.interval_ms = 1000
        self.max_cache_size = 100
        self.max_buffer_size = 10000
        self.retry_delay_ms = 1000
        self.max_retry_delay_ms = 60000
        self.timeout_ms = 5000
        self.dropped = 0
        self.sent = 0
        self._unreported = 0
        self._buffer: deque[LogEntry] = deque()
        self._config = ConfigParams()
        self._references: Optional[IReferences] = None
        self._client: Optional[LoggingHttpClientV1] = None
        self._loop: Optional[SendLoop] = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self._config = ConfigParams(config)
        self.interval_ms = config.get_as_checked_integer("options.interval", self.interval_ms, minimum=1)
        self.max_cache_size = config.get_as_checked_integer("options.max_cache_size", self.max_cache_size, minimum=1)
        self.max_buffer_size = config.get_as_checked_integer("options.max_buffer_size", self.max_buffer_size,
                                                             minimum=1)
        self.retry_delay_ms = config.get_as_checked_integer("options.retry_delay", self.retry_delay_ms, minimum=1)
        self.max_retry_delay_ms = config.get_as_checked_timeout("options.max_retry_delay", self.max_retry_delay_ms)
        self.timeout_ms = config.get_as_checked_integer("options.timeout", self.timeout_ms, minimum=1)

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._references = references

    @property
    def waiting(self) -> int:
        """Entries in the buffer, not yet taken by the logging service."""
        return len(self._buffer)

    # -- writing (the hot path: append, nothing else) -------------------------

    def _write(self, entry: LogEntry) -> None:
        self._buffer.append(entry)
        if len(self._buffer) > self.max_buffer_size:
            self._drop(len(self._buffer) - self.max_buffer_size)
        if len(self._buffer) >= self.max_cache_size and self._loop is not None:
            self._loop.poke()

    def _drop(self, count: int) -> None:
        for _ in range(count):
            self._buffer.popleft()
        self.dropped += count
        self._unreported += count

    # -- sending ----------------------------------------------------------------

    def _create_client(self) -> LoggingHttpClientV1:
        """The client of the logging service (a test may return one over StubTreq)."""
        client = LoggingHttpClientV1()
        client.set_reactor(self.reactor)
        return client

    def _send(self) -> Deferred[bool]:
        client = self._client
        if not self._buffer or client is None:
            return succeed(False)
        batch = [self._buffer.popleft() for _ in range(min(self.max_cache_size, len(self._buffer)))]
        messages = [log_message_v1(entry) for entry in batch]
        reported, self._unreported = self._unreported, 0
        if reported:
            warning = LogEntry(LogLevel.WARN, None, None, f"{reported} log messages were dropped while the "
                               "logging service could not be reached", "HttpLogger", self.source)
            messages.insert(0, log_message_v1(warning))

        def sent(_: Any) -> bool:
            self.sent += len(batch)
            return len(self._buffer) >= self.max_cache_size

        def failed(failure: Any) -> Any:
            if refused(failure.value):
                self.dropped += len(batch)
                _log.warn("HttpLogger: the logging service refused {count} messages: {error}",
                          count=len(batch), error=failure.value)
                return False
            self._buffer.extendleft(reversed(batch))
            self._unreported += reported
            if len(self._buffer) > self.max_buffer_size:
                self._drop(len(self._buffer) - self.max_buffer_size)
            return failure

        return client.write_messages(None, messages).addCallbacks(sent, failed)

    def _failing(self, error: BaseException, delay: float) -> None:
        if self._loop is not None and self._loop.failures == 1:
            _log.warn("HttpLogger cannot send to {url} ({error}); {waiting} messages wait, retrying in {delay:.1f} s",
                      url=self._client.base_url if self._client else None, error=error,
                      waiting=len(self._buffer), delay=delay)

    def _recovered(self) -> None:
        _log.info("HttpLogger sends to {url} again", url=self._client.base_url if self._client else None)

    # -- lifecycle ----------------------------------------------------------------

    def is_open(self) -> bool:
        return self._loop is not None

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._loop is not None:
            return
        self._client = await open_client(
            self._create_client(), self._config, self.timeout_ms, self._references, correlation_id)
        self._loop = SendLoop(self.reactor, self._send, self.interval_ms / 1000.0, self.retry_delay_ms / 1000.0,
                              self.max_retry_delay_ms / 1000.0, self._failing, self._recovered)
        self._loop.start()

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Sends what is left (within C{options.timeout}), then closes; never fails."""
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        loop, self._loop = self._loop, None
        client = self._client
        if loop is None or client is None:
            return
        await loop.stop()
        deadline = self.reactor.seconds() + self.timeout_ms / 1000.0
        while self._buffer and self.reactor.seconds() < deadline:
            try:
                await self._send()
            except Exception as e:
                _log.warn("HttpLogger could not send its last {count} messages: {error}",
                          count=len(self._buffer), error=e)
                break
        if self._buffer:
            self._drop(len(self._buffer))
        self._client = None
        await client.close(correlation_id)
