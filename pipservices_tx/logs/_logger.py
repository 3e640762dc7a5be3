# -*- test-case-name: tests.logs.test_loggers -*-
"""The base every logger derives from: level filtering, formatting, context."""

from __future__ import annotations

from typing import Any, Optional

from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..refer import Descriptor, IReferenceable, IReferences
from ._entry import LogEntry
from ._interfaces import ILogger
from ._level import LogLevel

_CONTEXT_INFO = Descriptor("pip-services", "context-info", "*", "*", "1.0")


def format_message(message: Any, args: tuple[Any, ...]) -> str:
    """C{%}-style formatting that never raises on a mismatch."""
    text = str(message)
    if not args:
        return text
    try:
        return text % args
    except (TypeError, ValueError, KeyError):
        return " ".join([text, *map(str, args)])


@implementer(ILogger, IConfigurable, IReferenceable)
class Logger:
    """
    Configured by C{level} (name or number, default C{info}) and C{source};
    takes C{source} from context-info when it is not configured.
    """

    def __init__(self, level: LogLevel = LogLevel.INFO, source: Optional[str] = None) -> None:
        self.level: LogLevel = level
        self.source: Optional[str] = source
        self.component: Optional[str] = None

    def configure(self, config: ConfigParams) -> None:
        self.level = LogLevel.from_config(config, "level", self.level)
        self.source = config.get_as_string_with_default("source", self.source or "") or None

    def set_references(self, references: IReferences) -> None:
        if self.source is None:
            info = references.get_one_optional(_CONTEXT_INFO)
            if info is not None:
                self.source = getattr(info, "name", None)

    def is_enabled(self, level: LogLevel) -> bool:
        return level != LogLevel.NONE and level <= self.level

    def log(
        self,
        level: LogLevel,
        correlation_id: Optional[str],
        error: Optional[BaseException],
        message: str,
        *args: Any,
    ) -> None:
        if not self.is_enabled(level):
            return
        self.write_entry(
            LogEntry(level, correlation_id, error, format_message(message, args), self.component, self.source)
        )

    def write_entry(self, entry: LogEntry) -> None:
        """Writes an entry that another logger (a composite) already built."""
        if self.is_enabled(entry.level):
            if entry.source is None:
                entry.source = self.source
            self._write(entry)

    def _write(self, entry: LogEntry) -> None:
        """Where a subclass puts the entry."""

    def fatal(self, correlation_id: Optional[str], error: Optional[BaseException], message: str, *args: Any) -> None:
        self.log(LogLevel.FATAL, correlation_id, error, message, *args)

    def error(self, correlation_id: Optional[str], error: Optional[BaseException], message: str, *args: Any) -> None:
        self.log(LogLevel.ERROR, correlation_id, error, message, *args)

    def warn(self, correlation_id: Optional[str], message: str, *args: Any) -> None:
        self.log(LogLevel.WARN, correlation_id, None, message, *args)

    def info(self, correlation_id: Optional[str], message: str, *args: Any) -> None:
        self.log(LogLevel.INFO, correlation_id, None, message, *args)

    def debug(self, correlation_id: Optional[str], message: str, *args: Any) -> None:
        if self.level >= LogLevel.DEBUG:
            self.log(LogLevel.DEBUG, correlation_id, None, message, *args)

    def trace(self, correlation_id: Optional[str], message: str, *args: Any) -> None:
        if self.level >= LogLevel.TRACE:  # the hot path: one comparison when tracing is off
            self.log(LogLevel.TRACE, correlation_id, None, message, *args)


class NullLogger(Logger):
    """Writes nothing; the logger to use where logs are not wanted."""

    def __init__(self) -> None:
        super().__init__(LogLevel.NONE)

    def configure(self, config: ConfigParams) -> None:
        """Nothing to configure: the level stays C{none}."""
