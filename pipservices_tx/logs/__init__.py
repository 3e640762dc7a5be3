"""Logging: levels, the ILogger contract and the null, console and composite loggers."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "CachedLogger":
        from . import _cached

        module = _cached
    elif name in ("LOGGER_LOCATOR", "CompositeLogger"):
        from . import _composite

        module = _composite
    elif name in ("ConsoleLogger", "publish_entry", "route_console_to_twisted"):
        from . import _console

        module = _console
    elif name in ("LogEntry", "escape_line_breaks", "format_time"):
        from . import _entry

        module = _entry
    elif name == "DefaultLoggerFactory":
        from . import _factory

        module = _factory
    elif name == "ILogger":
        from . import _interfaces

        module = _interfaces
    elif name == "LogLevel":
        from . import _level

        module = _level
    elif name in ("Logger", "NullLogger", "format_message"):
        from . import _logger

        module = _logger
    elif name == "PipsLogObserver":
        from . import _observer

        module = _observer
    elif name == "RepeatedEntries":
        from . import _repeats

        module = _repeats
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
