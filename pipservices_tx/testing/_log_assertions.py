# -*- test-case-name: tests.testing.test_log_assertions -*-
"""capture_logs and CapturedLogs: assertions on the log entries a service wrote.

Every C{ConsoleLogger} publishes each entry it writes as a twisted.logger
event whose C{pips_entry} field is the L{LogEntry} itself (see
L{pipservices_tx.logs.publish_entry}). A test therefore asserts on entries,
with their level, correlation id and component, not on printed text::

    with capture_logs() as logs:
        controller.create_beacon("c-1", beacon)
    logs.assert_logged("info", "Created beacon", correlation_id="c-1")
    logs.assert_not_logged("error")

Only what a logger lets through reaches the capture: a console logger at
C{level: info} never writes C{trace} entries, so configure the level a test
asserts on. L{ContainerHarness} captures for the whole time its container
is open, in C{harness.logs}.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence, Union, overload

from twisted.logger import ILogObserver, LogPublisher, globalLogPublisher
from zope.interface import implementer

from ..logs import LogEntry, LogLevel

Level = Union[LogLevel, str, int, None]


def _level_of(level: Level) -> Optional[LogLevel]:
    if level is None:
        return None
    parsed = LogLevel.parse(level, LogLevel.NONE)
    if parsed is LogLevel.NONE and str(level).strip().lower() not in ("none", "0"):
        raise ValueError(f"{level!r} is not a log level (fatal, error, warn, info, debug, trace)")
    return parsed


def entry_matches(
    entry: LogEntry,
    level: Level = None,
    message: Optional[str] = None,
    correlation_id: Optional[str] = None,
    component: Optional[str] = None,
) -> bool:
    """
    True when C{entry} has exactly that level, a message containing C{message},
    that correlation id and that component; a criterion left as None matches all.
    """
    wanted = _level_of(level)
    return (
        (wanted is None or entry.level == wanted)
        and (message is None or message in entry.message)
        and (correlation_id is None or entry.correlation_id == correlation_id)
        and (component is None or entry.component == component)
    )


def _describe(level: Level, message: Optional[str], correlation_id: Optional[str],
              component: Optional[str]) -> str:
    parts = []
    if level is not None:
        parts.append(f"level {_level_of(level).name}")  # type: ignore[union-attr]
    if message is not None:
        parts.append(f"message containing {message!r}")
    if correlation_id is not None:
        parts.append(f"correlation id {correlation_id!r}")
    if component is not None:
        parts.append(f"component {component!r}")
    return "an entry with " + ", ".join(parts) if parts else "any entry"


@implementer(ILogObserver)
class CapturedLogs(Sequence[LogEntry]):
    """
    The entries captured so far, oldest first; a sequence of L{LogEntry}.
    Also the twisted.logger observer that collects them: events without a
    C{pips_entry} field (Twisted's own logs) are ignored.
    """

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []

    def __call__(self, event: dict[str, Any]) -> None:
        entry = event.get("pips_entry")
        if isinstance(entry, LogEntry):
            self.entries.append(entry)

    @overload
    def __getitem__(self, index: int) -> LogEntry: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[LogEntry]: ...

    def __getitem__(self, index: Any) -> Any:
        return self.entries[index]

    def __len__(self) -> int:
        return len(self.entries)

    def clear(self) -> None:
        """Forgets what was captured: the next assertions see only what follows."""
        self.entries.clear()

    def matching(
        self,
        level: Level = None,
        message: Optional[str] = None,
        correlation_id: Optional[str] = None,
        component: Optional[str] = None,
    ) -> list[LogEntry]:
        """The entries that match every criterion given (see L{entry_matches})."""
        return [e for e in self.entries if entry_matches(e, level, message, correlation_id, component)]

    def messages(self, level: Level = None) -> list[str]:
        """The messages, of one level or of all."""
        return [entry.message for entry in self.matching(level)]

    def assert_logged(
        self,
        level: Level,
        message: Optional[str] = None,
        correlation_id: Optional[str] = None,
        component: Optional[str] = None,
    ) -> LogEntry:
        """
        Returns the first matching entry; raises C{AssertionError}, listing what
        was logged, when there is none. C{level} is a L{LogLevel}, a name
        (C{"info"}) or a number, or None for any level.
        """
        found = self.matching(level, message, correlation_id, component)
        if not found:
            raise AssertionError(
                f"Expected {_describe(level, message, correlation_id, component)}; logged:\n{self._dump()}"
            )
        return found[0]

    def assert_not_logged(
        self,
        level: Level = None,
        message: Optional[str] = None,
        correlation_id: Optional[str] = None,
        component: Optional[str] = None,
    ) -> None:
        """Raises C{AssertionError}, naming the entries, when any entry matches."""
        found = self.matching(level, message, correlation_id, component)
        if found:
            lines = "\n".join("  " + entry.console_line() for entry in found)
            raise AssertionError(
                f"Expected no {_describe(level, message, correlation_id, component)[3:]}; found:\n{lines}"
            )

    def _dump(self, limit: int = 30) -> str:
        if not self.entries:
            return "  (nothing)"
        shown = self.entries[-limit:]
        lines = [f"  {entry.console_line()}" for entry in shown]
        if len(self.entries) > limit:
            lines.insert(0, f"  ... {len(self.entries) - limit} earlier entries")
        return "\n".join(lines)


def assert_logged(
    entries: Sequence[LogEntry],
    level: Level,
    message: Optional[str] = None,
    correlation_id: Optional[str] = None,
    component: Optional[str] = None,
) -> LogEntry:
    """L{CapturedLogs.assert_logged} for any sequence of entries."""
    logs = entries if isinstance(entries, CapturedLogs) else _wrap(entries)
    return logs.assert_logged(level, message, correlation_id, component)


def _wrap(entries: Sequence[LogEntry]) -> CapturedLogs:
    logs = CapturedLogs()
    logs.entries = list(entries)
    return logs


@contextmanager
def capture_logs(publisher: Optional[LogPublisher] = None) -> Iterator[CapturedLogs]:
    """
    Collects the entries published while the block runs (to
    C{globalLogPublisher} unless another publisher is given); the returned
    L{CapturedLogs} keeps them after the block ends.
    """
    logs = CapturedLogs()
    target = publisher if publisher is not None else globalLogPublisher
    target.addObserver(logs)
    try:
        yield logs
    finally:
        target.removeObserver(logs)
