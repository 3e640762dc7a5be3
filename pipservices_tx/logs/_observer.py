# -*- test-case-name: tests.logs.test_observer -*-
"""The twisted.logger observer twistd writes with: every event as a console or JSON line."""

from __future__ import annotations

from typing import Any, Callable, TextIO

from twisted.logger import ILogObserver, formatEvent
from twisted.logger import LogLevel as TwistedLogLevel
from zope.interface import implementer

from ._entry import LogEntry
from ._level import LogLevel

# Every connection pool and listener says "Starting factory ..." at info level.
_CHATTER = frozenset({"Starting factory {factory!r}", "Stopping factory {factory!r}"})

_FROM_TWISTED = {
    TwistedLogLevel.critical: LogLevel.FATAL,
    TwistedLogLevel.error: LogLevel.ERROR,
    TwistedLogLevel.warn: LogLevel.WARN,
    TwistedLogLevel.info: LogLevel.INFO,
    TwistedLogLevel.debug: LogLevel.DEBUG,
}


def entry_from_event(event: dict[str, Any]) -> LogEntry:
    """A LogEntry for an event from Twisted or any library logging through it."""
    import datetime

    entry = event.get("pips_entry")
    if isinstance(entry, LogEntry):
        return entry
    level = _FROM_TWISTED.get(event.get("log_level", TwistedLogLevel.info), LogLevel.INFO)
    message = formatEvent(event)
    failure = event.get("log_failure")
    if failure is not None:
        message = f"{message}\n{failure.getTraceback()}".strip()
    when = event.get("log_time")
    time = (
        datetime.datetime.fromtimestamp(when, datetime.timezone.utc)
        if isinstance(when, (int, float)) else datetime.datetime.now(datetime.timezone.utc)
    )
    return LogEntry(level, None, None, message, event.get("log_namespace"), event.get("log_system"), time)


@implementer(ILogObserver)
class PipsLogObserver:
    """
    Writes events as C{[corr:LEVEL:time] message} lines, or one JSON object a
    line with C{fmt="json"}. Entries a console logger already printed are skipped.
    """

    def __init__(
        self, stream: TextIO, fmt: str = "text", level: LogLevel = LogLevel.TRACE,
        flush: Callable[[], None] | None = None,
    ) -> None:
        self._stream = stream
        self._format = fmt
        self._level = level
        self._flush = flush or getattr(stream, "flush", None)

    def __call__(self, event: dict[str, Any]) -> None:
        if event.get("pips_printed"):
            return
        if event.get("pips_raw"):
            # A line another process already formatted (a worker's): written as it is.
            self._stream.write(f"{event.get('line', '')}\n")
            if self._flush is not None:
                self._flush()
            return
        if event.get("log_format") in _CHATTER:
            return
        entry = entry_from_event(event)
        if entry.level > self._level:
            return
        fmt = event.get("pips_format") or self._format
        if self._format == "json":
            fmt = "json"
        line = entry.json_line() if fmt == "json" else entry.console_line()
        self._stream.write(line + "\n")
        if self._flush is not None:
            self._flush()
