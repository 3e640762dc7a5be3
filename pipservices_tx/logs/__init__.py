"""Logging: levels, the ILogger contract and the null, console and composite loggers."""

from ._cached import CachedLogger
from ._composite import LOGGER_LOCATOR, CompositeLogger
from ._console import ConsoleLogger, publish_entry, route_console_to_twisted
from ._entry import LogEntry, escape_line_breaks, format_time
from ._factory import DefaultLoggerFactory
from ._interfaces import ILogger
from ._level import LogLevel
from ._logger import Logger, NullLogger, format_message
from ._observer import PipsLogObserver
from ._repeats import RepeatedEntries

__all__ = [
    "CachedLogger",
    "CompositeLogger",
    "ConsoleLogger",
    "DefaultLoggerFactory",
    "ILogger",
    "LOGGER_LOCATOR",
    "LogEntry",
    "LogLevel",
    "Logger",
    "NullLogger",
    "PipsLogObserver",
    "RepeatedEntries",
    "escape_line_breaks",
    "format_message",
    "format_time",
    "publish_entry",
    "route_console_to_twisted",
]
