# -*- test-case-name: tests.logs.test_level -*-
"""Log levels shared by every Pip.Services language."""

from __future__ import annotations

import enum
from typing import Any

from twisted.logger import LogLevel as TwistedLogLevel

from ..config import ConfigParams, bad_config_value


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
        found = cls.lookup(value)
        if found is not None:
            return found
        return cls.INFO if default is None else default

    @classmethod
    def lookup(cls, value: Any) -> LogLevel | None:
        """The level C{value} names, or None when it names none (C{loud}, 7, an empty string)."""
        if isinstance(value, LogLevel):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value) if 0 <= value <= 6 else None
        text = str(value or "").strip().upper()
        if text.isdigit():
            return cls.lookup(int(text))
        text = {"WARNING": "WARN", "ERR": "ERROR", "CRITICAL": "FATAL"}.get(text, text)
        return cls.__members__.get(text)

    @classmethod
    def from_config(cls, config: ConfigParams, key: str, default: LogLevel) -> LogLevel:
        """The level under C{key}; C{default} when unset; a ConfigException naming the key when it names none."""
        value = config.get_as_nullable_string(key)
        if value is None or not value.strip():
            return default
        found = cls.lookup(value)
        if found is None:
            raise bad_config_value(key, value, "a log level (none, fatal, error, warn, info, debug, trace or 0-6)")
        return found

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
