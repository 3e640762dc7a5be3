# -*- test-case-name: tests.logs.test_loggers -*-
"""ConsoleLogger: the console line format, also published to twisted.logger."""

from __future__ import annotations

import sys
from typing import Any, Optional, TextIO

from twisted.internet.defer import Deferred, succeed
from twisted.logger import Logger as TwistedLogger
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams
from ..lifecycle import IClosable, ReactorAware
from ._entry import LogEntry
from ._level import LogLevel
from ._logger import Logger
from ._repeats import RepeatedEntries

_twisted_log = TwistedLogger(namespace="pipservices_tx")


class _Output:
    """Whether console loggers print themselves or leave it to a twisted observer."""

    printing = True


def route_console_to_twisted(enabled: bool = True) -> None:
    """
    The twistd plugin calls this: console loggers then only publish events,
    and the observer twistd was given writes them (C{-l file}, C{--logger}).
    """
    _Output.printing = not enabled


def publish_entry(entry: LogEntry, fmt: str, printed: bool) -> None:
    """Emits C{entry} as a twisted.logger event with its fields."""
    fields: dict[str, Any] = {}
    if entry.error is not None:
        # Only when there is one: legacy observers (trial's among them) treat
        # any event with a C{log_failure} key as an error.
        fields["log_failure"] = Failure(entry.error)
    _twisted_log.emit(
        entry.level.to_twisted(),
        "{pips_message}",
        pips_message=entry.json_line() if fmt == "json" else entry.console_line(),
        pips_entry=entry,
        pips_format=fmt,
        pips_printed=printed,
        pips_level=entry.level.name,
        correlation_id=entry.correlation_id,
        component=entry.component or entry.source,
        **fields,
    )


@implementer(IClosable)
class ConsoleLogger(Logger, ReactorAware):
    """
    Prints C{[corr:LEVEL:time] message} lines (or one JSON object a line with
    C{options.format: json}) to stdout, errors to stderr, and publishes each
    entry to twisted.logger with C{correlation_id}, C{component} and level fields.
    Every entry is one line, whatever its text holds.

    A WARN, ERROR or FATAL entry identical to one written less than
    C{options.repeat_window} ms before (default 5000; 0 writes them all),
    but for its correlation id, is counted instead of written; the count
    follows as one line, C{... (repeated 642 times in 5 s)}, when the
    window is over and something else is logged, or at close (see
    L{RepeatedEntries}). A database outage then costs a line per error
    every few seconds instead of hundreds a second.
    """

    def __init__(
        self,
        level: LogLevel = LogLevel.INFO,
        stdout: Optional[TextIO] = None,
        stderr: Optional[TextIO] = None,
    ) -> None:
        super().__init__(level)
        self.format = "text"
        self._stdout = stdout
        self._stderr = stderr
        self._repeats = RepeatedEntries(5.0, lambda: self.reactor.seconds())

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.format = config.get_as_checked_choice("options.format", self.format, ("text", "json"))
        window_ms = config.get_as_integer_with_default("options.repeat_window", int(self._repeats.window * 1000))
        self._repeats.window = max(0, window_ms) / 1000.0

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Writes the counts of the repeats not written yet."""
        for entry in self._repeats.flush():
            self._print(entry)
        return succeed(None)

    def _write(self, entry: LogEntry) -> None:
        for admitted in self._repeats.admit(entry):
            self._print(admitted)

    def _print(self, entry: LogEntry) -> None:
        printing = _Output.printing or self._stdout is not None
        if printing:
            stream = (self._stderr or sys.stderr) if entry.level <= LogLevel.ERROR else (self._stdout or sys.stdout)
            stream.write((entry.json_line() if self.format == "json" else entry.console_line()) + "\n")
            stream.flush()
        publish_entry(entry, self.format, printing)
