# -*- test-case-name: tests.logs.test_shipping -*-
"""CachedLogger: a logger that collects entries and saves them in batches."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, DeferredLock, maybeDeferred, succeed
from twisted.internet.task import LoopingCall
from twisted.logger import Logger as TwistedLogger
from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ..lifecycle import IOpenable, ReactorAware
from ._entry import LogEntry
from ._level import LogLevel
from ._logger import Logger

_log = TwistedLogger(namespace="pipservices_tx.logs")


@implementer(IReconfigurable, IOpenable)
class CachedLogger(Logger, ReactorAware):
    """
    Keeps entries in memory and hands them to L{_save} every
    C{options.interval} milliseconds (default 10000), as soon as
    C{options.max_cache_size} (default 100) have gathered, and on C{close}.
    One save runs at a time. When saves fail or lag, the cache keeps the
    newest C{max_cache_size} entries and counts the others in C{dropped}.
    The component's reactor drives the interval.
    """

    def __init__(self, level: LogLevel = LogLevel.INFO) -> None:
        super().__init__(level)
        self.interval = 10.0
        self.max_cache_size = 100
        self.dropped = 0
        self._cache: list[LogEntry] = []
        self._lock = DeferredLock()
        self._dump_queued = False
        self._loop: Optional[LoopingCall] = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.interval = max(config.get_as_checked_integer("options.interval", int(self.interval * 1000), minimum=1), 1) / 1000
        self.max_cache_size = max(config.get_as_checked_integer("options.max_cache_size", self.max_cache_size, minimum=1), 1)

    def _save(self, entries: list[LogEntry]) -> Any:
        """Where a subclass ships a batch; may return a Deferred or a coroutine."""
        return None

    def _write(self, entry: LogEntry) -> None:
        self._cache.append(entry)
        overflow = len(self._cache) - self.max_cache_size
        if overflow > 0 and self._lock.locked:
            del self._cache[:overflow]
            self.dropped += overflow
        if len(self._cache) >= self.max_cache_size:
            self.dump()

    def dump(self) -> Deferred[None]:
        """Saves what is cached now (after the save in progress, if any); never fails."""
        if self._dump_queued:
            return succeed(None)
        self._dump_queued = True
        return self._lock.run(self._dump_now)

    async def _dump_now(self) -> None:
        self._dump_queued = False
        entries, self._cache = self._cache, []
        if not entries:
            return
        try:
            await maybeDeferred(self._save, entries)
        except Exception as e:
            kept = (entries + self._cache)[-self.max_cache_size:]
            self.dropped += len(entries) + len(self._cache) - len(kept)
            self._cache = kept
            _log.warn("{logger} cannot save {count} log entries: {error}",
                      logger=type(self).__name__, count=len(entries), error=e)

    def is_open(self) -> bool:
        return self._loop is not None

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._loop is None:
            self._loop = LoopingCall(self.dump)
            self._loop.clock = self.reactor
            self._loop.start(self.interval, now=False)
        return succeed(None)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Stops the interval and saves what is left."""
        loop, self._loop = self._loop, None
        if loop is not None and loop.running:
            loop.stop()
        return self.dump()
