# -*- test-case-name: tests.logs.test_repeats -*-
"""RepeatedEntries: one line, then a count, for an error that repeats hundreds of times a second."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any, Callable, Hashable

from ._entry import LogEntry, describe_error
from ._level import LogLevel

#: Distinct repeating entries tracked at once; past it the oldest window closes early.
MAX_TRACKED = 1000


@dataclasses.dataclass
class _Window:
    started: float
    last: LogEntry
    repeats: int = 0


def repeat_key(entry: LogEntry) -> Hashable:
    """What makes two entries the same: all but their correlation id and time."""
    error = entry.error
    described = None if error is None else (type(error).__name__, getattr(error, "code", None), describe_error(error))
    return entry.level, entry.component, entry.source, entry.message, described


class RepeatedEntries:
    """
    Lets the first of identical WARN, ERROR and FATAL entries through and
    counts the ones that follow within C{window} seconds (on C{seconds}, a
    reactor's clock). When the window is over, the next entry that passes
    (any entry) brings the count first: the last repeat, with C{repeated}
    set (its line ends with C{"(repeated 642 times in 5 s)"}). Nothing is
    scheduled: L{flush} gives the pending counts (at close).
    Other levels, and a C{window} of 0, pass untouched.
    """

    def __init__(self, window: float, seconds: Callable[[], float]) -> None:
        self.window = window
        self._seconds = seconds
        self._windows: OrderedDict[Hashable, _Window] = OrderedDict()

    def admit(self, entry: LogEntry) -> list[LogEntry]:
        """The entries to write for C{entry}, in order: a finished window's count, then the entry unless it repeats."""
        if self.window <= 0 or (not self._windows and entry.level > LogLevel.WARN):  # the common case: nothing to do
            return [entry]
        now = self._seconds()
        written = self._close_windows(lambda window: now - window.started >= self.window)
        if entry.level > LogLevel.WARN:
            return written + [entry]
        key = repeat_key(entry)
        window = self._windows.get(key)
        if window is not None:
            window.repeats += 1
            window.last = entry
            return written
        self._windows[key] = _Window(now, entry)
        if len(self._windows) > MAX_TRACKED:
            oldest = next(iter(self._windows))
            written += self._close(oldest)
        return written + [entry]

    def flush(self) -> list[LogEntry]:
        """The counts of every open window, now (and the windows closed)."""
        return self._close_windows(lambda window: True)

    def _close_windows(self, finished: Callable[[_Window], bool]) -> list[LogEntry]:
        written: list[LogEntry] = []
        while self._windows:
            key, window = next(iter(self._windows.items()))
            if not finished(window):
                break  # windows are in the order they started
            written += self._close(key)
        return written

    def _close(self, key: Any) -> list[LogEntry]:
        window = self._windows.pop(key)
        if not window.repeats:
            return []
        return [dataclasses.replace(window.last, repeated=(window.repeats, self.window))]
