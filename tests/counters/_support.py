"""Test doubles shared by the counters tests."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred

from pipservices_tx.counters import CachedCounters, Counter
from pipservices_tx.logs import LogEntry, Logger, LogLevel


class CapturingLogger(Logger):
    """Keeps every entry it is given."""

    def __init__(self) -> None:
        super().__init__(LogLevel.TRACE)
        self.entries: list[LogEntry] = []

    def _write(self, entry: LogEntry) -> None:
        self.entries.append(entry)


class RecordingCounters(CachedCounters):
    """Keeps every batch it is asked to save; C{result} is what C{_save} returns or raises."""

    def __init__(self, clock: Any = None) -> None:
        super().__init__()
        if clock is not None:
            self.set_reactor(clock)
        self.saved: list[list[Counter]] = []
        self.result: Any = None
        self.error: Optional[BaseException] = None

    def _save(self, counters: list[Counter]) -> Optional[Deferred[None]]:
        self.saved.append(counters)
        if self.error is not None:
            raise self.error
        return self.result
