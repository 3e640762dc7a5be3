# -*- test-case-name: tests.logs.test_level -*-
"""Log levels shared by every Pip.Services language."""

from __future__ import annotations

import enum
from typing import Any

from twisted.logger import LogLevel as TwistedLogLevel


class LogLevel(enum.IntEnum):
    """None 0, Fatal 1, Error 2, Warn 3, Info 4, Debug 5, Trace 6."""

    NONE = 0
    FATAL = 1
    ERROR = 2
    WARN = 3
    INFO = 4
    DEBUG = 5
    TRACE = 6

    @classmethod
    def parse(cls, value: Any, default: LogLevel | None = None) -> LogLevel:
        """Reads a level from a name (any case, C{warning} too) or a number."""
        fallback = cls.INFO if default is None else default
        if isinstance(value, LogLevel):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value) if 0 <= value <= 6 else fallback
        text = str(value or "").strip().upper()
        if text.isdigit():
            return cls.parse(int(text), fallback)
        text = {"WARNING": "WARN", "ERR": "ERROR", "CRITICAL": "FATAL"}.get(text, text)
        return cls.__members__.get(text, fallback)

    def to_twisted(self) -> TwistedLogLevel:
        """The closest twisted.logger level."""
        return _TWISTED[self]


_TWISTED = {
    LogLevel.NONE: TwistedLogLevel.debug,
    LogLevel.FATAL: TwistedLogLevel.critical,
    LogLevel.ERROR: TwistedLogLevel.error,
    LogLevel.WARN: TwistedLogLevel.warn,
    LogLevel.INFO: TwistedLogLevel.info,
    LogLevel.DEBUG: TwistedLogLevel.debug,
    LogLevel.TRACE: TwistedLogLevel.debug,
}
